#include "w2v/train/train_options.h"

#include "w2v/base/error.h"

namespace w2v {
namespace {

void require(bool ok, const char* option, const std::string& what) {
  if (!ok) throw Error(std::string("--") + option + ": " + what);
}

}  // namespace

void TrainOptions::validate() const {
  require(dim >= 1, "dim", "must be at least 1, got " + std::to_string(dim));
  require(window >= 1, "window", "must be at least 1, got " + std::to_string(window));
  require(negative >= 0, "negative", "must not be negative, got " + std::to_string(negative));
  require(loss != LossKind::kNegativeSampling || negative >= 1, "negative",
          "must be at least 1 with --loss ns");
  require(ns_exponent >= 0 && ns_exponent <= 10, "ns-exponent", "must be between 0 and 10");
  require(sample >= 0 && sample < 1, "sample", "must be in [0, 1)");
  require(min_count >= 1, "min-count", "must be at least 1");
  require(epochs >= 1, "epochs", "must be at least 1, got " + std::to_string(epochs));
  require(alpha >= 0 && alpha < 10, "alpha", "must be positive and below 10");
  require(min_alpha < 0 || min_alpha <= start_alpha(), "min-alpha", "must not exceed --alpha");
  require(threads >= 1 && threads <= 1024, "threads", "must be between 1 and 1024");
  require(max_sentence >= 1, "max-sentence", "must be at least 1");
}

ModelKind parse_model(const std::string& name) {
  if (name == "sg" || name == "skipgram") return ModelKind::kSkipGram;
  if (name == "cbow") return ModelKind::kCbow;
  throw Error("--model: unknown model '" + name + "' (expected sg or cbow)");
}

LossKind parse_loss(const std::string& name) {
  if (name == "ns") return LossKind::kNegativeSampling;
  if (name == "hs") return LossKind::kHierarchicalSoftmax;
  if (name == "softmax") return LossKind::kSoftmax;
  throw Error("--loss: unknown loss '" + name + "' (expected ns, hs or softmax)");
}

const char* model_name(ModelKind model) { return model == ModelKind::kSkipGram ? "sg" : "cbow"; }

const char* loss_name(LossKind loss) {
  switch (loss) {
    case LossKind::kNegativeSampling: return "ns";
    case LossKind::kHierarchicalSoftmax: return "hs";
    case LossKind::kSoftmax: return "softmax";
  }
  return "?";
}

}  // namespace w2v

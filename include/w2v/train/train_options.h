#pragma once
#include <cstdint>
#include <string>

#include "w2v/train/objectives.h"

namespace w2v {

enum class ModelKind { kSkipGram, kCbow };

// Hyper-parameters of a training run, with word2vec.c's defaults.
struct TrainOptions {
  ModelKind model = ModelKind::kCbow;
  LossKind loss = LossKind::kNegativeSampling;
  int dim = 100;
  int window = 5;
  int negative = 5;
  double ns_exponent = 0.75;
  double sample = 1e-3;
  std::uint64_t min_count = 5;
  std::size_t max_vocab = 0;  // 0: no limit
  int epochs = 5;
  double alpha = 0;       // 0: 0.025 for skip-gram, 0.05 for CBOW
  double min_alpha = -1;  // negative: alpha * 1e-4
  int threads = 1;
  std::uint64_t seed = 1;
  bool cbow_mean = true;
  std::size_t max_sentence = 1000;

  double start_alpha() const { return alpha > 0 ? alpha : (model == ModelKind::kSkipGram ? 0.025 : 0.05); }
  double end_alpha() const { return min_alpha >= 0 ? min_alpha : start_alpha() * 1e-4; }

  // Throws Error naming the first option with an invalid value.
  void validate() const;
};

ModelKind parse_model(const std::string& name);
LossKind parse_loss(const std::string& name);
const char* model_name(ModelKind model);
const char* loss_name(LossKind loss);

}  // namespace w2v

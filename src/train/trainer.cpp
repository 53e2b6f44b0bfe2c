#include "w2v/train/trainer.h"

#include <string>

#include "training_run.h"
#include "w2v/base/error.h"

namespace w2v {

Trainer::Trainer(const TrainOptions& options, const Vocabulary& vocabulary, Isa isa) : options_(options), isa_(isa) {
  options_.validate();
  for (double p : vocabulary.keep_probabilities(options_.sample)) {
    keep_threshold_.push_back(p >= 1.0 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(p * 0x1.0p32));
  }
}

TrainSummary Trainer::train(Model& model, const TokenStream& corpus, TrainingObserver& observer) const {
  if (model.input().rows() != keep_threshold_.size()) throw Error("the model does not match the vocabulary");
  const auto run = [&] {
    switch (isa_) {
#ifdef W2V_NATIVE
      case Isa::kNative: return w2v_training_run_native;
#else
      case Isa::kBaseline: return w2v_training_run_baseline;
      case Isa::kAvx2: return w2v_training_run_avx2;
      case Isa::kAvx512: return w2v_training_run_avx512;
#endif
      default: throw Error("training kernels for " + std::string(isa_name(isa_)) + " are not in this build");
    }
  }();
  TrainSummary summary = run(options_, keep_threshold_, model, corpus, observer);
  summary.isa = isa_;
  return summary;
}

}  // namespace w2v

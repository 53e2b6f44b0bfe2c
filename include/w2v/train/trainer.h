#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "w2v/text/token_stream.h"
#include "w2v/text/vocabulary.h"
#include "w2v/train/model.h"
#include "w2v/train/model_sync.h"
#include "w2v/train/train_options.h"
#include "w2v/train/training_observer.h"

namespace w2v {

// Lock-free parallel SGD (Hogwild) over one shared model: each thread trains
// on its own part of the token stream and updates the shared matrices
// without locks, as word2vec.c does. The learning rate falls linearly from
// options.start_alpha() to options.end_alpha() over all epochs.
class Trainer {
 public:
  Trainer(const TrainOptions& options, const Vocabulary& vocabulary);

  // Trains `model` for options.epochs epochs over `corpus`. An exception on
  // any thread stops them all and is rethrown here. With `sync`, this
  // process is one of several that train together: the learning rate and
  // the progress follow the words of all of them, and `sync` synchronises the
  // models between sentences.
  TrainSummary train(Model& model, const TokenStream& corpus, TrainingObserver& observer, ModelSync* sync = nullptr) const;

 private:
  template <class Layer>
  TrainSummary run(Matrix& input, Layer& layer, const TokenStream& corpus, TrainingObserver& observer,
                   ModelSync& sync, std::uint64_t total_words) const;

  TrainOptions options_;
  std::vector<std::uint32_t> keep_threshold_;  // subsampling, as 32-bit fractions
};

}  // namespace w2v

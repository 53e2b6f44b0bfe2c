#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "w2v/base/error.h"
#include "w2v/text/token_stream.h"
#include "w2v/text/vocabulary.h"
#include "w2v/train/kernel_isa.h"
#include "w2v/train/model.h"
#include "w2v/train/model_sync.h"
#include "w2v/train/train_options.h"
#include "w2v/train/training_state.h"
#include "w2v/train/training_observer.h"

namespace w2v {

// The error that ends a run whose loss or vectors stopped being finite
// numbers (at learning rate `alpha`, when known): it names --alpha.
Error training_diverged(const TrainOptions& options, std::optional<double> alpha);

// One training run's model, corpus and progress.
struct TrainingRun {
  Model& model;
  const TokenStream& corpus;
  CorpusFingerprint fingerprint;  // of `corpus`, for checkpoints
  // In: where to start; with no threads, at the beginning. Out: where the
  // run ended (done, or stopped by the observer), ready to be checkpointed.
  TrainingState state;
};

// Lock-free parallel SGD (Hogwild) over one shared model: each thread trains
// on its own part of the token stream and updates the shared matrices
// without locks, as word2vec.c does. The learning rate falls linearly from
// options.start_alpha() to options.end_alpha() over all epochs.
//
// When the observer asks for a checkpoint, every thread stops at its next
// sentence boundary (a thread that finished its part of the epoch is
// already still) and the observer gets the complete state; resumed from it
// with one thread, a run gives the very vectors it would have given
// uninterrupted: the random streams, the draws made ahead, the positions in
// the corpus, the learning rate and the word counts all continue.
//
// With a ModelSync of several processes (an MPI job), this process is one of
// several that train together: the learning rate and the progress follow
// the words of all of them, each thread of each process draws its own
// random stream, and the sync keeps the models in step between sentences.
// The processes pause for a checkpoint and stop together, after the same
// synchronisation (ModelSync::decide), so that none is left waiting for the
// others; in a pause their models are made the same and the observer gets
// the state of every process. Each resumes from its own state; with one
// thread per process, a resumed job too gives the very vectors of the
// uninterrupted one.
class Trainer {
 public:
  // Training runs the kernels compiled for `isa` (w2v/train/kernel_isa.h).
  Trainer(const TrainOptions& options, const Vocabulary& vocabulary, Isa isa = training_isa());

  // Trains run.model until options.epochs epochs are done, from run.state.
  // An exception on any thread stops them all and is rethrown here.
  TrainSummary train(TrainingRun& run, TrainingObserver& observer, ModelSync* sync = nullptr) const;
  // A whole run from the beginning.
  TrainSummary train(Model& model, const TokenStream& corpus, TrainingObserver& observer) const;

 private:
  TrainingState initial_state(const TokenStream& corpus, int rank) const;
  void check_state(const TrainingState& state, const TokenStream& corpus) const;

  TrainOptions options_;
  const Vocabulary& vocabulary_;
  Isa isa_;
  std::vector<std::uint32_t> keep_threshold_;  // subsampling, as 32-bit fractions
};

}  // namespace w2v

#pragma once
// The entry points of the training kernels, one per kernel set of the build
// (w2v/train/kernel_isa.h). training_run.cpp is compiled once per set, each
// time defining W2V_TRAINING_RUN as the name below; CMake then makes every
// other symbol of that set's objects local (ld -r, objcopy
// --keep-global-symbol), so that no inline or template function compiled for
// AVX-512 can stand in for the baseline copy of the same function elsewhere.
// Only these names cross from the baseline library into a kernel set.
#include <cstdint>
#include <span>

#include "w2v/text/vocabulary.h"
#include "w2v/train/model_sync.h"
#include "w2v/train/train_options.h"
#include "w2v/train/trainer.h"
#include "w2v/train/training_observer.h"

// Trains run.model from run.state (resuming: a checkpointed run's state) until
// options.epochs epochs are done: Trainer::train's contract, after its checks.
// keep_threshold is each word's subsampling threshold, as a 32-bit fraction;
// sync keeps the models of the processes of an MPI job in step, and
// total_words is the words of all epochs of all of them (ModelSync::start).
#define W2V_TRAINING_RUN_SIGNATURE(name)                                                                         \
  w2v::TrainSummary name(const w2v::TrainOptions& options, const w2v::Vocabulary& vocabulary,                    \
                         std::span<const std::uint32_t> keep_threshold, w2v::TrainingRun& run, bool resuming,    \
                         w2v::TrainingObserver& observer, w2v::ModelSync& sync, std::uint64_t total_words)

extern "C" {
#ifdef W2V_NATIVE
W2V_TRAINING_RUN_SIGNATURE(w2v_training_run_native);
#else
W2V_TRAINING_RUN_SIGNATURE(w2v_training_run_baseline);
W2V_TRAINING_RUN_SIGNATURE(w2v_training_run_avx2);
W2V_TRAINING_RUN_SIGNATURE(w2v_training_run_avx512);
#endif
}

#pragma once
// Checkpoints: the complete state of a training run in one file, from which
// `w2v train --resume` continues it exactly and `--init` starts a new run.
// The format (docs/checkpoint-format.md): a magic string and a version, then
// sections, each with its own CRC-32: options, vocabulary, corpus
// fingerprint, training state, one section per matrix of the model, end.
#include <cstdint>
#include <string>

#include "w2v/base/atomic_file.h"
#include "w2v/text/vocabulary.h"
#include "w2v/train/model.h"
#include "w2v/train/train_options.h"
#include "w2v/train/training_state.h"

namespace w2v {

constexpr std::uint32_t kCheckpointVersion = 1;

// A run as a checkpoint holds it, by reference: valid while the run is
// paused (TrainingObserver::checkpoint) or done.
struct RunSnapshot {
  const TrainOptions& options;
  const Vocabulary& vocabulary;
  const Model& model;
  const CorpusFingerprint& corpus;
  const TrainingState& state;
};

// Writes `run` into `file`, which the caller commits. A matrix holding a
// value that is not a finite number is refused (training_diverged): a
// checkpoint is never a NaN model.
void write_checkpoint(AtomicFile& file, const RunSnapshot& run);
// The same to `path`, committed: written, synced, renamed (AtomicFile).
void save_checkpoint(const std::string& path, const RunSnapshot& run);

// A checkpoint read back: the model is allocated from the options and the
// vocabulary and filled from the file.
struct Checkpoint {
  TrainOptions options;
  Vocabulary vocabulary;
  Model model;
  CorpusFingerprint corpus;
  TrainingState state;
};

// Reads and checks a checkpoint. A file that is not one, of another
// version, truncated, corrupted (a section's CRC-32 does not match) or
// inconsistent (the state does not fit the options, a matrix the shape its
// vocabulary gives) throws one Error naming the file. The memory the model
// needs is checked (check_memory) before it is allocated.
Checkpoint read_checkpoint(const std::string& path);

// True when the file at `path` starts as a checkpoint does (it may still
// be damaged); false for any other file, or one that cannot be read.
bool is_checkpoint(const std::string& path);

}  // namespace w2v

#pragma once
// Checkpoints: the complete state of a training run in one file, from which
// `w2v train --resume` continues it exactly and `--init` starts a new run.
// The format (docs/checkpoint-format.md): a magic string and a version, then
// sections, each with its own CRC-32: options, vocabulary, the number of
// processes, a corpus fingerprint and a training state per process, one
// section per matrix of the model, end.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "w2v/base/atomic_file.h"
#include "w2v/base/process_group.h"
#include "w2v/text/vocabulary.h"
#include "w2v/train/model.h"
#include "w2v/train/train_options.h"
#include "w2v/train/training_state.h"

namespace w2v {

// Version 2 added the processes of an MPI job; version 1 files (one
// process) are still read.
constexpr std::uint32_t kCheckpointVersion = 2;

// A run as a checkpoint holds it, by reference: valid while the run is
// paused (TrainingObserver::checkpoint) or done.
struct RunSnapshot {
  const TrainOptions& options;
  const Vocabulary& vocabulary;
  const Model& model;
  // Every process of the run, in rank order (one, unless an MPI job's).
  std::span<const ProcessState> processes;
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
  std::vector<ProcessState> processes;  // by rank: one, unless an MPI job wrote it
};

// Reads and checks a checkpoint. A file that is not one, of a version it
// does not read, truncated, corrupted (a section's CRC-32 does not match) or
// inconsistent (the state does not fit the options, a matrix the shape its
// vocabulary gives) throws one Error naming the file. The memory the model
// needs is checked (check_memory) before it is allocated.
Checkpoint read_checkpoint(const std::string& path);

// True when the file at `path` starts as a checkpoint does (it may still
// be damaged); false for any other file, or one that cannot be read.
bool is_checkpoint(const std::string& path);

// Every process's part of a run, on every process, in rank order: `mine`
// sent to all the processes of `group` (null: `mine` alone) as the bytes of
// its checkpoint sections, and read back with their checks. A collective
// call: every process of the group makes it.
std::vector<ProcessState> gather_process_states(ProcessGroup* group, const ProcessState& mine,
                                                const TrainOptions& options);

}  // namespace w2v

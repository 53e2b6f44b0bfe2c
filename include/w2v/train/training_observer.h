#pragma once
#include <cstdint>
#include <string>

#include "w2v/base/matrix.h"
#include "w2v/train/kernel_isa.h"

namespace w2v {

class Vocabulary;
struct RunSnapshot;

// What the corpus pass found, reported before training starts.
struct CorpusSummary {
  std::string path;
  std::uint64_t tokens = 0;           // words in the corpus
  std::uint64_t lines = 0;
  std::uint64_t vocabulary = 0;       // words kept
  std::uint64_t training_tokens = 0;  // corpus words in the vocabulary: words trained per epoch
};

// A snapshot of a run in progress.
struct TrainingProgress {
  std::uint64_t words_done = 0;   // corpus words processed, over all epochs
  std::uint64_t total_words = 0;  // words per epoch times epochs
  double alpha = 0;               // the current learning rate
  double loss_sum = 0;            // loss summed over every predicted word so far
  std::uint64_t examples = 0;     // predicted words so far
  double seconds = 0;             // since training started
  int threads = 1;                // over all processes
};

struct TrainSummary {
  std::uint64_t words = 0;  // corpus words processed, over all epochs
  double seconds = 0;
  double final_loss = 0;    // mean loss per predicted word in the last epoch
  int threads = 1;           // per process
  int processes = 1;         // that trained together (MPI ranks)
  bool stopped = false;      // ended early, because the observer asked
  Isa isa = Isa::kBaseline;  // the training kernels that ran
  std::uint64_t synchronisations = 0;              // synchronisations of the models of the processes
  std::uint64_t synchronisations_of_all_rows = 0;  // of those, the ones of all rows, not only the busiest
  std::uint64_t synchronisation_bytes = 0;         // matrix bytes each process reduces to synchronise all rows
  std::uint64_t busiest_synchronisation_bytes = 0;  // and to synchronise the busiest
  double synchronisation_seconds = 0;              // this process's thread 0 spent synchronising
};

// How a training run reports to its caller: the library prints nothing
// itself. Every method has an empty default. progress(), stop_requested()
// and checkpoint_requested() run on a training thread while the others
// work, so they must be quick; epoch_end() and checkpoint() run on one while
// the other threads wait.
class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;

  virtual void warning(const std::string& /*message*/) {}
  // Called while the corpus is read, every kScanReportWords words, with the
  // words read so far. It may throw to abandon the run.
  virtual void corpus_progress(std::uint64_t /*words*/) {}
  virtual void corpus_ready(const CorpusSummary& /*corpus*/, const Vocabulary& /*vocabulary*/) {}
  virtual void progress(const TrainingProgress& /*progress*/) {}
  // `input` holds the word vectors as they are after epoch `epoch` (from 0).
  virtual void epoch_end(int /*epoch*/, const Matrix& /*input*/) {}
  // Polled with every progress report; true ends the run at the next
  // sentence. The run's state then is where every thread stopped (see
  // TrainedModel::processes): a checkpoint of it resumes the run.
  virtual bool stop_requested() { return false; }
  // Polled with every progress report, before stop_requested(); true pauses
  // every thread at its next sentence boundary and calls checkpoint().
  // In an MPI job, what any process's observer asks for is done by all of
  // them, after the next synchronisation of their models (ModelSync).
  virtual bool checkpoint_requested() { return false; }
  // The complete, consistent state of the run, valid during the call:
  // save_checkpoint(path, run) writes it. An exception ends the run. In an
  // MPI job it is called on every process, with the state of all of them.
  virtual void checkpoint(const RunSnapshot& /*run*/) {}
};

}  // namespace w2v

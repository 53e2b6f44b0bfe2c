#pragma once
// What `w2v train` does while a run trains, besides printing it.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "signals.h"
#include "training_printer.h"

namespace w2v::cli {

// Prints the run (TrainingPrinter), stops it at the next sentence on
// SIGINT or SIGTERM (deferring them once the corpus is read, so the caller
// can save a checkpoint of where it stopped), and saves a checkpoint to
// `checkpoint_path` every `checkpoint_every` seconds (0: never). A
// checkpoint that cannot be saved (a full disk) is a warning: the run goes
// on, and the previous checkpoint stays as it was. In an MPI job, rank 0's.
class TrainController : public TrainingPrinter {
 public:
  TrainController(std::string command, Verbosity verbosity, std::vector<AnalogySection> analogies,
                  std::function<void(const Vocabulary&)> check_vocabulary, SignalWatcher& signals,
                  std::string checkpoint_path, double checkpoint_every);

  void corpus_ready(const CorpusSummary& corpus, const Vocabulary& vocabulary) override;
  bool stop_requested() override;
  bool checkpoint_requested() override;
  void checkpoint(const RunSnapshot& run) override;

  // "saved N checkpoints in S s (P% of the training time)", or "" when
  // none was saved during the run: the training threads wait while one is saved.
  std::string checkpoint_cost(double training_seconds) const;

 private:
  using Clock = std::chrono::steady_clock;

  SignalWatcher& signals_;
  std::string checkpoint_path_;
  Clock::duration checkpoint_every_;
  Clock::time_point next_checkpoint_;
  int saved_ = 0;
  double saving_seconds_ = 0;
};

// What the other ranks of an MPI job run in place of rank 0's
// TrainController: they print and save nothing, but a signal to any of them
// stops the job's run as one to rank 0 does (deferred once the corpus is
// read; the ranks decide together when to stop: ModelSync).
class RankController : public TrainingObserver {
 public:
  explicit RankController(SignalWatcher& signals) : signals_(signals) {}

  void corpus_ready(const CorpusSummary& corpus, const Vocabulary& vocabulary) override;
  bool stop_requested() override;

 private:
  SignalWatcher& signals_;
};

}  // namespace w2v::cli

#pragma once
// How `w2v train` shows a run on stderr.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "w2v/eval/analogy_evaluation.h"
#include "w2v/train/training_observer.h"

namespace w2v::cli {

// kQuiet: warnings only. kSummary: also the corpus summary, the closing line
// and the files written. kProgress: also the progress line.
enum class Verbosity { kQuiet, kSummary, kProgress };

// The progress line shows percent done, words/sec/thread in wall-clock time,
// the current learning rate, the mean loss since the last report and the time
// left. On a terminal one line is redrawn with '\r', fitted to the terminal's
// width; otherwise (a log file) a complete line is written every few seconds.
// With analogy questions, their accuracy after each epoch.
class TrainingPrinter : public TrainingObserver {
 public:
  // `command` names warnings ("w2v train: warning: ..."). `check_vocabulary`
  // (optional) may throw Error to refuse the vocabulary before training starts.
  TrainingPrinter(std::string command, Verbosity verbosity, std::vector<AnalogySection> analogies,
                  std::function<void(const Vocabulary&)> check_vocabulary = {});

  void warning(const std::string& message) override;
  void corpus_ready(const CorpusSummary& corpus, const Vocabulary& vocabulary) override;
  void progress(const TrainingProgress& progress) override;
  void epoch_end(int epoch, const Matrix& input) override;

  // The closing line: words, time, speed, threads and the last epoch's loss.
  void finish(const TrainSummary& summary) const;
  // "wrote PATH (WHAT)".
  void wrote(const std::string& path, const std::string& what) const;

 private:
  // Starts a line of its own: on a terminal, over the progress line.
  void new_line() const;

  std::string command_;
  Verbosity verbosity_;
  bool terminal_;
  double interval_;
  std::vector<AnalogySection> analogies_;
  std::function<void(const Vocabulary&)> check_vocabulary_;
  const Vocabulary* vocabulary_ = nullptr;
  double last_report_ = -1;
  double last_loss_sum_ = 0;
  std::uint64_t last_examples_ = 0;
  bool progress_shown_ = false;
};

}  // namespace w2v::cli

#pragma once
// How `w2v train` shows a run on stderr.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "w2v/eval/analogy_evaluation.h"
#include "w2v/train/training_observer.h"

namespace w2v::cli {

// Warnings always; unless quiet, the corpus summary and a progress line:
// percent done, words/sec/thread in wall-clock time, the current learning
// rate, the mean loss since the last report and the time left. On a terminal
// one line is redrawn with '\r'; otherwise (a log file) a line is written
// every few seconds. With analogy questions, their accuracy after each epoch.
class TrainingPrinter : public TrainingObserver {
 public:
  TrainingPrinter(bool quiet, std::vector<AnalogySection> analogies);

  void warning(const std::string& message) override;
  void corpus_ready(const CorpusSummary& corpus, const Vocabulary& vocabulary) override;
  void progress(const TrainingProgress& progress) override;
  void epoch_end(int epoch, const Matrix& input) override;

  // The closing line: words, time, speed, threads and the last epoch's loss.
  void finish(const TrainSummary& summary) const;

 private:
  bool quiet_;
  bool terminal_;
  double interval_;
  std::vector<AnalogySection> analogies_;
  const Vocabulary* vocabulary_ = nullptr;
  double last_report_ = -1;
  double last_loss_sum_ = 0;
  std::uint64_t last_examples_ = 0;
};

}  // namespace w2v::cli

#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>

namespace w2v {

// Prints training progress on stderr: percent done, words/sec/thread in
// wall-clock time, the current learning rate, the mean loss since the last
// report and the time left. On a terminal one line is redrawn with '\r';
// otherwise (a log file) a line is written every few seconds.
class ProgressPrinter {
 public:
  ProgressPrinter(std::uint64_t total_words, int threads, bool enabled);

  // Called often by one thread; prints only when a report is due.
  void update(std::uint64_t words_done, double alpha, double loss_sum, std::uint64_t loss_count);
  // The summary line at the end.
  void finish(std::uint64_t words_done, double loss_sum, std::uint64_t loss_count);

  double elapsed_seconds() const;

 private:
  using Clock = std::chrono::steady_clock;

  std::uint64_t total_words_;
  int threads_;
  bool enabled_;
  bool terminal_;
  double interval_;
  Clock::time_point start_;
  double last_report_ = 0;
  double last_loss_sum_ = 0;
  std::uint64_t last_loss_count_ = 0;
};

}  // namespace w2v

#include "w2v/train/progress.h"

#include <unistd.h>

namespace w2v {
namespace {

void print_count(std::FILE* out, double value) {
  if (value >= 1e6) {
    std::fprintf(out, "%.2fM", value / 1e6);
  } else if (value >= 1e3) {
    std::fprintf(out, "%.1fk", value / 1e3);
  } else {
    std::fprintf(out, "%.0f", value);
  }
}

}  // namespace

ProgressPrinter::ProgressPrinter(std::uint64_t total_words, int threads, bool enabled)
    : total_words_(total_words),
      threads_(threads),
      enabled_(enabled),
      terminal_(isatty(STDERR_FILENO) != 0),
      interval_(terminal_ ? 0.25 : 5.0),
      start_(Clock::now()) {}

double ProgressPrinter::elapsed_seconds() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

void ProgressPrinter::update(std::uint64_t words_done, double alpha, double loss_sum, std::uint64_t loss_count) {
  if (!enabled_) return;
  const double now = elapsed_seconds();
  if (now - last_report_ < interval_) return;
  last_report_ = now;
  const double fraction = total_words_ ? static_cast<double>(words_done) / static_cast<double>(total_words_) : 1.0;
  const double rate = static_cast<double>(words_done) / now / threads_;
  const std::uint64_t examples = loss_count - last_loss_count_;
  const double loss = examples ? (loss_sum - last_loss_sum_) / static_cast<double>(examples) : 0.0;
  last_loss_sum_ = loss_sum;
  last_loss_count_ = loss_count;
  const double eta = fraction > 0 ? now * (1 - fraction) / fraction : 0;
  const int eta_s = static_cast<int>(eta + 0.5);
  std::fprintf(stderr, "%sprogress: %5.1f%%  words/sec/thread: ", terminal_ ? "\r" : "", 100 * fraction);
  print_count(stderr, rate);
  std::fprintf(stderr, "  alpha: %.6f  loss: %.4f  eta: %d:%02d:%02d%s", alpha, loss, eta_s / 3600,
               eta_s / 60 % 60, eta_s % 60, terminal_ ? "  " : "\n");
  std::fflush(stderr);
}

void ProgressPrinter::finish(std::uint64_t words_done, double loss_sum, std::uint64_t loss_count) {
  if (!enabled_) return;
  const double seconds = elapsed_seconds();
  const std::uint64_t examples = loss_count - last_loss_count_;
  const double loss = examples ? (loss_sum - last_loss_sum_) / static_cast<double>(examples) : 0.0;
  std::fprintf(stderr, "%strained %llu words in %.1f s: ", terminal_ ? "\r\n" : "",
               static_cast<unsigned long long>(words_done), seconds);
  print_count(stderr, static_cast<double>(words_done) / seconds / threads_);
  std::fprintf(stderr, " words/sec/thread, %d threads, final loss %.4f\n", threads_, loss);
}

}  // namespace w2v

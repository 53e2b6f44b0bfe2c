#include "training_printer.h"

#include <unistd.h>

#include <cstdio>

#include "w2v/text/vocabulary.h"
#include "w2v/vectors/similarity_index.h"

namespace w2v::cli {
namespace {

std::string count_text(double value) {
  char text[32];
  if (value >= 1e6) {
    std::snprintf(text, sizeof text, "%.2fM", value / 1e6);
  } else if (value >= 1e3) {
    std::snprintf(text, sizeof text, "%.1fk", value / 1e3);
  } else {
    std::snprintf(text, sizeof text, "%.0f", value);
  }
  return text;
}

}  // namespace

TrainingPrinter::TrainingPrinter(bool quiet, std::vector<AnalogySection> analogies)
    : quiet_(quiet),
      terminal_(isatty(STDERR_FILENO) != 0),
      interval_(terminal_ ? 0.25 : 5.0),
      analogies_(std::move(analogies)) {}

void TrainingPrinter::warning(const std::string& message) {
  std::fprintf(stderr, "w2v train: warning: %s\n", message.c_str());
}

void TrainingPrinter::corpus_ready(const CorpusSummary& corpus, const Vocabulary& vocabulary) {
  vocabulary_ = &vocabulary;
  if (quiet_) return;
  std::fprintf(stderr, "corpus %s: %llu words, %llu lines; vocabulary: %llu words; training words per epoch: %llu\n",
               corpus.path.c_str(), static_cast<unsigned long long>(corpus.tokens),
               static_cast<unsigned long long>(corpus.lines), static_cast<unsigned long long>(corpus.vocabulary),
               static_cast<unsigned long long>(corpus.training_tokens));
}

void TrainingPrinter::progress(const TrainingProgress& p) {
  if (quiet_ || p.seconds - last_report_ < interval_) return;
  last_report_ = p.seconds;
  const double fraction = p.total_words ? static_cast<double>(p.words_done) / static_cast<double>(p.total_words) : 1.0;
  const double rate = static_cast<double>(p.words_done) / p.seconds / p.threads;
  const std::uint64_t examples = p.examples - last_examples_;
  const double loss = examples ? (p.loss_sum - last_loss_sum_) / static_cast<double>(examples) : 0.0;
  last_loss_sum_ = p.loss_sum;
  last_examples_ = p.examples;
  const int eta = static_cast<int>((fraction > 0 ? p.seconds * (1 - fraction) / fraction : 0) + 0.5);
  std::fprintf(stderr, "%sprogress: %5.1f%%  words/sec/thread: %s  alpha: %.6f  loss: %.4f  eta: %d:%02d:%02d%s",
               terminal_ ? "\r" : "", 100 * fraction, count_text(rate).c_str(), p.alpha, loss, eta / 3600,
               eta / 60 % 60, eta % 60, terminal_ ? "  " : "\n");
  std::fflush(stderr);
}

void TrainingPrinter::epoch_end(int epoch, const Matrix& input) {
  if (analogies_.empty() || !vocabulary_) return;
  const SimilarityIndex index(copy_word_vectors(vocabulary_->words(), input.data(), input.cols(), input.stride()));
  const AnalogyResults results = evaluate_analogies(index, analogies_, kDefaultAnalogyRestrict);
  std::fprintf(stderr,
               "%sepoch %d: analogy accuracy %.2f%% (semantic %.2f%%, syntactic %.2f%%; %zu of %zu questions covered)\n",
               terminal_ ? "\r" : "", epoch + 1, 100 * results.total.accuracy(), 100 * results.semantic.accuracy(),
               100 * results.syntactic.accuracy(), results.total.covered, results.total.questions);
}

void TrainingPrinter::finish(const TrainSummary& summary) const {
  if (quiet_) return;
  const double rate = static_cast<double>(summary.words) / summary.seconds / summary.threads;
  std::fprintf(stderr, "%strained %llu words in %.1f s: %s words/sec/thread, %d thread%s, final loss %.4f\n",
               terminal_ ? "\r\n" : "", static_cast<unsigned long long>(summary.words), summary.seconds,
               count_text(rate).c_str(), summary.threads, summary.threads == 1 ? "" : "s", summary.final_loss);
}

}  // namespace w2v::cli

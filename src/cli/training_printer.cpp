#include "training_printer.h"

#include <unistd.h>

#include <cstdio>

#include "progress_line.h"
#include "summary_text.h"
#include "w2v/text/vocabulary.h"
#include "w2v/vectors/similarity_index.h"

namespace w2v::cli {
namespace {

// Without a size from the terminal, lines are kept within the classic 80.
constexpr std::size_t kDefaultColumns = 80;
// ANSI "erase to the end of the line": a shorter redraw leaves no trail.
constexpr const char* kEraseLine = "\x1b[K";

}  // namespace

TrainingPrinter::TrainingPrinter(std::string command, Verbosity verbosity, std::vector<AnalogySection> analogies,
                                 std::function<void(const Vocabulary&)> check_vocabulary)
    : command_(std::move(command)),
      verbosity_(verbosity),
      terminal_(isatty(STDERR_FILENO) != 0),
      interval_(terminal_ ? 0.25 : 5.0),
      analogies_(std::move(analogies)),
      check_vocabulary_(std::move(check_vocabulary)) {}

void TrainingPrinter::warning(const std::string& message) {
  new_line();
  std::fprintf(stderr, "%s: warning: %s\n", command_.c_str(), message.c_str());
}

void TrainingPrinter::corpus_ready(const CorpusSummary& corpus, const Vocabulary& vocabulary) {
  if (check_vocabulary_) check_vocabulary_(vocabulary);
  vocabulary_ = &vocabulary;
  if (verbosity_ == Verbosity::kQuiet) return;
  std::fprintf(stderr, "corpus %s: %s, %s; vocabulary: %s; training words per epoch: %llu\n", corpus.path.c_str(),
               plural(corpus.tokens, "word").c_str(), plural(corpus.lines, "line").c_str(),
               plural(corpus.vocabulary, "word").c_str(), static_cast<unsigned long long>(corpus.training_tokens));
}

void TrainingPrinter::progress(const TrainingProgress& p) {
  if (verbosity_ != Verbosity::kProgress || p.seconds - last_report_ < interval_) return;
  last_report_ = p.seconds;
  ProgressFields fields;
  fields.fraction = p.total_words ? static_cast<double>(p.words_done) / static_cast<double>(p.total_words) : 1.0;
  fields.words_per_second = static_cast<double>(p.words_done) / p.seconds / p.threads;
  fields.alpha = p.alpha;
  const std::uint64_t examples = p.examples - last_examples_;
  fields.loss = examples ? (p.loss_sum - last_loss_sum_) / static_cast<double>(examples) : 0.0;
  last_loss_sum_ = p.loss_sum;
  last_examples_ = p.examples;
  const double fraction = fields.fraction;
  fields.eta_seconds = static_cast<long>((fraction > 0 ? p.seconds * (1 - fraction) / fraction : 0) + 0.5);
  if (terminal_) {
    // One column short of the width: writing the last column makes some
    // terminals wrap at once, and the next '\r' would redraw one line down.
    const std::size_t columns = terminal_width(STDERR_FILENO);
    const std::string line = progress_line(fields, (columns > 0 ? columns : kDefaultColumns) - 1);
    std::fprintf(stderr, "\r%s%s", line.c_str(), kEraseLine);
    progress_shown_ = true;
  } else {
    std::fprintf(stderr, "%s\n", progress_line(fields, 0).c_str());
  }
  std::fflush(stderr);
}

void TrainingPrinter::epoch_end(int epoch, const Matrix& input) {
  if (analogies_.empty() || !vocabulary_) return;
  const SimilarityIndex index(copy_word_vectors(vocabulary_->words(), input.data(), input.cols(), input.stride()));
  const AnalogyResults results = evaluate_analogies(index, analogies_, kDefaultAnalogyRestrict);
  new_line();
  std::fprintf(stderr, "epoch %d: analogy accuracy %.2f%% (semantic %.2f%%, syntactic %.2f%%; %zu of %s covered)\n",
               epoch + 1, 100 * results.total.accuracy(), 100 * results.semantic.accuracy(),
               100 * results.syntactic.accuracy(), results.total.covered,
               plural(results.total.questions, "question").c_str());
}

void TrainingPrinter::finish(const TrainSummary& summary) const {
  if (verbosity_ == Verbosity::kQuiet) return;
  const double rate = static_cast<double>(summary.words) / summary.seconds / (summary.threads * summary.processes);
  if (progress_shown_) std::fputc('\n', stderr);  // the last progress line stays
  const std::string threads = plural(static_cast<std::uint64_t>(summary.threads), "thread");
  const std::string workers = summary.processes == 1
                                  ? threads
                                  : plural(static_cast<std::uint64_t>(summary.processes), "process", "processes") + " × " + threads;
  std::fprintf(stderr, "trained %s in %.1f s: %s words/sec/thread, %s, final loss %.4f\n",
               plural(summary.words, "word").c_str(), summary.seconds, count_text(rate).c_str(), workers.c_str(),
               summary.final_loss);
  if (summary.processes > 1) {
    const std::uint64_t all = summary.synchronisations_of_all_rows;
    const std::string busiest = all == summary.synchronisations
                                    ? std::string()
                                    : ", the others the frequent words' rows (" +
                                          byte_text(summary.busiest_synchronisation_bytes) + " each)";
    std::fprintf(stderr, "models synchronised %s: %s all rows (%s each)%s; %.1f s in all (rank 0)\n",
                 plural(summary.synchronisations, "time").c_str(), std::to_string(all).c_str(),
                 byte_text(summary.synchronisation_bytes).c_str(), busiest.c_str(), summary.synchronisation_seconds);
  }
}

void TrainingPrinter::wrote(const std::string& path, const std::string& what) const {
  if (verbosity_ == Verbosity::kQuiet) return;
  std::fprintf(stderr, "wrote %s (%s)\n", path.c_str(), what.c_str());
}

void TrainingPrinter::new_line() const {
  if (terminal_ && progress_shown_) std::fprintf(stderr, "\r%s", kEraseLine);
}

}  // namespace w2v::cli

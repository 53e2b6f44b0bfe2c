#include "train_controller.h"

#include <cstdio>

#include "summary_text.h"
#include "w2v/base/error.h"
#include "w2v/train/checkpoint.h"

namespace w2v::cli {

TrainController::TrainController(std::string command, Verbosity verbosity, std::vector<AnalogySection> analogies,
                                 std::function<void(const Vocabulary&)> check_vocabulary, SignalWatcher& signals,
                                 std::string checkpoint_path, double checkpoint_every)
    : TrainingPrinter(std::move(command), verbosity, std::move(analogies), std::move(check_vocabulary)),
      signals_(signals),
      checkpoint_path_(std::move(checkpoint_path)),
      checkpoint_every_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(checkpoint_every))) {}

void TrainController::corpus_ready(const CorpusSummary& corpus, const Vocabulary& vocabulary) {
  // From here on a signal has a run to save; before, it ends the process at once.
  signals_.defer(true);
  next_checkpoint_ = Clock::now() + checkpoint_every_;
  TrainingPrinter::corpus_ready(corpus, vocabulary);
}

bool TrainController::stop_requested() { return signals_.received() != 0; }

bool TrainController::checkpoint_requested() {
  return checkpoint_every_ > Clock::duration::zero() && signals_.received() == 0 && Clock::now() >= next_checkpoint_;
}

void TrainController::checkpoint(const RunSnapshot& run) {
  const Clock::time_point start = Clock::now();
  try {
    save_checkpoint(checkpoint_path_, run);
    ++saved_;
  } catch (const Error& e) {
    warning(std::string("checkpoint not saved: ") + e.what());
  }
  const Clock::time_point end = Clock::now();
  saving_seconds_ += std::chrono::duration<double>(end - start).count();
  next_checkpoint_ = end + checkpoint_every_;
}

std::string TrainController::checkpoint_cost(double training_seconds) const {
  if (saved_ == 0) return "";
  char text[160];
  std::snprintf(text, sizeof text, "saved %s in %.2f s (%.1f%% of the training time)",
                plural(static_cast<std::size_t>(saved_), "checkpoint").c_str(), saving_seconds_,
                training_seconds > 0 ? 100.0 * saving_seconds_ / training_seconds : 0.0);
  return text;
}

void RankController::corpus_ready(const CorpusSummary&, const Vocabulary&) { signals_.defer(true); }

bool RankController::stop_requested() { return signals_.received() != 0; }

}  // namespace w2v::cli

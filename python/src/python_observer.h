#pragma once
// How a training run started from Python reports to it.
#include <pybind11/pybind11.h>

#include <chrono>
#include <optional>

#include "w2v/train/training_observer.h"

namespace w2v::python {

// Passes a run's warnings, corpus summary and progress to Python callables
// (None for none), and turns Ctrl-C into a clean stop. Python handles a
// signal only when C++ code asks it to, with the GIL held: the corpus pass
// and the training threads ask every kSignalPollSeconds. A signal during the
// corpus pass abandons it at once, raising whatever the handler raised
// (KeyboardInterrupt); during training it stops the threads at their next
// sentence, and raise_pending() raises the exception once train_corpus has
// returned. Progress goes to Python at most every kProgressSeconds, and at
// the end.
class PythonObserver : public TrainingObserver {
 public:
  static constexpr double kSignalPollSeconds = 0.05;
  static constexpr double kProgressSeconds = 0.1;

  PythonObserver(pybind11::object on_warning, pybind11::object on_corpus, pybind11::object on_progress);

  void warning(const std::string& message) override;
  void corpus_progress(std::uint64_t words) override;
  void corpus_ready(const CorpusSummary& corpus, const Vocabulary& vocabulary) override;
  void progress(const TrainingProgress& progress) override;
  bool stop_requested() override;

  // With the GIL held: raises the exception a signal handler raised during
  // training, if one did.
  void raise_pending();

 private:
  using Clock = std::chrono::steady_clock;
  // Whether `interval` seconds have passed since `last`, which it then updates.
  static bool due(Clock::time_point& last, double interval);
  // With the GIL held: runs the handlers of signals that came; true once one raised.
  bool take_signal();

  pybind11::object on_warning_, on_corpus_, on_progress_;
  Clock::time_point last_poll_{};
  Clock::time_point last_progress_{};
  std::optional<pybind11::error_already_set> interrupt_;
};

}  // namespace w2v::python

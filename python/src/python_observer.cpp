#include "python_observer.h"

namespace py = pybind11;

namespace w2v::python {

PythonObserver::PythonObserver(py::object on_warning, py::object on_corpus, py::object on_progress)
    : on_warning_(std::move(on_warning)), on_corpus_(std::move(on_corpus)), on_progress_(std::move(on_progress)) {}

bool PythonObserver::due(Clock::time_point& last, double interval) {
  const Clock::time_point now = Clock::now();
  if (std::chrono::duration<double>(now - last).count() < interval) return false;
  last = now;
  return true;
}

void PythonObserver::warning(const std::string& message) {
  const py::gil_scoped_acquire gil;
  if (!on_warning_.is_none()) on_warning_(message);
}

void PythonObserver::corpus_progress(std::uint64_t /*words*/) {
  if (!due(last_poll_, kSignalPollSeconds)) return;
  const py::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() != 0) throw py::error_already_set();
}

void PythonObserver::corpus_ready(const CorpusSummary& corpus, const Vocabulary& /*vocabulary*/) {
  const py::gil_scoped_acquire gil;
  if (!on_corpus_.is_none()) on_corpus_(corpus);
}

bool PythonObserver::take_signal() {
  if (!interrupt_ && PyErr_CheckSignals() != 0) interrupt_.emplace();  // takes the exception the handler raised
  return interrupt_.has_value();
}

void PythonObserver::progress(const TrainingProgress& progress) {
  if (on_progress_.is_none()) return;
  if (progress.words_done < progress.total_words && !due(last_progress_, kProgressSeconds)) return;
  const py::gil_scoped_acquire gil;
  // A signal that came while the threads trained is taken here, so that it
  // stops the run rather than raising inside the callback.
  if (take_signal()) return;
  on_progress_(progress);
}

bool PythonObserver::stop_requested() {
  if (interrupt_) return true;
  if (!due(last_poll_, kSignalPollSeconds)) return false;
  const py::gil_scoped_acquire gil;
  return take_signal();
}

void PythonObserver::raise_pending() {
  if (interrupt_) throw *interrupt_;
}

}  // namespace w2v::python

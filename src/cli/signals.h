#pragma once
// SIGINT and SIGTERM for `w2v train`.

namespace w2v::cli {

// The signals are taken by a thread of their own (they are blocked in every
// other thread), so no work happens in a signal handler. Outside training, a
// signal ends the process at once with exit code 128 + the signal, after
// removing temporary files and letting a group of outputs being put in place
// finish (exit_removing_temporary_files): nothing half-written is left.
// While deferred (training), the first signal is only recorded, for the
// training loop to stop at its next sentence and save a checkpoint; a
// second one ends the process at once.
class SignalWatcher {
 public:
  // Must run before any other thread starts: threads inherit the blocking.
  SignalWatcher();

  void defer(bool on);
  // The deferred signal, or 0.
  int received() const;
};

// "SIGINT", "SIGTERM".
const char* signal_name(int signal);

}  // namespace w2v::cli

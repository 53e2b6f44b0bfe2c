#include "signals.h"

#include <pthread.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

#include "w2v/base/atomic_file.h"

namespace w2v::cli {
namespace {

// Shared with the watching thread, which outlives any object (it is detached).
std::atomic<bool> g_deferred{false};
std::atomic<int> g_received{0};

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

[[noreturn]] void watch() {
  const sigset_t set = watched_signals();
  for (;;) {
    int signal = 0;
    if (sigwait(&set, &signal) != 0) continue;
    int none = 0;
    if (g_deferred.load() && g_received.compare_exchange_strong(none, signal)) continue;
    std::fprintf(stderr, "\nw2v train: interrupted by %s\n", signal_name(signal));
    exit_removing_temporary_files(128 + signal);
  }
}

}  // namespace

SignalWatcher::SignalWatcher() {
  const sigset_t set = watched_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread(watch).detach();
}

void SignalWatcher::defer(bool on) { g_deferred.store(on); }

int SignalWatcher::received() const { return g_received.load(); }

const char* signal_name(int signal) { return signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "a signal"; }

}  // namespace w2v::cli

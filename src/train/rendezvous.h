#pragma once
// Where the training threads of a run meet: at the end of every epoch, and
// at a pause, when the whole state of the run must hold still (a
// checkpoint). A pause must not wait for a thread that is itself waiting for
// the epoch to end: such a thread counts as paused, at the end of its part.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace w2v {

class Rendezvous {
 public:
  explicit Rendezvous(int threads) : threads_(threads) {}

  // Asks every thread to pause at its next sentence boundary. Called by a
  // thread that then calls pause(true, ...) itself.
  void request_pause() { pause_requested_.store(true, std::memory_order_relaxed); }
  // Polled by each thread between sentences.
  bool pause_requested() const { return pause_requested_.load(std::memory_order_relaxed); }

  // A thread at a sentence boundary, after pause_requested(): waits until
  // every thread is paused or at the end of the epoch. The thread that
  // requested the pause (`requester`) then runs `work` while the others
  // wait: work that must run on one thread (in an MPI job, the
  // collectives, which only thread 0 calls) does.
  template <class Work>
  void pause(bool requester, Work&& work) {
    std::unique_lock lock(mutex_);
    if (!pause_requested()) return;
    ++paused_;
    if (!requester) {
      const std::uint64_t generation = pause_generation_;
      cv_.notify_all();  // the requester may be waiting for this thread
      cv_.wait(lock, [&] { return pause_generation_ != generation; });
      return;
    }
    cv_.wait(lock, [&] { return paused_ + at_epoch_end_ == threads_; });
    work();
    pause_requested_.store(false, std::memory_order_relaxed);
    paused_ = 0;
    ++pause_generation_;
    cv_.notify_all();
  }

  // A thread at the end of its part of an epoch: waits until every thread
  // is there; the last to arrive runs `epoch_work` while the others wait.
  // Meanwhile it counts as paused for a pause requested by another thread.
  template <class EpochWork>
  void end_epoch(EpochWork&& epoch_work) {
    std::unique_lock lock(mutex_);
    ++at_epoch_end_;
    const std::uint64_t generation = epoch_generation_;
    if (at_epoch_end_ == threads_) {
      epoch_work();
      at_epoch_end_ = 0;
      ++epoch_generation_;
      cv_.notify_all();
      return;
    }
    cv_.notify_all();  // a requester may be waiting for this thread
    cv_.wait(lock, [&] { return epoch_generation_ != generation; });
  }

 private:
  const int threads_;
  std::atomic<bool> pause_requested_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
  int paused_ = 0;
  int at_epoch_end_ = 0;
  std::uint64_t pause_generation_ = 0;
  std::uint64_t epoch_generation_ = 0;
};

}  // namespace w2v

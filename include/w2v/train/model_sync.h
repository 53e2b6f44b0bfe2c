#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <vector>

#include "w2v/base/matrix.h"
#include "w2v/base/process_group.h"

namespace w2v {

// Words each process trains between two synchronisations, by default. On
// wiki17m (2 processes × 1 thread against 1 × 2) CBOW lost 1.25 analogy
// points at this period and 2.4 at 1,000,000; each synchronisation costs a
// pass over the model and a wait for the slowest process. See docs/scaling.md.
constexpr std::uint64_t kDefaultSyncWords = 250000;

// Keeps the models of the processes of a group in step while each trains on
// its own part of the corpus (data-parallel training, after Ji et al.,
// "Parallelizing Word2Vec in Shared and Distributed Memory"): every `period`
// words a process trains, the processes add up what each changed in every
// matrix since the last synchronisation (MPI_Allreduce), and once more at
// the end, so that they finish with the same model.
//
// Adding up the changes, not averaging the models, applies every update of
// every process, as Hogwild threads sharing one model do: an average would
// scale each process's steps by 1/processes, which is training at a
// fraction of the learning rate.
// The price is a copy of the model as it was at the last synchronisation
// (`base`): the model's memory twice.
//
// The trainer calls step() from its thread 0 between sentences, while the
// other threads train on; every process synchronises the same number of
// times S = ceil(all words / (processes × period)), the k-th once it has
// done k/S of its own words. For each block of rows, x is a copy of the
// rows; Σ(x - base) over the processes is the sum of the changes; the rows
// get base + Σ(x - base) - x added (so updates made meanwhile by the other
// threads are kept), and that sum becomes the new base. With no group, or a
// group of one, it does nothing.
class ModelSync {
 public:
  ModelSync() = default;
  ModelSync(ProcessGroup* group, std::uint64_t period);

  // Before training, with the matrices to keep in step and this process's
  // words to train (over all epochs); returns the words of all processes.
  std::uint64_t start(std::vector<Matrix*> matrices, std::uint64_t local_total);
  // Thread 0, with this process's words done: synchronises when due;
  // returns the estimate of all processes' words done.
  std::uint64_t step(std::uint64_t local_done);
  // Any thread: the estimate of all processes' words done, from the last
  // synchronisation's count and this process's progress since.
  std::uint64_t estimate(std::uint64_t local_done) const;
  // After training: the synchronisations not yet done (the last is the
  // final one). Returns all processes' words done.
  std::uint64_t finish(std::uint64_t local_done);

  bool active() const { return processes_ > 1; }
  int processes() const { return static_cast<int>(processes_); }
  int rank() const { return active() ? group_->rank() : 0; }
  std::uint64_t synchronisations() const { return done_; }
  std::uint64_t bytes_per_synchronisation() const;  // matrix bytes each process reduces
  double seconds() const { return seconds_; }       // spent synchronising, by thread 0

 private:
  void synchronise(std::uint64_t local_done);
  void add_up_changes(Matrix& matrix, std::vector<float>& base);

  ProcessGroup* group_ = nullptr;
  std::uint64_t processes_ = 1;
  std::uint64_t period_ = kDefaultSyncWords;
  std::vector<Matrix*> matrices_;
  std::vector<std::vector<float>> bases_;  // each matrix at the last synchronisation
  std::uint64_t local_total_ = 0;
  std::uint64_t count_ = 0;  // S
  std::uint64_t done_ = 0;   // synchronisations so far
  double seconds_ = 0;
  std::atomic<std::uint64_t> global_at_sync_{0};
  std::atomic<std::uint64_t> local_at_sync_{0};
  std::vector<float> copy_, changes_;  // one block of rows
};

}  // namespace w2v

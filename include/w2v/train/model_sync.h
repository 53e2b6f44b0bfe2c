#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "w2v/base/matrix.h"
#include "w2v/base/process_group.h"
#include "w2v/train/training_state.h"

namespace w2v {

// Words each process trains between two synchronisations of the frequent
// words' rows, and between two of all rows, by default. On wiki17m (2
// processes × 1 thread, medians of 3 seeds) these score as synchronising
// all rows every 250,000 words did (CBOW 38.04 % against 37.78 %, within the
// seeds' spread), for half the bytes. See docs/scaling.md.
constexpr std::uint64_t kDefaultSyncWords = 125000;
constexpr std::uint64_t kDefaultSyncAllWords = 1000000;

// How many of the most frequent words (`counts`, by falling count) occur at
// least once, on average, in `period` words of the corpus: those whose rows
// the frequent synchronisations cover. Why these: between two
// synchronisations a process trains on a model that lacks the other
// processes' changes since the last one. A word that occurs in every period
// has its rows changed many times by every process, each from where the last
// synchronisation left them, and the longer they wait, the further the sum
// of those changes strays from what one model would have done. A rarer
// word's rows are changed a few times by each process between two
// synchronisations of all rows (fewer than all_period / period times, on
// average): steps that hardly depend on each other, whose sum is nearly what
// one model would have done. On wiki17m: 10,158 of 71,709 words at 125,000.
std::size_t frequent_words(const std::vector<std::uint64_t>& counts, std::uint64_t period);

// What a run is asked to do besides training: TrainingObserver's
// checkpoint_requested() and stop_requested().
struct RunRequests {
  bool checkpoint = false;
  bool stop = false;
};

// The weight of a row's summed change at a synchronisation. With δ_p the
// change process p made to the row since the last one (N processes),
// A = |Σ_p δ_p|² and B = Σ_p |δ_p|² (so A/B is N when all δ_p are equal,
// about 1 when they are independent, below 1 when they cancel):
//   weight = 1 / (1 + t (N/2 - 1)),  t = clamp((A/B - 1) / (N - 1), 0, 1),
// which is 1 for independent changes (each process's steps all count) and
// 2/N for equal ones. Why 2/N: if every process brought a row from x to the
// same x* (error e = x - x*), adding up the changes leaves it at error
// (1 - wN) e. Summing (w = 1) gives (1 - N) e: with 2 processes the error
// keeps its size, with more it grows at every synchronisation, and training
// diverges (wiki1m, CBOW: a final loss of 48 with 3 processes and 153 with
// 4, against 2.1 with one). The average (w = 1/N) would land on x*, but a
// row only partly converged (the rows of all but the most frequent words)
// then gets less than its steps: a weight going to 1/N cost CBOW with 2
// processes on wiki17m 1.2 analogy points against the sum. w = 2/N keeps any number of
// processes where 2 processes adding up their changes are (unchanged for
// them): a converged row's error turns over but does not grow.
double change_weight(double summed_square, double sum_of_squares, int processes);

// Keeps the models of the processes of a group in step while each trains on
// its own part of the corpus (data-parallel training, after Ji et al.,
// "Parallelizing Word2Vec in Shared and Distributed Memory"): every `period`
// words a process trains, the processes add up what each changed in the
// busiest rows of every matrix since those were last synchronised
// (MPI_Allreduce); every `all_period` words (rounded to a multiple of
// `period`; at every synchronisation when it is not longer), and once more
// at the end, in all rows, so that they finish with the same model.
//
// Adding up the changes, not averaging the models, applies every update of
// every process, as Hogwild threads sharing one model do: an average would
// scale each process's steps by 1/processes, which is training at a
// fraction of the learning rate (averaging every row two processes changed
// cost CBOW 8 analogy points on wiki17m). But a row that more than two
// processes moved to the same place within a period, as frequent rows are,
// must not move N times as far: each row's summed change is weighted by how
// much the processes' changes agree (change_weight).
// The price is a copy of the model as it was at the last synchronisation
// (`base`, without the rows' padding): nearly the model's memory twice.
//
// The trainer calls step() from its thread 0 between sentences, while the
// other threads train on; every process synchronises the same number of
// times S = ceil(all words / (processes × period)), the k-th once it has
// done k/S of its own words. For each block of rows, δ = rows - base is
// this process's change, and Σδ over the processes (MPI_Allreduce) is
// added to the base; the rows become the new base plus (rows - base) - δ,
// the updates made meanwhile by the other threads (with one thread that is
// 0, exactly, and every process holds exactly the new base). A pass over
// the block before the reduction and one after it: the synchronisation's
// time is mostly memory traffic (wiki17m CBOW, 2 processes: as much in the
// passes as in MPI_Allreduce). With no group, or a group of one, it does
// nothing.
//
// The processes also decide together when the run pauses for a checkpoint
// or stops: what any of them was asked since the last synchronisation of
// all rows travels with the next one (decide()), so that every process acts
// on it after the same synchronisation, and with the same model in all rows.
class ModelSync {
 public:
  ModelSync() = default;
  ModelSync(ProcessGroup* group, std::uint64_t period, std::uint64_t all_period = 0);

  // Before training, with the matrices to keep in step, each one's busiest
  // rows (none given: every synchronisation covers all rows), this
  // process's words to train (over all epochs) and where a resumed run was
  // in the schedule; returns the words of all processes. Throws Error when
  // the processes do not all start from the same model.
  std::uint64_t start(std::vector<Matrix*> matrices, std::vector<RowRange> busiest, std::uint64_t local_total,
                      const SyncProgress& from = {});
  // Thread 0, with this process's words done: synchronises when due;
  // returns the estimate of all processes' words done.
  std::uint64_t step(std::uint64_t local_done);
  // Any thread: the estimate of all processes' words done, from the last
  // synchronisation's count and this process's progress since.
  std::uint64_t estimate(std::uint64_t local_done) const;
  // Thread 0, after step(): what the run is to do now. Alone, what `poll`
  // asks for. In a group, what the processes decided at the
  // synchronisation of all rows step() just did (returned once); until then
  // `poll`'s requests wait for the next one. Nothing is decided at a
  // synchronisation for which a process has already finished training:
  // that one could not pause, and a stop then comes at the end.
  RunRequests decide(const std::function<RunRequests()>& poll);
  // Thread 0, while every thread of every process holds still (a pause for
  // a checkpoint, or after a stop): makes the models of the processes the
  // same, outside the schedule of synchronisations.
  void align();
  // After training: the synchronisations not yet done (the last is the
  // final one), or, when the processes decided to stop, align(). Returns
  // all processes' words done.
  std::uint64_t finish(std::uint64_t local_done);

  bool active() const { return processes_ > 1; }
  // The group, when there are several processes; else null.
  ProcessGroup* group() const { return active() ? group_ : nullptr; }
  int processes() const { return static_cast<int>(processes_); }
  int rank() const { return active() ? group_->rank() : 0; }
  std::uint64_t period() const { return period_; }
  // True once the processes decided to stop.
  bool stopped() const { return stopped_; }
  // Where this process is in the schedule: what a checkpoint saves.
  SyncProgress progress() const;
  std::uint64_t synchronisations() const { return done_; }
  // Of those, the ones that covered all rows.
  std::uint64_t synchronisations_of_all_rows() const;
  // The matrix bytes each process reduces at a synchronisation of all rows,
  // or of the busiest.
  std::uint64_t bytes_per_synchronisation(bool all_rows) const;
  double seconds() const { return seconds_; }       // spent synchronising, by thread 0

 private:
  void synchronise(std::uint64_t local_done, bool finishing);
  // The k-th synchronisation (from 1) covers all rows, or the busiest.
  bool covers_all_rows(std::uint64_t k) const;
  void add_up_changes(Matrix& matrix, std::vector<float>& base, RowRange rows);
  void add_up_all_changes();
  void check_same_start() const;

  ProcessGroup* group_ = nullptr;
  std::uint64_t processes_ = 1;
  std::uint64_t period_ = kDefaultSyncWords;
  std::uint64_t all_every_ = 1;  // synchronisations, the all_period's multiple of the period
  std::vector<Matrix*> matrices_;
  std::vector<RowRange> busiest_;
  std::vector<std::vector<float>> bases_;  // each matrix at the last synchronisation, rows without padding
  std::uint64_t local_total_ = 0;
  std::uint64_t count_ = 0;  // S
  std::uint64_t done_ = 0;   // synchronisations so far
  double seconds_ = 0;
  std::atomic<std::uint64_t> global_at_sync_{0};
  std::atomic<std::uint64_t> local_at_sync_{0};
  RunRequests asked_;    // since the last synchronisation, by this process
  RunRequests decided_;  // at the last synchronisation, not yet returned by decide()
  bool stopped_ = false;
  std::vector<float> mine_, totals_;          // one block of rows: this process's changes, everyone's
  std::vector<float> squares_, square_totals_;  // per row of the block: |δ_p|², Σ_p |δ_p|² (more than 2 processes)
};

}  // namespace w2v

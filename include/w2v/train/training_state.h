#pragma once
// Where a training run is, in full: what a checkpoint saves besides the
// options, the vocabulary and the matrices, so that a resumed run goes on
// exactly as the interrupted one would have.
#include <cstdint>
#include <string>
#include <vector>

namespace w2v {

// One training thread between two sentences: everything that decides what
// it does next.
struct ThreadState {
  std::uint64_t position = 0;        // the token stream entry it reads next
  std::uint64_t random = 0;          // its random stream's state
  std::vector<std::uint32_t> layer;  // what its output layer's step drew ahead (negative sampling: noise words)
  float alpha = 0;                   // its learning rate, updated as it reports words
  std::uint64_t unreported = 0;      // words it trained since it last added to the shared count
  double loss_sum = 0;               // its loss, summed over its predicted words
  std::uint64_t examples = 0;        // its predicted words
};

// Where a process of an MPI job is in the schedule of synchronisations of
// the models (ModelSync); all zero for a process alone.
struct SyncProgress {
  std::uint64_t synchronisations = 0;  // done so far
  std::uint64_t local_words = 0;       // this process's words done at the last one
  std::uint64_t all_words = 0;         // all processes' words done then
};

// The run: the epoch, the shared counters and every thread.
struct TrainingState {
  int epoch = 0;                 // the epoch in progress (from 0); the run's epochs when it is done
  std::uint64_t words_done = 0;  // words trained over all epochs, as the threads reported them
  double seconds = 0;            // training time so far, over all sessions
  double epoch_start_loss = 0;   // the threads' loss and example sums when the epoch began
  std::uint64_t epoch_start_examples = 0;
  double final_loss = 0;  // mean loss per predicted word in the last complete epoch
  std::vector<ThreadState> threads;
  SyncProgress sync;
};

// The corpus a run trains on, as its token stream: a resumed run must read
// the same ids in the same order, or its positions would mean other words.
struct CorpusFingerprint {
  std::string path;           // as the run was given it ("-": stdin)
  std::uint64_t entries = 0;  // tokens and sentence ends
  std::uint64_t tokens = 0;
  std::uint32_t checksum = 0;  // TokenStream::checksum()
};

// One process's part of a run: the corpus it reads (in an MPI job, its
// share of the file) and where it is. A run of one process has one; a job
// has one per rank, in rank order.
struct ProcessState {
  CorpusFingerprint corpus;
  TrainingState state;
};

}  // namespace w2v

#pragma once
// What `w2v train` and word2vec.c's command line (`w2v -train ...`) both come
// down to: a corpus, the hyper-parameters and the files to write.
#include <cstddef>
#include <string>

#include "training_printer.h"
#include "w2v/train/pipeline.h"
#include "w2v/train/train_options.h"

namespace w2v::cli {

struct TrainingJob {
  TrainInput input;
  TrainOptions options;
  std::string output;             // the word vectors, or the classes; empty: only the vocabulary
  bool binary = false;            // word2vec's binary vectors format
  std::size_t classes = 0;        // > 0: write K-means word classes instead of vectors
  std::string vocabulary_output;  // --save-vocab
  std::string context_output;     // --save-context
  std::string eval_analogies;     // --eval-analogies
  Verbosity verbosity = Verbosity::kProgress;
  std::uint64_t sync_every = kDefaultSyncWords;  // --sync-every, in an MPI job
  // How messages name the command and the classes option.
  std::string command = "w2v train";
  std::string classes_flag = "--classes";
};

// Checks the job's files, trains (or only counts the vocabulary, when there
// is no output) and writes every output, naming each on stderr. In an MPI
// job (Processes) every rank reads its part of the corpus and trains, and
// rank 0 alone prints and writes. Throws Error
// on bad input; returns the exit status.
int run_training(const TrainingJob& job);

}  // namespace w2v::cli

#pragma once
// What `w2v train` and word2vec.c's command line (`w2v -train ...`) both come
// down to: a corpus, the hyper-parameters and the files to write.
#include <cstddef>
#include <optional>
#include <string>

#include "training_printer.h"
#include "w2v/train/checkpoint.h"
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
  std::string checkpoint_path;    // --checkpoint: saved at the end, on SIGINT/SIGTERM and every checkpoint_every
  double checkpoint_every = 0;    // seconds; 0: only at the end and on a signal
  // At most one of these: the run to continue (--resume, with the path it
  // was read from) or the model to start from (--init).
  std::optional<Checkpoint> resume;
  std::string resume_path;
  std::optional<InitialModel> init;
  Verbosity verbosity = Verbosity::kProgress;
  std::uint64_t sync_every = kDefaultSyncWords;  // --sync-every, in an MPI job
  std::uint64_t sync_all_every = kDefaultSyncAllWords;  // --sync-all-every
  // How messages name the command and the classes option.
  std::string command = "w2v train";
  std::string classes_flag = "--classes";
};

// Checks the job's files, trains (or only counts the vocabulary, when there
// is no output) and writes every output, naming each on stderr: all of them
// or, when anything fails, none. SIGINT and SIGTERM during training stop the
// run at the next sentence and save the checkpoint (if any), writing nothing
// else. In an MPI job (Processes) every rank reads its part of the corpus
// and trains, and rank 0 alone prints and writes (a checkpoint holds every
// rank's state); a signal to any rank stops them all, and every rank exits
// with its status. Throws Error on bad input; returns the exit status.
int run_training(TrainingJob job);

}  // namespace w2v::cli

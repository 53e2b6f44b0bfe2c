#pragma once
#include <optional>
#include <string>

#include "w2v/base/process_group.h"
#include "w2v/text/vocabulary.h"
#include "w2v/text/word_source.h"
#include "w2v/train/checkpoint.h"
#include "w2v/train/model.h"
#include "w2v/train/model_sync.h"
#include "w2v/train/train_options.h"
#include "w2v/train/training_observer.h"
#include "w2v/train/training_state.h"
#include "w2v/vectors/word_vectors.h"

namespace w2v {

// Where a run's text and vocabulary come from.
struct TrainInput {
  std::string corpus;      // plain or gzip text, "-" for stdin; one sentence per line
  std::string vocabulary;  // word2vec "word count" file to take the vocabulary from; empty: count the corpus
  // When set, the text comes from this source instead of the file `corpus`
  // (the Python module's iterables); it is read once, during train_corpus.
  WordSource* source = nullptr;
  // When set, the processes that train together (an MPI job); each reads
  // its own part of the corpus file. Null: this process alone.
  ProcessGroup* group = nullptr;
  // With a group: the words each process trains between two synchronisations of
  // the frequent words' rows, and of all rows (ModelSync).
  std::uint64_t sync_every = kDefaultSyncWords;
  std::uint64_t sync_all_every = kDefaultSyncAllWords;
};

struct TrainedModel {
  Vocabulary vocabulary;
  Model model;
  CorpusSummary corpus;
  TrainSummary summary;
  // Where the run ended (all epochs done, or where the observer stopped it)
  // and the corpus it read, for every process of the run (in an MPI job, on
  // every rank): with the rest, what a checkpoint of it holds.
  std::vector<ProcessState> processes;
};

struct CountedVocabulary {
  Vocabulary vocabulary;
  CorpusSummary corpus;
};

// The vocabulary alone, as train_corpus builds it (word2vec.c without
// -output): reads the corpus, counts or reads the words, applies min_count and
// max_vocab, and tells `observer` of warnings and the corpus summary.
CountedVocabulary count_vocabulary(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer);

// The whole training job: reads the corpus once (counting words and writing
// the tokens as word hashes to temporary files), builds the vocabulary,
// encodes the tokens as its ids, and trains.
// Throws Error for bad input or options; tells `observer` of everything else.
TrainedModel train_corpus(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer);

// A model to continue training from (--init): its words with their counts
// and vectors.
struct InitialModel {
  std::string path;
  WordCounts counts;  // in the file's order; 0 where it has none (word2vec vectors files)
  WordVectors input;  // one row per word of `counts`
  std::optional<WordVectors> context;   // output vectors per word: a checkpoint of ns or softmax
  std::optional<TrainOptions> options;  // a checkpoint's options
};

// Reads a checkpoint (is_checkpoint) or word2vec vectors, text or binary
// (read_vectors), with the errors of those readers.
InitialModel read_initial_model(const std::string& path);

// Continued training: a new run (learning rate from the start) on `input`,
// whose vocabulary is every word of `init` (whatever its count) and the
// corpus's words that `init` lacks and that pass --min-count (at most
// --max-vocab of them), with their counts summed, in descending order of
// count. Known words start from `init`'s vectors (and output vectors, when
// both models have them per word); new ones as in a new run. options.dim
// must be `init`'s dimension.
TrainedModel continue_training(InitialModel init, const TrainInput& input, const TrainOptions& options,
                               TrainingObserver& observer);

// Continues the run saved in `checkpoint` with `options` (the checkpoint's,
// but for more epochs, say: check_resume_options), on the corpus at
// input.corpus or, when that is empty, at the path the checkpoint names
// (input.vocabulary and input.source are not used). The corpus must be the
// one the run was trained on: its token ids under the checkpoint's
// vocabulary must match the checkpoint's fingerprint. A checkpoint of an MPI
// job continues in a job of as many processes (input.group), each process
// from its own state and with its own share of the corpus
// (check_resume_processes).
TrainedModel resume_training(Checkpoint checkpoint, const TrainInput& input, const TrainOptions& options,
                             TrainingObserver& observer);

// Throws Error when `requested` would train another model than the
// checkpoint's `saved` options, naming every option that differs; only
// --epochs may be raised.
void check_resume_options(const TrainOptions& saved, const TrainOptions& requested);

// Throws Error when the checkpoint was written by a run of another number of
// processes than `processes`, naming both: each process continues its own
// share of the corpus, and the shares depend on the number.
void check_resume_processes(const Checkpoint& checkpoint, int processes);

}  // namespace w2v

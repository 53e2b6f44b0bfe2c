#pragma once
#include <string>

#include "w2v/base/process_group.h"
#include "w2v/text/vocabulary.h"
#include "w2v/text/word_source.h"
#include "w2v/train/model.h"
#include "w2v/train/model_sync.h"
#include "w2v/train/train_options.h"
#include "w2v/train/training_observer.h"

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
  // the models (ModelSync).
  std::uint64_t sync_every = kDefaultSyncWords;
};

struct TrainedModel {
  Vocabulary vocabulary;
  Model model;
  CorpusSummary corpus;
  TrainSummary summary;
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

}  // namespace w2v

#pragma once
#include <string>

#include "w2v/text/vocabulary.h"
#include "w2v/train/checkpoint.h"
#include "w2v/train/model.h"
#include "w2v/train/train_options.h"
#include "w2v/train/training_observer.h"
#include "w2v/train/training_state.h"

namespace w2v {

// Where a run's text and vocabulary come from.
struct TrainInput {
  std::string corpus;      // plain or gzip text, "-" for stdin; one sentence per line
  std::string vocabulary;  // word2vec "word count" file to take the vocabulary from; empty: count the corpus
};

struct TrainedModel {
  Vocabulary vocabulary;
  Model model;
  CorpusSummary corpus;
  TrainSummary summary;
  // Where the run ended (all epochs done, or where the observer stopped it)
  // and the corpus it read: with the rest, what a checkpoint of it holds.
  CorpusFingerprint fingerprint;
  TrainingState state;
};

// The whole training job: reads the corpus once (counting words and writing
// the tokens as ids to a temporary file), builds the vocabulary, and trains.
// Throws Error for bad input or options; tells `observer` of everything else.
TrainedModel train_corpus(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer);

// Continues the run saved in `checkpoint` with `options` (the checkpoint's,
// but for more epochs, say: check_resume_options), on the corpus at `corpus`
// or, when that is empty, at the path the checkpoint names. The corpus must
// be the one the run was trained on: its token ids under the checkpoint's
// vocabulary must match the checkpoint's fingerprint.
TrainedModel resume_training(Checkpoint checkpoint, const std::string& corpus, const TrainOptions& options,
                             TrainingObserver& observer);

// Throws Error when `requested` would train another model than the
// checkpoint's `saved` options, naming every option that differs; only
// --epochs may be raised.
void check_resume_options(const TrainOptions& saved, const TrainOptions& requested);

}  // namespace w2v

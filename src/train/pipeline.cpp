#include "w2v/train/pipeline.h"

#include <limits>
#include <span>

#include "w2v/base/error.h"
#include "w2v/text/corpus.h"
#include "w2v/train/trainer.h"

namespace w2v {
namespace {

// Above this many words the exact softmax is warned about: each predicted
// word costs a pass over every output row.
constexpr std::size_t kSoftmaxWarnVocabulary = 50000;

ScannedCorpus scan(const TrainInput& input, const TrainOptions& options, bool keep_tokens, TrainingObserver& observer) {
  const auto reading = [&](std::uint64_t words) { observer.corpus_progress(words); };
  ScanOptions scan_options;
  scan_options.threads = options.threads;
  scan_options.memory = options.scan_memory << 20;
  // With a vocabulary file the corpus's counts are not needed: none is kept.
  scan_options.min_count = input.vocabulary.empty() ? options.min_count : std::numeric_limits<std::uint64_t>::max();
  scan_options.max_vocab = input.vocabulary.empty() ? options.max_vocab : 0;
  scan_options.group = input.group;
  scan_options.keep_tokens = keep_tokens;
  if (input.source) return scan_corpus(*input.source, scan_options, reading);
  return scan_corpus(input.corpus, scan_options, reading);
}

struct CountedCorpus {
  ScannedCorpus corpus;
  Vocabulary vocabulary;
};

// Reads the corpus and builds the vocabulary, telling `observer` of warnings.
// The tokens are kept when they will be encoded.
CountedCorpus count(const TrainInput& input, const TrainOptions& options, bool keep_tokens, TrainingObserver& observer) {
  ScannedCorpus corpus = scan(input, options, keep_tokens, observer);
  for (const std::string& warning : scan_warnings(corpus)) observer.warning(warning);
  const bool read_vocabulary = !input.vocabulary.empty();
  const std::string& vocabulary_source = read_vocabulary ? input.vocabulary : corpus.path;
  Vocabulary vocabulary(read_vocabulary ? read_word_counts(input.vocabulary) : std::move(corpus.counts), options.min_count,
                        options.max_vocab);
  if (vocabulary.size() == 0) {
    throw Error(vocabulary_source + ": no word occurs at least " + std::to_string(options.min_count) +
                " times (--min-count); nothing to train");
  }
  if (options.loss == LossKind::kSoftmax && vocabulary.size() > kSoftmaxWarnVocabulary) {
    observer.warning("--loss softmax costs O(vocabulary) per word; with " + std::to_string(vocabulary.size()) +
                     " words it is very slow (use ns or hs, or --max-vocab)");
  }
  return {std::move(corpus), std::move(vocabulary)};
}

// The corpus's words in the vocabulary, over all processes. Counted from
// the corpus, they are the vocabulary's total; from a file, `encoded` (this
// process's) are added up.
std::uint64_t training_tokens(const TrainInput& input, const Vocabulary& vocabulary, std::uint64_t encoded) {
  if (input.vocabulary.empty()) return vocabulary.total_count();
  std::uint64_t total = encoded;
  if (input.group) input.group->sum(std::span(&total, 1));
  return total;
}

CorpusSummary summary_of(const ScannedCorpus& corpus, const Vocabulary& vocabulary, std::uint64_t training_tokens) {
  if (training_tokens == 0) throw Error(corpus.path + ": no word of the vocabulary occurs in the corpus");
  return {corpus.path, corpus.tokens, corpus.lines, vocabulary.size(), training_tokens};
}

}  // namespace

CountedVocabulary count_vocabulary(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer) {
  options.validate();
  // Only words read from a vocabulary file need the tokens encoded to be counted.
  CountedCorpus counted = count(input, options, !input.vocabulary.empty(), observer);
  const std::uint64_t encoded = input.vocabulary.empty() ? 0 : encode_corpus(counted.corpus, counted.vocabulary).tokens();
  const CorpusSummary summary =
      summary_of(counted.corpus, counted.vocabulary, training_tokens(input, counted.vocabulary, encoded));
  observer.corpus_ready(summary, counted.vocabulary);
  return {std::move(counted.vocabulary), summary};
}

TrainedModel train_corpus(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer) {
  options.validate();
  CountedCorpus counted = count(input, options, true, observer);
  const TokenStream tokens = encode_corpus(counted.corpus, counted.vocabulary);
  const CorpusSummary summary =
      summary_of(counted.corpus, counted.vocabulary, training_tokens(input, counted.vocabulary, tokens.tokens()));
  counted.corpus = {};  // the hashed tokens and counts are no longer needed
  observer.corpus_ready(summary, counted.vocabulary);
  const Trainer trainer(options, counted.vocabulary);
  Model model(counted.vocabulary, options);
  ModelSync sync(input.group, input.sync_every);
  const TrainSummary train_summary = trainer.train(model, tokens, observer, &sync);
  return {std::move(counted.vocabulary), std::move(model), summary, train_summary};
}

}  // namespace w2v

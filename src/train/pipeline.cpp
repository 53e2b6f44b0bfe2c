#include "w2v/train/pipeline.h"

#include <optional>

#include "w2v/base/error.h"
#include "w2v/text/corpus.h"
#include "w2v/text/text_reader.h"
#include "w2v/train/trainer.h"

namespace w2v {
namespace {

// Above this many words the exact softmax is warned about: each predicted
// word costs a pass over every output row.
constexpr std::size_t kSoftmaxWarnVocabulary = 50000;

struct EncodedCorpus {
  Vocabulary vocabulary;
  TokenStream tokens;
  CorpusSummary summary;
};

ScannedCorpus scan(const TrainInput& input, TrainingObserver& observer) {
  const auto reading = [&](std::uint64_t words) { observer.corpus_progress(words); };
  if (input.source) return scan_corpus(*input.source, reading);
  TextReader reader(input.corpus);
  return scan_corpus(reader, reading);
}

// Reads the corpus and builds the vocabulary; the scan (every distinct word
// of the corpus) is freed on return, before training needs the memory.
EncodedCorpus encode(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer) {
  const ScannedCorpus corpus = scan(input, observer);
  for (const std::string& warning : scan_warnings(corpus)) observer.warning(warning);
  const bool read_vocabulary = !input.vocabulary.empty();
  const std::string& vocabulary_source = read_vocabulary ? input.vocabulary : corpus.path;
  Vocabulary vocabulary(read_vocabulary ? read_word_counts(input.vocabulary) : corpus.word_counts(), options.min_count,
                        options.max_vocab);
  if (vocabulary.size() == 0) {
    throw Error(vocabulary_source + ": no word occurs at least " + std::to_string(options.min_count) +
                " times (--min-count); nothing to train");
  }
  if (options.loss == LossKind::kSoftmax && vocabulary.size() > kSoftmaxWarnVocabulary) {
    observer.warning("--loss softmax costs O(vocabulary) per word; with " + std::to_string(vocabulary.size()) +
                     " words it is very slow (use ns or hs, or --max-vocab)");
  }
  TokenStream tokens = encode_corpus(corpus, vocabulary);
  if (tokens.tokens() == 0) throw Error(corpus.path + ": no word of the vocabulary occurs in the corpus");
  const CorpusSummary summary{corpus.path, corpus.tokens.tokens(), corpus.lines, vocabulary.size(), tokens.tokens()};
  return {std::move(vocabulary), std::move(tokens), summary};
}

}  // namespace

CountedVocabulary count_vocabulary(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer) {
  options.validate();
  EncodedCorpus corpus = encode(input, options, observer);
  observer.corpus_ready(corpus.summary, corpus.vocabulary);
  return {std::move(corpus.vocabulary), corpus.summary};
}

TrainedModel train_corpus(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer) {
  options.validate();
  const Isa isa = training_isa();  // a bad W2V_ISA fails before the corpus pass
  EncodedCorpus corpus = encode(input, options, observer);
  observer.corpus_ready(corpus.summary, corpus.vocabulary);
  const Trainer trainer(options, corpus.vocabulary, isa);
  Model model(corpus.vocabulary, options);
  const TrainSummary summary = trainer.train(model, corpus.tokens, observer);
  return {std::move(corpus.vocabulary), std::move(model), corpus.summary, summary};
}

}  // namespace w2v

#include "w2v/train/pipeline.h"

#include <optional>

#include "w2v/base/error.h"
#include "w2v/text/corpus.h"
#include "w2v/text/text_reader.h"
#include "w2v/train/memory_needs.h"
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

// Reads the corpus and builds the vocabulary; the scan (every distinct word
// of the corpus) is freed on return, before training needs the memory.
EncodedCorpus encode(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer) {
  const ScannedCorpus corpus = scan_corpus(input.corpus);
  if (corpus.truncated_words) {
    observer.warning(corpus.path + ": " + std::to_string(corpus.truncated_words) + " words longer than " +
                     std::to_string(TextReader::kMaxWordBytes) + " bytes were cut");
  }
  if (corpus.invalid_utf8_words) {
    observer.warning(corpus.path + ": " + std::to_string(corpus.invalid_utf8_words) +
                     " words are not valid UTF-8 (first on line " + std::to_string(corpus.first_invalid_utf8_line) +
                     "); they are kept as bytes");
  }
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
  check_memory(memory_needs(vocabulary.size(), corpus.tokens.tokens(), options));
  TokenStream tokens = encode_corpus(corpus, vocabulary);
  if (tokens.tokens() == 0) throw Error(corpus.path + ": no word of the vocabulary occurs in the corpus");
  const CorpusSummary summary{corpus.path, corpus.tokens.tokens(), corpus.lines, vocabulary.size(), tokens.tokens()};
  return {std::move(vocabulary), std::move(tokens), summary};
}

}  // namespace

TrainedModel train_corpus(const TrainInput& input, const TrainOptions& options, TrainingObserver& observer) {
  options.validate();
  EncodedCorpus corpus = encode(input, options, observer);
  observer.corpus_ready(corpus.summary, corpus.vocabulary);
  const Trainer trainer(options, corpus.vocabulary);
  Model model(corpus.vocabulary, options);
  const TrainSummary summary = trainer.train(model, corpus.tokens, observer);
  return {std::move(corpus.vocabulary), std::move(model), corpus.summary, summary};
}

}  // namespace w2v

#include "w2v/text/corpus.h"

#include "w2v/base/error.h"
#include "w2v/text/text_reader.h"

namespace w2v {

ScannedCorpus scan_corpus(WordSource& source, const std::function<void(std::uint64_t words)>& reading) {
  ScannedCorpus corpus;
  std::string_view word;
  for (;;) {
    const WordSource::Token token = source.next(word);
    if (token == WordSource::Token::kEnd) break;
    if (token == WordSource::Token::kEndOfLine) {
      corpus.tokens.end_sentence();
      continue;
    }
    const std::int32_t id = corpus.words.insert(word);
    if (static_cast<std::size_t>(id) == corpus.counts.size()) corpus.counts.push_back(0);
    ++corpus.counts[static_cast<std::size_t>(id)];
    corpus.tokens.push_token(static_cast<std::uint32_t>(id));
    if (reading && corpus.tokens.tokens() % kScanReportWords == 0) reading(corpus.tokens.tokens());
  }
  corpus.tokens.finish();
  corpus.path = source.name();
  corpus.lines = source.lines();
  corpus.truncated_words = source.truncated_words();
  corpus.invalid_utf8_words = source.invalid_utf8_words();
  corpus.first_invalid_utf8_line = source.first_invalid_utf8_line();
  if (corpus.tokens.tokens() == 0) throw Error(corpus.path + ": the corpus is empty (no words)");
  return corpus;
}

ScannedCorpus scan_corpus(const std::string& path) {
  TextReader reader(path);
  return scan_corpus(reader);
}

std::vector<std::string> scan_warnings(const ScannedCorpus& corpus) {
  std::vector<std::string> warnings;
  if (corpus.truncated_words) {
    warnings.push_back(corpus.path + ": " + std::to_string(corpus.truncated_words) + " words longer than " +
                       std::to_string(WordSource::kMaxWordBytes) + " bytes were cut");
  }
  if (corpus.invalid_utf8_words) {
    warnings.push_back(corpus.path + ": " + std::to_string(corpus.invalid_utf8_words) +
                       " words are not valid UTF-8 (first on line " + std::to_string(corpus.first_invalid_utf8_line) +
                       "); they are kept as bytes");
  }
  return warnings;
}

TokenStream encode_corpus(const ScannedCorpus& corpus, const Vocabulary& vocabulary) {
  std::vector<std::int32_t> new_id(corpus.words.size());
  for (std::size_t i = 0; i < new_id.size(); ++i) {
    new_id[i] = vocabulary.id(corpus.words.word(static_cast<std::int32_t>(i)));
  }
  return corpus.tokens.remap(new_id);
}

}  // namespace w2v

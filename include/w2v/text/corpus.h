#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "w2v/text/token_stream.h"
#include "w2v/text/vocabulary.h"
#include "w2v/text/word_source.h"

namespace w2v {

// What one read of a text corpus learned: every distinct word with its count,
// and all tokens as ids into `words` (in the order the words first appeared).
struct ScannedCorpus {
  WordIndex words;
  std::vector<std::uint64_t> counts;
  TokenStream tokens;
  std::string path;  // the source's name()
  std::uint64_t lines = 0;
  std::uint64_t truncated_words = 0;
  std::uint64_t invalid_utf8_words = 0;
  std::uint64_t first_invalid_utf8_line = 0;

  WordCounts word_counts() const { return {words.words(), counts}; }
};

// Words read between two calls of a scan's `reading` callback.
constexpr std::uint64_t kScanReportWords = 1 << 16;

// Reads `source` to its end, once. `reading`, when set, is called with the
// number of words read so far every kScanReportWords words; it may throw to
// abandon the scan (the Python module does on Ctrl-C).
ScannedCorpus scan_corpus(WordSource& source, const std::function<void(std::uint64_t words)>& reading = {});

// Reads the corpus at `path` ("-" for stdin, plain or gzip) once.
ScannedCorpus scan_corpus(const std::string& path);

// What a reader should hear about the scan: words cut for length, words
// that are not valid UTF-8. One message per problem, empty when none.
std::vector<std::string> scan_warnings(const ScannedCorpus& corpus);

// The training stream: the corpus tokens that are in `vocabulary`, as its ids.
TokenStream encode_corpus(const ScannedCorpus& corpus, const Vocabulary& vocabulary);

}  // namespace w2v

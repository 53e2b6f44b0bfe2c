#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "w2v/base/process_group.h"
#include "w2v/text/token_stream.h"
#include "w2v/text/vocabulary.h"
#include "w2v/text/word_source.h"

namespace w2v {

// The default budget of the scan's count tables: about 20 million distinct
// words of 10 bytes fit before any spill to $TMPDIR.
constexpr std::uint64_t kDefaultScanMemory = std::uint64_t{1024} << 20;

// How a corpus is read. Counting is exact whatever the budget: a table that
// fills spills its counts to a temporary file, and the files are merged.
struct ScanOptions {
  int threads = 1;                            // pieces of a plain file read at once
  std::uint64_t memory = kDefaultScanMemory;  // bytes for the count tables of all threads together
  // Only words that can make the vocabulary are kept in ScannedCorpus::counts:
  // those occurring at least min_count times and, when max_vocab > 0, the
  // max_vocab most frequent of those (ties: the first to appear).
  std::uint64_t min_count = 1;
  std::uint64_t max_vocab = 0;
  // The processes that read the corpus together, each its own part of a
  // plain file; their counts are added up. Null: this process reads it all.
  ProcessGroup* group = nullptr;
  // False when only the counts are wanted (a vocabulary pass): the tokens are
  // not written, and ScannedCorpus::pieces stay empty.
  bool keep_tokens = true;
};

// What one read of a text corpus learned. Tokens are kept as 64-bit word
// hashes (token_hash), so that pieces read in parallel, by threads or by
// processes, need no shared table of word ids; encode_corpus turns them into
// vocabulary ids. Two distinct words of the corpus with the same hash are
// found by the count merge (their hash is in shared_hashes), and encoding
// refuses a vocabulary that holds either (it never happens by chance below
// billions of distinct words).
struct ScannedCorpus {
  WordCounts counts;  // the words that can make the vocabulary, in order of first appearance
  std::vector<std::uint64_t> shared_hashes;
  std::vector<HashedTokens> pieces;  // this process's tokens, piece after piece
  std::string path;                  // the source's name()
  std::uint64_t tokens = 0;          // words read by all processes
  std::uint64_t lines = 0;
  std::uint64_t truncated_words = 0;
  std::uint64_t invalid_utf8_words = 0;
  std::uint64_t first_invalid_utf8_line = 0;
  std::size_t spills = 0;            // count tables written to $TMPDIR by this process
};

// Words read between two calls of a scan's `reading` callback.
constexpr std::uint64_t kScanReportWords = 1 << 16;

// A word's hash in the token stream (never HashedTokens::kEndOfSentence).
std::uint64_t token_hash(std::string_view word);

// Reads `source` to its end, once, in this thread. `reading`, when set, is
// called with the number of words read so far every kScanReportWords words;
// it may throw to abandon the scan (the Python module does on Ctrl-C).
ScannedCorpus scan_corpus(WordSource& source, const ScanOptions& options = {},
                          const std::function<void(std::uint64_t words)>& reading = {});

// Reads the corpus at `path` ("-" for stdin, plain or gzip) once. A plain
// file is cut into options.threads pieces (on word boundaries) read in
// parallel; gzip and stdin are read in one thread. With a group of several
// processes the file must be plain: each reads its share. `reading` is
// called from one thread at a time.
ScannedCorpus scan_corpus(const std::string& path, const ScanOptions& options = {},
                          const std::function<void(std::uint64_t words)>& reading = {});

// What a reader should hear about the scan: words cut for length, words
// that are not valid UTF-8. One message per problem, empty when none.
std::vector<std::string> scan_warnings(const ScannedCorpus& corpus);

// The training stream: this process's corpus tokens that are in
// `vocabulary`, as its ids, with the sentences of the corpus.
TokenStream encode_corpus(const ScannedCorpus& corpus, const Vocabulary& vocabulary);

// The same for any list of distinct words, id = index in `words` (a phrase
// pass takes every word of the corpus, in order of first appearance).
TokenStream encode_words(const ScannedCorpus& corpus, const std::vector<std::string>& words);

}  // namespace w2v

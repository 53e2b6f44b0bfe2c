#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "w2v/text/corpus.h"
#include "w2v/text/token_stream.h"
#include "w2v/text/word_index.h"

namespace w2v {

// How a pair of adjacent words a b is scored, with N the words in the
// corpus (as the pass reads it) and count(a b) how often b follows a within
// a line.
enum class PhraseScoring {
  // word2vec.c's word2phrase (Mikolov et al. 2013):
  //   (count(a b) - min_count) / (count(a) count(b)) * N,
  // joined above a threshold such as 100.
  word2vec,
  // Normalized pointwise mutual information (Bouma 2009), gensim's
  // scoring='npmi', in [-1, 1]: with p(x) = count(x) / N,
  //   ln(p(a b) / (p(a) p(b))) / -ln(p(a b)).
  npmi,
};

struct PhraseOptions {
  PhraseScoring scoring = PhraseScoring::word2vec;
  // A pair seen fewer times is never joined (word2phrase's -min-count).
  std::uint64_t min_count = 5;
  // Memory for the table of pair counts; when it is full, the rarest pairs
  // are dropped (see PhrasePass::pruned_at_most).
  std::size_t pair_memory_bytes = std::size_t{1} << 30;
};

// A pair joined into one token in a pass.
struct Phrase {
  std::string text;          // "new_york"
  std::uint64_t pair_count;  // count(a b), as scored
  std::uint64_t joined;      // times the pass joined it (fewer when pairs overlap: "a a a")
  double score;
};

// What one pass found.
struct PhrasePass {
  double threshold = 0;
  std::uint64_t words = 0;           // N: tokens the pass read
  std::uint64_t distinct_words = 0;  // with a count, in the pass's input
  std::uint64_t distinct_pairs = 0;  // in the pair table at the end of counting
  // 0 when every pair was counted exactly. Otherwise the table filled up
  // and pairs seen at most this many times by then were dropped (word2vec.c's
  // ReduceVocab): the counts of rarer pairs are then lower bounds.
  std::uint64_t pruned_at_most = 0;
  std::uint64_t joins = 0;           // phrase tokens the pass made, each of two words
  std::vector<Phrase> phrases;       // most joined first
  double seconds = 0;
};

// A corpus being turned into phrases, pass after pass, as word2phrase and
// gensim's Phrases do: each pass counts words and adjacent pairs within
// lines, then walks every line from the left and joins a word to the next
// ("new york" -> "new_york") when the pair scores above the threshold; a
// joined word is not joined again in the same pass, so "new york city" needs
// a second pass for "new_york_city". The text is read once; passes re-read
// the corpus as ids from a temporary file (TokenStream), so memory holds the
// distinct words and the pair table, not the corpus.
class PhraseCorpus {
 public:
  // The words and tokens of a scan that kept every word (ScanOptions'
  // default min_count 1 and max_vocab 0); ids in order of first appearance.
  explicit PhraseCorpus(const ScannedCorpus& corpus);

  // One pass at `threshold`. Throws Error for options out of range.
  PhrasePass join_pass(const PhraseOptions& options, double threshold);

  // The corpus as text: a line per line of the input with words (blank lines
  // of the input are gone), separated by one space.
  void write(std::FILE* out) const;

  std::uint64_t words() const { return tokens_.tokens(); }

 private:
  WordIndex words_;
  TokenStream tokens_;
};

// Checks a threshold against the scoring's range: above 0 for word2vec,
// within [-1, 1] for npmi. Throws Error naming --threshold.
void check_phrase_threshold(PhraseScoring scoring, double threshold);

}  // namespace w2v

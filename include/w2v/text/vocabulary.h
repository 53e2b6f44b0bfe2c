#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "w2v/base/atomic_file.h"
#include "w2v/text/word_index.h"

namespace w2v {

// Raw word frequencies, as counted from a corpus or read from a vocabulary file.
struct WordCounts {
  std::vector<std::string> words;
  std::vector<std::uint64_t> counts;
};

// The most all counts may add up to: sums of counts must not wrap around.
constexpr std::uint64_t kMaxTotalCount = std::uint64_t{1} << 62;

// word2vec.c's name for the end of a sentence. Its vocabulary files start
// with a "</s> count" row: word2vec.c reads every line break as this word,
// and its reader takes the first row for the sentence break, whatever it is.
inline constexpr std::string_view kSentenceBreak = "</s>";

// Reads word2vec's vocabulary format: one "word count" per line, in any
// order. A first row "</s> count" (as word2vec.c writes it) is the sentence
// break, not a word, and is skipped; files without it (older w2v, gensim's
// save_word2vec_format fvocab) are read the same way.
WordCounts read_word_counts(const std::string& path);

// The training vocabulary: ids 0..size()-1 in descending count order. Ties
// keep the order of the input (first appearance in the corpus, or the order
// of a vocabulary file), as gensim does, so the "30000 most frequent words"
// of an evaluation are the same set for both.
class Vocabulary {
 public:
  // Keeps the words occurring at least `min_count` times and, when
  // `max_vocab` > 0, exactly the `max_vocab` most frequent of those. The
  // kept words are moved from `counts`.
  Vocabulary(WordCounts counts, std::uint64_t min_count, std::size_t max_vocab);

  std::size_t size() const { return counts_.size(); }
  std::int32_t id(std::string_view word) const { return index_.find(word); }
  const std::string& word(std::int32_t id) const { return index_.word(id); }
  const std::vector<std::string>& words() const { return index_.words(); }
  std::uint64_t count(std::int32_t id) const { return counts_[static_cast<std::size_t>(id)]; }
  const std::vector<std::uint64_t>& counts() const { return counts_; }
  std::uint64_t total_count() const { return total_; }

  // word2vec's subsampling of frequent words: with f = count / total, a word
  // is kept with probability min(1, (sqrt(f / sample) + 1) * sample / f).
  // sample <= 0 keeps every word.
  std::vector<double> keep_probabilities(double sample) const;

  // Writes the vocabulary as word2vec.c's -save-vocab does, atomically:
  // "</s> sentences" first (word2vec.c counts a </s> per line of the corpus),
  // then "word count" lines in vocabulary order.
  void save(const std::string& path, std::uint64_t sentences) const;
  // The same into `file`, which the caller commits (with others, say).
  void save(AtomicFile& file, std::uint64_t sentences) const;

 private:
  WordIndex index_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t total_ = 0;
};

}  // namespace w2v

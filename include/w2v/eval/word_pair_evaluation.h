#pragma once
#include <cstddef>
#include <string>

#include "w2v/vectors/word_vectors.h"

namespace w2v {

// The words a similarity test looks up by default, as in gensim's evaluate_word_pairs.
constexpr std::size_t kDefaultWordPairRestrict = 300000;

struct WordPairResults {
  std::size_t restrict = 0;  // the words looked up were the first `restrict` rows
  std::size_t pairs = 0;     // in the file
  std::size_t covered = 0;   // with both words among those looked up: those scored
  double spearman = 0;       // NaN when fewer than two pairs were covered
  double pearson = 0;        // of the human scores and the cosines; NaN as spearman
};

// Scores a word similarity test (WordSim-353, SimLex-999: lines of "word
// word score", tab or space separated, '#' lines are comments) as gensim's
// evaluate_word_pairs does with restrict_vocab=restrict,
// case_insensitive=True and dummy4unknown=False: Spearman's rho between the
// human scores and the cosines of the pairs whose words are both among the
// first `restrict` words, matched whatever their case (and, as gensim also
// gives, Pearson's correlation of the same numbers). The cosines are
// computed in double from the vectors as read: float rounding (of a sum, of
// a normalised row) can swap two nearly equal cosines, which moves rho. A line that is not
// "word word number" throws Error naming the file and line.
WordPairResults evaluate_word_pairs(const WordVectors& vectors, const std::string& path, std::size_t restrict);

}  // namespace w2v

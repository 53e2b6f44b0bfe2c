#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "w2v/vectors/word_vectors.h"

namespace w2v {

// Upper-cases UTF-8 text one code point at a time, as Python's str.upper()
// does except for its few one-to-many mappings (such as German sharp s).
// Text that is not valid UTF-8 gets only its ASCII letters upper-cased.
std::string upper_case(std::string_view text);

// Case-insensitive lookup among the first `rows` words, as gensim's
// evaluations do with case_insensitive=True: words match when their upper
// case forms do, and the first (most frequent) row of such a form stands for
// all of its case variants.
class CaseInsensitiveVocabulary {
 public:
  CaseInsensitiveVocabulary(const WordVectors& vectors, std::size_t rows);

  std::optional<std::size_t> find(std::string_view word) const;
  // The row standing for `row`'s word and all its case variants.
  std::size_t representative(std::size_t row) const { return representatives_[row]; }

 private:
  std::unordered_map<std::string, std::size_t> rows_;  // upper-case form -> first row
  std::vector<std::size_t> representatives_;
};

}  // namespace w2v

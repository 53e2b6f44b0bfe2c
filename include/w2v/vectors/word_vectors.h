#pragma once
#include <Eigen/Core>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "w2v/base/matrix.h"
#include "w2v/text/word_index.h"

namespace w2v {

// Words and their vectors, one row per word in the order they were added.
// word2vec files list the most frequent words first, so "the n most frequent
// words" is the first n rows.
class WordVectors {
 public:
  explicit WordVectors(std::size_t dim) : dim_(dim) {}

  // Adds `word` with `dim()` values and returns true, or returns false and
  // adds nothing when the word is already there: the first row of a word
  // wins, as gensim's loader and word2vec.c's lookup have it.
  bool add(std::string_view word, const float* values);
  void reserve(std::size_t rows) { values_.reserve(rows * dim_); }

  std::size_t size() const { return index_.size(); }
  std::size_t dim() const { return dim_; }
  const std::string& word(std::size_t row) const { return index_.word(static_cast<std::int32_t>(row)); }
  const std::vector<std::string>& words() const { return index_.words(); }
  std::optional<std::size_t> find(std::string_view word) const;

  const float* row(std::size_t r) const { return values_.data() + r * dim_; }
  float* row(std::size_t r) { return values_.data() + r * dim_; }
  // Scales every row to unit length; a zero row (no direction) stays zero.
  void normalize();

  // The first `rows` rows as one matrix, for matrix products.
  ConstMatrixMap<float> matrix(std::size_t rows) const {
    return {values_.data(), static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(dim_),
            Eigen::OuterStride<>(static_cast<Eigen::Index>(dim_))};
  }

 private:
  std::size_t dim_;
  WordIndex index_;
  std::vector<float> values_;  // row-major, size() x dim_
};

// A copy of `words` with their rows, read from `data` with `stride` floats
// between consecutive rows (a Matrix's padded rows, as trained).
WordVectors copy_word_vectors(const std::vector<std::string>& words, const float* data, std::size_t dim,
                              std::size_t stride);

}  // namespace w2v

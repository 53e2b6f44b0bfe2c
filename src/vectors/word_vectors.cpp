#include "w2v/vectors/word_vectors.h"

namespace w2v {

bool WordVectors::add(std::string_view word, const float* values) {
  const std::size_t rows = size();
  if (static_cast<std::size_t>(index_.insert(std::string(word))) != rows) return false;
  values_.insert(values_.end(), values, values + dim_);
  return true;
}

WordVectors copy_word_vectors(const std::vector<std::string>& words, const float* data, std::size_t dim,
                              std::size_t stride) {
  WordVectors copy(dim);
  copy.reserve(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) copy.add(words[i], data + i * stride);
  return copy;
}

std::optional<std::size_t> WordVectors::find(std::string_view word) const {
  const std::int32_t id = index_.find(word);
  if (id == WordIndex::kNotFound) return std::nullopt;
  return static_cast<std::size_t>(id);
}

void WordVectors::normalize() {
  for (std::size_t r = 0; r < size(); ++r) {
    Eigen::Map<Eigen::RowVectorXf> values(row(r), static_cast<Eigen::Index>(dim_));
    const float norm = values.norm();
    if (norm > 0) values /= norm;
  }
}

}  // namespace w2v

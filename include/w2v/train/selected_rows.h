#pragma once
#include <cstddef>
#include <span>
#include <vector>

#include "w2v/base/matrix.h"
#include "w2v/train/objectives.h"

namespace w2v {

// The output rows one example is scored against, for the logistic output
// layers (negative sampling, hierarchical softmax): pointers to rows of the
// shared output matrices, which the SGD step reads and updates in place
// (Hogwild), each with its label.
class SelectedRows {
 public:
  explicit SelectedRows(std::size_t max_rows) : rows_(max_rows), labels_(max_rows) {}

  std::size_t max_rows() const { return rows_.size(); }
  void clear() { count_ = 0; }
  void add(float* row, float label) {
    rows_[count_] = row;
    labels_[count_++] = label;
  }
  std::span<float* const> rows() const { return {rows_.data(), count_}; }
  // The loss of all terms, and in G the gradient of the terms that are not saturated.
  float loss(const MatrixMap<float>& S, MatrixMap<float>& G) const {
    const float loss = logistic_loss<float>(S, labels_.data(), G);
    skip_saturated<float>(S, G);
    return loss;
  }

 private:
  std::size_t count_ = 0;
  std::vector<float*> rows_;
  std::vector<float> labels_;
};

}  // namespace w2v

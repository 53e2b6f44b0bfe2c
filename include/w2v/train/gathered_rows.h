#pragma once
#include <cstddef>
#include <vector>

#include "w2v/base/matrix.h"
#include "w2v/train/objectives.h"

namespace w2v {

// The output rows one example is scored against, for the logistic output
// layers (negative sampling, hierarchical softmax): rows picked from the
// shared output matrices, copied into one dense block (S = H Oᵀ wants O
// contiguous), each with its label. update() adds the step back to the
// shared rows, without locks (Hogwild).
class GatheredRows {
 public:
  GatheredRows(std::size_t max_rows, std::size_t dim)
      : dim_(dim), rows_(max_rows), labels_(max_rows), block_(max_rows * dim) {}

  std::size_t max_rows() const { return rows_.size(); }
  void clear() { count_ = 0; }
  void add(float* row, float label) {
    rows_[count_] = row;
    labels_[count_++] = label;
  }

  // The rows added since clear(), as one dense matrix.
  MatrixMap<float> gather() {
    MatrixMap<float> O = dense_map(block_.data(), rows(), cols());
    for (Eigen::Index j = 0; j < O.rows(); ++j) O.row(j) = shared_row(j);
    return O;
  }
  float loss(const MatrixMap<float>& S, MatrixMap<float>& G) const { return logistic_loss<float>(S, labels_.data(), G); }
  // Shared row j -= alpha dO.row(j).
  void update(const MatrixMap<float>& dO, float alpha) {
    for (Eigen::Index j = 0; j < dO.rows(); ++j) shared_row(j) -= alpha * dO.row(j);
  }

 private:
  Eigen::Index rows() const { return static_cast<Eigen::Index>(count_); }
  Eigen::Index cols() const { return static_cast<Eigen::Index>(dim_); }
  VectorMap<float> shared_row(Eigen::Index j) { return {rows_[static_cast<std::size_t>(j)], cols()}; }

  std::size_t dim_;
  std::size_t count_ = 0;
  std::vector<float*> rows_;
  std::vector<float> labels_;
  AlignedVector<float> block_;
};

}  // namespace w2v

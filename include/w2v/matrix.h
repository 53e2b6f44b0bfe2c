#pragma once
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace w2v {

template <class Real>
using RowMatrix = Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class Real>
using MatrixMap = Eigen::Map<RowMatrix<Real>>;
template <class Real>
using VectorMap = Eigen::Map<Eigen::Matrix<Real, 1, Eigen::Dynamic>>;

// A dense row-major float matrix: one row per word (or tree node), rows
// contiguous so a row is one Eigen map and the whole matrix one GEMM operand.
class Matrix {
 public:
  Matrix(std::size_t rows, std::size_t cols) : rows_(rows), cols_(cols), data_(rows * cols, 0.0f) {}

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  float* row(std::size_t i) { return data_.data() + i * cols_; }
  const float* row(std::size_t i) const { return data_.data() + i * cols_; }
  float* data() { return data_.data(); }
  const float* data() const { return data_.data(); }
  MatrixMap<float> map() { return {data_.data(), static_cast<Eigen::Index>(rows_), static_cast<Eigen::Index>(cols_)}; }

  // word2vec's initialisation of input vectors: uniform in [-0.5/cols, 0.5/cols).
  void randomize(std::uint64_t seed);

 private:
  std::size_t rows_;
  std::size_t cols_;
  std::vector<float> data_;
};

}  // namespace w2v

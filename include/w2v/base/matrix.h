#pragma once
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "w2v/base/prefetch.h"

namespace w2v {

template <class Real>
using RowMatrix = Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
// Rows may be padded, so maps carry their row stride.
template <class Real>
using MatrixMap = Eigen::Map<RowMatrix<Real>, Eigen::Unaligned, Eigen::OuterStride<>>;
template <class Real>
using ConstMatrixMap = Eigen::Map<const RowMatrix<Real>, Eigen::Unaligned, Eigen::OuterStride<>>;
template <class Real>
using VectorMap = Eigen::Map<Eigen::Matrix<Real, 1, Eigen::Dynamic>>;

// Scratch storage for matrices, aligned as Eigen's widest packets want. Eigen
// sums a dot product in an order that depends on the operands' alignment, so
// scratch at an arbitrary malloc address would make results vary from run
// to run in the last bits; aligned, they depend on the data alone.
template <class Real>
using AlignedVector = std::vector<Real, Eigen::aligned_allocator<Real>>;

// A map over `rows` x `cols` values stored row after row without padding.
template <class Real>
MatrixMap<Real> dense_map(Real* data, Eigen::Index rows, Eigen::Index cols) {
  return MatrixMap<Real>(data, rows, cols, Eigen::OuterStride<>(cols));
}

// Asks the CPU to bring a row of `cols` floats into the cache, for writing:
// every row a step prefetches, it also updates (see prefetch_write). On this
// project's 2-vCPU host, whose transfers between the cores are sometimes
// several times slower (docs/benchmarks.md, the host's slow mode), 1-epoch
// CBOW ns on wiki17m with 2 threads trained 4.17M against 2.53M
// words/s/thread with prefetchw rather than a prefetch for reading (10
// rounds, medians).
inline void prefetch_row(const float* row, std::size_t cols) {
  const char* p = reinterpret_cast<const char*>(row);
  for (std::size_t offset = 0; offset < cols * sizeof(float); offset += 64) prefetch_write(p + offset);
}

// Rows [first, end) of a matrix.
struct RowRange {
  std::size_t first = 0;
  std::size_t end = 0;
};

// A dense row-major float matrix, one row per word (or tree node). Each row
// starts on a 64-byte cache line: rows of frequent words, written by every
// thread, then never share a line with their neighbours (false sharing
// between threads). The padding after each row stays zero.
class Matrix {
 public:
  Matrix(std::size_t rows, std::size_t cols);

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  std::size_t stride() const { return stride_; }  // floats from one row to the next
  float* row(std::size_t i) { return data_.get() + i * stride_; }
  const float* row(std::size_t i) const { return data_.get() + i * stride_; }
  const float* data() const { return data_.get(); }
  MatrixMap<float> map() {
    return {data_.get(), static_cast<Eigen::Index>(rows_), static_cast<Eigen::Index>(cols_),
            Eigen::OuterStride<>(static_cast<Eigen::Index>(stride_))};
  }

  ConstMatrixMap<float> map() const {
    return {data_.get(), static_cast<Eigen::Index>(rows_), static_cast<Eigen::Index>(cols_),
            Eigen::OuterStride<>(static_cast<Eigen::Index>(stride_))};
  }

  // Asks the CPU to bring row i into the cache, for a step that will need it
  // soon: rows of rare words are rarely cached, and a step waits for them.
  void prefetch(std::size_t i) const { prefetch_row(row(i), cols_); }

  // The initialisation of input vectors: uniform in [-1/cols, 1/cols), as in
  // gensim and fastText (word2vec.c draws from half that range).
  void randomize(std::uint64_t seed);

 private:
  struct Free {
    void operator()(float* p) const { std::free(p); }
  };

  std::size_t rows_;
  std::size_t cols_;
  std::size_t stride_;
  std::unique_ptr<float[], Free> data_;
};

}  // namespace w2v

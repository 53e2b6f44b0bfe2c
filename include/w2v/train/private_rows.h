#pragma once
#include <cstddef>

#include "w2v/base/matrix.h"

namespace w2v {

// A thread's own copies of some rows of a shared matrix: the rows nearly
// every step of every thread writes (the hierarchical softmax's nodes
// nearest the root, on every path; negative sampling's most frequent noise
// words). Written by two threads, such a row's cache lines travel between
// the cores at every step, and each step waits for them: with 2 threads,
// CBOW hs trained 35 % fewer words per second per thread than with 1, sg hs
// 18-40 % (wiki17m half, 1 epoch; ns, whose hot rows are written less
// often, 12-14 %, and more in the host's slow mode: negative_sampling.cpp).
//
// The thread trains its copies and merge() adds what it changed since the
// last merge to the matrix, then takes the matrix's rows (with the other
// threads' changes) as its new copies. Another thread's changes to these
// rows thus reach this thread at merges, not at once: a delay of the kind
// Hogwild already has between cores, but of the merge period. Two threads
// merging the same row at the same moment can lose one's change to it, as
// two Hogwild steps can.
class PrivateRows {
 public:
  // Copies of `rows` (those of them the matrix has; none for an empty range).
  PrivateRows(Matrix& matrix, RowRange rows);

  // The row to train for row i of the matrix: the copy, if it has one.
  float* row(std::size_t i) { return i - first_ < copies_.rows() ? copies_.row(i - first_) : matrix_->row(i); }
  // Fetches that row into the cache.
  void prefetch(std::size_t i) const {
    prefetch_row(i - first_ < copies_.rows() ? copies_.row(i - first_) : matrix_->row(i), matrix_->cols());
  }
  void merge();

 private:
  Matrix* matrix_;
  std::size_t first_;
  Matrix copies_;
  Matrix base_;  // the matrix's rows at the last merge
};

}  // namespace w2v

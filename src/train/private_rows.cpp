#include "w2v/train/private_rows.h"

#include <algorithm>

namespace w2v {

PrivateRows::PrivateRows(Matrix& matrix, RowRange rows)
    : matrix_(&matrix),
      first_(std::min(rows.first, matrix.rows())),
      copies_(std::max(std::min(rows.end, matrix.rows()), first_) - first_, matrix.cols()),
      base_(copies_.rows(), matrix.cols()) {
  const std::size_t values = copies_.rows() * copies_.stride();
  if (values == 0) return;
  std::copy_n(matrix.row(first_), values, copies_.row(0));
  std::copy_n(matrix.row(first_), values, base_.row(0));
}

void PrivateRows::merge() {
  float* shared = matrix_->row(first_);
  float* copy = copies_.row(0);
  float* base = base_.row(0);
  const std::size_t values = copies_.rows() * copies_.stride();
  for (std::size_t k = 0; k < values; ++k) {
    // The matrix's value plus this thread's change: shared + (copy - base),
    // summed so that with no other writer it is the copy exactly.
    const float merged = copy[k] + (shared[k] - base[k]);
    shared[k] = merged;
    copy[k] = merged;
    base[k] = merged;
  }
}

}  // namespace w2v

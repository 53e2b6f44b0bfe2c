#include "w2v/base/matrix.h"

#include <algorithm>
#include <string>

#include "w2v/base/error.h"
#include "w2v/base/random.h"

namespace w2v {
namespace {

constexpr std::size_t kFloatsPerCacheLine = 64 / sizeof(float);

}  // namespace

Matrix::Matrix(std::size_t rows, std::size_t cols)
    : rows_(rows), cols_(cols), stride_((cols + kFloatsPerCacheLine - 1) / kFloatsPerCacheLine * kFloatsPerCacheLine) {
  const std::size_t bytes = std::max<std::size_t>(rows_ * stride_ * sizeof(float), 64);
  data_.reset(static_cast<float*>(std::aligned_alloc(64, bytes)));
  if (!data_) {
    throw Error("out of memory for a " + std::to_string(rows) + " x " + std::to_string(cols) + " matrix (" +
                std::to_string(bytes >> 20) + " MiB)");
  }
  std::fill(data_.get(), data_.get() + rows_ * stride_, 0.0f);
}

void Matrix::randomize(std::uint64_t seed) {
  Random random(seed);
  const double scale = 2.0 / static_cast<double>(cols_);
  for (std::size_t i = 0; i < rows_; ++i) {
    float* r = row(i);
    for (std::size_t j = 0; j < cols_; ++j) r[j] = static_cast<float>((random.uniform() - 0.5) * scale);
  }
}

}  // namespace w2v

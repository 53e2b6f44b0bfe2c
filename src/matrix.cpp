#include "w2v/matrix.h"

#include "w2v/random.h"

namespace w2v {

void Matrix::randomize(std::uint64_t seed) {
  Random random(seed);
  const double scale = 1.0 / static_cast<double>(cols_);
  for (float& x : data_) x = static_cast<float>((random.uniform() - 0.5) * scale);
}

}  // namespace w2v

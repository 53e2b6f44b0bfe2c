#pragma once
#include <cstdint>
#include <vector>

#include "w2v/base/matrix.h"
#include "w2v/base/random.h"
#include "w2v/train/objectives.h"

namespace w2v {

// The exact softmax over the whole vocabulary: p(w | h) = exp(u_w·h) / Σ_v
// exp(u_v·h), with the gradients dJ/dh = -u_o + Σ_w p(w|h) u_w and
// dJ/du_w = (p(w|h) - [w=o]) h. Every example touches every output row, so
// it is meant for small vocabularies. It owns the output vectors.
class Softmax {
 public:
  Softmax(std::size_t words, std::size_t dim) : output_(words, dim) {}

  Matrix& output() { return output_; }
  const Matrix& output() const { return output_; }
  // Every matrix the layer trains (ModelSync keeps them in step).
  std::vector<Matrix*> matrices() { return {&output_}; }

  class Step {
   public:
    Step(Softmax& layer, Random& /*random*/) : output_(layer.output_) {}

    std::size_t max_outputs() const { return output_.rows(); }
    // O: the whole output matrix, in place.
    MatrixMap<float> select(std::int32_t /*target*/) { return output_.map(); }
    float loss(const MatrixMap<float>& S, std::int32_t target, MatrixMap<float>& G) const {
      return softmax_loss<float>(S, target, G);
    }
    void update(const MatrixMap<float>& dO, float alpha) { output_.map() -= alpha * dO; }

   private:
    Matrix& output_;
  };

 private:
  Matrix output_;
};

}  // namespace w2v

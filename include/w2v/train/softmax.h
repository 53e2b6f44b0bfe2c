#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
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
  // Every matrix the layer learns, for checkpoints and for ModelSync.
  std::vector<Matrix*> matrices() { return {&output_}; }
  // The rows of matrices() the `words` most frequent words use most: their
  // own (ids go by falling count).
  std::vector<RowRange> busiest_rows(std::size_t words) const { return {{0, std::min(words, output_.rows())}}; }

  // One thread's side of the layer. Since every example reads and writes the
  // whole output matrix, a step of one example is bound by moving that
  // matrix through the cache, not by arithmetic. Examples are therefore
  // trained in minibatches of up to kBatchRows hidden rows, with three
  // matrix products (Eigen's GEMM) per batch:
  //   S = H Oᵀ,  G = ∂J/∂S row by row,  dH = G O,  O -= alpha Gᵀ H,
  // and each example's dH row goes to the input rows it came from. The
  // examples of a batch see the output rows as the batch found them.
  class Step {
   public:
    static constexpr bool kBatched = true;
    static constexpr std::size_t kBatchRows = 64;

    Step(Softmax& layer, Random& random);

    // The rows of a minibatch for a vocabulary of `words` words: kBatchRows,
    // fewer when the batch's scores (rows × words floats) would pass 16 MB.
    static std::size_t batch_rows(std::size_t words);

    // Queues an example: hidden row `hidden` (copied), its target, and the
    // input rows that take its hidden-layer step. True when the batch is full.
    bool add(const float* hidden, std::int32_t target, std::span<float* const> inputs);
    // Trains on the queued examples; returns their summed loss.
    double flush(float alpha);
    // Every example uses every output row: nothing to fetch ahead.
    void prefetch(std::int32_t /*target*/) const {}
    void prefetch_index(std::int32_t /*target*/) const {}

   private:
    Matrix& output_;
    std::size_t batch_rows_;
    Matrix hidden_, d_hidden_;
    RowMatrix<float> scores_;
    std::vector<std::int32_t> targets_;
    std::vector<float*> inputs_;         // every example's input rows, one after another
    std::vector<std::size_t> input_end_;  // example b's are [input_end_[b-1], input_end_[b])
  };

 private:
  Matrix output_;
};

}  // namespace w2v

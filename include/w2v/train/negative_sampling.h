#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "w2v/base/matrix.h"
#include "w2v/base/random.h"
#include "w2v/train/gathered_rows.h"
#include "w2v/train/noise_sampler.h"

namespace w2v {

// Negative sampling (Mikolov et al. 2013): the target word against
// `negative` noise words drawn from the unigram distribution raised to
// `exponent`, each a logistic term,
//   J = -log σ(u_o·h) - Σ_k log σ(-u_k·h).
// It owns the noise sampler and the output vectors, one row per word.
class NegativeSampling {
 public:
  NegativeSampling(const std::vector<std::uint64_t>& counts, std::size_t dim, int negative, double exponent);

  Matrix& output() { return output_; }
  const Matrix& output() const { return output_; }
  // Every matrix the layer learns, for checkpoints.
  std::vector<Matrix*> matrices() { return {&output_}; }

  // One thread's side of the layer: draws the noise words of its examples.
  class Step {
   public:
    Step(NegativeSampling& layer, Random& random);

    std::size_t max_outputs() const { return rows_.max_rows(); }
    // O: the target's output row, then those of its noise words.
    MatrixMap<float> select(std::int32_t target);
    float loss(const MatrixMap<float>& S, std::int32_t /*target*/, MatrixMap<float>& G) const {
      return rows_.loss(S, G);
    }
    void update(const MatrixMap<float>& dO, float alpha) { rows_.update(dO, alpha); }

    // The noise words drawn for the next example (see CarriesDraws).
    std::vector<std::uint32_t> carried_draws() const { return {next_noise_.begin(), next_noise_.end()}; }
    // Throws Error when `draws` are not `negative` words of the vocabulary.
    void restore_draws(std::span<const std::uint32_t> draws);

   private:
    void draw_next_noise();

    NegativeSampling& layer_;
    Random& random_;
    GatheredRows rows_;
    std::vector<std::int32_t> next_noise_;
  };

 private:
  NoiseSampler noise_;
  Matrix output_;
  int negative_;
};

}  // namespace w2v

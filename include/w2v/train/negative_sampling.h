#pragma once
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "w2v/base/matrix.h"
#include "w2v/base/random.h"
#include "w2v/train/selected_rows.h"
#include "w2v/train/logistic_step.h"
#include "w2v/train/noise_sampler.h"
#include "w2v/train/private_rows.h"

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
  // Every matrix the layer learns, for checkpoints and for ModelSync.
  std::vector<Matrix*> matrices() { return {&output_}; }
  // The rows of matrices() the `words` most frequent words use most: their
  // own (ids go by falling count).
  std::vector<RowRange> busiest_rows(std::size_t words) const { return {{0, std::min(words, output_.rows())}}; }

  // One thread's rows of an example: draws the noise words of its examples.
  class Rows {
   public:
    Rows(NegativeSampling& layer, Random& random);

    static std::size_t max_rows(const NegativeSampling& layer) { return static_cast<std::size_t>(layer.negative_) + 1; }
    // The target's output row (label 1), then those of its noise words (label 0).
    void add(std::int32_t target, SelectedRows& rows);
    // Fetches the target's output row into the cache ahead of its step.
    void prefetch(std::int32_t target) const { hot_.prefetch(static_cast<std::size_t>(target)); }
    // With several threads, each trains its own copies of the most frequent
    // words' output rows (PrivateRows), merged every kMergeEvery examples
    // and at merge_private_rows().
    void keep_private_rows();
    void merge_private_rows();

    // The noise words drawn for the next example (see CarriesDraws).
    std::vector<std::uint32_t> carried_draws() const { return {next_noise_.begin(), next_noise_.end()}; }
    // Throws Error when `draws` are not `negative` words of the vocabulary.
    void restore_draws(std::span<const std::uint32_t> draws);

   private:
    void draw_next_noise();

    NegativeSampling& layer_;
    Random& random_;
    std::vector<std::int32_t> next_noise_;
    PrivateRows hot_;
    int since_merge_ = 0;
  };

  class Step : public LogisticStep<Rows> {
   public:
    Step(NegativeSampling& layer, Random& random) : LogisticStep<Rows>(random, layer) {}
  };

 private:
  NoiseSampler noise_;
  Matrix output_;
  int negative_;
};

}  // namespace w2v

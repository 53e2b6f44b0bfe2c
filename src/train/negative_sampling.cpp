#include "w2v/train/negative_sampling.h"

#include <algorithm>
#include <string>

#include "w2v/base/error.h"

namespace w2v {

NegativeSampling::NegativeSampling(const std::vector<std::uint64_t>& counts, std::size_t dim, int negative,
                                   double exponent)
    : noise_(counts, exponent), output_(counts.size(), dim), negative_(negative) {}

NegativeSampling::Rows::Rows(NegativeSampling& layer, Random& random)
    : layer_(layer), random_(random), next_noise_(static_cast<std::size_t>(layer.negative_)) {
  draw_next_noise();
}

void NegativeSampling::Rows::add(std::int32_t target, SelectedRows& rows) {
  Matrix& output = layer_.output_;
  rows.add(output.row(static_cast<std::size_t>(target)), 1);
  for (std::int32_t noise : next_noise_) {
    if (noise != target) rows.add(output.row(static_cast<std::size_t>(noise)), 0);  // as word2vec.c
  }
  draw_next_noise();
}

void NegativeSampling::Rows::restore_draws(std::span<const std::uint32_t> draws) {
  const Matrix& output = layer_.output_;
  if (draws.size() != next_noise_.size() ||
      std::any_of(draws.begin(), draws.end(), [&](std::uint32_t id) { return id >= output.rows(); })) {
    throw Error("the checkpoint's noise words do not fit --negative " + std::to_string(layer_.negative_) +
                " and the vocabulary");
  }
  std::copy(draws.begin(), draws.end(), next_noise_.begin());
}

// Noise words are drawn one example ahead and their rows prefetched: they
// are random rows of the output matrix, mostly not in cache, and waiting
// for them was the largest single cost of a skip-gram step (perf).
void NegativeSampling::Rows::draw_next_noise() {
  for (std::int32_t& noise : next_noise_) {
    noise = layer_.noise_.sample(random_.next());
    layer_.output_.prefetch(static_cast<std::size_t>(noise));
  }
}

}  // namespace w2v

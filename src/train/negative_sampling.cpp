#include "w2v/train/negative_sampling.h"

#include <algorithm>
#include <string>

#include "w2v/base/error.h"

namespace w2v {
namespace {

// The words whose output rows each thread keeps its own copies of (the most
// frequent: ids go by falling count), and how often it merges them. Noise
// words are drawn from count^0.75, so a few hundred words take a large share
// of every thread's steps, and with 2 threads their rows' cache lines travel
// between the cores at nearly every step. CBOW ns on wiki17m (1 epoch, 2
// threads, 6 rounds side by side): 2.94M words/s/thread in the median with
// 128 private words against 2.71M sharing every row, and no slow run among
// the six, where the host's two-thread slow mode (docs/benchmarks.md) took
// one of each of the others. Merged as often as hs's private nodes.
constexpr std::size_t kPrivateWords = 128;
constexpr int kMergeEvery = 1024;

}  // namespace

NegativeSampling::NegativeSampling(const std::vector<std::uint64_t>& counts, std::size_t dim, int negative,
                                   double exponent)
    : noise_(counts, exponent), output_(counts.size(), dim), negative_(negative) {}

NegativeSampling::Rows::Rows(NegativeSampling& layer, Random& random)
    : layer_(layer), random_(random), next_noise_(static_cast<std::size_t>(layer.negative_)), hot_(layer.output_, {}) {
  draw_next_noise();
}

void NegativeSampling::Rows::add(std::int32_t target, SelectedRows& rows) {
  if (++since_merge_ == kMergeEvery) merge_private_rows();
  rows.add(hot_.row(static_cast<std::size_t>(target)), 1);
  for (std::int32_t noise : next_noise_) {
    if (noise != target) rows.add(hot_.row(static_cast<std::size_t>(noise)), 0);  // as word2vec.c
  }
  draw_next_noise();
}

void NegativeSampling::Rows::keep_private_rows() { hot_ = PrivateRows(layer_.output_, {0, kPrivateWords}); }

void NegativeSampling::Rows::merge_private_rows() {
  hot_.merge();
  since_merge_ = 0;
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
    hot_.prefetch(static_cast<std::size_t>(noise));
  }
}

}  // namespace w2v

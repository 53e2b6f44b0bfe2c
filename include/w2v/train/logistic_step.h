#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <tuple>

#include "w2v/base/matrix.h"
#include "w2v/base/random.h"
#include "w2v/train/selected_rows.h"

namespace w2v {

// One thread's side of a logistic output layer. Each example's output rows
// come from one or more row sources (negative sampling: the target and its
// noise words; hierarchical softmax: the inner nodes on the target's path),
// listed together with their labels. One logistic loss then serves them all,
// and each row takes its step in the matrix it lives in. With two sources the
// losses add, so their gradients with respect to the hidden layer add:
// word2vec.c's -hs 1 -negative N.
//
// A source has a constructor (Layer&, Random&), max_rows() and
// add(target, SelectedRows&).
template <class... Sources>
class LogisticStep {
 public:
  template <class... Layers>
  explicit LogisticStep(Random& random, Layers&... layers)
      : sources_(Sources(layers, random)...), rows_((Sources::max_rows(layers) + ...)) {}

  std::size_t max_outputs() const { return rows_.max_rows(); }
  // The rows every source adds for `target`, in the order of Sources.
  std::span<float* const> select(std::int32_t target) {
    rows_.clear();
    std::apply([&](auto&... source) { (source.add(target, rows_), ...); }, sources_);
    return rows_.rows();
  }
  float loss(const MatrixMap<float>& S, std::int32_t /*target*/, MatrixMap<float>& G) const { return rows_.loss(S, G); }
  // Fetches the rows `target` will select into the cache, ahead of its step.
  void prefetch(std::int32_t target) const {
    std::apply([&](const auto&... source) { (source.prefetch(target), ...); }, sources_);
  }

 private:
  std::tuple<Sources...> sources_;
  SelectedRows rows_;
};

}  // namespace w2v

#pragma once
#include <cstddef>
#include <cstdint>
#include <tuple>

#include "w2v/base/matrix.h"
#include "w2v/base/random.h"
#include "w2v/train/gathered_rows.h"

namespace w2v {

// One thread's SGD step for the logistic output layers. Each example's output
// rows come from one or more row sources (negative sampling: the target and
// its noise words; hierarchical softmax: the inner nodes on the target's
// path), gathered into one block with their labels. One logistic loss and one
// update then serve them all, and each row's step goes back to the matrix it
// came from. With two sources the losses add, so their gradients with respect
// to the hidden layer add: word2vec.c's -hs 1 -negative N.
//
// A source has a constructor (Layer&, Random&), max_rows() and
// add(target, GatheredRows&).
template <class... Sources>
class LogisticStep {
 public:
  template <class... Layers>
  explicit LogisticStep(Random& random, Layers&... layers)
      : sources_(Sources(layers, random)...), rows_((Sources::max_rows(layers) + ...), dim_of(layers...)) {}

  std::size_t max_outputs() const { return rows_.max_rows(); }
  // O: the rows every source adds for `target`, in the order of Sources.
  MatrixMap<float> select(std::int32_t target) {
    rows_.clear();
    std::apply([&](auto&... source) { (source.add(target, rows_), ...); }, sources_);
    return rows_.gather();
  }
  float loss(const MatrixMap<float>& S, std::int32_t /*target*/, MatrixMap<float>& G) const { return rows_.loss(S, G); }
  void update(const MatrixMap<float>& dO, float alpha) { rows_.update(dO, alpha); }

 private:
  template <class Layer, class... Rest>
  static std::size_t dim_of(const Layer& layer, const Rest&...) {
    return layer.output().cols();
  }

  std::tuple<Sources...> sources_;
  GatheredRows rows_;
};

}  // namespace w2v

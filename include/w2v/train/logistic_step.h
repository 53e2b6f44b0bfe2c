#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <tuple>
#include <vector>

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
// add(target, SelectedRows&). A source that draws ahead (negative sampling)
// also has carried_draws() and restore_draws(), which checkpoints use.
template <class Source>
concept DrawsAhead = requires(const Source& source) { source.carried_draws(); };
// A source (or a whole Step) whose rows a thread can keep private copies of
// (see PrivateRows).
template <class Source>
concept HasPrivateRows = requires(Source& source) {
  source.keep_private_rows();
  source.merge_private_rows();
};

// A source that finds an example's rows through an index of its own
// (hierarchical softmax: the target's path in the Huffman tree).
template <class Source>
concept HasIndex = requires(const Source& source, std::int32_t target) { source.prefetch_index(target); };

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
  // Fetches what finding those rows reads (a source's index, such as the
  // Huffman tree's paths), ahead of prefetch(target).
  void prefetch_index(std::int32_t target) const {
    std::apply([&](const auto&... source) { (prefetch_index_of(source, target), ...); }, sources_);
  }

  // For a thread that shares the layer with others: the sources that can keep
  // private copies of their most written rows do, merged as they say and at
  // merge_private_rows().
  void keep_private_rows() {
    std::apply([](auto&... source) { (keep_private(source), ...); }, sources_);
  }
  void merge_private_rows() {
    std::apply([](auto&... source) { (merge_private(source), ...); }, sources_);
  }

  // The draws of the one source that draws ahead, if any (see CarriesDraws in worker.h).
  std::vector<std::uint32_t> carried_draws() const
    requires((DrawsAhead<Sources> + ...) == 1)
  {
    std::vector<std::uint32_t> draws;
    std::apply([&](const auto&... source) { (append_draws(source, draws), ...); }, sources_);
    return draws;
  }
  void restore_draws(std::span<const std::uint32_t> draws)
    requires((DrawsAhead<Sources> + ...) == 1)
  {
    std::apply([&](auto&... source) { (restore_into(source, draws), ...); }, sources_);
  }

 private:
  template <class Source>
  static void prefetch_index_of(const Source& source, std::int32_t target) {
    if constexpr (HasIndex<Source>) source.prefetch_index(target);
  }
  template <class Source>
  static void keep_private(Source& source) {
    if constexpr (HasPrivateRows<Source>) source.keep_private_rows();
  }
  template <class Source>
  static void merge_private(Source& source) {
    if constexpr (HasPrivateRows<Source>) source.merge_private_rows();
  }
  template <class Source>
  static void append_draws(const Source& source, std::vector<std::uint32_t>& draws) {
    if constexpr (DrawsAhead<Source>) draws = source.carried_draws();
  }
  template <class Source>
  static void restore_into(Source& source, std::span<const std::uint32_t> draws) {
    if constexpr (DrawsAhead<Source>) source.restore_draws(draws);
  }

  std::tuple<Sources...> sources_;
  SelectedRows rows_;
};

}  // namespace w2v

#include "w2v/train/huffman_tree.h"

#include <algorithm>

namespace w2v {

HuffmanTree::HuffmanTree(const std::vector<std::uint64_t>& counts) : leaves_(counts.size()) {
  const std::size_t n = counts.size();
  offsets_.assign(n + 1, 0);
  if (n < 2) return;
  // Leaves are sorted by descending count, so two cursors find the two
  // lightest nodes in O(1): one walks the leaves from the lightest up, the
  // other the inner nodes in the order they are created (non-decreasing).
  std::vector<std::uint64_t> weight(2 * n - 1);
  std::vector<std::size_t> parent(2 * n - 1);
  std::vector<std::uint8_t> branch(2 * n - 1, 0);
  // A count of 0 (a word of --init's vectors absent from the corpus) weighs
  // as 1: equal zero weights would chain the tree into paths as long as the
  // vocabulary, and such a word is never a target, so its path length is free.
  std::transform(counts.begin(), counts.end(), weight.begin(), [](std::uint64_t c) { return std::max<std::uint64_t>(c, 1); });
  std::ptrdiff_t leaf = static_cast<std::ptrdiff_t>(n) - 1;
  std::size_t inner = n;
  const auto take_lightest = [&](std::size_t created) {
    if (leaf >= 0 && (inner >= created || weight[static_cast<std::size_t>(leaf)] < weight[inner])) {
      return static_cast<std::size_t>(leaf--);
    }
    return inner++;
  };
  for (std::size_t a = 0; a + 1 < n; ++a) {
    const std::size_t created = n + a;
    const std::size_t first = take_lightest(created);
    const std::size_t second = take_lightest(created);
    weight[created] = weight[first] + weight[second];
    parent[first] = parent[second] = created;
    branch[second] = 1;
  }
  const std::size_t root = 2 * n - 2;
  std::vector<std::int32_t> nodes;
  std::vector<std::uint8_t> codes;
  for (std::size_t w = 0; w < n; ++w) {
    nodes.clear();
    codes.clear();
    for (std::size_t node = w; node != root; node = parent[node]) {
      codes.push_back(branch[node]);
      nodes.push_back(static_cast<std::int32_t>(parent[node] - n));
    }
    offsets_[w + 1] = offsets_[w] + nodes.size();
    nodes_.insert(nodes_.end(), nodes.rbegin(), nodes.rend());
    codes_.insert(codes_.end(), codes.rbegin(), codes.rend());
    max_depth_ = std::max(max_depth_, static_cast<int>(nodes.size()));
  }
}

}  // namespace w2v

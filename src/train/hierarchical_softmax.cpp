#include "w2v/train/hierarchical_softmax.h"

#include <algorithm>

#include "w2v/base/error.h"

namespace w2v {
namespace {

// The nodes a thread keeps its own copies of, the heaviest (those of the
// highest numbers: the tree creates its inner nodes lightest first), and how
// often it merges them. With 2 threads, CBOW hs on half of wiki17m (1 epoch)
// trained 1.85M words/s/thread sharing every node, 2.3-2.5M with 16-128
// private nodes, and slower again with 1,024, whose merges cost more than
// they save; merging every 256 or 1,024 examples made no difference to speed.
constexpr std::size_t kPrivateNodes = 128;
constexpr int kMergeEvery = 1024;

const std::vector<std::uint64_t>& at_least_two(const std::vector<std::uint64_t>& counts) {
  if (counts.size() < 2) throw Error("hierarchical softmax (--loss hs or ns+hs) needs at least 2 words in the vocabulary");
  return counts;
}

}  // namespace

HierarchicalSoftmax::HierarchicalSoftmax(const std::vector<std::uint64_t>& counts, std::size_t dim)
    : tree_(at_least_two(counts)), output_(tree_.inner_nodes(), dim) {}

void HierarchicalSoftmax::Rows::add(std::int32_t target, SelectedRows& rows) {
  if (++since_merge_ == kMergeEvery) merge_private_rows();
  const HuffmanTree::Path path = layer_.tree_.path(target);
  for (int k = 0; k < path.length; ++k) {
    rows.add(hot_.row(static_cast<std::size_t>(path.nodes[k])), 1.0f - static_cast<float>(path.codes[k]));
  }
}

void HierarchicalSoftmax::Rows::keep_private_rows() {
  const std::size_t nodes = layer_.output_.rows();
  hot_ = PrivateRows(layer_.output_, {nodes - std::min(kPrivateNodes, nodes), nodes});
}

void HierarchicalSoftmax::Rows::merge_private_rows() {
  hot_.merge();
  since_merge_ = 0;
}

// Every node of the path but the kPrivateNodes heaviest, not only the last
// few near the leaf that belong to few words: the nodes between are on many
// paths and stay cached, but with more than one thread the others write them
// too, so their lines are often another core's. The heaviest are a thread's
// private copies then, and always cached.
void HierarchicalSoftmax::Rows::prefetch(std::int32_t target) const {
  const HuffmanTree::Path path = layer_.tree_.path(target);
  const std::size_t heaviest = layer_.output_.rows() - std::min(kPrivateNodes, layer_.output_.rows());
  for (int k = 0; k < path.length; ++k) {
    const auto node = static_cast<std::size_t>(path.nodes[k]);
    if (node < heaviest) layer_.output_.prefetch(node);
  }
}

}  // namespace w2v

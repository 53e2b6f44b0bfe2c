#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "w2v/base/matrix.h"
#include "w2v/base/random.h"
#include "w2v/train/selected_rows.h"
#include "w2v/train/huffman_tree.h"
#include "w2v/train/logistic_step.h"
#include "w2v/train/private_rows.h"

namespace w2v {

// Hierarchical softmax (Morin & Bengio 2005, as in word2vec.c): the target is
// the leaf of a Huffman tree over the vocabulary, and p(target | h) is the
// product of the binary decisions on its path, each a logistic term of the
// inner node's vector with label 1 - code. It owns the tree and one output
// row per inner node.
class HierarchicalSoftmax {
 public:
  HierarchicalSoftmax(const std::vector<std::uint64_t>& counts, std::size_t dim);

  Matrix& output() { return output_; }
  const Matrix& output() const { return output_; }
  // Every matrix the layer learns, for checkpoints and for ModelSync.
  std::vector<Matrix*> matrices() { return {&output_}; }
  // The rows of matrices() the `words` most frequent words use most: as many
  // of the heaviest nodes, the last (the tree makes its nodes in order of
  // rising weight), on the paths of most examples.
  std::vector<RowRange> busiest_rows(std::size_t words) const {
    return {{output_.rows() - std::min(words, output_.rows()), output_.rows()}};
  }

  // The rows of an example: the inner nodes on the target's path.
  class Rows {
   public:
    Rows(HierarchicalSoftmax& layer, Random& /*random*/) : layer_(layer), hot_(layer.output_, {}) {}

    static std::size_t max_rows(const HierarchicalSoftmax& layer) {
      return static_cast<std::size_t>(layer.tree_.max_depth());
    }
    void add(std::int32_t target, SelectedRows& rows);
    // Fetches the rows of the target's path into the cache ahead of its step.
    void prefetch(std::int32_t target) const;
    // Fetches the target's path, which prefetch(target) reads, ahead of that.
    void prefetch_index(std::int32_t target) const { layer_.tree_.prefetch_path(target); }

    // For a thread that shares the tree with others: from now on it trains
    // its own copies of the nodes nearest the root (PrivateRows), merged
    // every kMergeEvery examples and at merge_private_rows().
    void keep_private_rows();
    void merge_private_rows();

   private:
    HierarchicalSoftmax& layer_;
    PrivateRows hot_;
    int since_merge_ = 0;
  };

  class Step : public LogisticStep<Rows> {
   public:
    Step(HierarchicalSoftmax& layer, Random& random) : LogisticStep<Rows>(random, layer) {}
  };

 private:
  HuffmanTree tree_;
  Matrix output_;
};

}  // namespace w2v

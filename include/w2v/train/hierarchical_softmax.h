#pragma once
#include <cstdint>
#include <vector>

#include "w2v/base/matrix.h"
#include "w2v/base/random.h"
#include "w2v/train/gathered_rows.h"
#include "w2v/train/huffman_tree.h"

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
  // Every matrix the layer learns, for checkpoints.
  std::vector<Matrix*> matrices() { return {&output_}; }

  class Step {
   public:
    Step(HierarchicalSoftmax& layer, Random& random);

    std::size_t max_outputs() const { return rows_.max_rows(); }
    // O: the rows of the inner nodes on the target's path.
    MatrixMap<float> select(std::int32_t target);
    float loss(const MatrixMap<float>& S, std::int32_t /*target*/, MatrixMap<float>& G) const {
      return rows_.loss(S, G);
    }
    void update(const MatrixMap<float>& dO, float alpha) { rows_.update(dO, alpha); }

   private:
    HierarchicalSoftmax& layer_;
    GatheredRows rows_;
  };

 private:
  HuffmanTree tree_;
  Matrix output_;
};

}  // namespace w2v

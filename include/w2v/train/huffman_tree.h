#pragma once
#include <cstdint>
#include <vector>

#include "w2v/base/prefetch.h"

namespace w2v {

// The Huffman tree over the vocabulary for hierarchical softmax: frequent
// words get short paths. Inner nodes are numbered 0..size-2 (the root is
// size-2) and index rows of the output matrix.
class HuffmanTree {
 public:
  // `counts` in descending order, as the Vocabulary keeps them.
  explicit HuffmanTree(const std::vector<std::uint64_t>& counts);

  // The path from the root to a word: inner nodes, and at each the branch
  // taken (0 or 1).
  struct Path {
    const std::int32_t* nodes;
    const std::uint8_t* codes;
    int length;
  };
  Path path(std::int32_t word) const {
    const auto w = static_cast<std::size_t>(word);
    const auto begin = offsets_[w];
    return {nodes_.data() + begin, codes_.data() + begin, static_cast<int>(offsets_[w + 1] - begin)};
  }
  std::size_t inner_nodes() const { return leaves_ > 0 ? leaves_ - 1 : 0; }
  int max_depth() const { return max_depth_; }
  // Fetches the word's path (its nodes and codes) into the cache: the paths
  // of the vocabulary, megabytes of them, do not stay cached, and the rows a
  // step uses are known only once its path is read.
  void prefetch_path(std::int32_t word) const {
    const auto w = static_cast<std::size_t>(word);
    const auto begin = offsets_[w], last = offsets_[w + 1] - 1;
    prefetch_read(nodes_.data() + begin);
    prefetch_read(nodes_.data() + last);
    prefetch_read(codes_.data() + begin);
  }

 private:
  std::size_t leaves_;
  std::vector<std::size_t> offsets_;  // word w's path is [offsets_[w], offsets_[w+1])
  std::vector<std::int32_t> nodes_;
  std::vector<std::uint8_t> codes_;
  int max_depth_ = 0;
};

}  // namespace w2v

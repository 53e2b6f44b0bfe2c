#pragma once
#include <cstdint>
#include <vector>

namespace w2v {

// Draws negative-sampling noise words with probability proportional to
// count^exponent, in O(1) per draw with Walker's alias method: two arrays of
// vocabulary size instead of word2vec.c's 10^8-entry table.
class NoiseSampler {
 public:
  NoiseSampler(const std::vector<std::uint64_t>& counts, double exponent);

  // One word id from 64 random bits.
  std::int32_t sample(std::uint64_t random) const {
    const auto slot = static_cast<std::uint32_t>(((random >> 32) * size_) >> 32);
    const Slot& s = slots_[slot];
    // Without a branch: whether the slot keeps its word is a coin toss, and
    // as a branch GCC 12 made it mispredicted half the time (perf put 7 % of
    // a CBOW ns run on that jump).
    const std::int32_t keep = -static_cast<std::int32_t>(static_cast<std::uint32_t>(random) < s.threshold);
    return (static_cast<std::int32_t>(slot) & keep) | (s.alias & ~keep);
  }

  // The exact probability of drawing `id` (for tests and diagnostics).
  double probability(std::int32_t id) const { return probability_[static_cast<std::size_t>(id)]; }

 private:
  std::uint64_t size_;
  // A slot's two fields side by side: a draw reads one cache line, not two.
  struct Slot {
    std::uint32_t threshold;  // keep the slot's own word if the low 32 bits fall below
    std::int32_t alias;       // else draw this one
  };
  std::vector<Slot> slots_;
  std::vector<double> probability_;
};

}  // namespace w2v

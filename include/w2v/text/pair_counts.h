#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace w2v {

// How often each pair of word ids occurs, in bounded memory: open addressing
// with linear probing over a power-of-two table of 16-byte slots, which
// doubles as pairs come until it reaches the budget (while it doubles, the
// old table is held too: 1.5 times the budget at most). When the table at
// its budget is 70% full, the pairs seen at most k times are dropped, k = 1,
// 2, 3, ... one more each time (word2vec.c's ReduceVocab), until at most
// half of the pairs it holds are left. Until then every count is exact.
class PairCounts {
 public:
  static constexpr std::size_t kSlotBytes = 16;
  static constexpr std::size_t kMinSlots = std::size_t{1} << 16;

  // `memory_bytes` is at least kMinSlots slots (1 MiB).
  explicit PairCounts(std::size_t memory_bytes);

  void add(std::uint32_t first, std::uint32_t second);
  std::uint64_t count(std::uint32_t first, std::uint32_t second) const;

  std::size_t size() const { return size_; }
  // The most pairs the budget holds before pruning.
  std::size_t max_pairs() const { return load_limit(max_slots_); }
  // 0 while every count is exact; otherwise the last k of the pruning.
  std::uint64_t pruned_at_most() const { return pruned_at_most_; }

 private:
  struct Slot {
    std::uint64_t key;  // first << 32 | second, or kEmpty
    std::uint64_t count;
  };
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};

  static std::size_t load_limit(std::size_t slots) { return slots / 10 * 7; }
  std::size_t home(std::uint64_t key) const;
  std::size_t find(std::uint64_t key) const;  // its slot, or the empty slot where it would go
  void grow();
  void prune();
  // Drops the pairs counted at most `at_most` times, moving the others so
  // that each stays reachable from its home slot.
  void drop(std::uint64_t at_most);

  std::vector<Slot> slots_;
  std::size_t max_slots_;
  std::size_t size_ = 0;
  std::uint64_t pruned_at_most_ = 0;
};

}  // namespace w2v

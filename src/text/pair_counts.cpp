#include "w2v/text/pair_counts.h"

#include <bit>

#include "w2v/base/error.h"

namespace w2v {

PairCounts::PairCounts(std::size_t memory_bytes) {
  if (memory_bytes < kMinSlots * kSlotBytes) {
    throw Error("pair counts need at least " + std::to_string(kMinSlots * kSlotBytes) + " bytes of memory");
  }
  max_slots_ = std::bit_floor(memory_bytes / kSlotBytes);
  slots_.assign(kMinSlots, Slot{kEmpty, 0});
}

std::size_t PairCounts::home(std::uint64_t key) const {
  // A murmur3-style finaliser: consecutive ids spread over the whole table.
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdull;
  key ^= key >> 33;
  return static_cast<std::size_t>(key) & (slots_.size() - 1);
}

std::size_t PairCounts::find(std::uint64_t key) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = home(key);
  while (slots_[slot].key != key && slots_[slot].key != kEmpty) slot = (slot + 1) & mask;
  return slot;
}

void PairCounts::add(std::uint32_t first, std::uint32_t second) {
  const std::uint64_t key = std::uint64_t{first} << 32 | second;
  std::size_t slot = find(key);
  if (slots_[slot].key == key) {
    ++slots_[slot].count;
    return;
  }
  if (size_ + 1 > load_limit(slots_.size())) {
    if (slots_.size() < max_slots_) {
      grow();
    } else {
      prune();
    }
    slot = find(key);
  }
  slots_[slot] = {key, 1};
  ++size_;
}

std::uint64_t PairCounts::count(std::uint32_t first, std::uint32_t second) const {
  const std::uint64_t key = std::uint64_t{first} << 32 | second;
  const Slot& slot = slots_[find(key)];
  return slot.key == key ? slot.count : 0;
}

void PairCounts::grow() {
  std::vector<Slot> old(slots_.size() * 2, Slot{kEmpty, 0});
  old.swap(slots_);
  for (const Slot& s : old) {
    if (s.key != kEmpty) slots_[find(s.key)] = s;
  }
}

void PairCounts::prune() {
  do {
    drop(++pruned_at_most_);
  } while (size_ > max_pairs() / 2);
}

void PairCounts::drop(std::uint64_t at_most) {
  // One sweep around the table from an empty slot, taking each pair out and
  // putting it back (or not). A pair's probe run never crossed that empty
  // slot, so it starts in the part already swept, where putting it back finds
  // a place at or before the one it left (Knuth's deletion for linear probing).
  const std::size_t mask = slots_.size() - 1;
  std::size_t start = 0;
  while (slots_[start].key != kEmpty) ++start;
  for (std::size_t i = 1; i <= mask; ++i) {
    Slot& slot = slots_[(start + i) & mask];
    if (slot.key == kEmpty) continue;
    const Slot pair = slot;
    slot.key = kEmpty;
    if (pair.count <= at_most) {
      --size_;
    } else {
      slots_[find(pair.key)] = pair;
    }
  }
}

}  // namespace w2v

#include "w2v/text/word_index.h"

#include <utility>

namespace w2v {

std::uint64_t hash_word(std::string_view word) {
  // FNV-1a, then a final mix so the low bits used for the slot are well spread.
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : word) h = (h ^ c) * 1099511628211ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

WordIndex::WordIndex() : slots_(1 << 16, kNotFound) {}

std::size_t WordIndex::slot_of(std::string_view word, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = hash & mask;
  for (;;) {
    const std::int32_t id = slots_[slot];
    if (id == kNotFound) return slot;
    const auto i = static_cast<std::size_t>(id);
    if (hashes_[i] == hash && words_[i] == word) return slot;
    slot = (slot + 1) & mask;
  }
}

std::int32_t WordIndex::find(std::string_view word) const {
  return slots_[slot_of(word, hash_word(word))];
}

std::int32_t WordIndex::insert(std::string word) {
  const std::uint64_t hash = hash_word(word);
  std::size_t slot = slot_of(word, hash);
  if (slots_[slot] != kNotFound) return slots_[slot];
  if (2 * (words_.size() + 1) > slots_.size()) {  // keep the load factor under 1/2
    grow();
    slot = slot_of(word, hash);
  }
  const auto id = static_cast<std::int32_t>(words_.size());
  slots_[slot] = id;
  words_.push_back(std::move(word));
  hashes_.push_back(hash);
  return id;
}

void WordIndex::grow() {
  slots_.assign(slots_.size() * 2, kNotFound);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = 0; i < words_.size(); ++i) {
    std::size_t slot = hashes_[i] & mask;
    while (slots_[slot] != kNotFound) slot = (slot + 1) & mask;
    slots_[slot] = static_cast<std::int32_t>(i);
  }
}

}  // namespace w2v

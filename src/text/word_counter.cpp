#include "w2v/text/word_counter.h"

#include <algorithm>
#include <bit>

#include "w2v/base/prefetch.h"

namespace w2v {
namespace {

constexpr std::uint32_t kMaxOffset = 0xFFFFFFFFu;
// A slot holds the high 32 bits of its word's hash over the word's index, so
// that probing past other words rarely reads their entries.
constexpr std::uint64_t kEmptySlot = ~std::uint64_t{0};
constexpr std::uint64_t kTagBits = ~std::uint64_t{0} << 32;

std::uint64_t slot_value(std::uint64_t hash, std::size_t index) { return (hash & kTagBits) | index; }
std::size_t index_of(std::uint64_t slot) { return static_cast<std::size_t>(slot & ~kTagBits); }
constexpr std::size_t kSpillBuffer = 1 << 20;
constexpr std::size_t kFirstSlots = 1 << 16;

}  // namespace

// The table's last words, sorted in place, read without a copy.
class WordCounter::TableRun : public CountRun {
 public:
  TableRun(std::vector<Entry> entries, std::vector<char> arena) : entries_(std::move(entries)), arena_(std::move(arena)) {}

  bool next(CountedWord& word) override {
    if (pos_ == entries_.size()) return false;
    const Entry& e = entries_[pos_++];
    word.hash = e.hash;
    word.first = e.first;
    word.count = e.count;
    word.word.assign(arena_.data() + e.offset, e.length);
    word.shares_hash = false;
    return true;
  }

 private:
  std::vector<Entry> entries_;
  std::vector<char> arena_;
  std::size_t pos_ = 0;
};

WordCounter::WordCounter(std::uint64_t memory_bytes)
    : memory_(std::max(memory_bytes, kMinMemory)),
      // The largest power of two of slots whose array takes at most 1/8 of the budget.
      max_slots_(static_cast<std::size_t>(std::bit_floor(memory_ / 8 / sizeof(std::uint64_t)))) {
  slots_.assign(std::min(kFirstSlots, max_slots_), kEmptySlot);
  // Reserved, not touched: pages count toward memory only once written.
  entries_.reserve(max_slots_ / 2);
  // Words are found by 32-bit offsets into the arena.
  arena_.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(memory_ - max_slots_ * sizeof(std::uint64_t), kMaxOffset)));
}

bool WordCounter::full(std::size_t word_bytes) const {
  const std::uint64_t used = slots_.size() * sizeof(std::uint64_t) + (entries_.size() + 1) * sizeof(Entry) +
                             arena_.size() + word_bytes;
  return entries_.size() == max_slots_ / 2 || used > memory_ || arena_.size() + word_bytes > arena_.capacity();
}

std::size_t WordCounter::find_slot(std::string_view word, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t tag = hash & kTagBits;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const std::uint64_t value = slots_[slot];
    if (value == kEmptySlot) return slot;
    if ((value & kTagBits) != tag) continue;
    const Entry& e = entries_[index_of(value)];
    if (e.hash == hash && word_of(e) == word) return slot;
  }
}

void WordCounter::prefetch_slot(std::uint64_t hash) const {
  prefetch_read(&slots_[hash & (slots_.size() - 1)]);
}

void WordCounter::prefetch_entry(std::uint64_t hash) const {
  const std::uint64_t value = slots_[hash & (slots_.size() - 1)];
  if (value == kEmptySlot || (value & kTagBits) != (hash & kTagBits)) return;
  const Entry& e = entries_[index_of(value)];
  prefetch_read(&e);
  prefetch_read(arena_.data() + e.offset);
}

void WordCounter::add(std::string_view word, std::uint64_t hash, std::uint64_t position) {
  std::size_t slot = find_slot(word, hash);
  if (slots_[slot] != kEmptySlot) {
    ++entries_[index_of(slots_[slot])].count;
    return;
  }
  if (full(word.size())) {
    spill();
    slot = find_slot(word, hash);
  } else if (2 * (entries_.size() + 1) > slots_.size()) {  // keep the load factor under 1/2
    grow();
    slot = find_slot(word, hash);
  }
  slots_[slot] = slot_value(hash, entries_.size());
  entries_.push_back({hash, 1, position, static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(word.size())});
  arena_.insert(arena_.end(), word.begin(), word.end());
}

void WordCounter::grow() {
  slots_.assign(slots_.size() * 2, kEmptySlot);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    std::size_t slot = entries_[i].hash & mask;
    while (slots_[slot] != kEmptySlot) slot = (slot + 1) & mask;
    slots_[slot] = slot_value(entries_[i].hash, i);
  }
}

void WordCounter::sort_entries() {
  std::sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    return word_of(a) < word_of(b);
  });
}

void WordCounter::spill() {
  sort_entries();
  TempFile file("count-run");
  std::string buffer;
  buffer.reserve(kSpillBuffer + 512);
  CountedWord record;
  for (const Entry& e : entries_) {
    record.hash = e.hash;
    record.first = e.first;
    record.count = e.count;
    record.word.assign(word_of(e));
    append_record(buffer, record);
    if (buffer.size() >= kSpillBuffer) {
      file.append(buffer.data(), buffer.size());
      buffer.clear();
    }
  }
  file.append(buffer.data(), buffer.size());
  runs_.push_back(std::make_unique<FileRun>(std::move(file)));
  ++spills_;
  clear();
}

void WordCounter::clear() {
  entries_.clear();
  arena_.clear();
  std::fill(slots_.begin(), slots_.end(), kEmptySlot);
}

std::vector<std::unique_ptr<CountRun>> WordCounter::finish() {
  sort_entries();
  std::vector<std::unique_ptr<CountRun>> runs = std::move(runs_);
  runs_.clear();
  slots_ = {};
  runs.push_back(std::make_unique<TableRun>(std::move(entries_), std::move(arena_)));
  entries_ = {};
  arena_ = {};
  return runs;
}

}  // namespace w2v

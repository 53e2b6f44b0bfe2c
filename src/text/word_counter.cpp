#include "w2v/text/word_counter.h"

#include <algorithm>
#include <bit>

namespace w2v {
namespace {

constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
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
      max_slots_(static_cast<std::size_t>(std::bit_floor(memory_ / 8 / sizeof(std::uint32_t)))) {
  slots_.assign(std::min(kFirstSlots, max_slots_), kEmpty);
  // Reserved, not touched: pages count toward memory only once written.
  entries_.reserve(max_slots_ / 2);
  // Words are found by 32-bit offsets into the arena.
  arena_.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(memory_ - max_slots_ * sizeof(std::uint32_t), kEmpty)));
}

bool WordCounter::full(std::size_t word_bytes) const {
  const std::uint64_t used = slots_.size() * sizeof(std::uint32_t) + (entries_.size() + 1) * sizeof(Entry) +
                             arena_.size() + word_bytes;
  return entries_.size() == max_slots_ / 2 || used > memory_ || arena_.size() + word_bytes > arena_.capacity();
}

std::size_t WordCounter::find_slot(std::string_view word, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t i = slots_[slot];
    if (i == kEmpty) return slot;
    const Entry& e = entries_[i];
    if (e.hash == hash && word_of(e) == word) return slot;
  }
}

void WordCounter::add(std::string_view word, std::uint64_t hash, std::uint64_t position) {
  std::size_t slot = find_slot(word, hash);
  if (slots_[slot] != kEmpty) {
    ++entries_[slots_[slot]].count;
    return;
  }
  if (full(word.size())) {
    spill();
    slot = find_slot(word, hash);
  } else if (2 * (entries_.size() + 1) > slots_.size()) {  // keep the load factor under 1/2
    grow();
    slot = find_slot(word, hash);
  }
  slots_[slot] = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back({hash, 1, position, static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(word.size())});
  arena_.insert(arena_.end(), word.begin(), word.end());
}

void WordCounter::grow() {
  slots_.assign(slots_.size() * 2, kEmpty);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    std::size_t slot = entries_[i].hash & mask;
    while (slots_[slot] != kEmpty) slot = (slot + 1) & mask;
    slots_[slot] = static_cast<std::uint32_t>(i);
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
  std::fill(slots_.begin(), slots_.end(), kEmpty);
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

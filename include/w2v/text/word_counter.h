#pragma once
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "w2v/text/count_runs.h"

namespace w2v {

// Counts the distinct words of a corpus exactly, in at most `memory_bytes`
// of table (and at least kMinMemory): when the table is full, its counts are
// sorted (count_order) and spilled to a temporary file as a run, and the
// table starts again empty. finish() hands over every run, the table's last
// one in memory, for CountMerge to add up. A corpus whose distinct words fit
// never touches the disk.
//
// Memory: a slot array of 8 bytes per slot (growing to at most 1/8 of the
// budget, at most half of the slots used), 32 bytes per word and the word's
// bytes.
class WordCounter {
 public:
  static constexpr std::uint64_t kMinMemory = 1 << 20;

  explicit WordCounter(std::uint64_t memory_bytes);

  // One occurrence of `word` (whose hash is `hash`) at `position`; the
  // earliest position of a word is its CountedWord::first.
  void add(std::string_view word, std::uint64_t hash, std::uint64_t position);

  // Asks the cache for the slot `hash` starts probing at, and, once that slot
  // is cached (a later call), for the entry and bytes of the word it holds:
  // a scan calls it for a word twice, some words before add(), so that the
  // lookup's misses overlap with other words' work.
  void prefetch_slot(std::uint64_t hash) const;
  void prefetch_entry(std::uint64_t hash) const;

  // The runs so far and the table's words; the counter is spent.
  std::vector<std::unique_ptr<CountRun>> finish();

  std::size_t spills() const { return spills_; }

 private:
  struct Entry {
    std::uint64_t hash;
    std::uint64_t count;
    std::uint64_t first;
    std::uint32_t offset;  // of the word in arena_
    std::uint32_t length;
  };
  class TableRun;

  std::string_view word_of(const Entry& e) const { return {arena_.data() + e.offset, e.length}; }
  std::size_t find_slot(std::string_view word, std::uint64_t hash) const;
  bool full(std::size_t word_bytes) const;
  void grow();
  void sort_entries();
  void spill();
  void clear();

  std::uint64_t memory_;
  std::size_t max_slots_;
  std::vector<std::uint64_t> slots_;  // hash tag and index into entries_, or empty
  std::vector<Entry> entries_;
  std::vector<char> arena_;
  std::vector<std::unique_ptr<CountRun>> runs_;
  std::size_t spills_ = 0;
};

}  // namespace w2v

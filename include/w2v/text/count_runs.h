#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "w2v/base/temp_file.h"

namespace w2v {

// One distinct word of a corpus and its count. `first` orders words by
// their first appearance in the corpus (a position, not a line number);
// `shares_hash` is set by CountMerge on a word whose 64-bit hash equals
// another word's.
struct CountedWord {
  std::uint64_t hash = 0;
  std::uint64_t first = 0;
  std::uint64_t count = 0;
  std::string word;
  bool shares_hash = false;
};

// The order of runs and of the merged stream: by hash, then by word.
bool count_order(const CountedWord& a, const CountedWord& b);

// A sequence of counted words in count_order, each word at most once: the
// words of one counting table, spilled to a file, kept in memory, or
// received from another process.
class CountRun {
 public:
  virtual ~CountRun() = default;
  // The next word; false at the end.
  virtual bool next(CountedWord& word) = 0;
  // How many bytes of a run on disk to hold in memory at a time.
  virtual void set_buffer(std::size_t /*bytes*/) {}
};

// The serialized form of runs: hash, first, count (uint64 each), the word's
// length (uint16) and its bytes, in the machine's byte order (runs never
// leave the machine that wrote them, except between the ranks of one job).
void append_record(std::string& bytes, const CountedWord& word);

// Records held in memory.
class MemoryRun : public CountRun {
 public:
  explicit MemoryRun(std::string bytes) : bytes_(std::move(bytes)) {}
  bool next(CountedWord& word) override;

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
};

// Records in a temporary file, read through a small buffer.
class FileRun : public CountRun {
 public:
  explicit FileRun(TempFile file) : file_(std::move(file)) {}
  bool next(CountedWord& word) override;
  void set_buffer(std::size_t bytes) override { buffer_bytes_ = bytes; }

 private:
  TempFile file_;
  std::uint64_t offset_ = 0;  // of buffer_[0] in the file
  std::string buffer_;
  std::size_t pos_ = 0;
  std::size_t buffer_bytes_ = 1 << 20;
};

// The k-way merge of runs: every distinct word once, in count_order, with
// its counts summed and the earliest `first`. Words that share a hash are
// flagged (a one-word look-ahead finds the pair). The runs on disk share
// `memory` bytes of read buffers (at least 4 KiB each, at most 1 MiB).
class CountMerge {
 public:
  CountMerge(std::vector<std::unique_ptr<CountRun>> runs, std::uint64_t memory);
  bool next(CountedWord& word);

 private:
  bool merge_one(CountedWord& word);  // without the look-ahead

  std::vector<std::unique_ptr<CountRun>> runs_;
  std::vector<CountedWord> heads_;  // the current word of each run
  std::vector<std::size_t> heap_;   // runs with a head, min-heap by count_order
  CountedWord ahead_;
  bool has_ahead_ = false;
  bool started_ = false;
};

}  // namespace w2v

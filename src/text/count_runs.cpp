#include "w2v/text/count_runs.h"

#include <algorithm>
#include <cstring>

#include "w2v/base/error.h"

namespace w2v {
namespace {

constexpr std::size_t kRecordHeader = 3 * sizeof(std::uint64_t) + sizeof(std::uint16_t);
// Larger than any record: words are at most WordSource::kMaxWordBytes.
constexpr std::size_t kMinRunBuffer = 4 << 10;
constexpr std::size_t kMaxRunBuffer = 1 << 20;

// Reads the record at bytes[pos] if it is whole; advances pos.
bool read_record(std::string_view bytes, std::size_t& pos, CountedWord& word) {
  if (bytes.size() - pos < kRecordHeader) return false;
  const char* p = bytes.data() + pos;
  std::uint16_t length = 0;
  std::memcpy(&word.hash, p, 8);
  std::memcpy(&word.first, p + 8, 8);
  std::memcpy(&word.count, p + 16, 8);
  std::memcpy(&length, p + 24, 2);
  if (bytes.size() - pos < kRecordHeader + length) return false;
  word.word.assign(p + kRecordHeader, length);
  word.shares_hash = false;
  pos += kRecordHeader + length;
  return true;
}

}  // namespace

bool count_order(const CountedWord& a, const CountedWord& b) {
  if (a.hash != b.hash) return a.hash < b.hash;
  return a.word < b.word;
}

void append_record(std::string& bytes, const CountedWord& word) {
  const auto length = static_cast<std::uint16_t>(word.word.size());
  char header[kRecordHeader];
  std::memcpy(header, &word.hash, 8);
  std::memcpy(header + 8, &word.first, 8);
  std::memcpy(header + 16, &word.count, 8);
  std::memcpy(header + 24, &length, 2);
  bytes.append(header, kRecordHeader);
  bytes.append(word.word, 0, length);
}

bool MemoryRun::next(CountedWord& word) {
  if (pos_ == bytes_.size()) return false;
  if (!read_record(bytes_, pos_, word)) throw Error("a run of word counts ends in the middle of a record");
  return true;
}

bool FileRun::next(CountedWord& word) {
  if (read_record(buffer_, pos_, word)) return true;
  // Keep the partial record, then read more after it.
  const std::uint64_t consumed = offset_ + pos_;
  const std::uint64_t left = file_.size() - consumed;
  if (left == 0) return false;
  buffer_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(left, std::max(buffer_bytes_, kMinRunBuffer))));
  file_.read(buffer_.data(), buffer_.size(), consumed);
  offset_ = consumed;
  pos_ = 0;
  if (!read_record(buffer_, pos_, word)) throw Error("temporary count run file: a record is cut short");
  return true;
}

CountMerge::CountMerge(std::vector<std::unique_ptr<CountRun>> runs, std::uint64_t memory)
    : runs_(std::move(runs)), heads_(runs_.size()) {
  const std::uint64_t share = memory / std::max<std::size_t>(runs_.size(), 1);
  for (auto& run : runs_) run->set_buffer(static_cast<std::size_t>(std::clamp<std::uint64_t>(share, kMinRunBuffer, kMaxRunBuffer)));
}

bool CountMerge::merge_one(CountedWord& word) {
  // The heap's comparator puts the smallest head on top (std heaps are max-heaps).
  const auto after = [&](std::size_t a, std::size_t b) { return count_order(heads_[b], heads_[a]); };
  if (!started_) {
    started_ = true;
    for (std::size_t r = 0; r < runs_.size(); ++r) {
      if (runs_[r]->next(heads_[r])) heap_.push_back(r);
    }
    std::make_heap(heap_.begin(), heap_.end(), after);
  }
  if (heap_.empty()) return false;
  bool first = true;
  while (!heap_.empty()) {
    const std::size_t r = heap_.front();
    CountedWord& head = heads_[r];
    if (first) {
      std::swap(word, head);
      word.shares_hash = false;
      first = false;
    } else if (head.hash == word.hash && head.word == word.word) {
      word.count += head.count;
      word.first = std::min(word.first, head.first);
    } else {
      break;
    }
    std::pop_heap(heap_.begin(), heap_.end(), after);
    if (runs_[r]->next(heads_[r])) {
      std::push_heap(heap_.begin(), heap_.end(), after);
    } else {
      heap_.pop_back();
    }
  }
  return true;
}

bool CountMerge::next(CountedWord& word) {
  if (!has_ahead_) {
    if (!merge_one(ahead_)) return false;
  }
  std::swap(word, ahead_);
  has_ahead_ = merge_one(ahead_);
  if (has_ahead_ && ahead_.hash == word.hash) {
    word.shares_hash = true;
    ahead_.shares_hash = true;
  }
  return true;
}

}  // namespace w2v

#include "w2v/text/token_stream.h"

#include <zlib.h>

#include <algorithm>
#include <bit>

namespace w2v {
namespace {

constexpr std::size_t kBufferEntries = 1 << 16;

// The file (and the checksum over it) holds the ids as this machine does.
static_assert(std::endian::native == std::endian::little, "token ids are checksummed as little-endian");

}  // namespace

template <class Id>
BasicTokenStream<Id>::BasicTokenStream() : file_("tokens") {
  pending_.reserve(kBufferEntries);
}

template <class Id>
void BasicTokenStream<Id>::push_token(Id id) {
  pending_.push_back(id);
  ++entries_;
  ++tokens_;
  sentence_open_ = true;
  if (pending_.size() == kBufferEntries) flush();
}

template <class Id>
void BasicTokenStream<Id>::end_sentence() {
  if (!sentence_open_) return;
  pending_.push_back(kEndOfSentence);
  ++entries_;
  sentence_open_ = false;
  if (pending_.size() == kBufferEntries) flush();
}

template <class Id>
void BasicTokenStream<Id>::finish() {
  end_sentence();
  flush();
}

template <class Id>
void BasicTokenStream<Id>::flush() {
  const std::size_t bytes = pending_.size() * sizeof(Id);
  checksum_ = static_cast<std::uint32_t>(crc32_z(checksum_, reinterpret_cast<const Bytef*>(pending_.data()), bytes));
  file_.append(pending_.data(), bytes);
  pending_.clear();
}

template <class Id>
std::pair<std::uint64_t, std::uint64_t> BasicTokenStream<Id>::part_of(std::uint64_t entries, int part, int parts) {
  const auto p = static_cast<unsigned __int128>(part);
  const auto n = static_cast<unsigned __int128>(parts);
  return {static_cast<std::uint64_t>(entries * p / n), static_cast<std::uint64_t>(entries * (p + 1) / n)};
}

template <class Id>
BasicTokenStream<Id>::Reader::Reader(const BasicTokenStream& stream, std::uint64_t begin, std::uint64_t end)
    : file_(stream.file_), next_(begin), end_(end) {
  buffer_.reserve(kBufferEntries);
}

template <class Id>
bool BasicTokenStream<Id>::Reader::refill() {
  const std::uint64_t count = std::min<std::uint64_t>(kBufferEntries, end_ - next_);
  if (count == 0) return false;
  buffer_.resize(count);
  file_.read(buffer_.data(), count * sizeof(Id), next_ * sizeof(Id));
  next_ += count;
  pos_ = 0;
  return true;
}

template <class Id>
bool BasicTokenStream<Id>::Reader::next_entry(Id& entry) {
  if (pos_ == buffer_.size() && !refill()) return false;
  entry = buffer_[pos_++];
  return true;
}

template <class Id>
bool BasicTokenStream<Id>::Reader::next_sentence(std::vector<std::int32_t>& sentence, std::size_t max_length) {
  sentence.clear();
  for (Id entry;;) {
    if (!next_entry(entry)) return !sentence.empty();
    if (entry == kEndOfSentence) {
      if (!sentence.empty()) return true;
      continue;
    }
    sentence.push_back(static_cast<std::int32_t>(entry));
    if (sentence.size() == max_length) return true;
  }
}

template class BasicTokenStream<std::uint32_t>;
template class BasicTokenStream<std::uint64_t>;

}  // namespace w2v

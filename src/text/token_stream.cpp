#include "w2v/text/token_stream.h"

#include <fcntl.h>
#include <zlib.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

#include "w2v/base/error.h"

namespace w2v {
namespace {

constexpr std::size_t kBufferEntries = 1 << 16;

// The file (and the checksum over it) holds the ids as this machine does.
static_assert(std::endian::native == std::endian::little, "token ids are checksummed as little-endian");

int create_anonymous_file() {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/w2v-tokens-XXXXXX";
  const int fd = mkstemp(pattern.data());
  if (fd < 0) throw Error(pattern + ": cannot create temporary token file: " + std::strerror(errno));
  unlink(pattern.c_str());  // removed by the system when closed, even after a crash
  return fd;
}

}  // namespace

TokenStream::TokenStream() : fd_(create_anonymous_file()) { pending_.reserve(kBufferEntries); }

TokenStream::~TokenStream() {
  if (fd_ >= 0) close(fd_);
}

TokenStream::TokenStream(TokenStream&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      pending_(std::move(other.pending_)),
      entries_(other.entries_),
      tokens_(other.tokens_),
      checksum_(other.checksum_),
      sentence_open_(other.sentence_open_) {}

TokenStream& TokenStream::operator=(TokenStream&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    pending_ = std::move(other.pending_);
    entries_ = other.entries_;
    tokens_ = other.tokens_;
    checksum_ = other.checksum_;
    sentence_open_ = other.sentence_open_;
  }
  return *this;
}

void TokenStream::push_token(std::uint32_t id) {
  pending_.push_back(id);
  ++entries_;
  ++tokens_;
  sentence_open_ = true;
  if (pending_.size() == kBufferEntries) flush();
}

void TokenStream::end_sentence() {
  if (!sentence_open_) return;
  pending_.push_back(kEndOfSentence);
  ++entries_;
  sentence_open_ = false;
  if (pending_.size() == kBufferEntries) flush();
}

void TokenStream::finish() {
  end_sentence();
  flush();
}

void TokenStream::flush() {
  const char* data = reinterpret_cast<const char*>(pending_.data());
  std::size_t left = pending_.size() * sizeof(std::uint32_t);
  checksum_ = static_cast<std::uint32_t>(crc32_z(checksum_, reinterpret_cast<const Bytef*>(data), left));
  while (left > 0) {
    const ssize_t n = write(fd_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(std::string("temporary token file: write failed: ") + std::strerror(errno));
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  pending_.clear();
}

TokenStream TokenStream::remap(const std::vector<std::int32_t>& new_id) const {
  TokenStream result;
  Reader reader(*this, 0, entries_);
  // Entry by entry, not sentence by sentence: a one-line corpus is one
  // sentence of millions of words.
  for (std::uint32_t entry; reader.next_entry(entry);) {
    if (entry == kEndOfSentence) {
      result.end_sentence();
    } else if (const std::int32_t mapped = new_id[entry]; mapped >= 0) {
      result.push_token(static_cast<std::uint32_t>(mapped));
    }
  }
  result.finish();
  return result;
}

std::pair<std::uint64_t, std::uint64_t> TokenStream::part_of(std::uint64_t entries, int part, int parts) {
  const auto p = static_cast<unsigned __int128>(part);
  const auto n = static_cast<unsigned __int128>(parts);
  return {static_cast<std::uint64_t>(entries * p / n), static_cast<std::uint64_t>(entries * (p + 1) / n)};
}

TokenStream::Reader::Reader(const TokenStream& stream, std::uint64_t begin, std::uint64_t end)
    : fd_(stream.fd_), next_(begin), end_(end) {
  buffer_.reserve(kBufferEntries);
}

bool TokenStream::Reader::refill() {
  const std::uint64_t count = std::min<std::uint64_t>(kBufferEntries, end_ - next_);
  if (count == 0) return false;
  buffer_.resize(count);
  char* data = reinterpret_cast<char*>(buffer_.data());
  std::size_t left = count * sizeof(std::uint32_t);
  auto offset = static_cast<off_t>(next_ * sizeof(std::uint32_t));
  while (left > 0) {
    const ssize_t n = pread(fd_, data, left, offset);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      throw Error(std::string("temporary token file: read failed: ") + (n < 0 ? std::strerror(errno) : "short file"));
    }
    data += n;
    offset += n;
    left -= static_cast<std::size_t>(n);
  }
  next_ += count;
  pos_ = 0;
  return true;
}

bool TokenStream::Reader::next_entry(std::uint32_t& entry) {
  if (pos_ == buffer_.size() && !refill()) return false;
  entry = buffer_[pos_++];
  return true;
}

bool TokenStream::Reader::next_sentence(std::vector<std::int32_t>& sentence, std::size_t max_length) {
  sentence.clear();
  for (std::uint32_t entry;;) {
    if (!next_entry(entry)) return !sentence.empty();
    if (entry == kEndOfSentence) {
      if (!sentence.empty()) return true;
      continue;
    }
    sentence.push_back(static_cast<std::int32_t>(entry));
    if (sentence.size() == max_length) return true;
  }
}

}  // namespace w2v

#include "w2v/text/text_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "w2v/base/error.h"

namespace w2v {
namespace {

constexpr std::size_t kBufferBytes = 1 << 20;

inline bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

[[noreturn]] void fail_open(const std::string& path) {
  throw Error(path + ": cannot open: " + std::strerror(errno ? errno : ENOENT));
}

// pread that retries on EINTR; returns the bytes read (0 at the end of file).
std::size_t read_at(int fd, char* data, std::size_t bytes, std::uint64_t offset, const std::string& path) {
  for (;;) {
    const ssize_t n = pread(fd, data, bytes, static_cast<off_t>(offset));
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) throw Error(path + ": read error: " + std::strerror(errno));
  }
}

// The first offset at or after `at` where a word starts (whitespace before
// it, none at it), or `end`.
std::uint64_t word_start(int fd, std::uint64_t at, std::uint64_t end, const std::string& path) {
  std::vector<char> buffer(1 << 16);
  char before = 0;
  read_at(fd, &before, 1, at - 1, path);
  while (at < end) {
    const std::size_t n = read_at(fd, buffer.data(), std::min<std::uint64_t>(buffer.size(), end - at), at, path);
    if (n == 0) return end;
    for (std::size_t i = 0; i < n; ++i, ++at) {
      if (is_space(before) && !is_space(buffer[i])) return at;
      before = buffer[i];
    }
  }
  return end;
}

}  // namespace

std::optional<std::uint64_t> plain_file_size(const std::string& path) {
  if (path == "-") return std::nullopt;
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) return std::nullopt;  // the reader reports it
  struct stat info {};
  unsigned char magic[2] = {0, 0};
  const bool regular = fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
  const bool gzip = regular && pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  close(fd);
  if (!regular || gzip) return std::nullopt;
  return static_cast<std::uint64_t>(info.st_size);
}

std::vector<std::uint64_t> split_into_pieces(const std::string& path, ByteRange range, int parts) {
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) fail_open(path);
  std::vector<std::uint64_t> cuts{range.begin};
  try {
    const std::uint64_t size = range.end - range.begin;
    for (int p = 1; p < parts; ++p) {
      const std::uint64_t nominal = range.begin + size * static_cast<std::uint64_t>(p) / static_cast<std::uint64_t>(parts);
      const std::uint64_t at = std::max(nominal, cuts.back());
      cuts.push_back(at == range.begin ? at : word_start(fd, at, range.end, path));
    }
  } catch (...) {
    close(fd);
    throw;
  }
  close(fd);
  cuts.push_back(range.end);
  return cuts;
}

TextReader::TextReader(const std::string& path) : path_(path), buffer_(kBufferBytes) {
  if (path == "-") {
    file_ = gzdopen(dup(STDIN_FILENO), "rb");
    path_ = "<stdin>";
  } else {
    file_ = gzopen(path.c_str(), "rb");
  }
  if (!file_) fail_open(path_);
  gzbuffer(file_, 1 << 18);
}

TextReader::TextReader(const std::string& path, ByteRange range)
    : path_(path), piece_end_(range.end), buffer_(kBufferBytes), bytes_consumed_(range.begin) {
  fd_ = open(path.c_str(), O_RDONLY);
  if (fd_ < 0) fail_open(path_);
  struct stat info {};
  ends_file_ = fstat(fd_, &info) == 0 && range.end >= static_cast<std::uint64_t>(info.st_size);
}

TextReader::~TextReader() {
  if (file_) gzclose(file_);
  if (fd_ >= 0) close(fd_);
}

std::size_t TextReader::read_some() {
  if (fd_ >= 0) {
    const std::uint64_t left = piece_end_ - bytes_consumed_;
    return read_at(fd_, buffer_.data(), std::min<std::uint64_t>(buffer_.size(), left), bytes_consumed_, path_);
  }
  const int n = gzread(file_, buffer_.data(), static_cast<unsigned>(buffer_.size()));
  int code = 0;
  const char* message = gzerror(file_, &code);
  if (n < 0 || (n == 0 && code != Z_OK && code != Z_STREAM_END)) {
    throw Error(path_ + ": read error: " + (code == Z_ERRNO ? std::strerror(errno) : message));
  }
  return static_cast<std::size_t>(n);
}

bool TextReader::fill() {
  if (eof_) return false;
  const std::size_t n = read_some();
  if (n == 0) {
    eof_ = true;
    return false;
  }
  if (const void* nul = std::memchr(buffer_.data(), '\0', n)) {
    const auto at = static_cast<const char*>(nul) - buffer_.data();
    throw Error(path_ + ": binary data (a NUL byte) at byte " + std::to_string(bytes_consumed_ + at) +
                ": not a text corpus");
  }
  pos_ = 0;
  end_ = n;
  bytes_consumed_ += end_;
  return true;
}

std::string_view TextReader::finish_word(std::string_view word) {
  line_has_words_ = true;
  return checked_word(word);
}

TextReader::Token TextReader::next(std::string_view& word) {
  carry_.clear();
  for (;;) {
    if (pos_ == end_ && !fill()) {
      if (!carry_.empty()) {
        word = finish_word(carry_);
        return Token::kWord;
      }
      if (line_has_words_ && ends_file_) {  // a last line without a final newline
        line_has_words_ = false;
        count_line();
        return Token::kEndOfLine;
      }
      return Token::kEnd;
    }
    const char* data = buffer_.data();
    if (carry_.empty()) {
      while (pos_ < end_ && is_space(data[pos_])) {
        if (data[pos_++] == '\n') {
          count_line();
          if (line_has_words_) {
            line_has_words_ = false;
            return Token::kEndOfLine;
          }
        }
      }
      if (pos_ == end_) continue;
    }
    const std::size_t start = pos_;
    while (pos_ < end_ && !is_space(data[pos_])) ++pos_;
    // A word longer than the limit is cut anyway, so the carry never needs to
    // hold more than a few bytes past it (finish_word sees it is too long).
    const auto carry = [&](std::size_t n) {
      const std::size_t room = kMaxWordBytes + 4 - std::min(carry_.size(), kMaxWordBytes + 4);
      carry_.append(data + start, std::min(n, room));
    };
    if (pos_ == end_) {  // the word may continue in the next buffer
      carry(pos_ - start);
      continue;
    }
    if (!carry_.empty()) {
      carry(pos_ - start);
      word = finish_word(carry_);
    } else {
      word = finish_word(std::string_view(data + start, pos_ - start));
    }
    return Token::kWord;
  }
}

}  // namespace w2v

#include "w2v/text/text_reader.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "w2v/base/error.h"

namespace w2v {
namespace {

constexpr std::size_t kBufferBytes = 1 << 20;

inline bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

}  // namespace

TextReader::TextReader(const std::string& path) : path_(path), buffer_(kBufferBytes) {
  if (path == "-") {
    file_ = gzdopen(dup(STDIN_FILENO), "rb");
    path_ = "<stdin>";
  } else {
    file_ = gzopen(path.c_str(), "rb");
  }
  if (!file_) {
    throw Error(path_ + ": cannot open: " + std::strerror(errno ? errno : ENOENT));
  }
  gzbuffer(file_, 1 << 18);
}

TextReader::~TextReader() {
  if (file_) gzclose(file_);
}

bool TextReader::fill() {
  if (eof_) return false;
  const int n = gzread(file_, buffer_.data(), static_cast<unsigned>(buffer_.size()));
  if (n < 0) {
    int code = 0;
    const char* message = gzerror(file_, &code);
    if (code == Z_ERRNO) message = std::strerror(errno);
    throw Error(path_ + ": read error: " + message);
  }
  if (n == 0) {
    int code = 0;
    const char* message = gzerror(file_, &code);
    if (code != Z_OK && code != Z_STREAM_END) throw Error(path_ + ": read error: " + message);
    eof_ = true;
    return false;
  }
  if (const void* nul = std::memchr(buffer_.data(), '\0', static_cast<std::size_t>(n))) {
    const auto at = static_cast<const char*>(nul) - buffer_.data();
    throw Error(path_ + ": binary data (a NUL byte) at byte " + std::to_string(bytes_consumed_ + at) +
                ": not a text corpus");
  }
  pos_ = 0;
  end_ = static_cast<std::size_t>(n);
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
      if (line_has_words_) {  // a last line without a final newline
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

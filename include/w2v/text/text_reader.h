#pragma once
#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace w2v {

// Streams whitespace-separated tokens from plain or gzip text ("-" is stdin;
// gzip is recognised by its content, not its name). A line is a sentence.
// Words longer than kMaxWordBytes are cut on a UTF-8 character boundary.
class TextReader {
 public:
  static constexpr std::size_t kMaxWordBytes = 100;

  enum class Token { kWord, kEndOfLine, kEnd };

  explicit TextReader(const std::string& path);
  ~TextReader();
  TextReader(const TextReader&) = delete;
  TextReader& operator=(const TextReader&) = delete;

  // The next token; for kWord, `word` views it until the next call.
  Token next(std::string_view& word);

  const std::string& path() const { return path_; }
  std::uint64_t bytes_read() const { return bytes_consumed_; }
  std::uint64_t lines() const { return lines_; }
  std::uint64_t truncated_words() const { return truncated_words_; }
  std::uint64_t invalid_utf8_words() const { return invalid_utf8_words_; }
  std::uint64_t first_invalid_utf8_line() const { return first_invalid_utf8_line_; }

 private:
  bool fill();
  std::string_view finish_word(std::string_view word);

  std::string path_;
  gzFile file_ = nullptr;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool line_has_words_ = false;
  std::string carry_;       // a word split across two buffer fills
  std::string truncated_;   // storage for a word that was cut
  std::uint64_t bytes_consumed_ = 0;
  std::uint64_t lines_ = 0;
  std::uint64_t truncated_words_ = 0;
  std::uint64_t invalid_utf8_words_ = 0;
  std::uint64_t first_invalid_utf8_line_ = 0;
};

}  // namespace w2v

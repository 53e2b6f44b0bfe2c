#pragma once
#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "w2v/text/word_source.h"

namespace w2v {

// Streams whitespace-separated tokens from plain or gzip text ("-" is stdin;
// gzip is recognised by its content, not its name). A line is a sentence.
// Words longer than kMaxWordBytes are cut on a UTF-8 character boundary.
class TextReader : public WordSource {
 public:
  explicit TextReader(const std::string& path);
  ~TextReader() override;
  TextReader(const TextReader&) = delete;
  TextReader& operator=(const TextReader&) = delete;

  Token next(std::string_view& word) override;
  const std::string& name() const override { return path_; }

  const std::string& path() const { return path_; }
  std::uint64_t bytes_read() const { return bytes_consumed_; }

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
  std::string carry_;  // a word split across two buffer fills
  std::uint64_t bytes_consumed_ = 0;
};

}  // namespace w2v

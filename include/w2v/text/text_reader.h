#pragma once
#include <zlib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "w2v/text/word_source.h"

namespace w2v {

// Bytes [begin, end) of a file.
struct ByteRange {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
};

// Streams whitespace-separated tokens from plain or gzip text ("-" is stdin;
// gzip is recognised by its content, not its name). A line is a sentence.
// Words longer than kMaxWordBytes are cut on a UTF-8 character boundary.
class TextReader : public WordSource {
 public:
  explicit TextReader(const std::string& path);
  // A piece of a plain text file, as split_into_pieces cuts it: it starts at
  // a word (or the file's start) and ends after whitespace (or at the file's
  // end). The line it ends in continues in the next piece, so the reader
  // does not end it, unless the piece ends the file. Lines are counted from
  // the piece's start.
  TextReader(const std::string& path, ByteRange range);
  ~TextReader() override;
  TextReader(const TextReader&) = delete;
  TextReader& operator=(const TextReader&) = delete;

  Token next(std::string_view& word) override;
  const std::string& name() const override { return path_; }

 private:
  bool fill();
  std::size_t read_some();
  std::string_view finish_word(std::string_view word);

  std::string path_;
  gzFile file_ = nullptr;
  int fd_ = -1;                      // a piece of a plain file, read with pread
  std::uint64_t piece_end_ = 0;
  bool ends_file_ = true;            // the last line ends with the input
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool line_has_words_ = false;
  std::string carry_;  // a word split across two buffer fills
  std::uint64_t bytes_consumed_ = 0;  // the offset of the next byte read
};

// The size of the plain (not gzip) regular file at `path`, or nothing for
// stdin ("-"), a pipe or a gzip file: those can only be read from the start.
std::optional<std::uint64_t> plain_file_size(const std::string& path);

// Cuts `range` of a plain text file into `parts` pieces of nearly equal
// size, each starting at a word: returns parts + 1 offsets, the first
// range.begin and the last range.end. A cut inside a line splits the line
// (the sentence) there; the corpus has the same words in the same order.
std::vector<std::uint64_t> split_into_pieces(const std::string& path, ByteRange range, int parts);

}  // namespace w2v

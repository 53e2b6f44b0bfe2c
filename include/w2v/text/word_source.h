#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace w2v {

// A corpus as a stream of words and sentence ends, whatever it is read from:
// a text file (TextReader) or, in the Python module, an iterable of token
// lists. The corpus scan reads any source the same way. What every source
// must do alike to a word lives here: words longer than kMaxWordBytes are cut
// on a UTF-8 character boundary, and words that are not valid UTF-8 are kept
// as bytes; both are counted, for the warnings of a training run.
class WordSource {
 public:
  static constexpr std::size_t kMaxWordBytes = 100;

  enum class Token { kWord, kEndOfLine, kEnd };

  virtual ~WordSource() = default;

  // The next token; for kWord, `word` views it until the next call. A
  // sentence with words ends with kEndOfLine; kEnd is final.
  virtual Token next(std::string_view& word) = 0;

  // How messages name the source: a path, "<stdin>", "<iterable>".
  virtual const std::string& name() const = 0;

  // Lines (sentences) read to their end so far, empty ones included.
  std::uint64_t lines() const { return lines_; }
  std::uint64_t truncated_words() const { return truncated_words_; }
  std::uint64_t invalid_utf8_words() const { return invalid_utf8_words_; }
  std::uint64_t first_invalid_utf8_line() const { return first_invalid_utf8_line_; }

 protected:
  // `word` as the corpus keeps it: cut to kMaxWordBytes, counted when cut or
  // not valid UTF-8. The result views `word` or storage of this object, valid
  // until the next call.
  std::string_view checked_word(std::string_view word);
  // A line (sentence) has ended: words after it are on the next line.
  void count_line() { ++lines_; }

 private:
  std::string truncated_;  // storage for a word that was cut
  std::uint64_t lines_ = 0;
  std::uint64_t truncated_words_ = 0;
  std::uint64_t invalid_utf8_words_ = 0;
  std::uint64_t first_invalid_utf8_line_ = 0;
};

}  // namespace w2v

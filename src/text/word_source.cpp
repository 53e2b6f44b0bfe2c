#include "w2v/text/word_source.h"

#include "w2v/base/utf8.h"

namespace w2v {

std::string_view WordSource::checked_word(std::string_view word) {
  if (word.size() > kMaxWordBytes) {
    ++truncated_words_;
    truncated_.assign(utf8_prefix(word, kMaxWordBytes));
    word = truncated_;
  }
  // Pure ASCII words are by far the most common; skip the full check for them.
  bool ascii = true;
  for (char c : word) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (!ascii && !is_valid_utf8(word)) {
    if (invalid_utf8_words_++ == 0) first_invalid_utf8_line_ = lines_ + 1;
  }
  return word;
}

}  // namespace w2v

#include "w2v/eval/case_insensitive_vocabulary.h"

#include <locale.h>

#include <cwctype>

#include "w2v/base/utf8.h"

namespace w2v {
namespace {

// Unicode case mappings come from glibc's C.UTF-8 locale, opened once and
// used through towupper_l so the process's own locale does not matter.
// Without that locale, non-ASCII letters keep their case.
char32_t to_upper(char32_t code_point) {
  static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return utf8 ? static_cast<char32_t>(towupper_l(static_cast<wint_t>(code_point), utf8)) : code_point;
}

}  // namespace

std::string upper_case(std::string_view text) {
  // Python cannot hold invalid UTF-8 in a str, so gensim never sees such a
  // word; here it gets only its ASCII letters upper-cased.
  const bool decodable = is_valid_utf8(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80 || !decodable) {
      out += lead >= 'a' && lead <= 'z' ? static_cast<char>(lead - 'a' + 'A') : text[pos];
      ++pos;
    } else {
      append_utf8(to_upper(decode_utf8(text, pos)), out);
    }
  }
  return out;
}

CaseInsensitiveVocabulary::CaseInsensitiveVocabulary(const WordVectors& vectors, std::size_t rows) {
  rows = std::min(rows, vectors.size());
  rows_.reserve(rows);
  representatives_.reserve(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    representatives_.push_back(rows_.try_emplace(upper_case(vectors.word(r)), r).first->second);
  }
}

std::optional<std::size_t> CaseInsensitiveVocabulary::find(std::string_view word) const {
  const auto found = rows_.find(upper_case(word));
  if (found == rows_.end()) return std::nullopt;
  return found->second;
}

}  // namespace w2v

#include "w2v/case_insensitive_vocabulary.h"

#include <locale.h>

#include <cwctype>

#include "w2v/text_reader.h"

namespace w2v {
namespace {

// Unicode case mappings come from glibc's C.UTF-8 locale, opened once and
// used through towupper_l so the process's own locale does not matter.
// Without that locale, non-ASCII letters keep their case.
char32_t to_upper(char32_t code_point) {
  static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return utf8 ? static_cast<char32_t>(towupper_l(static_cast<wint_t>(code_point), utf8)) : code_point;
}

void encode(char32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xc0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xe0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  }
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
      continue;
    }
    const std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    char32_t code_point = lead & (0x7f >> length);
    for (std::size_t i = 1; i < length; ++i) code_point = (code_point << 6) | (text[pos + i] & 0x3f);
    encode(to_upper(code_point), out);
    pos += length;
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

#include "w2v/base/utf8.h"

#include <cstdint>

namespace w2v {

char32_t decode_utf8(std::string_view s, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  int extra;
  char32_t cp;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    cp = lead & 0x07;
  } else {
    ++pos;
    return kInvalidCodePoint;
  }
  if (s.size() - pos <= static_cast<std::size_t>(extra)) {
    ++pos;
    return kInvalidCodePoint;
  }
  for (int i = 1; i <= extra; ++i) {
    if ((byte(pos + static_cast<std::size_t>(i)) & 0xC0) != 0x80) {
      ++pos;
      return kInvalidCodePoint;
    }
    cp = (cp << 6) | (byte(pos + static_cast<std::size_t>(i)) & 0x3F);
  }
  // The shortest form only: an overlong one would let two byte strings spell
  // the same word.
  static constexpr char32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kInvalidCodePoint;
  }
  pos += static_cast<std::size_t>(extra) + 1;
  return cp;
}

void append_utf8(char32_t code_point, std::string& out) {
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

bool is_valid_utf8(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {  // the common case, without a call
      ++pos;
    } else if (decode_utf8(s, pos) == kInvalidCodePoint) {
      return false;
    }
  }
  return true;
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto escape = [&](std::size_t from, std::size_t to) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t i = from; i < to; ++i) {
      const auto byte = static_cast<unsigned char>(s[i]);
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  };
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t start = pos;
    const char32_t c = decode_utf8(s, pos);
    // C1 controls (U+0080..U+009F) are as dangerous on a terminal as C0 ones.
    if (c == kInvalidCodePoint || c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      escape(start, pos);
    } else {
      out.append(s, start, pos - start);
    }
  }
  return out;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  // Back up over continuation bytes so the cut lands before a lead byte.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

}  // namespace w2v

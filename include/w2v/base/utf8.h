#pragma once
// UTF-8, the one module every layer uses for it: corpus words, vector file
// words and evaluation words are bytes that should be, but need not be, UTF-8.
#include <cstddef>
#include <string>
#include <string_view>

namespace w2v {

// Returned by decode_utf8 for a byte that does not start a well-formed sequence.
constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

// Decodes the character starting at s[pos] and moves pos past it. A byte that
// does not start a well-formed sequence (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF) gives kInvalidCodePoint and moves pos
// one byte on, so every byte of any input is visited.
char32_t decode_utf8(std::string_view s, std::size_t& pos);

// Appends the UTF-8 form of a valid code point.
void append_utf8(char32_t code_point, std::string& out);

// True when `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

// `s` as it may be shown on a terminal or in a message: control characters
// (C0, DEL and C1) and bytes that are not well-formed UTF-8 become \xNN, one
// per byte; everything else is kept.
std::string printable(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` bytes that does not split a
// UTF-8 character.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

}  // namespace w2v

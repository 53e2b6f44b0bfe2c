#include "w2v/vectors/vectors_file.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string_view>

#include "w2v/base/atomic_file.h"
#include "w2v/base/error.h"
#include "w2v/base/file_contents.h"
#include "w2v/base/utf8.h"

namespace w2v {

namespace {

// The values of a row as text, each preceded by `separator` except the first
// when `leading` is false: the shortest text that reads back to the same float.
void write_numbers(std::FILE* out, const float* row, std::size_t dim, char separator, bool leading) {
  char number[32];
  for (std::size_t j = 0; j < dim; ++j) {
    const auto end = std::to_chars(number, number + sizeof number, row[j]).ptr;
    if (leading || j > 0) std::fputc(separator, out);
    std::fwrite(number, 1, static_cast<std::size_t>(end - number), out);
  }
}

}  // namespace

void write_vectors(AtomicFile& file, const std::vector<std::string>& words, const float* data, std::size_t dim,
                   std::size_t stride, bool binary) {
  std::FILE* out = file.stream();
  std::fprintf(out, "%zu %zu\n", words.size(), dim);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const float* row = data + i * stride;
    std::fputs(words[i].c_str(), out);
    if (binary) {
      std::fputc(' ', out);
      std::fwrite(row, sizeof(float), dim, out);
    } else {
      write_numbers(out, row, dim, ' ', true);
    }
    std::fputc('\n', out);
  }
}

void write_vectors(const std::string& path, const std::vector<std::string>& words, const float* data, std::size_t dim,
                   std::size_t stride, bool binary) {
  AtomicFile file(path);
  write_vectors(file, words, data, dim, stride, binary);
  file.commit();
}

void write_projector_tsv(const std::string& vectors_path, const std::string& metadata_path,
                         const std::vector<std::string>& words, const float* data, std::size_t dim,
                         std::size_t stride) {
  AtomicFile vectors(vectors_path);
  AtomicFile metadata(metadata_path);
  for (std::size_t i = 0; i < words.size(); ++i) {
    write_numbers(vectors.stream(), data + i * stride, dim, '\t', false);
    std::fputc('\n', vectors.stream());
    std::fprintf(metadata.stream(), "%s\n", words[i].c_str());
  }
  AtomicFile* const both[] = {&vectors, &metadata};
  AtomicFile::commit_together(both);
}

namespace {

// Binary rows hold the float32 bytes as word2vec.c wrote them on x86.
static_assert(std::endian::native == std::endian::little, "binary vectors are little-endian float32");

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_space(char c) { return is_blank(c) || c == '\n'; }

// A piece of the file for an error message: short, and with control bytes
// (from binary data, say) and bytes that are not UTF-8 shown as \xNN, so they
// cannot garble the terminal.
std::string quote(std::string_view bytes) {
  constexpr std::size_t kShown = 40;
  return "'" + printable(bytes.substr(0, kShown)) + (bytes.size() > kShown ? "...'" : "'");
}

// The next blank-separated token of `line` at or after `pos`, which is moved past it.
std::string_view next_token(std::string_view line, std::size_t& pos) {
  while (pos < line.size() && is_blank(line[pos])) ++pos;
  const std::size_t start = pos;
  while (pos < line.size() && !is_blank(line[pos])) ++pos;
  return line.substr(start, pos - start);
}

template <class Number>
bool parse_whole(std::string_view token, Number& value) {
  const char* end = token.data() + token.size();
  const auto result = std::from_chars(token.data(), end, value);
  return result.ec == std::errc() && result.ptr == end;
}

// The line starting at `pos`, without its '\n'.
std::string_view line_at(std::string_view bytes, std::size_t pos) {
  const std::size_t end = std::min(bytes.find('\n', pos), bytes.size());
  return bytes.substr(pos, end - pos);
}

struct Header {
  std::size_t rows = 0;
  std::size_t dim = 0;
  std::size_t body = 0;  // offset of the first row
};

Header read_header(std::string_view bytes, const std::string& path) {
  const std::string_view line = line_at(bytes, 0);
  Header header;
  std::size_t pos = 0;
  const bool well_formed = parse_whole(next_token(line, pos), header.rows) &&
                           parse_whole(next_token(line, pos), header.dim) && next_token(line, pos).empty();
  if (!well_formed) throw Error(path + ": line 1: expected the header '<rows> <dimensions>', found " + quote(line));
  if (header.dim == 0) throw Error(path + ": line 1: the header gives 0 dimensions");
  header.body = std::min(line.size() + 1, bytes.size());
  return header;
}

enum class Layout { text, binary, unclear };

// word2vec files do not say whether they are text or binary, so the first row
// decides. After its word, a text row holds `dim` numbers in printable ASCII
// up to the end of the line; a binary row holds float32 bytes, which all but
// never are printable ASCII up to a newline byte. When they are (a '\n' byte
// early in the first float), their token count still all but never is `dim`:
// that file is `unclear`.
Layout guess_layout(std::string_view bytes, std::size_t first_row, std::size_t dim) {
  const std::string_view line = line_at(bytes, first_row);
  std::size_t pos = 0;
  next_token(line, pos);  // the word, which may be any UTF-8
  const std::string_view values = line.substr(pos);
  const bool printable = std::all_of(values.begin(), values.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte >= 0x20 && byte < 0x7f) || is_blank(c);
  });
  if (!printable) return Layout::binary;
  std::size_t tokens = 0;
  for (pos = 0; !next_token(values, pos).empty();) ++tokens;
  return tokens == dim ? Layout::text : Layout::unclear;
}

// A binary row from `pos` on. word2vec.c ends a row with '\n' and gensim
// does not; word2vec.c's own reader skips newlines before a word, so both
// read alike.
struct BinaryRow {
  std::size_t start;  // the word's first byte
  std::size_t space;  // the ' ' after the word (npos if none)
  bool complete;      // the row's floats are all within the bytes
};

BinaryRow next_binary_row(std::string_view bytes, std::size_t pos, std::size_t row_bytes) {
  while (pos < bytes.size() && (bytes[pos] == '\n' || bytes[pos] == '\r')) ++pos;
  const std::size_t space = bytes.find(' ', pos);
  return {pos, space, space != std::string_view::npos && bytes.size() - (space + 1) >= row_bytes};
}

// Whether a prefix of a vectors file holds its header and first `limit`
// rows, so that a gzip file is decompressed only that far. Never when those
// are all the header's rows: the reader then checks that nothing follows.
// Each call sees a longer prefix and goes on from where the last one stopped.
class FirstRowsPresent {
 public:
  FirstRowsPresent(const std::string& path, std::size_t limit) : path_(path), limit_(limit) {}
  bool operator()(std::string_view prefix);

 private:
  std::string path_;
  std::size_t limit_;
  std::optional<Header> header_;
  std::optional<Layout> layout_;
  std::size_t pos_ = 0;   // where the next row starts
  std::size_t rows_ = 0;  // rows wholly in the prefix
};

bool FirstRowsPresent::operator()(std::string_view prefix) {
  if (!header_) {
    if (prefix.find('\n') == std::string_view::npos) return false;
    header_ = read_header(prefix, path_);  // a complete line: the error the whole file gives
    pos_ = header_->body;
  }
  if (header_->rows <= limit_) return false;
  if (!layout_) {
    // A non-printable byte decides for binary before the first line ends;
    // otherwise the first row's whole line is needed, as for the whole file.
    const Layout guess = guess_layout(prefix, header_->body, header_->dim);
    if (guess != Layout::binary && prefix.find('\n', header_->body) == std::string_view::npos) return false;
    layout_ = guess;
  }
  if (*layout_ == Layout::unclear) return false;
  for (; rows_ < limit_; ++rows_) {
    if (*layout_ == Layout::text) {
      const std::size_t end = prefix.find('\n', pos_);
      if (end == std::string_view::npos) return false;
      pos_ = end + 1;
    } else {
      const BinaryRow row = next_binary_row(prefix, pos_, header_->dim * sizeof(float));
      if (!row.complete) return false;
      pos_ = row.space + 1 + header_->dim * sizeof(float);
    }
  }
  return true;
}

// Reads the file's rows, `rows` of them from header.body on. When they are all
// the header's rows, the file must end after them (blank space aside): more
// data means a wrong header or a damaged file.
class RowReader {
 public:
  RowReader(std::string_view bytes, const Header& header, const std::string& path)
      : bytes_(bytes), header_(header), path_(path) {}

  WordVectors read_text(std::size_t rows);
  WordVectors read_binary(std::size_t rows);

 private:
  WordVectors start(std::size_t rows);
  Error error(const char* unit, std::size_t number, const std::string& problem) const {
    return Error(path_ + ": " + unit + " " + std::to_string(number) + ": " + problem);
  }
  std::string ends_early(std::size_t rows_read) const {
    return "the file ends after " + std::to_string(rows_read) + " of the header's " + std::to_string(header_.rows) +
           " rows";
  }
  // Skips blank space from `pos`; returns how many newlines it crossed.
  std::size_t skip_space(std::size_t& pos) const;

  std::string_view bytes_;
  const Header& header_;
  const std::string& path_;
  std::vector<float> values_;  // the row being read; allocated by start()
};

WordVectors RowReader::start(std::size_t rows) {
  WordVectors vectors(header_.dim);
  if (rows == 0) return vectors;  // a header's dimension alone is never allocated
  // Every row takes more than 2 bytes per dimension (read_vectors checked
  // that one fits), so a header promising more rows than the file can hold
  // does not get them reserved.
  values_.resize(header_.dim);
  vectors.reserve(std::min(rows, (bytes_.size() - header_.body) / 2 / header_.dim));
  return vectors;
}

std::size_t RowReader::skip_space(std::size_t& pos) const {
  std::size_t newlines = 0;
  for (; pos < bytes_.size() && is_space(bytes_[pos]); ++pos) newlines += bytes_[pos] == '\n';
  return newlines;
}

WordVectors RowReader::read_text(std::size_t rows) {
  WordVectors vectors = start(rows);
  const std::string dim = std::to_string(header_.dim);
  std::size_t pos = header_.body;
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t line_number = r + 2;
    if (pos >= bytes_.size()) throw error("line", line_number, ends_early(r));
    const std::string_view line = line_at(bytes_, pos);
    pos += line.size() + 1;
    std::size_t at = 0;
    const std::string_view word = next_token(line, at);
    if (word.empty()) throw error("line", line_number, "expected a word and " + dim + " numbers, found an empty line");
    for (std::size_t i = 0; i < header_.dim; ++i) {
      const std::string_view token = next_token(line, at);
      if (token.empty()) {
        throw error("line", line_number, quote(word) + " has " + std::to_string(i) + " numbers, expected " + dim);
      }
      double value;  // via double, as numpy reads text into float32
      if (!parse_whole(token, value)) throw error("line", line_number, quote(token) + " is not a number");
      values_[i] = static_cast<float>(value);
      if (!std::isfinite(values_[i])) {
        throw error("line", line_number, quote(token) + " is not a finite float32 number");
      }
    }
    std::size_t count = header_.dim;
    while (!next_token(line, at).empty()) ++count;
    if (count != header_.dim) {
      throw error("line", line_number, quote(word) + " has " + std::to_string(count) + " numbers, expected " + dim);
    }
    vectors.add(word, values_.data());
  }
  if (rows == header_.rows) {
    const std::size_t blank_lines = skip_space(pos);
    if (pos < bytes_.size()) {
      throw error("line", rows + 2 + blank_lines, "more rows than the header's " + std::to_string(header_.rows));
    }
  }
  return vectors;
}

WordVectors RowReader::read_binary(std::size_t rows) {
  WordVectors vectors = start(rows);
  const std::size_t row_bytes = header_.dim * sizeof(float);
  std::size_t pos = header_.body;
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t row_number = r + 1;
    const BinaryRow row = next_binary_row(bytes_, pos, row_bytes);
    if (row.start >= bytes_.size()) throw error("row", row_number, "truncated binary data: " + ends_early(r));
    if (!row.complete) throw error("row", row_number, "truncated binary data");
    const std::size_t space = row.space;
    const std::string_view word = bytes_.substr(row.start, space - row.start);
    if (word.empty()) throw error("row", row_number, "empty word");
    if (word.find('\n') != std::string_view::npos) {
      // The previous row did not end where its floats did.
      throw error("row", row_number,
                  "word " + quote(word) + " spans a newline: rows out of step (is the header's dimension right?)");
    }
    std::memcpy(values_.data(), bytes_.data() + space + 1, row_bytes);
    if (!std::all_of(values_.begin(), values_.end(), [](float v) { return std::isfinite(v); })) {
      throw error("row", row_number, "a value is not a finite number (nan or inf)");
    }
    vectors.add(word, values_.data());
    pos = space + 1 + row_bytes;
  }
  if (rows == header_.rows) {
    skip_space(pos);
    if (pos < bytes_.size()) {
      throw error("row", rows + 1, "more data than the header's " + std::to_string(header_.rows) + " rows");
    }
  }
  return vectors;
}

}  // namespace

WordVectors read_vectors(const std::string& path, std::size_t limit) {
  const FileContents file(path, physical_memory_bytes(), FirstRowsPresent(path, limit));
  const std::string_view bytes = file.bytes();
  const Header header = read_header(bytes, path);
  const std::size_t rows = std::min(header.rows, limit);
  // Every row takes more than 2 bytes per number. Checked first, so that a
  // damaged header does not get its absurd dimension allocated.
  const std::size_t rest = bytes.size() - header.body;
  if (rows > 0 && header.dim > rest / 2) {
    throw Error(path + ": line 1: the header promises " + std::to_string(header.rows) + " rows of " +
                std::to_string(header.dim) + " numbers, more than the rest of the file (" + std::to_string(rest) +
                " bytes) can hold");
  }
  RowReader reader(bytes, header, path);
  switch (guess_layout(bytes, header.body, header.dim)) {
    case Layout::text:
      return reader.read_text(rows);
    case Layout::binary:
      return reader.read_binary(rows);
    case Layout::unclear:
      break;
  }
  try {
    return reader.read_binary(rows);
  } catch (const Error&) {
    // Not binary after all: a text file with a bad first row, whose error
    // this reports.
    return reader.read_text(rows);
  }
}

}  // namespace w2v

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "gensim_runner.h"
#include "test_util.h"
#include "w2v/base/error.h"
#include "w2v/vectors/vectors_file.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

namespace {

const std::vector<std::string> kWords{"the", "café", "日本", "x"};
const std::vector<float> kValues{0.5f,    -1.25f, 3e-7f, 1.0f / 3, -0.0f, 12345.678f,
                                 -2e-30f, 7.0f,   0.1f,  1e30f,    -1.0f, 0.0f};

std::string float_bytes(std::initializer_list<float> values) {
  std::string bytes(values.size() * sizeof(float), '\0');
  std::memcpy(bytes.data(), std::data(values), bytes.size());
  return bytes;
}

void check_rows(const WordVectors& vectors, const std::vector<std::string>& words, const std::vector<float>& values) {
  REQUIRE(vectors.size() == words.size());
  const std::size_t dim = values.size() / words.size();
  REQUIRE(vectors.dim() == dim);
  for (std::size_t r = 0; r < words.size(); ++r) {
    CHECK(vectors.word(r) == words[r]);
    CHECK(vectors.find(words[r]) == r);
    for (std::size_t j = 0; j < dim; ++j) CHECK(vectors.row(r)[j] == values[r * dim + j]);
  }
}

// The message of the Error that reading `content` as a vectors file throws.
std::string read_error(const std::string& content, std::size_t limit = kAllRows) {
  const test::TempDir dir;
  const std::string path = dir.file("v");
  test::write_file(path, content);
  try {
    read_vectors(path, limit);
  } catch (const Error& e) {
    const std::string message = e.what();
    REQUIRE(message.starts_with(path + ": "));
    return message.substr(path.size() + 2);
  }
  FAIL("no error reading: " << content);
  return "";
}

WordVectors read_content(const std::string& content, std::size_t limit = kAllRows) {
  const test::TempDir dir;
  test::write_file(dir.file("v"), content);
  return read_vectors(dir.file("v"), limit);
}

}  // namespace

TEST_CASE("vectors file: what write_vectors writes reads back exactly, text and binary") {
  const test::TempDir dir;
  for (const bool binary : {false, true}) {
    write_vectors(dir.file("v"), kWords, kValues.data(), 3, 3, binary);
    check_rows(read_vectors(dir.file("v")), kWords, kValues);
  }
}

TEST_CASE("vectors file: text variants of word2vec.c, fastText and Windows") {
  const std::vector<std::string> words{"a", "été", "c"};
  const std::vector<float> values{0.5f, -1.0f, 1e-3f, 2.0f, 0.0f, 1.0f};
  // word2vec.c writes "%lf " after every number; fastText's .vec ends rows with a space too.
  check_rows(read_content("3 2\na 0.500000 -1.000000 \nété 0.001000 2.000000 \nc 0.000000 1.000000 \n"), words, values);
  check_rows(read_content("3 2\r\na 0.5 -1\r\nété 1e-3 2\r\nc 0 1\r\n"), words, values);
  check_rows(read_content("3 2\na 0.5 -1\nété 1e-3 2\nc 0 1"), words, values);  // no final newline
  check_rows(read_content("3 2 \na\t0.5\t-1\nété  1e-3   2\nc 0 1\n\n"), words, values);
}

TEST_CASE("vectors file: binary rows with word2vec.c's newlines and without, as gensim writes them") {
  const std::vector<std::string> words{"a", "été"};
  const std::vector<float> values{0.5f, -1.0f, 1e-3f, 2.0f};
  check_rows(read_content("2 2\na " + float_bytes({0.5f, -1.0f}) + "\nété " + float_bytes({1e-3f, 2.0f}) + "\n"), words,
             values);
  check_rows(read_content("2 2\na " + float_bytes({0.5f, -1.0f}) + "été " + float_bytes({1e-3f, 2.0f})), words, values);
}

TEST_CASE("vectors file: a binary first row that reads as text up to a newline byte is still binary") {
  // Bytes 'A', '\n', 0, '?' make a float: the first row reads as "A" then a newline.
  float odd;
  std::memcpy(&odd, "A\n\0?", 4);
  REQUIRE(std::isfinite(odd));
  const std::string content =
      "2 2\nw " + std::string("A\n\0?", 4) + float_bytes({1.0f}) + "\nv " + float_bytes({2.0f, 3.0f}) + "\n";
  check_rows(read_content(content), {"w", "v"}, {odd, 1.0f, 2.0f, 3.0f});
}

TEST_CASE("vectors file: limit reads only the first rows, even of a file damaged further on") {
  const std::string text = "3 2\na 1 2\nb 3 4\nc x\n";
  check_rows(read_content(text, 2), {"a", "b"}, {1, 2, 3, 4});
  CHECK(read_error(text, 3) == "line 4: 'x' is not a number");
  const std::string binary = "3 1\na " + float_bytes({1}) + "\nb " + float_bytes({2}) + "\nc " + float_bytes({3});
  check_rows(read_content(binary.substr(0, binary.size() - 2), 2), {"a", "b"}, {1, 2});
  CHECK(read_content(binary, 1).size() == 1);
}

TEST_CASE("vectors file: a repeated word keeps its first row, as in gensim") {
  check_rows(read_content("3 1\na 1\nb 2\na 3\n"), {"a", "b"}, {1, 2});
}

TEST_CASE("vectors file: malformed text names the line and the problem") {
  CHECK(read_error("") == "line 1: expected the header '<rows> <dimensions>', found ''");
  CHECK(read_error("hello world\n") == "line 1: expected the header '<rows> <dimensions>', found 'hello world'");
  CHECK(read_error("the 0.418 0.24968\n") ==
        "line 1: expected the header '<rows> <dimensions>', found 'the 0.418 0.24968'");  // GloVe: no header
  CHECK(read_error("2 3 4\n") == "line 1: expected the header '<rows> <dimensions>', found '2 3 4'");
  CHECK(read_error("2 -3\n") == "line 1: expected the header '<rows> <dimensions>', found '2 -3'");
  CHECK(read_error("2 0\na\nb\n") == "line 1: the header gives 0 dimensions");
  CHECK(read_error("3 2\n") ==
        "line 1: the header promises 3 rows of 2 numbers, more than the rest of the file "
        "(0 bytes) can hold");
  CHECK(read_error("2 2\na 1 2\nb 1\n") == "line 3: 'b' has 1 numbers, expected 2");
  CHECK(read_error("2 2\na 1\nb 1 2\n") == "line 2: 'a' has 1 numbers, expected 2");
  CHECK(read_error("2 2\na 1 2\nb 1 2 3\n") == "line 3: 'b' has 3 numbers, expected 2");
  CHECK(read_error("2 2\na 1 2\nb 1 x2\n") == "line 3: 'x2' is not a number");
  CHECK(read_error("2 2\na 1 2\nb 1 2.5.1\n") == "line 3: '2.5.1' is not a number");
  CHECK(read_error("2 2\na 1 nan\nb 1 2\n") == "line 2: 'nan' is not a finite float32 number");
  CHECK(read_error("2 2\na 1 2\nb 1 1e39\n") == "line 3: '1e39' is not a finite float32 number");
  CHECK(read_error("2 2\na 1 2\n\nb 1 2\n") == "line 3: expected a word and 2 numbers, found an empty line");
  CHECK(read_error("3 2\na 1 2\nb 1 2\n") == "line 4: the file ends after 2 of the header's 3 rows");
  CHECK(read_error("1 2\na 1 2\nb 1 2\n") == "line 3: more rows than the header's 1");
  CHECK(read_error("1 2\na 1 2\n\n\nb 1 2\n") == "line 5: more rows than the header's 1");
}

TEST_CASE("vectors file: a header's dimension is not allocated before rows show it is real") {
  // No rows: an empty set of vectors, whatever the dimension (it used to
  // allocate it: 1 GB, or std::bad_alloc without the file's name).
  for (const char* header : {"0 250000000\n", "0 100000000000\n", "0 9223372036854775808\n", "0 5"}) {
    CAPTURE(header);
    const WordVectors vectors = read_content(header);
    CHECK(vectors.size() == 0);
  }
  CHECK(read_error("1 100000000000\na 1\n") ==
        "line 1: the header promises 1 rows of 100000000000 numbers, more than the rest of the file (4 bytes) can hold");
  CHECK(read_error("0 250000000\na 1\n") == "line 2: more rows than the header's 0");
}

TEST_CASE("vectors file: malformed binary names the row and the problem") {
  const std::string rows =
      "a " + float_bytes({1, 2}) + "\nb " + float_bytes({3, 4}) + "\nc " + float_bytes({5, 6}) + "\n";
  REQUIRE(read_content("3 2\n" + rows).size() == 3);
  CHECK(read_error("3 2\n" + rows.substr(0, rows.size() - 4)) == "row 3: truncated binary data");
  CHECK(read_error("4 2\n" + rows) == "row 4: truncated binary data: the file ends after 3 of the header's 4 rows");
  CHECK(read_error("2 2\n" + rows) == "row 3: more data than the header's 2 rows");
  // Rows of 3 floats under a header of 2: the second "word" starts inside the first row.
  const std::string three = "a " + float_bytes({1, 2, 1}) + "\nb " + float_bytes({1, 2, 1}) + "\n";
  CHECK(read_error("2 2\n" + three) ==
        "row 2: word '\\x00\\x00\\x80?\\x0ab' spans a newline: rows out of step (is the header's dimension right?)");
  CHECK(read_error("2 2\na " + float_bytes({1, 2}) + "\nb " + float_bytes({std::nanf(""), 2}) + "\n") ==
        "row 2: a value is not a finite number (nan or inf)");
  CHECK(read_error("2 1\na " + float_bytes({1}) + "\n " + float_bytes({1}) + "\n") == "row 2: empty word");
}

TEST_CASE("vectors file: gzip text and binary files read as the plain ones, whatever their names") {
  const test::TempDir dir;
  for (const bool binary : {false, true}) {
    CAPTURE(binary);
    write_vectors(dir.file("v"), kWords, kValues.data(), 3, 3, binary);
    test::write_file(dir.file("v.gz"), test::gzip(test::read_file(dir.file("v"))));
    check_rows(read_vectors(dir.file("v.gz")), kWords, kValues);
    test::write_file(dir.file("v"), test::read_file(dir.file("v.gz")));
    check_rows(read_vectors(dir.file("v")), kWords, kValues);
    check_rows(read_vectors(dir.file("v"), 2), {kWords[0], kWords[1]}, {kValues.begin(), kValues.begin() + 6});
  }
  test::write_file(dir.file("bad.gz"), test::gzip("4 3\nthe 1 2\n"));
  CHECK(test::error_of([&] { read_vectors(dir.file("bad.gz"), 1); }) ==
        dir.file("bad.gz") + ": line 2: 'the' has 2 numbers, expected 3");
  test::write_file(dir.file("bad.gz"), test::gzip("4 x\nthe 1 2\n"));
  CHECK(test::error_of([&] { read_vectors(dir.file("bad.gz"), 1); }) ==
        dir.file("bad.gz") + ": line 1: expected the header '<rows> <dimensions>', found '4 x'");
  const std::string packed = test::read_file(dir.file("v.gz"));
  test::write_file(dir.file("cut.gz"), packed.substr(0, packed.size() - 10));
  CHECK(test::error_of([&] { read_vectors(dir.file("cut.gz")); }) ==
        dir.file("cut.gz") + ": truncated gzip data (the file ends inside the compressed stream)");
}

TEST_CASE("vectors file: with a limit, a gzip file is decompressed only as far as its first rows") {
  // Random values compress little, so damage near the end of the compressed
  // file lies far beyond the first rows' data.
  constexpr std::size_t kRows = 30000, kDim = 50, kLimit = 10;
  const auto [words, values] = test::random_vectors(kRows, kDim, 3);
  const test::TempDir dir;
  for (const bool binary : {false, true}) {
    CAPTURE(binary);
    write_vectors(dir.file("v"), words, values.data(), kDim, kDim, binary);
    std::string packed = test::gzip(test::read_file(dir.file("v")));
    packed[packed.size() * 9 / 10] ^= 0x55;
    test::write_file(dir.file("v.gz"), packed);
    CHECK(test::error_of([&] { read_vectors(dir.file("v.gz")); }).find(": corrupt gzip data: ") != std::string::npos);
    check_rows(read_vectors(dir.file("v.gz"), kLimit), {words.begin(), words.begin() + kLimit},
               {values.begin(), values.begin() + kLimit * kDim});
  }
}

TEST_CASE("vectors file: a file that cannot be read is named") {
  const test::TempDir dir;
  CHECK_THROWS_WITH_AS(read_vectors(dir.file("absent")),
                       (dir.file("absent") + ": cannot open: No such file or directory").c_str(), Error);
  CHECK_THROWS_WITH_AS(read_vectors(dir.path().string()), (dir.path().string() + ": is a directory").c_str(), Error);
  CHECK_THROWS_WITH_AS(read_vectors("/dev/null"), "/dev/null: not a regular file", Error);
}

TEST_CASE("vectors file: reads the text and binary files gensim writes" * doctest::test_suite("slow")) {
  if (!test::gensim_available()) {
    MESSAGE("skipped: gensim is not importable by /usr/bin/python3");
    return;
  }
  const test::TempDir dir;
  const char* const script = R"(
import sys
import numpy as np
from gensim.models import KeyedVectors
kv = KeyedVectors(3)
kv.add_vectors(['the', 'café', '日本', 'x'],
               np.array([[0.5, -1.25, 3e-7], [1/3, -0.0, 12345.678], [-2e-30, 7, 0.1], [1e30, -1, 0]], dtype=np.float32))
kv.save_word2vec_format(sys.argv[1])
kv.save_word2vec_format(sys.argv[2], binary=True)
)";
  test::run_python(script, dir.file("g.txt") + " " + dir.file("g.bin"), dir);
  check_rows(read_vectors(dir.file("g.txt")), kWords, kValues);
  check_rows(read_vectors(dir.file("g.bin")), kWords, kValues);
}

TEST_SUITE_END();

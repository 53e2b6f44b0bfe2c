#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "gensim_runner.h"
#include "test_util.h"
#include "w2v/vectors/vectors_file.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

namespace {

const std::vector<std::string> kWords{"the", "café", "日本", "zero"};
const std::vector<float> kValues{3, -4, 0, /**/ 1.0f / 3, 1e-7f, -2.5f, /**/ 0, 0, 7, /**/ 0, 0, 0};

test::CommandResult convert(const std::string& arguments, const test::TempDir& dir) {
  return test::run(test::w2v_binary() + " convert " + arguments, dir);
}

// The hand-made vectors as a gzip text file, as a source to convert.
std::string source_file(const test::TempDir& dir) {
  write_vectors(dir.file("plain.txt"), kWords, kValues.data(), 3, 3, false);
  test::write_file(dir.file("source.txt.gz"), test::gzip(test::read_file(dir.file("plain.txt"))));
  return dir.file("source.txt.gz");
}

void check_same(const WordVectors& vectors, std::size_t rows, bool normalized) {
  REQUIRE(vectors.size() == rows);
  REQUIRE(vectors.dim() == 3);
  for (std::size_t r = 0; r < rows; ++r) {
    CHECK(vectors.word(r) == kWords[r]);
    const float* expected = kValues.data() + 3 * r;
    const float norm = std::sqrt(expected[0] * expected[0] + expected[1] * expected[1] + expected[2] * expected[2]);
    for (std::size_t j = 0; j < 3; ++j) {
      if (normalized && norm > 0) {
        CHECK(vectors.row(r)[j] == doctest::Approx(expected[j] / norm).epsilon(1e-6));
      } else {
        CHECK(vectors.row(r)[j] == expected[j]);
      }
    }
  }
}

}  // namespace

TEST_CASE("w2v convert: text and binary both ways, exactly, --limit and --normalize" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string source = source_file(dir);
  const auto binary = convert(source + " " + dir.file("v.bin") + " --binary", dir);
  CHECK(binary.exit_code == 0);
  CHECK(binary.errors == "w2v convert: wrote 4 vectors of 3 dimensions to " + dir.file("v.bin") + " (binary)\n");
  CHECK(test::read_file(dir.file("v.bin")).substr(0, 8) == "4 3\nthe ");
  check_same(read_vectors(dir.file("v.bin")), 4, false);
  const auto text = convert(dir.file("v.bin") + " " + dir.file("v.txt") + " --text", dir);
  CHECK(text.exit_code == 0);
  CHECK(test::read_file(dir.file("v.txt")) == test::read_file(dir.file("plain.txt")));
  // Converting a file onto itself works: it is read whole before the output replaces it.
  CHECK(convert(dir.file("v.txt") + " " + dir.file("v.txt") + " --binary --limit 2", dir).exit_code == 0);
  check_same(read_vectors(dir.file("v.txt")), 2, false);
  CHECK(convert(source + " " + dir.file("unit.txt") + " --text --normalize", dir).exit_code == 0);
  const WordVectors unit = read_vectors(dir.file("unit.txt"));
  check_same(unit, 4, true);
  CHECK(unit.row(0)[0] == doctest::Approx(0.6));
  CHECK(unit.row(3)[0] == 0.0f);  // a zero vector stays zero
}

TEST_CASE("w2v convert: --tsv writes the TensorBoard projector's vectors and metadata files" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string source = source_file(dir);
  const auto tsv = convert(source + " " + dir.file("vectors.tsv") + " --tsv --limit 3", dir);
  CHECK(tsv.exit_code == 0);
  CHECK(tsv.errors == "w2v convert: wrote 3 vectors of 3 dimensions to " + dir.file("vectors.tsv") +
                          " and their words to " + dir.file("vectors.metadata.tsv") + "\n");
  CHECK(test::read_file(dir.file("vectors.tsv")) == "3\t-4\t0\n0.33333334\t1e-07\t-2.5\n0\t0\t7\n");
  CHECK(test::read_file(dir.file("vectors.metadata.tsv")) == "the\ncafé\n日本\n");
  CHECK(convert(source + " " + dir.file("projector") + " --tsv", dir).exit_code == 0);
  CHECK(test::read_file(dir.file("projector.metadata.tsv")) == "the\ncafé\n日本\nzero\n");
}

TEST_CASE("w2v convert: bad arguments and files fail with one line and write nothing" * doctest::test_suite("cli")) {
  const test::TempDir dir;
  const std::string source = source_file(dir);
  const std::string out = dir.file("out");
  const auto expect_error = [&](const std::string& arguments, const std::string& message) {
    const auto result = convert(arguments, dir);
    CHECK(result.exit_code == 1);
    CHECK(result.errors == "w2v convert: error: " + message + "\n");
    CHECK(result.output.empty());
    CHECK_FALSE(std::filesystem::exists(out));
  };
  const std::string format = "choose one output format: --text, --binary or --tsv";
  expect_error(source + " " + out, format);
  expect_error(source + " " + out + " --text --binary", format);
  expect_error(source, "missing the OUT file argument");
  expect_error("--text", "missing the VECTORS file argument");
  expect_error(source + " " + out + " extra --text", "unexpected argument 'extra'");
  expect_error(source + " " + out + " --text --limit 0", "--limit: must be at least 1");
  test::write_file(dir.file("bad.txt"), "2 3\na 1 2 3\nb 1 2\n");
  expect_error(dir.file("bad.txt") + " " + out + " --binary",
               dir.file("bad.txt") + ": line 3: 'b' has 2 numbers, expected 3");
  expect_error(source + " " + dir.file("no/such/dir") + " --text",
               dir.file("no/such/dir") + ": cannot create file: No such file or directory");
  CHECK(dir.entries() == 3);  // plain.txt, source.txt.gz, bad.txt: no temporary file left behind
}

TEST_CASE("w2v convert: gensim reads the text and binary files it writes" * doctest::test_suite("slow")) {
  if (!test::gensim_available()) {
    MESSAGE("skipped: gensim is not importable by /usr/bin/python3");
    return;
  }
  const test::TempDir dir;
  const std::string source = source_file(dir);
  REQUIRE(convert(source + " " + dir.file("v.txt") + " --text", dir).exit_code == 0);
  REQUIRE(convert(source + " " + dir.file("v.bin") + " --binary", dir).exit_code == 0);
  const char* const script = R"(
import sys
from gensim.models import KeyedVectors
for path, binary in ((sys.argv[1], False), (sys.argv[2], True)):
    kv = KeyedVectors.load_word2vec_format(path, binary=binary)
    for word in kv.index_to_key:
        print(word, ' '.join(repr(float(x)) for x in kv[word]))
)";
  std::istringstream gensim(test::run_python(script, dir.file("v.txt") + " " + dir.file("v.bin"), dir));
  for (int file = 0; file < 2; ++file) {
    for (std::size_t r = 0; r < kWords.size(); ++r) {
      std::string word;
      gensim >> word;
      CHECK(word == kWords[r]);
      for (std::size_t j = 0; j < 3; ++j) {
        double value = 0;
        gensim >> value;
        CHECK(static_cast<float>(value) == kValues[3 * r + j]);
      }
    }
  }
}

TEST_SUITE_END();

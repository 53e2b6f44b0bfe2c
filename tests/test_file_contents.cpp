#include <doctest/doctest.h>

#include <random>
#include <string>

#include "test_util.h"
#include "w2v/base/error.h"
#include "w2v/base/file_contents.h"

using namespace w2v;

TEST_SUITE_BEGIN("unit");

namespace {

constexpr std::size_t kUnbounded = std::size_t{1} << 40;

// Text that compresses little, so compressed offsets track decompressed ones.
std::string random_text(std::size_t bytes, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> letter('a', 'z');
  std::string text(bytes, ' ');
  for (char& c : text) c = static_cast<char>(letter(random));
  return text;
}

std::string error_reading(const std::string& path, std::size_t max_bytes = kUnbounded) {
  return test::error_of([&] { FileContents contents(path, max_bytes); });
}

}  // namespace

TEST_CASE("file contents: a plain file as it is, a gzip file decompressed, whatever the names") {
  const test::TempDir dir;
  const std::string text = "plain text\n" + random_text(100000, 1);
  test::write_file(dir.file("plain.gz"), text);
  test::write_file(dir.file("packed.txt"), test::gzip(text));
  const FileContents plain(dir.file("plain.gz"), kUnbounded);
  CHECK(plain.bytes() == text);
  CHECK_FALSE(plain.compressed());
  const FileContents packed(dir.file("packed.txt"), kUnbounded);
  CHECK(packed.bytes() == text);
  CHECK(packed.compressed());
  CHECK(packed.complete());
  // Concatenated members read as one stream, as gunzip reads them; zero
  // padding after the last member is ignored.
  test::write_file(dir.file("two.gz"), test::gzip("first\n") + test::gzip(text) + std::string(7, '\0'));
  CHECK(FileContents(dir.file("two.gz"), kUnbounded).bytes() == "first\n" + text);
  test::write_file(dir.file("empty.gz"), test::gzip(""));
  CHECK(FileContents(dir.file("empty.gz"), kUnbounded).bytes().empty());
}

TEST_CASE("file contents: damaged, truncated or oversized gzip data is an error naming the file") {
  const test::TempDir dir;
  const std::string packed = test::gzip(random_text(200000, 2));
  const std::string path = dir.file("v.gz");
  test::write_file(path, packed.substr(0, packed.size() / 2));
  CHECK(error_reading(path) == path + ": truncated gzip data (the file ends inside the compressed stream)");
  std::string damaged = packed;
  damaged[damaged.size() - 6] ^= 0x55;  // the CRC check fails
  test::write_file(path, damaged);
  CHECK(error_reading(path) == path + ": corrupt gzip data: incorrect data check");
  test::write_file(path, packed + "garbage");
  CHECK(error_reading(path) == path + ": data after the end of the gzip stream is not gzip");
  test::write_file(path, packed);
  CHECK(error_reading(path, 100000) ==
        path + ": the gzip data decompresses to more than 100000 bytes (this machine's memory)");
  CHECK(error_reading(dir.file("absent")) == dir.file("absent") + ": cannot open: No such file or directory");
}

TEST_CASE("file contents: decompression stops once the reader has enough") {
  const test::TempDir dir;
  const std::string text = random_text(std::size_t{20} << 20, 3);
  std::string packed = test::gzip(text);
  packed[packed.size() * 9 / 10] ^= 0x55;  // damage far beyond the first blocks
  test::write_file(dir.file("v.gz"), packed);
  CHECK(error_reading(dir.file("v.gz")).find(": corrupt gzip data: ") != std::string::npos);
  std::size_t calls = 0;
  const FileContents first(dir.file("v.gz"), kUnbounded, [&](std::string_view prefix) {
    ++calls;
    return prefix.size() >= 1000;
  });
  CHECK(calls == 1);
  CHECK_FALSE(first.complete());
  CHECK(first.bytes().size() >= 1000);
  CHECK(first.bytes().size() < text.size() / 2);
  CHECK(first.bytes() == std::string_view(text).substr(0, first.bytes().size()));
}

TEST_SUITE_END();

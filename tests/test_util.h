#pragma once
// Helpers shared by the test files: a scratch directory and running the CLI.
#include <sys/wait.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "w2v/base/error.h"
#include "w2v/base/matrix.h"
#include "w2v/text/token_stream.h"
#include "w2v/text/vocabulary.h"

namespace w2v::test {

// A fresh directory, removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "w2v-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(path_), {}));
  }

 private:
  std::filesystem::path path_;
};

// Every entry of a token stream: ids and kEndOfSentence.
inline std::vector<std::uint32_t> token_entries(const TokenStream& stream) {
  std::vector<std::uint32_t> entries;
  TokenStream::Reader reader(stream, 0, stream.entries());
  for (std::uint32_t e; reader.next_entry(e);) entries.push_back(e);
  return entries;
}

inline void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// `data` compressed as one gzip member, as gzip(1) writes it.
inline std::string gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflate");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (status != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

// Words w0, w1, ... with standard normal values, `dim` per word, row after row.
struct RandomVectors {
  std::vector<std::string> words;
  std::vector<float> values;
};

inline RandomVectors random_vectors(std::size_t rows, std::size_t dim, unsigned seed) {
  std::mt19937 random(seed);
  std::normal_distribution<float> normal;
  RandomVectors vectors;
  vectors.values.resize(rows * dim);
  for (float& v : vectors.values) v = normal(random);
  for (std::size_t i = 0; i < rows; ++i) vectors.words.push_back("w" + std::to_string(i));
  return vectors;
}

struct CommandResult {
  int exit_code;
  std::string output;  // stdout
  std::string errors;  // stderr
};

// Runs a shell command line, capturing stdout and stderr through files in `dir`.
inline CommandResult run(const std::string& command, const TempDir& dir) {
  const std::string out = dir.file(".stdout"), err = dir.file(".stderr");
  const int status = std::system(("(" + command + ") >" + out + " 2>" + err + " </dev/null").c_str());
  CommandResult result{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err)};
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

// The message of the w2v::Error that `f` throws, or "no error".
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const w2v::Error& e) {
    return e.what();
  }
  return "no error";
}

inline std::string w2v_binary() { return W2V_BINARY; }

}  // namespace w2v::test

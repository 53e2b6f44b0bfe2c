#pragma once
// Helpers shared by the test files: a scratch directory and running the CLI.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "w2v/base/error.h"
#include "w2v/text/token_stream.h"

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

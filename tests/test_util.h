#pragma once
// Helpers shared by the test files: a scratch directory and running the CLI.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "w2v/base/error.h"
#include "w2v/base/matrix.h"
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

constexpr int kGroups = 8, kWordsPerGroup = 8;

// Sentences of words from one topic group each (g<group>w<word>), with two
// filler words that occur everywhere: a word's neighbours are its group only
// if training works. `prefix` names the groups ("g": g0w0 ... g7w7).
inline std::string planted_corpus(int sentences, unsigned seed, const std::string& prefix = "g") {
  std::mt19937 rng(seed);
  std::string text;
  for (int s = 0; s < sentences; ++s) {
    const int group = static_cast<int>(rng() % kGroups);
    for (int k = 0; k < 16; ++k) {
      if (rng() % 5 == 0) {
        text += rng() % 2 ? "the " : "of ";
      } else {
        text += prefix + std::to_string(group) + "w" + std::to_string(rng() % kWordsPerGroup) + " ";
      }
    }
    text.back() = '\n';
  }
  return text;
}

// The fraction of the planted words of groups `prefix`0..7 whose nearest
// word (by cosine, among all words) is in their own group.
inline double neighbour_accuracy(const Vocabulary& vocab, const Matrix& vectors, const std::string& prefix = "g") {
  RowMatrix<float> unit = vectors.map();
  unit.rowwise().normalize();
  const RowMatrix<float> cosine = unit * unit.transpose();
  int right = 0, total = 0;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(vocab.size()); ++i) {
    const std::string& w = vocab.word(i);
    if (!w.starts_with(prefix)) continue;
    Eigen::Index best = -1;
    float best_score = -2;
    for (Eigen::Index j = 0; j < cosine.cols(); ++j) {
      if (j != i && cosine(i, j) > best_score) {
        best_score = cosine(i, j);
        best = j;
      }
    }
    ++total;
    const std::string group = w.substr(0, prefix.size() + 1);  // "g3"
    right += vocab.word(static_cast<std::int32_t>(best)).starts_with(group);
  }
  return total ? static_cast<double>(right) / total : 0.0;
}

}  // namespace w2v::test

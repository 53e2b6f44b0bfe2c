#pragma once
#include <cstdio>
#include <string>

namespace w2v {

// A file written under a temporary name beside `path` and renamed onto `path`
// by commit(). Destroyed without commit() (an error, an exception), it removes
// the temporary file, so `path` is either complete or untouched.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::FILE* stream() { return file_; }
  const std::string& path() const { return path_; }
  void commit();

 private:
  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
};

}  // namespace w2v

#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "w2v/base/mapped_file.h"

namespace w2v {

// A whole file's bytes for a reader that walks them in place. A plain file is
// memory-mapped; a gzip file (told by its first two bytes, 1f 8b, whatever
// its name) is decompressed into memory, all of its members in turn, as
// gunzip does.
class FileContents {
 public:
  // Asked after each decompressed block whether the bytes so far are all the
  // reader needs (it may keep state between calls: each call sees a longer
  // prefix of the same data). Lets a reader of the first rows of a large
  // file stop decompressing early.
  using Enough = std::function<bool(std::string_view prefix)>;

  // Throws Error naming `path` when it cannot be read, when its gzip data is
  // corrupt or truncated, or when it would decompress to more than
  // `max_bytes` (a bound against absurd sizes: decompression bombs, or a file
  // larger than the machine's memory).
  FileContents(const std::string& path, std::size_t max_bytes, const Enough& enough = {});

  std::string_view bytes() const {
    return inflated_ ? std::string_view(inflated_.get(), inflated_size_) : file_.bytes();
  }
  bool compressed() const { return compressed_; }
  // False when decompression stopped early because `enough` said so.
  bool complete() const { return complete_; }

 private:
  struct Free {
    void operator()(char* p) const;
  };
  void inflate(const std::string& path, std::size_t max_bytes, const Enough& enough);

  MappedFile file_;
  bool compressed_ = false;
  bool complete_ = true;
  std::unique_ptr<char, Free> inflated_;
  std::size_t inflated_size_ = 0;
};

// The machine's physical memory in bytes: the natural bound for a file
// decompressed into memory.
std::size_t physical_memory_bytes();

}  // namespace w2v

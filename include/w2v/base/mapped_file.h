#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace w2v {

// A whole file mapped read-only into memory for the life of the object:
// readers walk its bytes in place instead of copying them through a buffer.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;  // stays null for an empty file, which mmap refuses
  std::size_t size_ = 0;
};

}  // namespace w2v

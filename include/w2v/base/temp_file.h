#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace w2v {

// An anonymous temporary file under $TMPDIR (/tmp when unset): unlinked as
// soon as it is created, so the system removes it when it is closed, even
// after a crash. Written by appending, read back at any offset. `what` names
// it in messages ("token", "count run").
class TempFile {
 public:
  explicit TempFile(std::string what);
  ~TempFile();
  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&& other) noexcept;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  void append(const void* data, std::size_t bytes);
  // Reads exactly `bytes` bytes at `offset`; a short file is an error.
  void read(void* data, std::size_t bytes, std::uint64_t offset) const;
  std::uint64_t size() const { return size_; }

 private:
  std::string what_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

}  // namespace w2v

#include "w2v/base/temp_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "w2v/base/error.h"

namespace w2v {

TempFile::TempFile(std::string what) : what_(std::move(what)) {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/w2v-" + what_ + "-XXXXXX";
  for (char& c : pattern) c = c == ' ' ? '-' : c;
  fd_ = mkstemp(pattern.data());
  if (fd_ < 0) throw Error(pattern + ": cannot create temporary " + what_ + " file: " + std::strerror(errno));
  unlink(pattern.c_str());
}

TempFile::~TempFile() {
  if (fd_ >= 0) close(fd_);
}

TempFile::TempFile(TempFile&& other) noexcept
    : what_(std::move(other.what_)), fd_(std::exchange(other.fd_, -1)), size_(other.size_) {}

TempFile& TempFile::operator=(TempFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    what_ = std::move(other.what_);
    fd_ = std::exchange(other.fd_, -1);
    size_ = other.size_;
  }
  return *this;
}

void TempFile::append(const void* data, std::size_t bytes) {
  const char* p = static_cast<const char*>(data);
  while (bytes > 0) {
    const ssize_t n = pwrite(fd_, p, bytes, static_cast<off_t>(size_));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error("temporary " + what_ + " file: write failed: " + std::strerror(errno));
    }
    p += n;
    bytes -= static_cast<std::size_t>(n);
    size_ += static_cast<std::uint64_t>(n);
  }
}

void TempFile::read(void* data, std::size_t bytes, std::uint64_t offset) const {
  char* p = static_cast<char*>(data);
  while (bytes > 0) {
    const ssize_t n = pread(fd_, p, bytes, static_cast<off_t>(offset));
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      throw Error("temporary " + what_ + " file: read failed: " + (n < 0 ? std::strerror(errno) : "short file"));
    }
    p += n;
    offset += static_cast<std::uint64_t>(n);
    bytes -= static_cast<std::size_t>(n);
  }
}

}  // namespace w2v

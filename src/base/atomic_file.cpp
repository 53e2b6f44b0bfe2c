#include "w2v/base/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

#include "w2v/base/error.h"

namespace w2v {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  temp_path_ = path_ + ".tmp-XXXXXX";
  const int fd = mkstemp(temp_path_.data());
  if (fd < 0) throw Error(path_ + ": cannot create file: " + std::strerror(errno));
  file_ = fdopen(fd, "wb");
  if (!file_) {
    ::close(fd);
    std::remove(temp_path_.c_str());
    throw Error(path_ + ": cannot open file: " + std::strerror(errno));
  }
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
}

AtomicFile::~AtomicFile() {
  if (file_) {
    std::fclose(file_);
    std::remove(temp_path_.c_str());
  }
}

void AtomicFile::commit() {
  const bool write_failed = std::ferror(file_) != 0;
  const bool close_failed = std::fclose(file_) != 0;
  file_ = nullptr;
  if (write_failed || close_failed) {
    std::remove(temp_path_.c_str());
    throw Error(path_ + ": write failed (disk full?)");
  }
  // mkstemp creates 0600; give the result the usual permissions.
  const mode_t mask = umask(0);
  umask(mask);
  chmod(temp_path_.c_str(), 0666 & ~mask);
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    std::remove(temp_path_.c_str());
    throw Error(path_ + ": cannot rename temporary file: " + std::strerror(err));
  }
}

}  // namespace w2v

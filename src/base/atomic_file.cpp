#include "w2v/base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <vector>

#include "w2v/base/error.h"

namespace w2v {
namespace {

namespace fs = std::filesystem;

// The named temporary files of live AtomicFiles, and the lock that keeps
// exit_removing_temporary_files() from ending the process in the middle of
// creating one or of a commit.
std::mutex& registry_mutex() {
  static std::mutex mutex;
  return mutex;
}
std::vector<std::string>& named_temporaries() {
  static std::vector<std::string> paths;
  return paths;
}

std::string error_text(int err) { return std::strerror(err); }

// The file the data should end up in: `path`, or the file a symbolic link
// at `path` points to. Directories and devices are refused here, before any
// work is done, rather than when the rename fails at the end.
std::string resolve_target(const std::string& path) {
  if (path.empty()) throw Error("an output path is empty");
  if (path.back() == '/') throw Error(path + ": is a directory");
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) return path;
  if (error) throw Error(path + ": cannot access: " + error.message());
  if (status.type() == fs::file_type::directory) throw Error(path + ": is a directory");
  if (status.type() != fs::file_type::regular) throw Error(path + ": not a regular file");
  if (fs::is_symlink(fs::symlink_status(path, error))) {
    const fs::path target = fs::canonical(path, error);
    if (!error) return target.string();
  }
  return path;
}

std::string directory_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

void sync_directory(const std::string& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // the rename is done; durability of the name is best effort
  ::fsync(fd);
  ::close(fd);
}

// Linking an unnamed file needs its /proc/self/fd entry.
bool can_link_unnamed_files() {
  static const bool proc_mounted = ::access("/proc/self/fd", X_OK) == 0;
  return proc_mounted;
}

std::string next_temporary_name(const std::string& target) {
  static std::atomic<unsigned> counter{0};
  return target + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), target_(resolve_target(path_)) {
  const std::string directory = directory_of(target_);
  if (can_link_unnamed_files()) {
    fd_ = ::open(directory.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    // Other errors (EACCES, ENOENT, EROFS) would fail a named file too.
    if (fd_ < 0 && errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
      throw Error(path_ + ": cannot create file: " + error_text(errno));
    }
  }
  if (fd_ < 0) {
    const std::lock_guard lock(registry_mutex());
    temp_path_ = target_ + ".tmp-XXXXXX";
    fd_ = ::mkstemp(temp_path_.data());
    if (fd_ < 0) throw Error(path_ + ": cannot create file: " + error_text(errno));
    named_temporaries().push_back(temp_path_);
    // mkstemp creates 0600; give the result the usual permissions.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd_, 0666 & ~mask);
  }
  file_ = ::fdopen(fd_, "wb");
  if (!file_) {
    const int err = errno;
    ::close(fd_);
    if (!temp_path_.empty()) {
      const std::lock_guard lock(registry_mutex());
      ::unlink(temp_path_.c_str());
      std::erase(named_temporaries(), temp_path_);
    }
    throw Error(path_ + ": cannot open file: " + error_text(err));
  }
  constexpr std::size_t kBufferBytes = 1 << 20;
  buffer_ = std::make_unique<char[]>(kBufferBytes);
  std::setvbuf(file_, buffer_.get(), _IOFBF, kBufferBytes);
}

AtomicFile::~AtomicFile() {
  if (file_) std::fclose(file_);
  if (!committed_ && !temp_path_.empty()) {
    const std::lock_guard lock(registry_mutex());
    ::unlink(temp_path_.c_str());
    std::erase(named_temporaries(), temp_path_);
  }
}

void AtomicFile::finish_writing() {
  if (std::fflush(file_) != 0 || std::ferror(file_)) {
    throw Error(path_ + ": write failed: " + error_text(errno ? errno : EIO));
  }
  if (::fsync(fd_) != 0) throw Error(path_ + ": write failed: " + error_text(errno));
}

void AtomicFile::put_in_place() {
  std::string linked = temp_path_;
  if (linked.empty()) {
    const std::string self = "/proc/self/fd/" + std::to_string(fd_);
    for (;;) {
      linked = next_temporary_name(target_);
      if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, linked.c_str(), AT_SYMLINK_FOLLOW) == 0) break;
      if (errno != EEXIST) throw Error(path_ + ": cannot name the new file: " + error_text(errno));
    }
  }
  if (std::rename(linked.c_str(), target_.c_str()) != 0) {
    const int err = errno;
    ::unlink(linked.c_str());
    throw Error(path_ + ": cannot rename the new file into place: " + error_text(err));
  }
  std::erase(named_temporaries(), temp_path_);
  committed_ = true;
}

void AtomicFile::commit() {
  AtomicFile* self = this;
  commit_together({&self, 1});
}

void AtomicFile::commit_together(std::span<AtomicFile* const> files) {
  for (AtomicFile* file : files) file->finish_writing();
  {
    const std::lock_guard lock(registry_mutex());
    for (AtomicFile* file : files) file->put_in_place();
  }
  for (AtomicFile* file : files) {
    sync_directory(directory_of(file->target_));
    std::fclose(file->file_);
    file->file_ = nullptr;
  }
}

void exit_removing_temporary_files(int code) {
  registry_mutex().lock();  // held until the end: no file is created or renamed after this
  for (const std::string& path : named_temporaries()) ::unlink(path.c_str());
  ::_exit(code);
}

}  // namespace w2v

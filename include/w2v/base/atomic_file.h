#pragma once
#include <cstdio>
#include <memory>
#include <span>
#include <string>

namespace w2v {

// A file written under no name, or a temporary one, and put in place at
// `path` by commit(): `path` is either the complete new file or untouched.
//
// Where the file system allows (Linux's O_TMPFILE: ext4, xfs, btrfs, tmpfs),
// the data goes to an unnamed file in the target's directory, which the
// kernel removes when the process ends however it ends (kill -9 included);
// commit() links it under a temporary name and renames that onto `path`.
// Elsewhere the file is `path`.tmp-XXXXXX from the start, removed by the
// destructor or by exit_removing_temporary_files().
//
// commit() makes the data durable before it renames (fsync of the file, then
// of the directory), so after a crash `path` holds the old or the new
// content, never a mix. A `path` that is a symbolic link has its target
// replaced; a directory or another non-regular file is refused.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::FILE* stream() { return file_; }
  const std::string& path() const { return path_; }
  void commit();

  // Commits several files as one: all are written out and synced first, and
  // only then renamed, one after the other, with signals kept from ending the
  // process between two renames (see exit_removing_temporary_files). A write
  // error leaves every path untouched.
  static void commit_together(std::span<AtomicFile* const> files);

 private:
  void finish_writing();  // flush, fsync and close; throws Error on failure
  void put_in_place();    // link (unnamed) and rename onto the target

  std::string path_;     // as given, for messages
  std::string target_;   // path_ with symbolic links resolved
  std::string temp_path_;  // empty while the file is unnamed
  int fd_ = -1;
  std::FILE* file_ = nullptr;
  std::unique_ptr<char[]> buffer_;  // stdio's, large: glibc ignores a size given without a buffer
  bool committed_ = false;
};

// For a signal-handling thread that ends the process: removes the named
// temporary files of every live AtomicFile and calls _exit(code). It waits for
// a commit_together in progress, so that a group of files is put in place
// completely or not at all.
[[noreturn]] void exit_removing_temporary_files(int code);

}  // namespace w2v

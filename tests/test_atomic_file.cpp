// AtomicFile: a path holds its old content or the complete new one, never a part.
#include <doctest/doctest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>

#include "test_util.h"
#include "w2v/base/atomic_file.h"

TEST_SUITE_BEGIN("unit");

using namespace w2v;

TEST_CASE("atomic file: nothing is visible before commit, and an abandoned file leaves no trace") {
  test::TempDir dir;
  test::write_file(dir.file("old.txt"), "old content\n");
  {
    AtomicFile file(dir.file("old.txt"));
    std::fputs("new content\n", file.stream());
    std::fflush(file.stream());
    CHECK(test::read_file(dir.file("old.txt")) == "old content\n");
    CHECK(dir.entries() == 1);  // no temporary name in the directory
  }  // destroyed without commit: the old file stays
  CHECK(test::read_file(dir.file("old.txt")) == "old content\n");
  CHECK(dir.entries() == 1);

  AtomicFile file(dir.file("old.txt"));
  std::fputs("new content\n", file.stream());
  file.commit();
  CHECK(test::read_file(dir.file("old.txt")) == "new content\n");
  CHECK(dir.entries() == 1);
  CHECK((std::filesystem::status(dir.file("old.txt")).permissions() & std::filesystem::perms::others_write) ==
        std::filesystem::perms::none);  // the umask applies, as to any new file
}

TEST_CASE("atomic file: a symbolic link gets its target replaced; directories and devices are refused") {
  test::TempDir dir;
  test::write_file(dir.file("target.txt"), "old\n");
  std::filesystem::create_symlink(dir.file("target.txt"), dir.file("link.txt"));
  AtomicFile file(dir.file("link.txt"));
  std::fputs("new\n", file.stream());
  file.commit();
  CHECK(std::filesystem::is_symlink(dir.file("link.txt")));
  CHECK(test::read_file(dir.file("target.txt")) == "new\n");

  CHECK(test::error_of([&] { AtomicFile d(dir.path().string()); }) == dir.path().string() + ": is a directory");
  CHECK(test::error_of([&] { AtomicFile d(dir.file("sub/")); }) == dir.file("sub/") + ": is a directory");
  CHECK(test::error_of([] { AtomicFile d("/dev/null"); }) == "/dev/null: not a regular file");
  CHECK(test::error_of([&] { AtomicFile d(dir.file("no/such/file")); }) ==
        dir.file("no/such/file") + ": cannot create file: No such file or directory");
}

TEST_CASE("atomic file: a group is committed only when every file was written") {
  test::TempDir dir;
  test::write_file(dir.file("a.txt"), "old a\n");
  // A file size limit makes the second, larger file fail when it is flushed.
  struct rlimit old_limit {};
  getrlimit(RLIMIT_FSIZE, &old_limit);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit limit = old_limit;
  limit.rlim_cur = 4096;
  setrlimit(RLIMIT_FSIZE, &limit);
  std::string error;
  {
    AtomicFile a(dir.file("a.txt")), b(dir.file("b.txt"));
    std::fputs("new a\n", a.stream());
    std::fputs(std::string(10000, 'b').c_str(), b.stream());
    AtomicFile* both[] = {&a, &b};
    error = test::error_of([&] { AtomicFile::commit_together(both); });
  }
  setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);
  CHECK(error == dir.file("b.txt") + ": write failed: File too large");
  CHECK(test::read_file(dir.file("a.txt")) == "old a\n");
  CHECK(dir.entries() == 1);

  AtomicFile a(dir.file("a.txt")), b(dir.file("b.txt"));
  std::fputs("new a\n", a.stream());
  std::fputs("new b\n", b.stream());
  AtomicFile* both[] = {&a, &b};
  AtomicFile::commit_together(both);
  CHECK(test::read_file(dir.file("a.txt")) == "new a\n");
  CHECK(test::read_file(dir.file("b.txt")) == "new b\n");
  CHECK(dir.entries() == 2);
}

TEST_SUITE_END();

#pragma once
// Running Debian's gensim (python3-gensim, under /usr/bin/python3; the python3
// first on PATH may lack it) from a test, to compare with it.
#include <doctest/doctest.h>

#include <string>

#include "test_util.h"

namespace w2v::test {

inline bool gensim_available() {
  static const bool available = [] {
    const TempDir dir;
    return run("/usr/bin/python3 -c 'import gensim'", dir).exit_code == 0;
  }();
  return available;
}

// Runs a Python script with /usr/bin/python3 and `arguments` (sys.argv[1:])
// and returns what it printed.
inline std::string run_python(const std::string& script, const std::string& arguments, const TempDir& dir) {
  const std::string path = dir.file("script.py");
  write_file(path, script);
  const CommandResult result = run("/usr/bin/python3 " + path + " " + arguments, dir);
  REQUIRE_MESSAGE(result.exit_code == 0, result.errors);
  return result.output;
}

}  // namespace w2v::test

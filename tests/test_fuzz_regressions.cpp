// Every fuzz target over its seed inputs and over every input that once
// made it fail (tests/fuzz/crashes/<target>/): the fixes stay fixed, in
// every build, sanitizers included.
#include <doctest/doctest.h>

#include <filesystem>

#include "fuzz/fuzz_targets.h"
#include "test_util.h"

TEST_SUITE_BEGIN("unit");

namespace fs = std::filesystem;

TEST_CASE("fuzz regressions: every seed and every former crash is read or refused with an Error") {
  const fs::path inputs = fs::path(W2V_SOURCE_DIR) / "tests" / "fuzz";
  for (const w2v::fuzz::FuzzTarget& target : w2v::fuzz::fuzz_targets()) {
    CAPTURE(target.name);
    std::size_t seeds = 0;
    for (const char* kind : {"seeds", "crashes"}) {
      const fs::path dir = inputs / kind / target.name;
      if (!fs::exists(dir)) continue;
      for (const fs::directory_entry& file : fs::directory_iterator(dir)) {
        CAPTURE(file.path().string());
        seeds += std::string(kind) == "seeds";
        // Anything but w2v::Error escaping the target fails the test; a crash fails the run.
        CHECK_NOTHROW(target.run(w2v::test::read_file(file.path().string())));
      }
    }
    CHECK(seeds >= 3);
  }
}

TEST_SUITE_END();

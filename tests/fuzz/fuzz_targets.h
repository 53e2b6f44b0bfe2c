#pragma once
// The fuzz targets: each reader of untrusted files, fed arbitrary bytes. A
// target may throw w2v::Error (a clear refusal, the expected answer to bad
// input) and nothing else; a crash, a sanitizer report, a hang or any other
// exception is a bug. The same functions run in libFuzzer binaries
// (fuzz_main.cpp, built with W2V_FUZZ) and, over every seed and every input
// that once crashed, in the test suite (test_fuzz_regressions.cpp).
#include <span>
#include <string_view>

namespace w2v::fuzz {

struct FuzzTarget {
  const char* name;  // also the folder of its inputs: tests/fuzz/seeds/<name>, tests/fuzz/crashes/<name>
  void (*run)(std::string_view data);
};

std::span<const FuzzTarget> fuzz_targets();
const FuzzTarget* find_fuzz_target(std::string_view name);

}  // namespace w2v::fuzz

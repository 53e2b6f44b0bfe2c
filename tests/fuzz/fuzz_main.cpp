// A libFuzzer binary for the target named by W2V_FUZZ_TARGET (CMake, W2V_FUZZ=ON).
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const w2v::fuzz::FuzzTarget* target = [] {
    const w2v::fuzz::FuzzTarget* found = w2v::fuzz::find_fuzz_target(W2V_FUZZ_TARGET);
    if (!found) {
      std::fprintf(stderr, "no fuzz target '%s'\n", W2V_FUZZ_TARGET);
      std::abort();
    }
    return found;
  }();
  target->run({reinterpret_cast<const char*>(data), size});
  return 0;
}

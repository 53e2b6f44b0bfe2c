#include "w2v/train/kernel_isa.h"

#include <array>
#include <cstdlib>
#include <string>

#include "w2v/base/error.h"

namespace w2v {
namespace {

#ifdef W2V_NATIVE
constexpr std::array kCompiled{Isa::kNative};
#else
constexpr std::array kCompiled{Isa::kBaseline, Isa::kAvx2, Isa::kAvx512};
#endif

}  // namespace

std::string_view isa_name(Isa isa) {
  switch (isa) {
    case Isa::kBaseline: return "baseline";
    case Isa::kAvx2: return "avx2";
    case Isa::kAvx512: return "avx512";
    case Isa::kNative: return "native";
  }
  return "?";
}

std::span<const Isa> compiled_isas() { return kCompiled; }

std::string compiled_isa_names() {
  std::string list;
  for (Isa isa : kCompiled) list += (list.empty() ? "" : ", ") + std::string(isa_name(isa));
  return list;
}

bool cpu_supports(Isa isa) {
  // libgcc's checks include the operating system's support (XGETBV) for the
  // wider registers, and the x86-64-vN levels name every extension GCC's
  // -march=x86-64-vN may use.
  __builtin_cpu_init();
  switch (isa) {
    case Isa::kBaseline: return true;
#if defined(__clang__)
    // clang 14 knows some extensions, not the levels: AVX2 and FMA stand for
    // x86-64-v3 (every CPU with both has the level's other extensions).
    case Isa::kAvx2:
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case Isa::kAvx512:
      return cpu_supports(Isa::kAvx2) && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512dq") &&
             __builtin_cpu_supports("avx512vl");
#else
    case Isa::kAvx2: return __builtin_cpu_supports("x86-64-v3");
    case Isa::kAvx512: return __builtin_cpu_supports("x86-64-v4");
#endif
    case Isa::kNative: return true;  // the build machine's, by definition of the build
  }
  return false;
}

Isa training_isa() {
  const char* requested = std::getenv("W2V_ISA");
  if (!requested || !*requested) {
    for (auto isa = kCompiled.rbegin(); isa != kCompiled.rend(); ++isa) {
      if (cpu_supports(*isa)) return *isa;
    }
    return kCompiled.front();
  }
  for (Isa isa : kCompiled) {
    if (isa_name(isa) != requested) continue;
    if (!cpu_supports(isa)) throw Error("W2V_ISA=" + std::string(requested) + ": this CPU cannot run the " + requested + " kernels");
    return isa;
  }
  throw Error("W2V_ISA=" + std::string(requested) + ": no such training kernels in this build (it has " +
              compiled_isa_names() + ")");
}

}  // namespace w2v

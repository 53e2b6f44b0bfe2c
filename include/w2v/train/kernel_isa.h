#pragma once
// The instruction sets the training kernels are compiled for. The default
// build holds the kernels (src/train/training_run.cpp and the output layers'
// steps) three times: for baseline x86-64 (SSE2), for x86-64-v3 (AVX2 and
// FMA) and for x86-64-v4 (AVX-512), and picks one per run from what the CPU
// supports; the rest of the library is baseline x86-64. A build with
// -DW2V_NATIVE=ON holds one set, compiled with the whole library for the
// building machine (-march=native).
#include <span>
#include <string>
#include <string_view>

namespace w2v {

enum class Isa { kBaseline, kAvx2, kAvx512, kNative };

// "baseline", "avx2", "avx512", "native": the names W2V_ISA takes.
std::string_view isa_name(Isa isa);

// The kernel sets of this build, lowest first, and their names as a list
// ("baseline, avx2, avx512").
std::span<const Isa> compiled_isas();
std::string compiled_isa_names();

// Whether this CPU (and its operating system, which must save the wider
// registers) runs `isa`'s kernels.
bool cpu_supports(Isa isa);

// The kernels training uses: those named by the environment variable
// W2V_ISA if it is set (to test or measure a narrower set on a wider CPU),
// else the widest this CPU runs. Throws Error naming W2V_ISA if it names no
// kernel set of this build or one the CPU cannot run.
Isa training_isa();

}  // namespace w2v

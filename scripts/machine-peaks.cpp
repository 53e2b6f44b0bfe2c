// The ceilings a word2vec step runs against on this machine, measured:
//   - FMA throughput of one core (AVX2: 8 floats, AVX-512: 16 floats per op),
//   - streaming memory bandwidth (copy and triad, 1 and 2 threads),
//   - the rate of random row updates: read a 100-float row, write it back,
//     on the layout of w2v's matrices (rows padded to 112 floats, 448 bytes,
//     64-byte aligned), in a table as large as wiki17m's two matrices and in
//     one that fits in L2; with addresses known ahead (independent accesses,
//     as many misses in flight as the core allows) and as a chain (the next
//     row is known only once this one arrived: pure latency).
// docs/bounds.md explains how these numbers bound a training step.
// Built and run by scripts/machine-peaks.sh. The machine may be shared: each
// figure is repeated, and the best and the median are printed.
#include <immintrin.h>
#include <omp.h>
#include <sys/mman.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <numeric>
#include <random>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int repeats = 9;

double thread_cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Runs `work` (which returns its amount of work) `repeats` times and prints
// the best and the median rate, in `unit`s per second scaled by `scale`.
// One-thread figures divide by the thread's CPU time, not the wall time: on a
// shared machine the thread is often descheduled, and the wall clock would
// measure the other jobs. Two-thread figures need both threads running at
// once, so they use the wall clock and are lower bounds when the machine is
// busy. `share` is the median run's CPU time over its wall time.
void report(const char* name, const char* unit, double scale, const std::function<double()>& work,
            bool wall_clock = false) {
  work();  // warm up: page faults, caches, clock ramp
  std::vector<double> rates, shares;
  for (int r = 0; r < repeats; ++r) {
    const auto start = Clock::now();
    const double cpu_start = thread_cpu_seconds();
    const double amount = work();
    const double cpu = thread_cpu_seconds() - cpu_start;
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    rates.push_back(amount / (wall_clock ? wall : cpu) / scale);
    shares.push_back(cpu / wall);
  }
  std::sort(rates.begin(), rates.end());
  std::sort(shares.begin(), shares.end());
  std::printf("%-58s best %8.2f  median %8.2f  %-9s (%s; CPU share %.0f%%)\n", name, rates.back(),
              rates[rates.size() / 2], unit, wall_clock ? "wall clock" : "per CPU-second",
              100 * shares[shares.size() / 2]);
  std::fflush(stdout);
}

double sink = 0;  // results land here, so no loop is optimised away

// 12 independent FMA chains: enough to cover 4 cycles of latency on 2 pipes.
__attribute__((target("avx2,fma"))) double fma_avx2(long iterations) {
  __m256 acc[12];
  for (int k = 0; k < 12; ++k) acc[k] = _mm256_set1_ps(1.0f + 0.001f * static_cast<float>(k));
  const __m256 a = _mm256_set1_ps(0.9999999f), b = _mm256_set1_ps(1e-7f);
  for (long i = 0; i < iterations; ++i) {
#pragma GCC unroll 12
    for (int k = 0; k < 12; ++k) acc[k] = _mm256_fmadd_ps(acc[k], a, b);
  }
  __m256 total = acc[0];
  for (int k = 1; k < 12; ++k) total = _mm256_add_ps(total, acc[k]);
  float out[8];
  _mm256_storeu_ps(out, total);
  sink += out[0];
  return 2.0 * 8 * 12 * static_cast<double>(iterations);  // FLOPs
}

__attribute__((target("avx512f"))) double fma_avx512(long iterations) {
  __m512 acc[12];
  for (int k = 0; k < 12; ++k) acc[k] = _mm512_set1_ps(1.0f + 0.001f * static_cast<float>(k));
  const __m512 a = _mm512_set1_ps(0.9999999f), b = _mm512_set1_ps(1e-7f);
  for (long i = 0; i < iterations; ++i) {
#pragma GCC unroll 12
    for (int k = 0; k < 12; ++k) acc[k] = _mm512_fmadd_ps(acc[k], a, b);
  }
  __m512 total = acc[0];
  for (int k = 1; k < 12; ++k) total = _mm512_add_ps(total, acc[k]);
  float out[16];
  _mm512_storeu_ps(out, total);
  sink += out[0];
  return 2.0 * 16 * 12 * static_cast<double>(iterations);
}

// One scalar FMA chain: the latency of a dependent multiply-add, in cycles
// when divided into the clock (reported as chain steps per second).
double fma_chain(long iterations) {
  float x = 1.0f;
  for (long i = 0; i < iterations; ++i) {
    x = __builtin_fmaf(x, 0.9999999f, 1e-7f);
    __asm__ volatile("" : "+x"(x));
  }
  sink += x;
  return static_cast<double>(iterations);
}

// The layout of w2v's matrices (w2v::Matrix with -march=native here).
constexpr std::size_t kDim = 100, kStride = 112;

struct Table {
  float* data;
  std::size_t rows;
  // huge: ask for 2 MiB pages (w2v's matrices get 4 KiB pages, where 64 MB
  // span 16k pages, more than the TLB holds).
  Table(std::size_t n, bool huge) : rows(n) {
    const std::size_t bytes = (n * kStride * sizeof(float) + (2u << 20) - 1) / (2u << 20) * (2u << 20);
    data = static_cast<float*>(std::aligned_alloc(2u << 20, bytes));
    if (huge) madvise(data, bytes, MADV_HUGEPAGE);
    for (std::size_t i = 0; i < n * kStride; ++i) data[i] = 1e-3f;
  }
  ~Table() { std::free(data); }
  float* row(std::size_t i) const { return data + i * kStride; }
};

// row += 1e-7 * row over the 100 used floats: every byte read and written.
inline void touch(float* row) {
#pragma GCC unroll 4
  for (std::size_t c = 0; c < kDim; ++c) row[c] += 1e-7f * row[c];
}

// Rows in a fixed random order, all addresses known ahead.
double rows_independent(const Table& table, const std::vector<std::uint32_t>& order) {
  for (std::uint32_t i : order) touch(table.row(i));
  return static_cast<double>(order.size());
}

// Rows in a random cycle, each row's padding holding the next row's index:
// the next access cannot start before this one arrived.
double rows_chain(const Table& table, std::size_t steps) {
  std::uint32_t at = 0;
  for (std::size_t s = 0; s < steps; ++s) {
    float* row = table.row(at);
    touch(row);
    std::uint32_t next;
    std::memcpy(&next, row + kDim, sizeof next);
    at = next;
  }
  sink += at;
  return static_cast<double>(steps);
}

void link_cycle(Table& table, std::mt19937_64& random) {
  std::vector<std::uint32_t> perm(table.rows);
  std::iota(perm.begin(), perm.end(), 0u);
  std::shuffle(perm.begin() + 1, perm.end(), random);
  for (std::size_t k = 0; k < perm.size(); ++k) {
    const std::uint32_t next = perm[(k + 1) % perm.size()];
    std::memcpy(table.row(perm[k]) + kDim, &next, sizeof next);
  }
}

void random_rows(const char* label, std::size_t rows, std::size_t accesses, std::mt19937_64& random,
                 bool huge = false) {
  Table table(rows, huge);
  std::vector<std::uint32_t> order(accesses);
  std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(rows - 1));
  for (auto& i : order) i = pick(random);
  char name[128];
  std::snprintf(name, sizeof name, "rows %s, independent (1 thread)", label);
  report(name, "M rows/s", 1e6, [&] { return rows_independent(table, order); });
  if (huge) {  // whether the kernel gave 2 MiB pages: AnonHugePages of this process
    if (FILE* f = std::fopen("/proc/self/smaps_rollup", "r")) {
      char line[256];
      while (std::fgets(line, sizeof line, f)) {
        if (std::strncmp(line, "AnonHugePages:", 14) == 0) {
          std::printf("  (memory of this process on huge pages: %ld kB)\n", std::atol(line + 14));
        }
      }
      std::fclose(f);
    }
  }
  link_cycle(table, random);
  std::snprintf(name, sizeof name, "rows %s, chain (1 thread)", label);
  report(name, "M rows/s", 1e6, [&] { return rows_chain(table, accesses); });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) repeats = std::max(1, std::atoi(argv[1]));
  std::printf("repeats per figure: %d (best and median of them)\n", repeats);

  // Arithmetic, one core.
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    report("FMA AVX2 (8 floats), 12 chains, 1 thread", "GFLOP/s", 1e9, [] { return fma_avx2(20'000'000); });
  }
  if (__builtin_cpu_supports("avx512f")) {
    report("FMA AVX-512 (16 floats), 12 chains, 1 thread", "GFLOP/s", 1e9, [] { return fma_avx512(20'000'000); });
  }
  report("scalar FMA, one dependent chain, 1 thread", "M steps/s", 1e6, [] { return fma_chain(100'000'000); });

  // Streaming bandwidth on arrays 4x the L3 (32 MiB): 128 MiB each.
  const std::size_t n = std::size_t{32} << 20;
  std::vector<float> a(n, 1.0f), b(n, 2.0f), c(n, 3.0f);
  for (int threads : {1, 2}) {
    char name[128];
    std::snprintf(name, sizeof name, "copy  b = a, 128 MiB arrays (%d thread%s)", threads, threads > 1 ? "s" : "");
    report(name, "GB/s", 1e9, [&] {
#pragma omp parallel for num_threads(threads) schedule(static)
      for (std::size_t i = 0; i < n; ++i) b[i] = a[i];
      return 2.0 * n * sizeof(float);  // bytes read + written (STREAM's count)
    }, threads > 1);
    std::snprintf(name, sizeof name, "triad a = b + s c, 128 MiB arrays (%d thread%s)", threads, threads > 1 ? "s" : "");
    report(name, "GB/s", 1e9, [&] {
#pragma omp parallel for num_threads(threads) schedule(static)
      for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + 0.5f * c[i];
      return 3.0 * n * sizeof(float);
    }, threads > 1);
  }
  sink += a[n / 2] + b[n / 3];

  // Random 400-byte rows. wiki17m: 71,708 words, two matrices (input and
  // output vectors) = 143,416 rows of 448 bytes = 64 MB (57 MB of floats).
  // L2 is 1 MiB per core: 1,536 rows = 672 KiB fit.
  std::mt19937_64 random(42);
  random_rows("of 64 MB (143,416 x 448 B)", 143'416, 2'000'000, random);
  random_rows("of 64 MB on 2 MiB pages", 143'416, 2'000'000, random, true);
  random_rows("of 8 MB (18,000 x 448 B, in L3)", 18'000, 2'000'000, random);
  random_rows("of 672 KiB (1,536 x 448 B, in L2)", 1'536, 2'000'000, random);

  {  // Two threads, each on its own random order over the same 64 MB.
    Table table(143'416, false);
    std::vector<std::vector<std::uint32_t>> orders(2, std::vector<std::uint32_t>(2'000'000));
    std::uniform_int_distribution<std::uint32_t> pick(0, 143'415);
    for (auto& order : orders) {
      for (auto& i : order) i = pick(random);
    }
    report("rows of 64 MB, independent (2 threads, total)", "M rows/s", 1e6, [&] {
#pragma omp parallel num_threads(2)
      rows_independent(table, orders[static_cast<std::size_t>(omp_get_thread_num())]);
      return 2.0 * 2'000'000;
    }, true);
  }
  std::printf("(sink %g)\n", sink > 0 ? 0.0 : 1.0);
}

#!/usr/bin/env bash
# Measures this machine's ceilings for docs/bounds.md: FMA throughput,
# streaming bandwidth, random row-update rates (machine-peaks.cpp), and the
# time of one training step of each mode on rows in L1 (kernel-rates.cpp,
# w2v's own kernels from include/). Usage:
#   scripts/machine-peaks.sh [REPEATS]     (default 9; best and median printed)
# Needs g++ with OpenMP (build-essential) and Eigen (libeigen3-dev). Prints the CPU first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

lscpu | grep -E '^(Model name|CPU family|Model|CPU\(s\)|L1d|L2|L3)' || true
grep -m1 'cpu MHz' /proc/cpuinfo || true
printf 'vector extensions: %s\n' "$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx|avx2|fma|avx512f|avx512bw|avx512vl)$' | tr '\n' ' ')"
printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"

g++ -std=c++20 -O3 -march=native -fopenmp -o "$work/machine-peaks" "$here/machine-peaks.cpp"
# The flags of the w2v build (CMakeLists.txt), so the kernels compile as in w2v.
g++ -std=c++20 -O3 -march=native -DNDEBUG -DEIGEN_DONT_PARALLELIZE \
  -Wall -Wextra -Wno-maybe-uninitialized -I "$here/../include" -isystem /usr/include/eigen3 \
  -o "$work/kernel-rates" "$here/kernel-rates.cpp"
OMP_WAIT_POLICY=passive "$work/machine-peaks" "${1:-9}"
"$work/kernel-rates" "${1:-9}"

#!/usr/bin/env bash
# Fuzzes a reader of untrusted files with libFuzzer (clang, ASan + UBSan).
#
# Usage: scripts/fuzz.sh TARGET SECONDS
#   TARGET: corpus, vocabulary, vectors_text, vectors_binary, checkpoint,
#           analogies, similarity (tests/fuzz/fuzz_targets.cpp), or "list".
# Builds build-fuzz/ (W2V_FUZZ=ON) when needed, then runs the target for
# SECONDS from its seeds (tests/fuzz/seeds/TARGET) in a working corpus under
# bench-results/fuzz/TARGET/. Prints libFuzzer's last status line (runs,
# coverage) and exits 1 when it found an input that crashes, hangs or
# leaks: that input is saved there; copy it to tests/fuzz/crashes/TARGET/
# and it becomes a regression test of the suite once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(corpus vocabulary vectors_text vectors_binary checkpoint analogies similarity)
if [[ ${1:-} == list ]]; then printf '%s\n' "${targets[@]}"; exit 0; fi
if (($# != 2)) || [[ ! " ${targets[*]} " == *" $1 "* ]] || ! [[ $2 =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS   (TARGET: ${targets[*]})" >&2
  exit 2
fi
target=$1 seconds=$2

scripts/install-packages.sh build-essential cmake libeigen3-dev libcxxopts-dev zlib1g-dev clang libomp-dev
if [[ ! -x build-fuzz/fuzz_$target ]]; then
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ -DW2V_FUZZ=ON \
    -DW2V_BUILD_TESTS=OFF >/dev/null
fi
cmake --build build-fuzz -j2 --target "fuzz_$target" >/dev/null

work=bench-results/fuzz/$target
mkdir -p "$work/corpus"
cp -n tests/fuzz/seeds/"$target"/* "$work/corpus/"
status=0
# -timeout: an input taking 10 s is a hang; -rss_limit_mb: 2 GB is a leak or a runaway allocation.
build-fuzz/fuzz_"$target" "$work/corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$work/" -print_final_stats=1 >"$work/log" 2>&1 || status=$?
grep -E '^#[0-9]+.*(DONE|pulse|NEW)' "$work/log" | tail -1
grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$work/log" || true
if ((status != 0)); then
  grep -E 'ERROR|SUMMARY|Test unit written' "$work/log" | head -5
  echo "fuzz_$target: a failing input; see $work/log" >&2
  exit 1
fi

#!/usr/bin/env bash
# Runs the portable w2v binary on emulated CPUs older than this one (QEMU's
# user-mode emulator, which has no AVX-512): a Haswell (AVX2 and FMA) must
# train with the avx2 kernels, a Nehalem (SSE4.2, no AVX) with the baseline
# ones, both to the end without an illegal instruction; asking either for
# kernels it lacks is an error line.
# Usage: tests/check_emulated_cpus.sh QEMU W2V_BINARY
set -euo pipefail
qemu=$1
w2v=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A small corpus: 2,000 sentences of 10 words from a 60-word vocabulary.
awk 'BEGIN { srand(7); for (s = 0; s < 2000; ++s) { line = ""; for (w = 0; w < 10; ++w) line = line " w" int(rand() * 60); print line } }' >"$work/corpus.txt"

status=0
fail() { echo "check_emulated_cpus: $*"; status=1; }

for cpu_isa in Haswell:avx2 Nehalem:baseline; do
  cpu=${cpu_isa%%:*} isa=${cpu_isa##*:}
  # QEMU warns on stderr about CPU features it does not emulate: only w2v's lines count.
  emulated() { "$qemu" -cpu "$cpu" "$@" 2> >(grep -v '^qemu-x86_64: warning' >&2); }
  version=$(emulated "$w2v" --version) || fail "$cpu: w2v --version failed"
  [[ $version == *"training kernels: $isa ("* ]] || fail "$cpu: expected the $isa kernels, w2v --version said: $version"
  for mode in "--model sg --loss ns" "--model cbow --loss hs" "--model cbow --loss softmax"; do
    # shellcheck disable=SC2086  # $mode is two options
    if ! emulated "$w2v" train $mode --dim 20 --epochs 1 --threads 1 --min-count 1 --quiet \
        --input "$work/corpus.txt" --output "$work/vectors.txt"; then
      fail "$cpu: w2v train $mode failed"
    elif [[ $(head -1 "$work/vectors.txt") != "60 20" ]]; then
      fail "$cpu: w2v train $mode wrote $(head -1 "$work/vectors.txt") as its header, not 60 20"
    fi
  done
  errors=$(W2V_ISA=avx512 emulated "$w2v" --version 2>&1 >/dev/null) && fail "$cpu: W2V_ISA=avx512 did not fail"
  [[ $errors == "w2v: error: W2V_ISA=avx512: this CPU cannot run the avx512 kernels" ]] ||
    fail "$cpu: W2V_ISA=avx512 said: $errors"
done
exit $status

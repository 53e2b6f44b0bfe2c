#!/usr/bin/env bash
# A portable build runs on any x86-64 only if no instruction beyond baseline
# x86-64 can run unless the CPU check chose its kernel set. This disassembles
# the kernel sets' objects and the linked binary and checks that:
#  - each set's object has one global symbol, its entry w2v_training_run_<isa>;
#  - the baseline set uses no AVX (VEX) or AVX-512 (EVEX) instruction, the
#    avx2 set no AVX-512 one;
#  - in BINARY, every function with VEX-encoded instructions (AVX, AVX2, FMA,
#    BMI), lzcnt or movbe (x86-64-v3) is a local function of the avx2 or
#    avx512 set, and every function with EVEX-encoded ones (AVX-512) one of
#    the avx512 set, or the set's entry. A template or inline function
#    compiled for AVX-512 that the linker chose for every caller would be
#    global, and fail here.
# Usage: tests/check_kernel_isas.sh BINARY KERNEL_OBJECT_DIR
set -euo pipefail
binary=$1
objects=$2

# "LEVEL ADDRESS NAME" for every function of the file that needs more than
# baseline x86-64: v4 (EVEX, first byte 0x62) or v3 (VEX, first byte 0xc4 or
# 0xc5, or lzcnt, movbe). In 64-bit mode those bytes start no other
# instruction; an address-size prefix (0x67) may come first. tzcnt is left
# out: GCC emits it for every x86-64 as `rep bsf`, which older CPUs run as
# bsf, with the same result for the nonzero inputs it is used on.
wide_functions() {
  objdump -d --insn-width=15 "$1" | awk -F'\t' '
    function report() { if (level != "") print level, address, name }
    /^[0-9a-f]+ <.*>:$/ { report(); address = $0; sub(/ .*/, "", address); name = $0; sub(/^[0-9a-f]+ </, "", name); sub(/>:$/, "", name); level = ""; next }
    NF >= 3 {
      if ($2 ~ /^(67 )?62 /) level = "v4"
      else if (level == "" && ($2 ~ /^(67 )?c[45] / || $3 ~ /^(lzcnt|movbe)/)) level = "v3"
    }
    END { report() }'
}

# The names of the functions an object defines.
defined_functions() { nm --defined-only "$1" | awk '$2 ~ /^[tTwW]$/ { print $3 }' | sort -u; }

status=0
fail() { echo "check_kernel_isas: $*"; status=1; }

for isa in baseline avx2 avx512; do
  object=$objects/w2v_kernels_$isa.o
  [[ -f $object ]] || { fail "$object is missing"; continue; }
  globals=$(nm -g --defined-only "$object" | awk '$2 != "C" { print $3 }')
  [[ $globals == "w2v_training_run_$isa" ]] || fail "$object: global symbols other than w2v_training_run_$isa: $globals"
done
while read -r level _ name; do
  fail "w2v_kernels_baseline.o: $name uses $level instructions"
done < <(wide_functions "$objects/w2v_kernels_baseline.o")
while read -r level _ name; do
  [[ $level == v4 ]] && fail "w2v_kernels_avx2.o: $name uses v4 instructions"
done < <(wide_functions "$objects/w2v_kernels_avx2.o")

v4_names=$(defined_functions "$objects/w2v_kernels_avx512.o")
v3_names=$(sort -u <(echo "$v4_names") <(defined_functions "$objects/w2v_kernels_avx2.o"))
# The binary's symbol types by address (aliases add theirs): t is local.
declare -A types
while read -r address type _; do types[$address]+=$type; done < <(nm --defined-only "$binary")
found_v3=0 found_v4=0
while read -r level address name; do
  if [[ $level == v4 ]]; then found_v4=1 names=$v4_names entries=w2v_training_run_avx512
  else found_v3=1 names=$v3_names entries="w2v_training_run_avx2 w2v_training_run_avx512"
  fi
  [[ " $entries " == *" $name "* ]] && continue
  if [[ ! ${types[$address]:-} =~ ^t+$ ]]; then
    fail "$binary: $name ($address) uses $level instructions and is a global symbol (${types[$address]:-none})"
  elif ! grep -qxF -- "$name" <<<"$names"; then
    fail "$binary: $name ($address) uses $level instructions outside the kernel sets that may"
  fi
done < <(wide_functions "$binary")
# Without these the checks above would pass on a disassembly they failed to read.
((found_v4)) || fail "$binary: no AVX-512 function found (are the avx512 kernels linked in?)"
((found_v3)) || fail "$binary: no AVX2 function found (are the avx2 kernels linked in?)"
exit $status

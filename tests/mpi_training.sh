#!/usr/bin/env bash
# Distributed training under a real MPI launcher (registered with CTest when
# built with -DW2V_MPI=ON): 2 ranks count the same vocabulary as one process,
# recover the planted structure of a generated corpus, and any failure of a
# rank ends the job non-zero with no output file.
# Usage: tests/mpi_training.sh W2V_BINARY MPIEXEC [MPIEXEC_ARGS...]
set -euo pipefail
w2v=$1
shift
mpirun=("$@")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
failures=0
check() {  # check DESCRIPTION COMMAND...: counts a failure instead of stopping
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}

# The planted corpus of tests/planted_corpus.h: sentences of 16 words from one
# of 8 groups of 8 words ("g3w5"), with "the" and "of" as filler.
awk 'BEGIN { srand(7); for (s = 0; s < 12000; s++) { g = int(rand() * 8); line = "";
  for (k = 0; k < 16; k++) { w = rand() < 0.2 ? (rand() < 0.5 ? "the" : "of") : "g" g "w" int(rand() * 8);
  line = line (k ? " " : "") w } print line } }' > planted.txt

# The vocabulary: one process, then 2 ranks (1 and 2 threads, and a budget
# small enough to spill), byte for byte the same file.
"$w2v" train --quiet --input planted.txt --save-vocab one.vocab --min-count 1 --threads 1
for threads in 1 2; do
  "${mpirun[@]}" "$w2v" train --quiet --input planted.txt --save-vocab two-$threads.vocab --min-count 1 \
    --threads $threads --scan-memory 1
  check "2 ranks × $threads threads count the vocabulary of one process" cmp -s one.vocab two-$threads.vocab
done

# Training: 2 ranks × 1 thread; every topic word's nearest word is in its group.
"${mpirun[@]}" "$w2v" train --input planted.txt --output two.vec --min-count 1 --threads 1 --dim 20 \
  --epochs 3 --sync-every 20000 2> train.log
check "rank 0 reports the whole job" grep -q "2 processes × 1 thread" train.log
# 12000 × 16 words × 3 epochs / (2 ranks × 20000 words) = 14.4: 15 synchronisations.
check "the models were synchronised" grep -q "models synchronised 15 times" train.log
words=$(awk 'NR > 1 && /^g/ { print $1 }' two.vec)
"$w2v" neighbors two.vec $words -k 1 > neighbours.txt
right=$(awk '/^g/ { word = $1 } /^  / { split(word, a, "w"); split($1, b, "w"); if (a[1] == b[1]) n++ } END { print n + 0 }' \
  neighbours.txt)
echo "topic words whose nearest word is in their group: $right of 64"
check "the planted structure is recovered" test "$right" -ge 60

# A bad corpus: every rank fails, the job exits non-zero, the error names the rank.
set +e
"${mpirun[@]}" "$w2v" train --input missing.txt --output bad.vec 2> bad.log
status=$?
set -e
check "a missing corpus ends the job non-zero" test $status -ne 0
check "the error names the rank" grep -q "rank [01] of 2: w2v train: error: missing.txt: cannot open" bad.log
check "no output file after an error" test ! -e bad.vec
set +e
"$w2v" train --input planted.txt --output bad.vec --sync-every 0 2> sync.log
status=$?
set -e
check "--sync-every 0 is refused" test $status -eq 1
check "the refusal names the option" grep -q "w2v train: error: --sync-every" sync.log
gzip -c planted.txt > planted.txt.gz
set +e
"${mpirun[@]}" "$w2v" train --input planted.txt.gz --output gz.vec 2> gz.log
status=$?
set -e
check "gzip input is refused under MPI" test $status -ne 0
check "the refusal says why" grep -q "share only a plain text file" gz.log

# Checkpoints, --resume and --init are refused under MPI, before anything is written.
for flag in "--checkpoint run.ckpt" "--resume run.ckpt" "--init run.ckpt"; do
  set +e
  "${mpirun[@]}" "$w2v" train --input planted.txt --output ckpt.vec --min-count 1 $flag 2> ckpt.log
  status=$?
  set -e
  check "$flag is refused under MPI" test $status -ne 0
  check "the refusal names $flag" grep -q -- "w2v train: error: ${flag% *}: not available in an MPI job" ckpt.log
  check "no output after $flag" test ! -e ckpt.vec -a ! -e run.ckpt
done

# Killing one rank (SIGKILL) while the job trains: mpirun exits non-zero and
# rank 0 never writes its output.
"${mpirun[@]}" "$w2v" train --quiet --input planted.txt --output killed.vec --min-count 1 --threads 1 \
  --dim 50 --epochs 100000 &
job=$!
victim=""
for _ in $(seq 100); do
  for pid in $(pgrep -f "output killed.vec" || true); do
    if tr '\0' '\n' < /proc/$pid/environ 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=1\|PMIX_RANK=1\|PMI_RANK=1"; then
      victim=$pid
    fi
  done
  [[ -n $victim ]] && break
  sleep 0.1
done
sleep 1  # into training
check "found rank 1 to kill" test -n "$victim"
[[ -n $victim ]] && kill -9 "$victim"
set +e
wait $job
status=$?
set -e
check "killing a rank ends the job non-zero" test $status -ne 0
check "no output file after a killed rank" test ! -e killed.vec

echo "$failures failed"
exit $((failures > 0))

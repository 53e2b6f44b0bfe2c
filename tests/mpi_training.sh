#!/usr/bin/env bash
# Distributed training under a real MPI launcher (registered with CTest when
# built with -DW2V_MPI=ON): 2 ranks count the same vocabulary as one process,
# recover the planted structure of a generated corpus, and any failure of a
# rank ends the job non-zero with no output file.
# Usage: tests/mpi_training.sh W2V_BINARY MPIEXEC [MPIEXEC_ARGS...]
set -euo pipefail
source "$(dirname "$0")/mpi_common.sh"

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
# 12000 × 16 words × 3 epochs / (2 ranks × 20000 words) = 14.4: 15 synchronisations, of
# all rows only the last (every 50th by the default --sync-all-every).
check "the models were synchronised" grep -q "models synchronised 15 times: 1 all rows" train.log
check "the planted structure is recovered" recovers_groups two.vec 64

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
set +e
"$w2v" train --input planted.txt --output bad.vec --sync-all-every 0 2> sync-all.log
status=$?
set -e
check "--sync-all-every 0 is refused" test $status -eq 1
check "that refusal names its option" grep -q "w2v train: error: --sync-all-every" sync-all.log
gzip -c planted.txt > planted.txt.gz
set +e
"${mpirun[@]}" "$w2v" train --input planted.txt.gz --output gz.vec 2> gz.log
status=$?
set -e
check "gzip input is refused under MPI" test $status -ne 0
check "the refusal says why" grep -q "share only a plain text file" gz.log

# Killing one rank (SIGKILL) while the job trains: mpirun exits non-zero and
# rank 0 never writes its output.
"${mpirun[@]}" "$w2v" train --quiet --input planted.txt --output killed.vec --min-count 1 --threads 1 \
  --dim 50 --epochs 100000 &
job=$!
victim=$(rank_pid "output killed.vec" 1)
sleep 1  # into training
check "found rank 1 to kill" test -n "$victim"
# Without a rank to kill, end the job rather than wait for its 100000 epochs.
if [[ -z $victim ]] || ! kill -9 "$victim"; then kill -TERM "$job"; fi
set +e
wait $job
status=$?
set -e
check "killing a rank ends the job non-zero" test $status -ne 0
check "no output file after a killed rank" test ! -e killed.vec

finish

#!/usr/bin/env bash
# Checkpoints of an MPI job under a real MPI launcher (registered with CTest
# when built with -DW2V_MPI=ON): a SIGTERM to one rank stops the whole job
# with one checkpoint and no vectors; 2 ranks resume it to the vectors of
# the uninterrupted run, bit for bit (one thread per rank), which saved
# checkpoints every 50 ms without a change to its vectors; a checkpoint is
# resumed only by as many processes as wrote it; --init works on 2 ranks.
# Usage: tests/mpi_checkpoint.sh W2V_BINARY MPIEXEC [MPIEXEC_ARGS...]
set -euo pipefail
source "$(dirname "$0")/mpi_common.sh"

settings=(--min-count 1 --threads 1 --dim 20 --epochs 100 --sync-every 100000)

# SIGTERM to rank 1 alone while the job trains: both ranks stop at the same
# synchronisation, rank 0 saves the run, every rank exits 143.
"${mpirun[@]}" "$w2v" train --input planted.txt --output killed.vec "${settings[@]}" --checkpoint run.ckpt \
  2> killed.log &
job=$!
victim=$(rank_pid "output killed.vec" 1)
for _ in $(seq 100); do grep -q "^corpus" killed.log && break; sleep 0.1; done
sleep 0.3  # into training (the whole run takes 0.5 s on an idle machine)
check "found rank 1 to signal" test -n "$victim"
[[ -n $victim ]] && kill -TERM "$victim"
set +e
wait $job
status=$?
set -e
check "a SIGTERM to one rank ends the job non-zero" test $status -ne 0
check "rank 0 says where the run is saved" \
  grep -q "w2v train: interrupted by SIGTERM; the run is saved in run.ckpt (continue it with --resume run.ckpt)" killed.log
check "a checkpoint exists" test -s run.ckpt
check "no vectors after the signal" test ! -e killed.vec

# Resumed by 2 ranks: the vectors of the run that was never interrupted.
"${mpirun[@]}" "$w2v" train --resume run.ckpt --output resumed.vec --sync-every 100000 2> resumed.log
check "the resume says where it starts" grep -q "resuming run.ckpt: epoch [0-9]* of 100" resumed.log
check "the resumed run recovers the planted structure" recovers_groups resumed.vec 60
# The uninterrupted run pauses for a checkpoint every 50 ms (each on both
# ranks at the same synchronisation), which changes nothing in its vectors.
"${mpirun[@]}" "$w2v" train --input planted.txt --output whole.vec "${settings[@]}" --checkpoint whole.ckpt \
  --checkpoint-every 50ms 2> whole.log
check "the uninterrupted run saved checkpoints as it went" grep -q "^saved [0-9]* checkpoints in" whole.log
check "one thread per rank: resumed, the very vectors of the uninterrupted run" cmp -s resumed.vec whole.vec

# Another number of processes: refused, one line naming the file and both counts.
set +e
"$w2v" train --resume run.ckpt --output alone.vec 2> alone.log
status=$?
set -e
check "resuming a 2-rank checkpoint alone is refused" test $status -eq 1
check "the refusal is one line naming the file and both counts" test "$(cat alone.log)" = \
  "w2v train: error: --resume run.ckpt: the checkpoint is of a run of 2 processes, this one has 1 process (resume it with mpirun -np 2)"
"$w2v" train --quiet --input planted.txt --output one.vec --min-count 1 --dim 20 --epochs 1 --checkpoint one.ckpt
set +e
"${mpirun[@]}" "$w2v" train --resume one.ckpt --output two.vec 2> two.log
status=$?
set -e
check "resuming a 1-process checkpoint on 2 ranks is refused" test $status -ne 0
check "the refusal names the file and both counts" grep -q "w2v train: error: --resume one.ckpt: the checkpoint is of a \
run of 1 process, this one has 2 processes (resume it with one process, without mpirun)" two.log
check "no output after the refusals" test ! -e alone.vec -a ! -e two.vec

# --init on 2 ranks, from the 1-process checkpoint, on a corpus with two
# groups more: the vocabulary of one process doing the same, and every
# group recovered (the old ones and the new).
awk 'BEGIN { srand(8); for (s = 0; s < 6000; s++) { g = int(rand() * 10); line = "";
  for (k = 0; k < 16; k++) { w = rand() < 0.2 ? "the" : "g" g "w" int(rand() * 8); line = line (k ? " " : "") w }
  print line } }' > more.txt
"$w2v" train --quiet --init one.ckpt --input more.txt --output init-one.vec --save-vocab init-one.vocab --epochs 3
"${mpirun[@]}" "$w2v" train --init one.ckpt --input more.txt --output init-two.vec --save-vocab init-two.vocab \
  --epochs 3 2> init.log
check "--init on 2 ranks says what it starts from" grep -q "continuing from one.ckpt: 66 words with vectors" init.log
check "--init on 2 ranks: the vocabulary of one process" cmp -s init-one.vocab init-two.vocab
check "--init on 2 ranks recovers the planted structure" recovers_groups init-two.vec 76

finish

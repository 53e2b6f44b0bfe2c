#!/usr/bin/env bash
# What checkpointing costs: the same training run without checkpoints and
# with --checkpoint-every (10 s by default), alternated, each repeated.
# Reports the training time `w2v train` prints ("trained N words in T s"),
# the whole process's wall time, and the checkpoints written.
#
# Usage: scripts/checkpoint-cost.sh [--corpus FILE] [--every 10s] [--repeats N]
#                                   [--models sg,cbow] [--threads N] [--out-dir DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=../shared/corpora/wiki17m.txt.gz
every=10s
repeats=2
models=sg,cbow
threads=2
out_dir=bench-results/checkpoint-cost
w2v=build/w2v
while (($#)); do
  case $1 in
    --corpus) corpus=$2; shift 2 ;;
    --every) every=$2; shift 2 ;;
    --repeats) repeats=$2; shift 2 ;;
    --models) models=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --out-dir) out_dir=$2; shift 2 ;;
    *) echo "checkpoint-cost.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
mkdir -p "$out_dir"

now() { date +%s.%N; }

# Runs one training; prints "training-seconds wall-seconds checkpoints".
run() {
  local log=$out_dir/log start end checkpoints=0
  rm -f "$out_dir/run.ckpt"
  start=$(now)
  if [[ $1 == none ]]; then
    "$w2v" train --input "$corpus" --output "$out_dir/vectors.bin" --binary --model "$2" --threads "$threads" 2>"$log"
  else
    # Count the checkpoints as they replace each other (a new inode each time).
    "$w2v" train --input "$corpus" --output "$out_dir/vectors.bin" --binary --model "$2" --threads "$threads" \
      --checkpoint "$out_dir/run.ckpt" --checkpoint-every "$every" 2>"$log" &
    local pid=$! inode="" seen
    while kill -0 $pid 2>/dev/null; do
      seen=$(stat -c %i "$out_dir/run.ckpt" 2>/dev/null || true)
      if [[ -n $seen && $seen != "$inode" ]]; then inode=$seen; checkpoints=$((checkpoints + 1)); fi
      sleep 0.05
    done
    wait $pid
  fi
  end=$(now)
  local training
  training=$(tr '\r' '\n' <"$log" | sed -n 's/.* words in \([0-9.]*\) s:.*/\1/p')
  awk -v t="$training" -v a="$start" -v b="$end" -v c="$checkpoints" 'BEGIN { printf "%s %.2f %d\n", t, b - a, c }'
}

echo "| model | checkpoints | run | training s | wall s | checkpoints written |"
echo "|---|---|---:|---:|---:|---:|"
for model in ${models//,/ }; do
  for repeat in $(seq 1 "$repeats"); do
    for mode in none "every $every"; do
      read -r training wall written <<<"$(run "${mode%% *}" "$model")"
      [[ $mode == none ]] && written=0
      echo "| $model | $mode | $repeat | $training | $wall | $written |"
    done
  done
done
echo
echo "checkpoint size: $(stat -c %s "$out_dir/run.ckpt") bytes"

#!/usr/bin/env bash
# Kills training runs with kill -9 and resumes them, to show that a run
# survives it: every run finishes, its vectors score as an uninterrupted
# run's do, and no half-written output or checkpoint is ever left.
#
# Each round trains with --checkpoint every 1 s and is killed twice: once at
# a random moment, once while a checkpoint (or, near the end, the vectors)
# is being written: the process holds an unnamed file of the directory with
# data in it. Each time it is resumed with --resume. Reference runs are trained without interruption, with seeds 1..3,
# to show the run-to-run noise (Hogwild with 2 threads is not deterministic).
#
# Usage: scripts/kill-resume.sh [--rounds N] [--corpus FILE] [--threads N]
#                               [--out-dir DIR] [--w2v BINARY]
# Prints a Markdown table of every round and the references.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=10
corpus=../shared/corpora/wiki1m.txt.gz
threads=2
out_dir=bench-results/kill-resume
w2v=build/w2v
eval_dir=../shared/data/eval
while (($#)); do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --out-dir) out_dir=$2; shift 2 ;;
    --w2v) w2v=$2; shift 2 ;;
    *) echo "kill-resume.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
w2v=$(realpath "$w2v")
corpus=$(realpath "$corpus")
mkdir -p "$out_dir"
out_dir=$(realpath "$out_dir")

# Skip-gram for 20 epochs: long enough (tens of seconds) for kills to land anywhere.
train_options=(--model sg --dim 100 --window 5 --negative 5 --sample 1e-4 --epochs 20 --threads "$threads" --quiet)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# "analogy% ws353" of a vectors file.
score() {
  "$w2v" eval "$1" --analogies "$eval_dir/questions-words.txt" --similarity "$eval_dir/wordsim353.tsv" --json |
    python3 -c 'import json, sys; e = json.load(sys.stdin)
print("%.2f %.4f" % (100 * e["analogies"]["total"]["accuracy"], e["similarity"][0]["spearman"]))'
}

# The files of a run directory other than the corpus-independent logs: after
# a kill only the checkpoint may be there, never vectors or a temporary name.
leftovers() { (cd "$1" && ls -A | grep -v -e '^log$' | tr '\n' ' '); }

echo "# kill -9 and --resume: $rounds rounds on $(basename "$corpus"), $threads threads" >&2
echo "# training: ${train_options[*]}" >&2

reference_scores=()
reference_seconds=0
for seed in 1 2 3; do
  dir=$out_dir/reference-$seed
  rm -rf "$dir" && mkdir -p "$dir"
  start=$(now)
  "$w2v" train --input "$corpus" --output "$dir/vectors.bin" --binary "${train_options[@]}" --seed "$seed"
  seconds=$(elapsed "$start" "$(now)")
  reference_seconds=$seconds
  reference_scores+=("$(score "$dir/vectors.bin")")
  echo "reference seed $seed: ${seconds} s, analogy/ws353 ${reference_scores[-1]}" >&2
done

# True while process $1 has an unnamed file of $dir open with data in it.
writing() {
  local fd
  for fd in $(ls -l /proc/"$1"/fd 2>/dev/null | awk -v d="$dir/#" 'index($0, "-> " d) { print $9 }'); do
    [[ -s /proc/$1/fd/$fd ]] && return 0
  done
  return 1
}

# Runs `w2v train ARGS` in the background in $dir until it is killed by the
# chosen trigger or finishes. Prints "killed <seconds> <leftovers>" or "finished".
run_and_kill() {
  local how=$1; shift
  local start pid
  start=$(now)
  "$w2v" train "$@" >>"$dir/log" 2>&1 &
  pid=$!
  if [[ $how == random ]]; then
    # A moment anywhere in the first 90% of an uninterrupted run's time.
    sleep "$(awk -v t="$reference_seconds" -v r="$RANDOM" 'BEGIN { printf "%.2f", 0.5 + (t * 0.9 - 0.5) * r / 32767 }')"
  else
    # While a checkpoint (or, at the end, the vectors) is written: an
    # unnamed file of this directory is open and has data in it.
    until writing $pid || ! kill -0 $pid 2>/dev/null; do sleep 0.005; done
  fi
  if kill -9 $pid 2>/dev/null; then
    wait $pid 2>/dev/null || true
    echo "killed $(elapsed "$start" "$(now)") $(leftovers "$dir")"
  else
    wait $pid
    echo "finished"
  fi
}

echo "| round | 1st kill (s) | left after it | 2nd kill (s), while writing | left after it | resumes | analogy % | WS-353 ρ |"
echo "|---:|---:|---|---:|---|---:|---:|---:|"
for round in $(seq 1 "$rounds"); do
  dir=$out_dir/round-$round
  rm -rf "$dir" && mkdir -p "$dir"
  common=(--output "$dir/vectors.bin" --binary --checkpoint "$dir/run.ckpt" --checkpoint-every 1s)
  # The command a user would run again: the same, with --resume once a
  # checkpoint exists (a run killed before its first checkpoint starts over).
  resumes=0
  set_arguments() {
    if [[ -e $dir/run.ckpt ]]; then
      resumes=$((resumes + 1))
      args=(--resume "$dir/run.ckpt" "${common[@]}" --quiet)
    else
      args=(--input "$corpus" "${common[@]}" "${train_options[@]}")
    fi
  }
  set_arguments
  first=$(run_and_kill random "${args[@]}")
  set_arguments
  second=$(run_and_kill checkpoint-write "${args[@]}")
  while [[ ! -e $dir/vectors.bin ]]; do
    set_arguments
    "$w2v" train "${args[@]}" >>"$dir/log" 2>&1
  done
  for what in first second; do
    read -r state seconds left <<<"${!what}"
    [[ $state == killed ]] || { printf -v "$what" '%s' "finished before the kill | –"; continue; }
    printf -v "$what" '%s' "$seconds | ${left:-nothing}"
  done
  read -r analogy ws353 <<<"$(score "$dir/vectors.bin")"
  echo "| $round | $first | $second | $resumes | $analogy | $ws353 |"
done
echo
echo "Uninterrupted references (seeds 1, 2, 3; the last took $reference_seconds s): analogy % / WS-353 ρ = ${reference_scores[*]}"

# What the MPI test scripts share (sourced): their arguments, a directory of
# their own, a way to count failures, and the planted corpus.
# The script's arguments: W2V_BINARY MPIEXEC [MPIEXEC_ARGS...]
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
finish() {
  echo "$failures failed"
  exit $((failures > 0))
}

# The planted corpus of tests/planted_corpus.h: sentences of 16 words from one
# of 8 groups of 8 words ("g3w5"), with "the" and "of" as filler.
awk 'BEGIN { srand(7); for (s = 0; s < 12000; s++) { g = int(rand() * 8); line = "";
  for (k = 0; k < 16; k++) { w = rand() < 0.2 ? (rand() < 0.5 ? "the" : "of") : "g" g "w" int(rand() * 8);
  line = line (k ? " " : "") w } print line } }' > planted.txt

# recovers_groups VECTORS MIN: at least MIN of the topic words ("g...") have
# their nearest word in their own group.
recovers_groups() {
  local words right
  words=$(awk 'NR > 1 && /^g/ { print $1 }' "$1")
  "$w2v" neighbors "$1" $words -k 1 > neighbours.txt
  right=$(awk '/^g/ { word = $1 } /^  / { split(word, a, "w"); split($1, b, "w"); if (a[1] == b[1]) n++ } END { print n + 0 }' \
    neighbours.txt)
  echo "topic words of $1 whose nearest word is in their group: $right"
  test "$right" -ge "$2"
}

# rank_pid MATCH RANK: the pid of the w2v process of rank RANK whose command
# line contains MATCH and that runs in this script's directory (CTest runs the
# MPI scripts side by side, with the same file names), waiting up to 10 s for
# it; empty if none.
rank_pid() {
  local pid
  for _ in $(seq 100); do
    for pid in $(pgrep -f -- "$1" || true); do
      [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$(pwd -P)" ]] || continue
      if tr '\0' '\n' < /proc/$pid/environ 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$2\|PMIX_RANK=$2\|PMI_RANK=$2"; then
        echo "$pid"
        return
      fi
    done
    sleep 0.1
  done
}

#!/usr/bin/env bash
# Benchmarks w2v against gensim and fastText: installs the missing peers (Debian packages, as
# root; otherwise prints the apt-get line and stops), then runs scripts/bench.py under Debian's
# Python (which has gensim). All arguments go to bench.py; see `scripts/bench.sh --help`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

missing=()
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import gensim' 2>/dev/null || missing+=(python3-gensim)
[ -x /usr/bin/fasttext ] || missing+=(fasttext)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  else
    echo "bench.sh: missing peers: ${missing[*]}; install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
fi

# bench.py writes its command line into the report: name the script as typed.
BENCH_ARGV0="$0" exec /usr/bin/python3 "$here/bench.py" "$@"

#!/usr/bin/env bash
# Benchmarks w2v against gensim and fastText: runs the harness in scripts/bench/ under Debian's
# Python (which has gensim). The harness installs the missing peers it needs (Debian packages, as
# root; otherwise it prints the apt-get line and stops). All arguments go to the harness; see
# `scripts/bench.sh --help`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ ! -x /usr/bin/python3 ]; then
  echo "bench.sh: /usr/bin/python3 is missing; install it with: apt-get install -y python3" >&2
  exit 2
fi

# The harness writes its command line into the report: name the script as typed.
BENCH_ARGV0="$0" PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" exec /usr/bin/python3 -m bench "$@"

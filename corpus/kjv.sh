#!/usr/bin/env bash
# Writes the King James Bible (public domain; Debian packages bible-kjv and
# bible-kjv-text) as a training corpus: one verse per line, lowercase, letters
# only, possessive 's dropped. About 790k words.
# Usage: corpus/kjv.sh OUTPUT
set -euo pipefail
out=${1:?usage: corpus/kjv.sh OUTPUT}
command -v bible >/dev/null || { echo "kjv.sh: needs the 'bible' program: apt-get install bible-kjv" >&2; exit 1; }
bible -f "Gen1:1-Rev22:21" |
  sed -E "s/^[^ ]+ //; s/'s\b//g" | tr 'A-Z' 'a-z' | sed -E "s/[^a-z]+/ /g; s/^ +//; s/ +$//" > "$out.tmp"
mv "$out.tmp" "$out"

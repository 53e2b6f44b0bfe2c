#!/usr/bin/env bash
# Cleans any UTF-8 plain text into a training corpus the way text8 and the
# benchmark corpora were made: lowercase, every run of characters that are
# not letters (digits and punctuation included) becomes one space. Lines stay
# lines (sentences). Reads plain or .gz input.
# Usage: scripts/prepare-corpus.sh INPUT OUTPUT
set -euo pipefail
in=${1:?usage: prepare-corpus.sh INPUT OUTPUT}
out=${2:?usage: prepare-corpus.sh INPUT OUTPUT}
case "$in" in *.gz) reader=(gzip -dc "$in") ;; *) reader=(cat "$in") ;; esac
"${reader[@]}" | perl -CSD -pe '$_ = lc; s/[^\p{L}\p{M}\n]+/ /g; s/^ +| +$//mg' > "$out.tmp"
mv "$out.tmp" "$out"

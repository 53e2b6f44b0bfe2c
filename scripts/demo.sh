#!/usr/bin/env bash
# Installs, builds, trains skip-gram vectors on the King James Bible (from
# Debian's bible-kjv-text package) and prints the nearest words of a few
# probe words. One thread and a fixed seed, so that the output is the same on
# every machine (the README shows it); about 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh bible-kjv
corpus/kjv.sh corpus/kjv.txt
build/w2v train --input corpus/kjv.txt --output corpus/kjv.vec --model sg --loss ns \
  --dim 100 --window 5 --epochs 10 --min-count 5 --sample 1e-3 --threads 1 --seed 1
build/w2v neighbors corpus/kjv.vec jesus israel king water gold -k 6

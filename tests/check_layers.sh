#!/usr/bin/env bash
# The library's layers, lowest first: a file may include its own layer and the
# layers below it, never one above (train and eval are siblings at the top;
# dist, the MPI build's process group, needs only base).
# Usage: tests/check_layers.sh [REPO]; prints each violation, exits 1 on any.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
declare -A allowed=(
  [base]="base"
  [text]="base text"
  [vectors]="base text vectors"
  [train]="base text vectors train"
  [eval]="base text vectors eval"
  [dist]="base dist"
)
status=0
for layer in "${!allowed[@]}"; do
  for file in $(find "include/w2v/$layer" "src/$layer" -type f 2>/dev/null); do
    while IFS= read -r used; do
      case " ${allowed[$layer]} " in
        *" $used "*) ;;
        *) echo "$file: layer '$layer' includes w2v/$used/"; status=1 ;;
      esac
    done < <(sed -n 's|^#include "w2v/\([a-z_]*\)/.*|\1|p' "$file" | sort -u)
  done
done
# Every library file belongs to a layer.
for file in $(find include/w2v src -maxdepth 1 -type f ! -name '*.in'); do
  echo "$file: not in a layer folder"; status=1
done
exit $status

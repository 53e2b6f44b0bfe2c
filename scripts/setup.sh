#!/usr/bin/env bash
# Installs what w2v needs from Debian packages (when missing) and builds it
# in build/. Usage: scripts/setup.sh [extra Debian packages...]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-packages.sh build-essential cmake libeigen3-dev libcxxopts-dev doctest-dev zlib1g-dev "$@"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release ${W2V_CMAKE_ARGS:-} >/dev/null
cmake --build build -j"$(nproc)"

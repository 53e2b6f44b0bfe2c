#!/usr/bin/env bash
# Installs the dependencies, builds, and runs the whole test suite twice:
#  1. build/: the release build with warnings as errors (-DW2V_WERROR=ON), every test;
#  2. build-asan/: everything built with AddressSanitizer and UndefinedBehaviorSanitizer
#     (-DW2V_SANITIZE=ON), every test again (about 2 minutes more on 2 cores).
# python3-gensim lets the tests check that gensim reads what w2v writes.
# Set W2V_SKIP_SANITIZE=1 to skip the second build.
set -euo pipefail
cd "$(dirname "$0")/.."
W2V_CMAKE_ARGS="-DW2V_WERROR=ON ${W2V_CMAKE_ARGS:-}" scripts/setup.sh python3-gensim
(cd build && ctest --output-on-failure -j"$(nproc)")

if [[ -z ${W2V_SKIP_SANITIZE:-} ]]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DW2V_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$(nproc)"
  (cd build-asan && ctest --output-on-failure -j"$(nproc)")
fi

#!/usr/bin/env bash
# Installs the dependencies, builds, and runs the whole test suite.
# python3-gensim lets the tests check that gensim reads what w2v writes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh python3-gensim
cd build && ctest --output-on-failure -j"$(nproc)"

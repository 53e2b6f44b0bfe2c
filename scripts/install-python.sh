#!/usr/bin/env bash
# Builds the Python module w2v for Debian's Python (/usr/bin/python3) and installs it into that
# Python's site-packages (/usr/local/lib/python3.11/dist-packages on Debian 12), so that
# `python3 -c "import w2v"` works. Installs the missing Debian packages first (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
W2V_CMAKE_ARGS="-DW2V_PYTHON=ON -DPython3_EXECUTABLE=/usr/bin/python3 ${W2V_CMAKE_ARGS:-}" \
  scripts/setup.sh pybind11-dev python3-dev python3-numpy
cmake --install build --component python
cd / && /usr/bin/python3 -c 'import w2v; print("installed", w2v.__file__)'

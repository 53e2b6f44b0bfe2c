#!/usr/bin/env bash
# Installs the dependencies, builds (with the Python module), and runs the whole test suite:
# the doctest suite, the Python module's pytest suite and the MPI test, all through CTest.
# python3-gensim lets the tests check that gensim reads what w2v writes and answers as w2v does.
set -euo pipefail
cd "$(dirname "$0")/.."
# Open MPI (libopenmpi-dev, openmpi-bin) builds the distributed trainer, whose test runs 2 ranks under mpirun.
W2V_CMAKE_ARGS="-DW2V_PYTHON=ON -DPython3_EXECUTABLE=/usr/bin/python3 -DW2V_MPI=ON ${W2V_CMAKE_ARGS:-}" \
  scripts/setup.sh python3-gensim pybind11-dev python3-dev python3-numpy python3-pytest libopenmpi-dev openmpi-bin
cd build && ctest --output-on-failure -j"$(nproc)"

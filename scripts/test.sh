#!/usr/bin/env bash
# Installs the dependencies, builds, and runs the whole test suite twice:
#  1. build/: the release build with warnings as errors (-DW2V_WERROR=ON), the Python module and
#     the MPI build (-DW2V_MPI=ON), every test: the doctest suite, the module's pytest suite and
#     the MPI test (2 ranks under mpirun), through CTest;
#  2. build-asan/: the library, the CLI and the doctest suite built with AddressSanitizer and
#     UndefinedBehaviorSanitizer (-DW2V_SANITIZE=ON), every test again.
# python3-gensim lets the tests check that gensim reads what w2v writes and answers as w2v does;
# qemu-user runs the portable binary on emulated CPUs without AVX-512 (tests/check_emulated_cpus.sh).
# Open MPI (libopenmpi-dev, openmpi-bin) builds the distributed trainer.
# Set W2V_SKIP_SANITIZE=1 to skip the second build.
set -euo pipefail
cd "$(dirname "$0")/.."
W2V_CMAKE_ARGS="-DW2V_WERROR=ON -DW2V_PYTHON=ON -DPython3_EXECUTABLE=/usr/bin/python3 -DW2V_MPI=ON ${W2V_CMAKE_ARGS:-}" \
  scripts/setup.sh python3-gensim pybind11-dev python3-dev python3-numpy python3-pytest qemu-user libopenmpi-dev openmpi-bin
(cd build && ctest --output-on-failure -j"$(nproc)")

if [[ -z ${W2V_SKIP_SANITIZE:-} ]]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DW2V_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$(nproc)"
  (cd build-asan && ctest --output-on-failure -j"$(nproc)")
fi

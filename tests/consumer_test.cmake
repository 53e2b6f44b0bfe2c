# Installs a w2v build into a scratch prefix, then configures, builds and runs
# tests/consumer (a separate project that does find_package(w2v)) against it.
# Run by CTest as:
#   cmake -D W2V_BUILD_DIR=<build> -D WORK_DIR=<scratch> -D CONSUMER_DIR=<tests/consumer>
#         -D VERSION=<w2v's version> -D LIBDIR=<CMAKE_INSTALL_LIBDIR> -D CXX_COMPILER=<c++>
#         [-D CXX_FLAGS=<flags>] -P consumer_test.cmake
# CXX_FLAGS are compile and link flags for the consumer (the sanitizers, when
# the library was built with them).
foreach(var W2V_BUILD_DIR WORK_DIR CONSUMER_DIR VERSION LIBDIR CXX_COMPILER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "consumer_test.cmake: -D ${var}=... is missing")
  endif()
endforeach()

set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/scratch")

function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "consumer test: ${what} failed (${status}):\n${output}")
  endif()
  set(output "${output}" PARENT_SCOPE)
endfunction()

step("installing ${W2V_BUILD_DIR}" "${CMAKE_COMMAND}" --install "${W2V_BUILD_DIR}" --prefix "${prefix}")
foreach(file bin/w2v include/w2v/version.h include/w2v/vectors/vectors_file.h include/w2v/base/matrix.h
             ${LIBDIR}/libw2v.a ${LIBDIR}/cmake/w2v/w2vConfig.cmake
             ${LIBDIR}/cmake/w2v/w2vConfigVersion.cmake
             ${LIBDIR}/cmake/w2v/w2vTargets.cmake)
  if(NOT EXISTS "${prefix}/${file}")
    message(FATAL_ERROR "consumer test: the install lacks ${file}")
  endif()
endforeach()

step("configuring the consumer" "${CMAKE_COMMAND}" -S "${CONSUMER_DIR}" -B "${build}"
     -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_PREFIX_PATH=${prefix}"
     "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${CXX_FLAGS}"
     # Only the scratch prefix may provide w2v: not a w2v in /usr/local, not the package registry.
     -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
file(STRINGS "${build}/CMakeCache.txt" w2v_dir REGEX "^w2v_DIR:")
if(NOT w2v_dir STREQUAL "w2v_DIR:PATH=${prefix}/${LIBDIR}/cmake/w2v")
  message(FATAL_ERROR "consumer test: find_package(w2v) found '${w2v_dir}', not the scratch prefix ${prefix}")
endif()

step("building the consumer" "${CMAKE_COMMAND}" --build "${build}")
step("running the consumer" "${build}/w2v_consumer" "${WORK_DIR}/scratch")
if(NOT output STREQUAL "w2v ${VERSION}\nok\n")
  message(FATAL_ERROR "consumer test: unexpected output of w2v_consumer:\n${output}")
endif()
step("running the installed w2v" "${prefix}/bin/w2v" --version)
if(NOT output MATCHES "^w2v ${VERSION}\ntraining kernels: [a-z0-9]+ \\(this build has [a-z0-9, ]+\\)\n$")
  message(FATAL_ERROR "consumer test: unexpected output of w2v --version:\n${output}")
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
message(STATUS "consumer test: passed")

# Gives each doctest test case the CTest label of its doctest test suite
# (unit, cli or slow). Run after w2v_tests is built:
#   cmake -D TEST_EXECUTABLE=<w2v_tests> -D SUITES=unit,cli,slow -D OUTPUT=<file> -P label_tests.cmake
# writes a set_tests_properties(... LABELS suite) line for every test case into
# OUTPUT, which CTest reads after the tests doctest_discover_tests registered.
#
# doctest 2.4.9's own doctest_discover_tests(... ADD_LABELS 1) asks for each
# test's suite with --test-case=<name>, which doctest splits at commas: every
# test whose name has a comma silently got no label (doctest PR #808). Listing
# each suite's test cases once avoids that, and is 3 runs instead of one per test.
# Test cases in none of SUITES are listed in a warning and carry no label.
string(REPLACE "," ";" SUITES "${SUITES}")
set(script "")
function(list_test_cases out)
  execute_process(COMMAND "${TEST_EXECUTABLE}" ${ARGN} --list-test-cases
                  OUTPUT_VARIABLE output RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "label_tests.cmake: ${TEST_EXECUTABLE} ${ARGN} --list-test-cases failed (${status})")
  endif()
  string(REPLACE "\n" ";" lines "${output}")
  set(names "")
  foreach(line IN LISTS lines)
    if(line STREQUAL "" OR line MATCHES "^=+$" OR line MATCHES "^\\[doctest\\] ")
      continue()
    endif()
    list(APPEND names "${line}")
  endforeach()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

foreach(suite IN LISTS SUITES)
  list_test_cases(names "--test-suite=${suite}")
  foreach(name IN LISTS names)
    string(APPEND script "set_tests_properties([==[${name}]==] PROPERTIES LABELS ${suite})\n")
  endforeach()
endforeach()

string(REPLACE ";" "," all_suites "${SUITES}")
list_test_cases(unlabeled "--test-suite-exclude=${all_suites}")
if(unlabeled)
  list(JOIN unlabeled "\n  " unlabeled)
  message(WARNING "test cases in none of the suites ${all_suites} (they get no CTest label):\n  ${unlabeled}")
endif()

file(WRITE "${OUTPUT}" "${script}")

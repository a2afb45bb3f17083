# iliometry_library(NAME SOURCES ... PUBLIC_DEPS ... PRIVATE_DEPS ...)
# A static library with its public headers under NAME/include.
function(iliometry_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(iliometry_${name} STATIC ${ARG_SOURCES})
  add_library(iliometry::${name} ALIAS iliometry_${name})
  target_include_directories(iliometry_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(iliometry_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  target_compile_options(iliometry_${name} PRIVATE -Wall -Wextra)
endfunction()

# iliometry_test(LIBRARY SOURCES ... DEPS ...)
# One GoogleTest binary per library; tests carry the labels LIBRARY and their tier, taken from
# the test name's suite: suites ending in "Integration" are 'integration', "Slow" are 'slow',
# the rest 'unit'.
function(iliometry_test library)
  cmake_parse_arguments(ARG "" "TIER" "SOURCES;DEPS" ${ARGN})
  set(target tests_${library})
  if(ARG_TIER)
    set(target tests_${library}_${ARG_TIER})
  else()
    set(ARG_TIER unit)
  endif()
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_compile_definitions(${target} PRIVATE
    ILIOMETRY_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    ILIOMETRY_BINARY_DIR="${PROJECT_BINARY_DIR}"
    ILIOMETRY_CLI="$<TARGET_FILE:iliometry>")
  gtest_discover_tests(${target} TEST_LIST ${target}_TESTS DISCOVERY_TIMEOUT 60)
  # gtest_discover_tests cannot pass a list-valued property, so the labels are set by a
  # script CTest includes after the discovered tests.
  set(labelScript ${CMAKE_CURRENT_BINARY_DIR}/${target}_labels.cmake)
  file(WRITE ${labelScript}
    "foreach(test IN LISTS ${target}_TESTS)\n"
    "  set_tests_properties(\"\${test}\" PROPERTIES LABELS \"${library};${ARG_TIER}\")\n"
    "endforeach()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${labelScript})
endfunction()

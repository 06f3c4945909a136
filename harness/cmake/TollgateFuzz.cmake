# Fuzz targets: tollgate_add_fuzzer(), and the manifest `tollgate fuzz` reads.
# How to write and add a target: harness/fuzz/README.md.
#
#   cmake --preset fuzz       clang-14 with -fsanitize=fuzzer,address,undefined:
#                             each target is a libFuzzer binary (build/fuzz/fuzz/bin)
#   any other native build    each target links harness/fuzz/replay_main.cc instead,
#                             and ctest replays its committed corpus (fuzz_replay.*)

option(TOLLGATE_FUZZ "Build the fuzz targets with libFuzzer (clang; the fuzz preset)" OFF)
if(TOLLGATE_FUZZ AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "TOLLGATE_FUZZ needs clang (libFuzzer); configure with `cmake --preset fuzz`")
endif()

add_custom_target(tollgate_fuzzers)
set_property(GLOBAL PROPERTY TOLLGATE_FUZZ_MANIFEST "")

# tollgate_add_fuzzer(<name>
#     SOURCES <target.cc>...        defines TOLLGATE_FUZZ_TARGET (tollgate/fuzz.h)
#     LIBRARIES <lib>...            the code under test
#     [CORPUS <dir>]                committed seeds and regression inputs;
#                                   default: fuzz/corpus/<name> beside the caller
#     [SEEDS <dir>...]              more seed folders, read-only (golden inputs, an
#                                   external corpus); absent ones are skipped
#     [DICT <file>]                 a libFuzzer dictionary
#     [MAX_LEN <bytes>])            the largest input to try (default 65536)
function(tollgate_add_fuzzer name)
  cmake_parse_arguments(ARG "" "CORPUS;DICT;MAX_LEN" "SOURCES;LIBRARIES;SEEDS" ${ARGN})
  if(EMSCRIPTEN)
    return()  # fuzzing is native; the wasm build shares the same sources
  endif()
  if(NOT ARG_CORPUS)
    set(ARG_CORPUS "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${name}")
  endif()
  if(NOT IS_DIRECTORY "${ARG_CORPUS}")
    message(FATAL_ERROR "fuzz target ${name}: corpus folder ${ARG_CORPUS} is missing (commit at least one seed)")
  endif()
  if(NOT ARG_MAX_LEN)
    set(ARG_MAX_LEN 65536)
  endif()
  set(target fuzz_${name})
  add_executable(${target} ${ARG_SOURCES} "${PROJECT_SOURCE_DIR}/harness/fuzz/fuzz_timing.cc")
  target_link_libraries(${target} PRIVATE ${ARG_LIBRARIES} tollgate_headers)
  tollgate_link_core(${target})
  tollgate_target_defaults(${target})
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/fuzz/bin")
  add_dependencies(tollgate_fuzzers ${target})
  if(TOLLGATE_FUZZ)
    target_link_options(${target} PRIVATE -fsanitize=fuzzer)
  else()
    target_sources(${target} PRIVATE "${PROJECT_SOURCE_DIR}/harness/fuzz/replay_main.cc")
    add_test(NAME ${TOLLGATE_RUNTIME}.fuzz_replay.${name} COMMAND ${target} "${ARG_CORPUS}")
  endif()

  set(seeds "")
  foreach(dir IN LISTS ARG_SEEDS)
    string(APPEND seeds "${comma}\"${dir}\"")
    set(comma ", ")
  endforeach()
  set(dict "null")
  if(ARG_DICT)
    set(dict "\"${ARG_DICT}\"")
  endif()
  set_property(GLOBAL APPEND_STRING PROPERTY TOLLGATE_FUZZ_MANIFEST
    "    {\"name\": \"${name}\", \"binary\": \"$<TARGET_FILE:${target}>\", \"corpus\": \"${ARG_CORPUS}\", \"seeds\": [${seeds}], \"dict\": ${dict}, \"max_len\": ${ARG_MAX_LEN}},\n")
endfunction()

# Written once every target is known: build/<preset>/fuzz/fuzzers.json.
function(tollgate_write_fuzz_manifest)
  get_property(entries GLOBAL PROPERTY TOLLGATE_FUZZ_MANIFEST)
  string(REGEX REPLACE ",\n$" "\n" entries "${entries}")
  set(libfuzzer false)
  if(TOLLGATE_FUZZ)
    set(libfuzzer true)
  endif()
  file(GENERATE OUTPUT "${CMAKE_BINARY_DIR}/fuzz/fuzzers.json" CONTENT
    "{\n  \"format\": \"tollgate-fuzzers/1\",\n  \"libfuzzer\": ${libfuzzer},\n  \"targets\": [\n${entries}  ]\n}\n")
endfunction()
if(NOT EMSCRIPTEN)
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL tollgate_write_fuzz_manifest)
endif()

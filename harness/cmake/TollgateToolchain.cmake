# Flags and helpers shared by every target, per runtime. The only CMake file that
# knows which runtime it builds for; targets below just call the helpers.

# The Tollgate tree, for helpers called from workload folders anywhere (a user's
# project that adds Tollgate as a subdirectory calls them from its own folders).
get_filename_component(TOLLGATE_SOURCE_ROOT "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

if(EMSCRIPTEN)
  set(TOLLGATE_RUNTIME wasm)
  # Global, not per target: the exception model must match in every object,
  # GoogleTest's included. SIMD128 keeps the distance kernels at the same vector
  # width as the native SSE2 baseline; wasm exceptions let refused input surface
  # as errors instead of aborts.
  string(APPEND CMAKE_CXX_FLAGS " -msimd128 -fwasm-exceptions")
  string(APPEND CMAKE_EXE_LINKER_FLAGS
         " -fwasm-exceptions -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sWASM_BIGINT=1 -sMALLOC=emmalloc")
  set(TOLLGATE_WARNINGS -Wall -Wextra)
  # Binaryen's wasm-opt rewrites every module after the link: its version is part
  # of what an instruction count depends on (the results' context.counting).
  find_program(TOLLGATE_WASM_OPT wasm-opt)
  set(TOLLGATE_WASM_OPT_VERSION "wasm-opt unknown")
  if(TOLLGATE_WASM_OPT)
    execute_process(COMMAND ${TOLLGATE_WASM_OPT} --version OUTPUT_VARIABLE TOLLGATE_WASM_OPT_VERSION
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
  endif()
  # Node runs the build's own tools (tollgate_wasm_count) as well as the tests.
  if(CMAKE_CROSSCOMPILING_EMULATOR)
    set(TOLLGATE_NODE ${CMAKE_CROSSCOMPILING_EMULATOR})
  else()
    find_program(TOLLGATE_NODE node REQUIRED)
  endif()
  # The test executables' glue is CommonJS (.js); the project's package.json says
  # "type": "module", which would make Node load it as an ES module and fail.
  file(WRITE "${CMAKE_BINARY_DIR}/package.json" "{ \"type\": \"commonjs\" }\n")
else()
  set(TOLLGATE_RUNTIME native)
  # No -march=native: native and wasm run the same 128-bit vector code, so the
  # ratio measures the boundary and the engine, not AVX against SIMD128.
  set(TOLLGATE_WARNINGS -Wall -Wextra)
endif()

# nlohmann/json: only its headers. Pointing an Emscripten build at /usr/include (which
# find_package does) breaks the wasm sysroot, so expose a directory holding just them.
find_path(TOLLGATE_NLOHMANN_DIR nlohmann/json.hpp PATHS /usr/include /usr/local/include
          NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(TOLLGATE_NLOHMANN_INCLUDE "${CMAKE_BINARY_DIR}/third_party/include")
file(MAKE_DIRECTORY "${TOLLGATE_NLOHMANN_INCLUDE}")
if(NOT EXISTS "${TOLLGATE_NLOHMANN_INCLUDE}/nlohmann")
  file(CREATE_LINK "${TOLLGATE_NLOHMANN_DIR}/nlohmann" "${TOLLGATE_NLOHMANN_INCLUDE}/nlohmann" SYMBOLIC)
endif()
add_library(tollgate_json INTERFACE)
target_include_directories(tollgate_json SYSTEM INTERFACE "${TOLLGATE_NLOHMANN_INCLUDE}")

function(tollgate_target_defaults target)
  target_compile_options(${target} PRIVATE ${TOLLGATE_WARNINGS})
endfunction()

# Every final program links the instrumentation core and the allocation hook as
# objects (see harness/CMakeLists.txt for why objects).
function(tollgate_link_core target)
  target_link_libraries(${target} PRIVATE tollgate_core tollgate_alloc_hook)
endfunction()

# A workload's wasm module: ES module glue (createModule) plus .wasm, loaded by the
# one JS driver in Node and in Chromium. The driver instantiates it itself
# (instantiateWasm), so the glue's own fetch/readFile paths are never used.
#
# Each module is linked twice: <name>.mjs, what is measured and shipped, and
# <name>.profiling.mjs with a name section (--profiling-funcs) so that CPU profiles
# show C++ function names. Profiling runs use the second; its names cost size, so
# the measured module does without. The measured module's counting build,
# <name>.counting.wasm (same glue), is written from the final .wasm after each link
# by tollgate_wasm_count (harness/instrument/): the counting pass runs it, never
# the timing pass.
function(tollgate_add_wasm_module target)
  cmake_parse_arguments(ARG "" "OUTPUT_NAME" "SOURCES;LIBRARIES" ${ARGN})
  foreach(flavor IN ITEMS measured profiling)
    set(name ${target})
    set(output ${ARG_OUTPUT_NAME})
    if(flavor STREQUAL "profiling")
      set(name ${target}_profiling)
      set(output ${ARG_OUTPUT_NAME}.profiling)
    endif()
    add_executable(${name} ${ARG_SOURCES})
    tollgate_target_defaults(${name})
    target_link_libraries(${name} PRIVATE ${ARG_LIBRARIES})
    tollgate_link_core(${name})
    set_target_properties(${name} PROPERTIES SUFFIX ".mjs" OUTPUT_NAME "${output}"
      RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/modules")
    target_link_options(${name} PRIVATE -lembind -sMODULARIZE=1 -sEXPORT_ES6=1
      -sEXPORT_NAME=createModule -sENVIRONMENT=web,worker -sFILESYSTEM=0
      -sEXPORTED_FUNCTIONS=_malloc,_free)
    if(flavor STREQUAL "profiling")
      target_link_options(${name} PRIVATE --profiling-funcs)
    else()
      add_dependencies(${name} tollgate_wasm_count)
      add_custom_command(TARGET ${name} POST_BUILD
        COMMAND ${TOLLGATE_NODE} $<TARGET_FILE:tollgate_wasm_count>
                "${CMAKE_BINARY_DIR}/modules/${output}.wasm" "${CMAKE_BINARY_DIR}/modules/${output}.counting.wasm"
        COMMENT "Counting build of ${output}.wasm" VERBATIM)
    endif()
  endforeach()
endfunction()

# A GoogleTest executable, registered with ctest. Under Emscripten the same suite
# is linked for Node (the ctest emulator) with real file access.
function(tollgate_add_test target)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  add_executable(${target} ${ARG_SOURCES})
  tollgate_target_defaults(${target})
  target_link_libraries(${target} PRIVATE ${ARG_LIBRARIES} GTest::gtest_main)
  tollgate_link_core(${target})
  # Compiled in rather than read from the environment: wasm's getenv does not see
  # Node's process.env.
  target_compile_definitions(${target} PRIVATE TOLLGATE_SOURCE_DIR="${TOLLGATE_SOURCE_ROOT}")
  target_include_directories(${target} PRIVATE "${TOLLGATE_SOURCE_ROOT}/harness/test")
  if(EMSCRIPTEN)
    # Synchronous instantiation: the async path calls fetch() on a file path, which
    # Node 20 refuses.
    target_link_options(${target} PRIVATE -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1
      -sWASM_ASYNC_COMPILATION=0
      -sTOTAL_STACK=1MB)
  endif()
  add_test(NAME ${TOLLGATE_RUNTIME}.${target} COMMAND ${target})
  set_tests_properties(${TOLLGATE_RUNTIME}.${target} PROPERTIES TIMEOUT 600)
endfunction()

# What the results' context block reports about this build.
string(TOUPPER "${CMAKE_BUILD_TYPE}" _tollgate_bt)
string(REGEX REPLACE " +" " " TOLLGATE_FLAGS_STRING "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_tollgate_bt}} ${CMAKE_EXE_LINKER_FLAGS}")
string(STRIP "${TOLLGATE_FLAGS_STRING}" TOLLGATE_FLAGS_STRING)
set(TOLLGATE_COMPILER_STRING "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}")
if(EMSCRIPTEN)
  set(TOLLGATE_COMPILER_STRING "Emscripten ${EMSCRIPTEN_VERSION} (${TOLLGATE_COMPILER_STRING})")
endif()

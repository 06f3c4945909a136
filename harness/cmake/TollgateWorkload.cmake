# A workload is one folder, registered by one call in its CMakeLists.txt:
#
#   tollgate_add_workload(
#     KERNEL       kernel.cc                    plain C++, no runtime header: a static
#                                               library tollgate_<name>, both builds
#     LIBRARIES    targets the kernel links     (or instead of KERNEL: the workload's own)
#     BINDINGS     adapters/bindings.cc         the wasm module suite.json names (<module>.mjs,
#                                               .wasm and a profiling twin), Emscripten builds
#     NATIVE_CASES native_cases.cc              compiled into tollgate_native, native builds
#     TESTS        test/kernel_test.cc          GoogleTest, natively and as wasm under Node
#     [LINK_OPTIONS ...] [INTERNAL] [NAME name] [DIR folder])
#
# The workload's name, and its module's, are read from suite.json ("workload",
# "module"): renaming a copied folder is an edit there and nowhere else. Everything
# else the runners need is found in the folder by convention: suite.json (the
# cases), adapters/<name>-adapters.mjs (the JS half of each variant), gates.json
# (its gates, merged with the project's) and README.md. The call records the folder
# in the build's workload manifest (<build>/workloads.json, tollgate-workloads/1),
# which the native runner, the JS runners, the browser server and the gates read.
# INTERNAL: registered and runnable by name, but not part of "every workload" (the
# profiling tests' target program).
#
# The folder may live anywhere: a user's project calls this after
# add_subdirectory(<tollgate> tollgate), and TOLLGATE_WORKLOAD_DIRS adds folders from
# outside the tree to Tollgate's own build.

set_property(GLOBAL PROPERTY TOLLGATE_WORKLOADS "")

function(tollgate_add_workload)
  cmake_parse_arguments(ARG "INTERNAL" "NAME;DIR"
                        "KERNEL;LIBRARIES;BINDINGS;NATIVE_CASES;TESTS;LINK_OPTIONS" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "tollgate_add_workload in ${CMAKE_CURRENT_SOURCE_DIR}: unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  set(dir "${CMAKE_CURRENT_SOURCE_DIR}")
  if(ARG_DIR)
    set(dir "${ARG_DIR}")
  endif()
  # suite.json is the one place the workload's name (and its module's) is written:
  # a copied folder is renamed there and nowhere else.
  set(suite_file "${dir}/suite.json")
  if(NOT EXISTS "${suite_file}")
    message(FATAL_ERROR "tollgate_add_workload: no suite.json in ${dir}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${suite_file}")
  file(READ "${suite_file}" suite)
  string(JSON name ERROR_VARIABLE problem GET "${suite}" workload)
  if(problem)
    message(FATAL_ERROR "${suite_file}: workload: missing or not a string (${problem})")
  endif()
  if(ARG_NAME AND NOT ARG_NAME STREQUAL name)
    message(FATAL_ERROR "tollgate_add_workload: NAME ${ARG_NAME} differs from ${suite_file}'s workload '${name}'")
  endif()
  if(NOT name MATCHES "^[a-z][a-z0-9_]*$")
    message(FATAL_ERROR "${suite_file}: workload: '${name}' must be lower-case letters, digits and underscores, "
                        "starting with a letter")
  endif()
  string(JSON module ERROR_VARIABLE no_module GET "${suite}" module)
  if(no_module OR module STREQUAL "null")
    set(module "")
  endif()
  if(ARG_BINDINGS AND module STREQUAL "")
    message(FATAL_ERROR "${suite_file}: module: missing; BINDINGS build a module, and the suite names it")
  endif()
  if(NOT ARG_BINDINGS AND NOT module STREQUAL "")
    message(FATAL_ERROR "${suite_file}: module: '${module}' is named, but tollgate_add_workload(${name}) has no "
                        "BINDINGS to build it (a module built elsewhere is loaded by the adapters: leave module out)")
  endif()
  get_property(known GLOBAL PROPERTY TOLLGATE_WORKLOADS)
  if(name IN_LIST known)
    get_property(other GLOBAL PROPERTY TOLLGATE_WORKLOAD_${name}_dir)
    message(FATAL_ERROR "tollgate_add_workload: workload '${name}' in ${dir} is already registered from ${other}")
  endif()
  set(adapters "${dir}/adapters/${name}-adapters.mjs")
  if(NOT EXISTS "${adapters}")
    message(FATAL_ERROR "tollgate_add_workload: workload '${name}' has no JS adapters at ${adapters}")
  endif()

  set(libraries ${ARG_LIBRARIES})
  if(ARG_KERNEL)
    add_library(tollgate_${name} STATIC ${ARG_KERNEL})
    target_include_directories(tollgate_${name} PUBLIC "${dir}")
    target_link_libraries(tollgate_${name} PUBLIC tollgate_headers ${ARG_LIBRARIES})
    tollgate_target_defaults(tollgate_${name})
    set(libraries tollgate_${name})
  endif()

  if(ARG_BINDINGS AND EMSCRIPTEN)
    tollgate_add_wasm_module(tollgate_${name}_module OUTPUT_NAME ${module} SOURCES ${ARG_BINDINGS} LIBRARIES ${libraries})
    if(ARG_LINK_OPTIONS)
      target_link_options(tollgate_${name}_module PRIVATE ${ARG_LINK_OPTIONS})
      target_link_options(tollgate_${name}_module_profiling PRIVATE ${ARG_LINK_OPTIONS})
    endif()
  endif()

  set(native_cases false)
  if(ARG_NATIVE_CASES)
    set(native_cases true)
    if(NOT EMSCRIPTEN)
      # Objects, not an archive: each case file registers itself at static
      # initialisation, and nothing references it by name.
      add_library(tollgate_${name}_native_cases OBJECT ${ARG_NATIVE_CASES})
      target_link_libraries(tollgate_${name}_native_cases PUBLIC ${libraries} tollgate_json)
      tollgate_target_defaults(tollgate_${name}_native_cases)
      # The name a case file registers under (RegisterWorkload), so it never spells it.
      target_compile_definitions(tollgate_${name}_native_cases PRIVATE TOLLGATE_WORKLOAD_NAME="${name}")
      # The libraries too, linked directly: an object library's objects (a format
      # registration, say) reach only programs that link it directly.
      set_property(GLOBAL APPEND PROPERTY TOLLGATE_NATIVE_CASE_TARGETS tollgate_${name}_native_cases ${libraries})
    endif()
  endif()

  if(ARG_TESTS AND TOLLGATE_BUILD_TESTS)
    tollgate_add_test(${name}_tests SOURCES ${ARG_TESTS} LIBRARIES ${libraries})
  endif()

  set(gates "")
  if(EXISTS "${dir}/gates.json")
    set(gates "${dir}/gates.json")
  endif()
  set(listed true)
  if(ARG_INTERNAL)
    set(listed false)
  endif()
  set_property(GLOBAL APPEND PROPERTY TOLLGATE_WORKLOADS ${name})
  foreach(field IN ITEMS dir module gates listed native_cases adapters)
    set_property(GLOBAL PROPERTY TOLLGATE_WORKLOAD_${name}_${field} "${${field}}")
  endforeach()
endfunction()

# Workload folders from elsewhere (TOLLGATE_WORKLOAD_DIRS): each entry is a workload
# folder or a folder of them (see tollgate_add_workload_folder). Relative entries
# are taken from the top of the source tree.
function(tollgate_add_workload_dirs dirs)
  string(REPLACE ":" ";" dirs "${dirs}")
  set(entries "")
  foreach(entry IN LISTS dirs)
    if(NOT entry STREQUAL "")
      get_filename_component(entry "${entry}" ABSOLUTE BASE_DIR "${CMAKE_SOURCE_DIR}")
      list(APPEND entries "${entry}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES entries)  # the option and the environment may both name one
  foreach(entry IN LISTS entries)
    if(NOT IS_DIRECTORY "${entry}")
      message(FATAL_ERROR "TOLLGATE_WORKLOAD_DIRS: ${entry} is not a folder")
    endif()
    set(folders "")
    if(EXISTS "${entry}/suite.json")
      set(folders "${entry}")
    else()
      file(GLOB children LIST_DIRECTORIES true "${entry}/*")
      foreach(child IN LISTS children)
        if(EXISTS "${child}/suite.json")
          list(APPEND folders "${child}")
        endif()
      endforeach()
    endif()
    if(NOT folders)
      message(FATAL_ERROR "TOLLGATE_WORKLOAD_DIRS: ${entry} holds no workload (no suite.json in it or in its "
                          "subfolders)")
    endif()
    foreach(folder IN LISTS folders)
      tollgate_add_workload_folder("${folder}")
    endforeach()
  endforeach()
endfunction()

# One workload folder: with a CMakeLists.txt it is added as a subdirectory (it calls
# tollgate_add_workload); with only suite.json and adapters/ it is registered as it is.
function(tollgate_add_workload_folder folder)
  if(EXISTS "${folder}/CMakeLists.txt")
    string(FIND "${folder}" "${CMAKE_CURRENT_SOURCE_DIR}/" inside)
    if(inside EQUAL 0)
      add_subdirectory("${folder}")
    else()  # from elsewhere: a binary folder of its own, named after it
      get_filename_component(base "${folder}" NAME)
      string(MD5 hash "${folder}")
      string(SUBSTRING "${hash}" 0 8 hash)
      add_subdirectory("${folder}" "${CMAKE_BINARY_DIR}/workload-dirs/${base}-${hash}")
    endif()
  else()
    tollgate_add_workload(DIR "${folder}")
  endif()
endfunction()

function(_tollgate_json_string out value)
  string(REPLACE "\\" "\\\\" value "${value}")
  string(REPLACE "\"" "\\\"" value "${value}")
  set(${out} "\"${value}\"" PARENT_SCOPE)
endfunction()

# Run at the end of the top-level directory (see the DEFER below): by then every
# workload, in the tree or added from outside it, has registered.
function(_tollgate_finish_workloads)
  get_property(names GLOBAL PROPERTY TOLLGATE_WORKLOADS)
  list(SORT names)  # the order runs go in, whatever order the folders were added in
  set(entries "")
  foreach(name IN LISTS names)
    set(entry "    {\"name\": \"${name}\"")
    foreach(field IN ITEMS dir adapters module gates)
      get_property(value GLOBAL PROPERTY TOLLGATE_WORKLOAD_${name}_${field})
      if(value STREQUAL "")
        string(APPEND entry ", \"${field}\": null")
      else()
        _tollgate_json_string(quoted "${value}")
        string(APPEND entry ", \"${field}\": ${quoted}")
      endif()
    endforeach()
    get_property(dir GLOBAL PROPERTY TOLLGATE_WORKLOAD_${name}_dir)
    _tollgate_json_string(suite "${dir}/suite.json")
    get_property(listed GLOBAL PROPERTY TOLLGATE_WORKLOAD_${name}_listed)
    get_property(native_cases GLOBAL PROPERTY TOLLGATE_WORKLOAD_${name}_native_cases)
    string(APPEND entry ", \"suite\": ${suite}, \"native_cases\": ${native_cases}, \"listed\": ${listed}}")
    list(APPEND entries "${entry}")
  endforeach()
  list(JOIN entries ",\n" body)
  _tollgate_json_string(build "${CMAKE_BINARY_DIR}")
  file(WRITE "${CMAKE_BINARY_DIR}/workloads.json.tmp"
       "{\n  \"format\": \"tollgate-workloads/1\",\n  \"runtime\": \"${TOLLGATE_RUNTIME}\",\n  \"build_dir\": ${build},\n"
       "  \"workloads\": [\n${body}\n  ]\n}\n")
  file(COPY_FILE "${CMAKE_BINARY_DIR}/workloads.json.tmp" "${CMAKE_BINARY_DIR}/workloads.json" ONLY_IF_DIFFERENT)
  file(REMOVE "${CMAKE_BINARY_DIR}/workloads.json.tmp")

  get_property(cases GLOBAL PROPERTY TOLLGATE_NATIVE_CASE_TARGETS)
  if(TARGET tollgate_native AND cases)
    list(REMOVE_DUPLICATES cases)
    target_link_libraries(tollgate_native PRIVATE ${cases})
  endif()
endfunction()

cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _tollgate_finish_workloads)

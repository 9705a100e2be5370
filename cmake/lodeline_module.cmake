# SPDX-License-Identifier: Apache-2.0
# lodeline_add_module(NAME DEPS ...): one static library per pipeline stage, linking exactly DEPS.
function(lodeline_add_module name)
  cmake_parse_arguments(M "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/lodeline/${name}/*.cpp)
  if(NOT sources)
    # A stage with headers only (or not yet written) is an interface library.
    add_library(lodeline_${name} INTERFACE)
    target_include_directories(lodeline_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(lodeline_${name} INTERFACE ${M_DEPS})
    return()
  endif()
  add_library(lodeline_${name} STATIC ${sources})
  target_include_directories(lodeline_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(lodeline_${name} PUBLIC ${M_DEPS})
  lodeline_warnings(lodeline_${name})
  if(LODELINE_BUILD_FUZZ)
    target_compile_options(lodeline_${name} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()

function(lodeline_warnings target)
  # -Wno-restrict: GCC 12 at -O3 reports false overlaps inside std::string when string
  # building is inlined (GCC bug 105329).
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-restrict)  # clang has no such warning
  endif()
  if(LODELINE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

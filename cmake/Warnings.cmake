# Interface targets every burdenmap target links: warnings (optionally as errors) and sanitizers.
set(burdenmap_warning_flags -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
if(BURDENMAP_WERROR)
  list(APPEND burdenmap_warning_flags -Werror)
endif()
add_library(burdenmap_warnings INTERFACE)
target_compile_options(burdenmap_warnings INTERFACE ${burdenmap_warning_flags})
if(BURDENMAP_FUZZ)
  # Coverage instrumentation for libFuzzer in every burdenmap target, with ASan and UBSan; the fuzz
  # executables add -fsanitize=fuzzer (libFuzzer's main) themselves.
  target_compile_options(burdenmap_warnings INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(burdenmap_warnings INTERFACE -fsanitize=address,undefined)
elseif(BURDENMAP_SANITIZE)
  # GCC's "undefined" leaves out float-cast-overflow (a double beyond float range cast to float).
  target_compile_options(burdenmap_warnings INTERFACE -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all)
  # Linked as position-dependent executables: the instrumentation's metadata made the PIE binary
  # carry ~930,000 relative relocations, which the dynamic loader applied at every start (0.31 s
  # of `burdenmap --version`, 0.22 s without; the sanitizer suite starts thousands of processes).
  target_link_options(burdenmap_warnings INTERFACE -fsanitize=address,undefined,float-cast-overflow -no-pie)
endif()

# The tests' own code: the same warnings, and under BURDENMAP_SANITIZE linked with the sanitizer
# runtimes but not instrumented itself. The sanitizers watch the code under test (every library
# target, and the burdenmap binary that the e2e and bad-input tests run); instrumenting Catch2's
# assertion macros too made the test files 2.6 times slower to compile, a sixth of a CI run.
# Under BURDENMAP_FUZZ the test targets are instrumented like the rest (libFuzzer needs coverage).
add_library(burdenmap_test_flags INTERFACE)
target_compile_options(burdenmap_test_flags INTERFACE ${burdenmap_warning_flags})
if(BURDENMAP_FUZZ)
  target_link_libraries(burdenmap_test_flags INTERFACE burdenmap_warnings)
elseif(BURDENMAP_SANITIZE)
  target_link_options(burdenmap_test_flags INTERFACE -fsanitize=address,undefined,float-cast-overflow -no-pie)
endif()
# The tests' own code is compiled at -O1 in the optimised builds: it checks results and starts
# processes, and -O3 made it a third slower to compile (Catch2's assertion macros) for no gain; the
# code under test stays at -O3.
if(NOT BURDENMAP_SANITIZE AND NOT BURDENMAP_FUZZ)
  target_compile_options(burdenmap_test_flags INTERFACE $<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-O1>)
endif()

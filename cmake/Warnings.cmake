# Interface targets every burdenmap target links: warnings (optionally as errors) and sanitizers.
add_library(burdenmap_warnings INTERFACE)
target_compile_options(burdenmap_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
if(BURDENMAP_WERROR)
  target_compile_options(burdenmap_warnings INTERFACE -Werror)
endif()
if(BURDENMAP_FUZZ)
  # Coverage instrumentation for libFuzzer in every burdenmap target, with ASan and UBSan; the fuzz
  # executables add -fsanitize=fuzzer (libFuzzer's main) themselves.
  target_compile_options(burdenmap_warnings INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(burdenmap_warnings INTERFACE -fsanitize=address,undefined)
elseif(BURDENMAP_SANITIZE)
  # GCC's "undefined" leaves out float-cast-overflow (a double beyond float range cast to float).
  target_compile_options(burdenmap_warnings INTERFACE -fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(burdenmap_warnings INTERFACE -fsanitize=address,undefined,float-cast-overflow)
endif()

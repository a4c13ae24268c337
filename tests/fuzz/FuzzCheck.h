#pragma once
// Shared by the fuzz targets and their replay test: an oracle failure throws FuzzFailure, which
// libFuzzer reports as a crash (uncaught exception → abort) and the replay test as a failure.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace burdenmap::fuzz {

struct FuzzFailure : std::logic_error {
    using std::logic_error::logic_error;
};

inline void check(bool ok, const std::string& what) {
    if (!ok) throw FuzzFailure(what);
}

// One input each; return 0 (libFuzzer's convention). Defined in fuzz_<name>.cpp.
int fuzz_config(const std::uint8_t* data, std::size_t size);
int fuzz_method_table(const std::uint8_t* data, std::size_t size);
int fuzz_coverage(const std::uint8_t* data, std::size_t size);

// Writes the input to a per-process scratch file (the parsers read files) and returns its path.
std::string scratch_file(const std::uint8_t* data, std::size_t size, const char* extension);

}  // namespace burdenmap::fuzz

// libFuzzer's entry point, only in the fuzzing build (-DBURDENMAP_FUZZ=ON, clang).
#ifdef BURDENMAP_LIBFUZZER
#define BURDENMAP_FUZZ_ENTRY(function)                                                  \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
        return burdenmap::fuzz::function(data, size);                                   \
    }
#else
#define BURDENMAP_FUZZ_ENTRY(function)
#endif

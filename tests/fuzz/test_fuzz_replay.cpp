// The fuzz targets as ordinary tests, in every build: each crasher the fuzzers found (kept in
// tests/resources/fuzz/<target>/) and each seed (the shipped configs and method tables) goes
// through the target's oracles again; the coverage target also runs on deterministic random
// inputs. scripts/fuzz runs the same functions under libFuzzer.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "FuzzCheck.h"

namespace fs = std::filesystem;
using namespace burdenmap::fuzz;

namespace {

std::vector<fs::path> files_in(const fs::path& dir, const std::string& extension = "") {
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file() && (extension.empty() || e.path().extension() == extension)) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string bytes_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

template <class Target>
void replay(const std::vector<fs::path>& files, Target target) {
    for (const fs::path& f : files) {
        INFO(f.string());
        const std::string b = bytes_of(f);
        CHECK_NOTHROW(target(reinterpret_cast<const std::uint8_t*>(b.data()), b.size()));
    }
}

const fs::path source = BURDENMAP_TEST_SOURCE_DIR;
const fs::path regressions = source / "tests" / "resources" / "fuzz";

}  // namespace

TEST_CASE("fuzz replay: config parser on its crashers and seeds", "[fuzz]") {
    auto files = files_in(regressions / "config");
    for (const auto& f : files_in(source / "data" / "demo", ".toml")) files.push_back(f);
    REQUIRE(files.size() >= 2);
    replay(files, fuzz_config);
}

TEST_CASE("fuzz replay: method-table parser on its crashers and the shipped tables", "[fuzz]") {
    auto files = files_in(regressions / "method_table");
    for (const auto& f : files_in(source / "data" / "methods", ".toml")) files.push_back(f);
    REQUIRE(files.size() >= 5);
    replay(files, fuzz_method_table);
}

// 3000 random inputs; 600 in the sanitizer build, where they took 88 s of CI's sanitizer pass and
// `CI=true scripts/test` then runs this target under libFuzzer with the same sanitizers anyway
// (scripts/fuzz), which tries far more inputs in its 20 s.
#ifdef BURDENMAP_SANITIZED
constexpr int kRandomPolygons = 600;
#else
constexpr int kRandomPolygons = 3000;
#endif

TEST_CASE("fuzz replay: coverage fractions on its crashers and random polygons", "[fuzz]") {
    replay(files_in(regressions / "coverage"), fuzz_coverage);
    std::mt19937 random(20240607);
    std::uniform_int_distribution<int> byte(0, 255), length(8, 400);
    for (int i = 0; i < kRandomPolygons; ++i) {
        std::vector<std::uint8_t> input(static_cast<std::size_t>(length(random)));
        for (auto& b : input) b = static_cast<std::uint8_t>(byte(random));
        INFO("random input " << i);
        CHECK_NOTHROW(fuzz_coverage(input.data(), input.size()));
    }
}

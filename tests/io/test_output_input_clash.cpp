// refuse_outputs_that_are_inputs: the same file however it is reached (path spelled otherwise,
// symlink on either side, hard link), and no false alarm for outputs that are not inputs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/OutputInputClash.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using burdenmap::NamedInput;
using burdenmap::OutputError;
using burdenmap::refuse_outputs_that_are_inputs;
using burdenmap::test::TempDir;

TEST_CASE("output/input clash: the same file by any name is refused, naming both", "[io][outputs_as_inputs]") {
    const TempDir dir("clash");
    const fs::path input = dir.write("in/noise.tif", "raster");
    const std::vector<NamedInput> inputs{{"the input of layer 'noise'", input}};
    SECTION("the same path spelled otherwise") {
        const fs::path output = dir / "in/../in/./noise.tif";
        CHECK_THROWS_WITH(refuse_outputs_that_are_inputs({output}, inputs),
                          Catch::Contains("the output " + output.string()) &&
                              Catch::Contains("the input of layer 'noise', " + input.string() + " (the same file)"));
    }
    SECTION("a relative path to it") {
        const fs::path cwd = fs::current_path();
        fs::current_path(dir.path());
        CHECK_THROWS_AS(refuse_outputs_that_are_inputs({"in/noise.tif"}, inputs), OutputError);
        fs::current_path(cwd);
    }
    SECTION("a symlink to it at the output's path") {
        fs::create_directories(dir / "out");
        fs::create_symlink(input, dir / "out/burden.tif");
        CHECK_THROWS_AS(refuse_outputs_that_are_inputs({dir / "out/burden.tif"}, inputs), OutputError);
    }
    SECTION("an input that is a symlink to the output") {
        fs::create_directories(dir / "out");
        const fs::path real = dir.write("out/burden.tif", "old output");
        fs::create_symlink(real, dir / "link.tif");
        CHECK_THROWS_AS(refuse_outputs_that_are_inputs({real}, {{"the input of layer 'noise'", dir / "link.tif"}}), OutputError);
    }
    SECTION("a hard link to it") {
        fs::create_directories(dir / "out");
        fs::create_hard_link(input, dir / "out/burden.tif");
        CHECK_THROWS_AS(refuse_outputs_that_are_inputs({dir / "out/burden.tif"}, inputs), OutputError);
    }
}

TEST_CASE("output/input clash: other files, new outputs and dangling symlinks are no clash", "[io][outputs_as_inputs]") {
    const TempDir dir("no-clash");
    const fs::path input = dir.write("in/noise.tif", "raster");
    const std::vector<NamedInput> inputs{{"the input of layer 'noise'", input}, {"unset", {}}};
    fs::create_directories(dir / "out");
    dir.write("out/burden.tif", "raster");  // the same bytes, but another file
    fs::create_symlink(dir / "in/missing.tif", dir / "out/run.json");  // points at no input
    CHECK_NOTHROW(refuse_outputs_that_are_inputs({dir / "out/burden.tif", dir / "out/burden.gpkg", dir / "out/run.json", {}}, inputs));
    // A file with the same name in another folder is another file.
    CHECK_NOTHROW(refuse_outputs_that_are_inputs({dir / "out/noise.tif"}, inputs));
}

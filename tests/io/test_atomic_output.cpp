// AtomicOutput: temp-then-rename, refusal to overwrite, unwritable folders (DESIGN.md §2).
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AtomicOutput.h"
#include "support/Files.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using burdenmap::AtomicOutput;
using burdenmap::OutputError;

namespace {

// A fresh folder per test, removed afterwards (even when the test fails).
using namespace burdenmap::test;  // tests/support

void write_text(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

// A path that cannot be written even by root (tests run as root in CI, where chmod stops nothing):
// its parent "folder" is a regular file.
fs::path unwritable_target(const TempDir& dir) {
    const fs::path blocker = dir.path() / "not-a-folder";
    write_text(blocker, "x");
    return blocker / "out.tif";
}

}  // namespace

TEST_CASE("AtomicOutput writes under a hidden temp name in the same folder and renames on commit", "[atomic]") {
    TempDir dir("atomic");
    const fs::path final_path = dir.path() / "nested" / "out.tif";  // the folder does not exist yet
    AtomicOutput out(final_path, false);
    CHECK(fs::is_directory(dir.path() / "nested"));
    CHECK(out.temp_path() == dir.path() / "nested" / (".out.tif.tmp-" + std::to_string(::getpid())));
    CHECK(out.final_path() == final_path);
    CHECK(names_in(dir.path() / "nested").empty());  // the writability probe is gone

    write_text(out.temp_path(), "content");
    CHECK_FALSE(fs::exists(final_path));
    out.commit();
    CHECK(out.committed());
    CHECK(read_bytes(final_path) == "content");
    CHECK(names_in(dir.path() / "nested") == std::vector<std::string>{"out.tif"});
}

TEST_CASE("AtomicOutput removes its temp file and sidecar when not committed", "[atomic]") {
    TempDir dir("atomic");
    {
        AtomicOutput out(dir.path() / "out.tif", false);
        write_text(out.temp_path(), "half-written");
        write_text(out.temp_path().string() + ".aux.xml", "<PAMDataset/>");
    }
    CHECK(names_in(dir.path()).empty());
}

TEST_CASE("AtomicOutput refuses an existing output without overwrite and leaves it untouched", "[atomic]") {
    TempDir dir("atomic");
    const fs::path final_path = dir.path() / "out.tif";
    write_text(final_path, "old");

    try {
        AtomicOutput out(final_path, false);
        FAIL("expected OutputError");
    } catch (const OutputError& e) {
        CHECK_THAT(e.what(), Catch::Contains(final_path.string()) && Catch::Contains("--overwrite"));
    }
    CHECK_THROWS_AS(AtomicOutput::check_writable(final_path, false), OutputError);
    CHECK(read_bytes(final_path) == "old");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"out.tif"});
}

TEST_CASE("AtomicOutput replaces an existing output with overwrite, and drops its stale sidecar", "[atomic]") {
    TempDir dir("atomic");
    const fs::path final_path = dir.path() / "out.tif";
    write_text(final_path, "old");
    write_text(final_path.string() + ".aux.xml", "<PAMDataset>stale</PAMDataset>");

    AtomicOutput::check_writable(final_path, true);
    AtomicOutput out(final_path, true);
    CHECK(read_bytes(final_path) == "old");  // nothing changes before commit
    write_text(out.temp_path(), "new");
    out.commit();
    CHECK(read_bytes(final_path) == "new");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"out.tif"});
}

TEST_CASE("AtomicOutput moves a GDAL sidecar along with its file", "[atomic]") {
    TempDir dir("atomic");
    AtomicOutput out(dir.path() / "out.tif", false);
    write_text(out.temp_path(), "data");
    write_text(out.temp_path().string() + ".aux.xml", "<PAMDataset/>");
    out.commit();
    CHECK(names_in(dir.path()) == std::vector<std::string>{"out.tif", "out.tif.aux.xml"});
}

TEST_CASE("AtomicOutput::check_writable creates nothing but the folder", "[atomic]") {
    TempDir dir("atomic");
    AtomicOutput::check_writable(dir.path() / "sub" / "out.gpkg", false);
    CHECK(fs::is_directory(dir.path() / "sub"));
    CHECK(names_in(dir.path() / "sub").empty());
}

TEST_CASE("AtomicOutput refuses a folder that cannot be written, naming it", "[atomic]") {
    TempDir dir("atomic");
    if (::geteuid() == 0) {
        // Root writes through chmod 0555, so provoke failures root cannot get around.
        const fs::path target = unwritable_target(dir);
        try {
            AtomicOutput out(target, false);
            FAIL("expected OutputError");
        } catch (const OutputError& e) {
            CHECK_THAT(e.what(), Catch::Contains(target.parent_path().string()));
        }
        CHECK_THROWS_AS(AtomicOutput::check_writable(target, false), OutputError);

        // /proc exists and is a folder, but no file can be created in it.
        try {
            AtomicOutput::check_writable("/proc/burdenmap-out.tif", false);
            FAIL("expected OutputError");
        } catch (const OutputError& e) {
            CHECK_THAT(e.what(), Catch::Contains("/proc") && Catch::Contains("not writable"));
        }
    } else {
        const fs::path locked = dir.path() / "locked";
        fs::create_directories(locked);
        fs::permissions(locked, fs::perms(0555));
        try {
            AtomicOutput out(locked / "out.tif", false);
            FAIL("expected OutputError");
        } catch (const OutputError& e) {
            CHECK_THAT(e.what(), Catch::Contains(locked.string()) && Catch::Contains("not writable"));
        }
        fs::permissions(locked, fs::perms::owner_all);
    }
}

TEST_CASE("AtomicOutput refuses an output name that is a folder", "[atomic]") {
    TempDir dir("atomic");
    fs::create_directories(dir.path() / "out.tif");
    CHECK_THROWS_AS(AtomicOutput(dir.path() / "out.tif", true), OutputError);
}

TEST_CASE("AtomicOutput::commit reports a failed rename", "[atomic]") {
    TempDir dir("atomic");
    AtomicOutput out(dir.path() / "out.tif", false);
    // No temp file was written: the rename fails and the error says which files.
    try {
        out.commit();
        FAIL("expected OutputError");
    } catch (const OutputError& e) {
        CHECK_THAT(e.what(), Catch::Contains(out.temp_path().string()) && Catch::Contains("out.tif"));
    }
    CHECK_FALSE(out.committed());
}

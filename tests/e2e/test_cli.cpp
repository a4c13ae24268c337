// The command line: help, version, exit codes and the messages that name what went wrong.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "E2eSupport.h"

using namespace e2e;

namespace {

// A copy of the demo config with one line replaced, written into `dir` (paths made absolute so
// the copy finds the demo data).
std::string demo_variant(const TempDir& dir, const std::string& from, const std::string& to) {
    std::string text = demo_config_text();
    const auto pos = text.find(from);
    REQUIRE(pos != std::string::npos);
    text.replace(pos, from.size(), to);
    const auto path = dir / "job.toml";
    std::ofstream(path) << text;
    return path.string();
}

}  // namespace

TEST_CASE("the help flag lists the subcommands", "[e2e][cli]") {
    const CommandResult r = run_burdenmap({"--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("run") != std::string::npos);
    CHECK(r.out.find("validate") != std::string::npos);
    CHECK(r.out.find("methods") != std::string::npos);
}

TEST_CASE("the version flag names burdenmap, GDAL, PROJ and GEOS", "[e2e][cli]") {
    const CommandResult r = run_burdenmap({"--version"});
    CHECK(r.exit_code == 0);
    for (const char* s : {"burdenmap", "GDAL", "PROJ", "GEOS"}) CHECK(r.out.find(s) != std::string::npos);
}

TEST_CASE("an unknown option or subcommand is a usage error (exit 2)", "[e2e][cli]") {
    CHECK(run_burdenmap({"run", demo_config(), "--no-such-option"}).exit_code == 2);
    CHECK(run_burdenmap({"frobnicate"}).exit_code == 2);
    CHECK(run_burdenmap({}).exit_code == 2);
}

TEST_CASE("a config with an unknown key exits 2 and names the key", "[e2e][cli]") {
    TempDir dir("cli-unknown-key");
    const std::string config = demo_variant(dir, "resolution = 10", "resolution = 10\nresolutoin = 5");
    const CommandResult r = run_burdenmap({"run", config, "--output-dir", (dir / "out").string()});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("study.resolutoin") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "out" / "burden.tif"));
}

TEST_CASE("an unknown method exits 2 and suggests the closest", "[e2e][cli]") {
    TempDir dir("cli-unknown-method");
    const std::string config = demo_variant(dir, "\"ges.road_noise\"", "\"ges.road_nois\"");
    const CommandResult r = run_burdenmap({"validate", config});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("layer[0].method") != std::string::npos);
    CHECK(r.err.find("ges.road_noise") != std::string::npos);
}

TEST_CASE("validate checks the check-sites standards: an unknown id exits 2 naming the key", "[e2e][cli]") {
    TempDir dir("cli-unknown-standard");
    const std::string config = demo_variant(dir, "\"eu2008.no2_annual\"", "\"eu2008.no2_anual\"");
    const CommandResult r = run_burdenmap({"validate", config});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("layer[2].limit") != std::string::npos);
    CHECK(r.err.find("did you mean: eu2008.no2_annual") != std::string::npos);
}

TEST_CASE("a missing input file exits 1 and names the file", "[e2e][cli]") {
    TempDir dir("cli-missing-input");
    const std::string config = demo_variant(dir, "lden_rail.tif\"", "lden_rail_missing.tif\"");
    const CommandResult r = run_burdenmap({"run", config, "--output-dir", (dir / "out").string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("lden_rail_missing.tif") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "out" / "burden.tif"));
}

TEST_CASE("an existing output is refused without --overwrite and left untouched", "[e2e][cli]") {
    TempDir dir("cli-overwrite");
    std::filesystem::create_directories(dir / "out");
    std::ofstream(dir / "out" / "burden.tif") << "precious";
    const CommandResult r = run_burdenmap({"--quiet", "run", demo_config(), "--output-dir", (dir / "out").string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("--overwrite") != std::string::npos);
    CHECK(read_file(dir / "out" / "burden.tif") == "precious");
    CHECK_FALSE(std::filesystem::exists(dir / "out" / "burden.gpkg"));
    // With --overwrite it is replaced, and no temporary file is left behind.
    CHECK(run_burdenmap({"--quiet", "run", demo_config(), "--output-dir", (dir / "out").string(), "--overwrite"}).exit_code == 0);
    CHECK(read_file(dir / "out" / "burden.tif") != "precious");
    for (const auto& entry : std::filesystem::directory_iterator(dir / "out"))
        CHECK(entry.path().filename().string().rfind(".", 0) != 0);
}

TEST_CASE("validate prints the plan and reads no pixels", "[e2e][cli]") {
    const CommandResult r = run_burdenmap({"validate", demo_config()});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("800 x 800 cells of 10 x 10") != std::string::npos);
    CHECK(r.out.find("EPSG:28992") != std::string::npos);
    CHECK(r.out.find("(reprojected)") != std::string::npos);
    CHECK(r.out.find("Zones: 86") != std::string::npos);
    CHECK(r.out.find("Site standards: ") != std::string::npos);
}

TEST_CASE("methods lists the tables with sources; show prints one", "[e2e][cli]") {
    const CommandResult list = run_burdenmap({"methods"});
    CHECK(list.exit_code == 0);
    CHECK(list.out.find("ges.road_noise") != std::string::npos);
    CHECK(list.out.find("placeholder") != std::string::npos);
    const CommandResult show = run_burdenmap({"methods", "show", "ges.road_noise"});
    CHECK(show.exit_code == 0);
    CHECK(show.out.find("matig") != std::string::npos);
    const CommandResult json = run_burdenmap({"methods", "--json"});
    CHECK(json.exit_code == 0);
    CHECK(json.out.find("\"confidence\": \"verified\"") != std::string::npos);
    CHECK(run_burdenmap({"methods", "show", "no.such"}).exit_code == 2);
}

TEST_CASE("methods and methods show give each method's jurisdiction", "[e2e][cli][jurisdiction]") {
    const CommandResult list = run_burdenmap({"methods"});
    CHECK(list.out.find("jurisdiction") != std::string::npos);
    CHECK(list.out.find("eu2030.no2_annual") != std::string::npos);
    const CommandResult show = run_burdenmap({"methods", "show", "ges.road_noise"});
    CHECK(show.out.find("jurisdiction: NL") != std::string::npos);
    const CommandResult json = run_burdenmap({"methods", "show", "who2021.no2_annual", "--json"});
    CHECK(json.out.find("\"jurisdiction\": \"WHO\"") != std::string::npos);
    const CommandResult all = run_burdenmap({"methods", "--json"});
    CHECK(all.out.find("\"jurisdiction\": \"EU\"") != std::string::npos);
}

TEST_CASE("methods: the columns line up in characters, also after a unit such as µg/m³", "[e2e][cli]") {
    const CommandResult list = run_burdenmap({"methods"});
    REQUIRE(list.exit_code == 0);
    // The confidence column starts at the same character in the header and in every method row.
    auto chars_before = [](const std::string& line, std::size_t byte) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < byte; ++i) n += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
        return n;
    };
    std::istringstream lines(list.out);
    std::string line;
    std::getline(lines, line);
    const std::size_t column = chars_before(line, line.find("confidence"));
    std::size_t rows = 0, with_micro = 0;
    while (std::getline(lines, line) && !line.empty()) {
        INFO(line);
        std::size_t pos = std::string::npos;
        for (const char* c : {" verified ", " secondary ", " placeholder "})
            if (const std::size_t p = line.find(c); p != std::string::npos && (pos == std::string::npos || p < pos)) pos = p;
        REQUIRE(pos != std::string::npos);
        CHECK(chars_before(line, pos + 1) == column);
        ++rows;
        with_micro += line.find("µg/m³") != std::string::npos;
    }
    CHECK(rows > 10);
    CHECK(with_micro > 0);
}

// data/examples: the two configs on the real CBS 2022 wijken (data/nl-cbs-2022) are complete and
// valid as shipped, and the one-municipality study runs with its report.
#include <catch2/catch.hpp>

#include "E2eSupport.h"

using namespace e2e;

namespace {

std::string example(const std::string& name) { return source_dir() + "/data/examples/" + name; }

// `validate` accepts the config as shipped, reads `zones` zones and has nothing to warn about.
void require_valid(const std::string& config, const std::string& zones) {
    const CommandResult r = run_burdenmap({"validate", example(config)});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Zones: " + zones + " from") != std::string::npos);
    CHECK(r.out.find("Warnings: 0") != std::string::npos);
}

}  // namespace

TEST_CASE("examples: the national wijk config validates as shipped", "[e2e][examples][real-data]") {
    require_valid("nl-wijken-air.toml", "3340");
}

TEST_CASE("examples: the one-municipality config validates and runs with its report", "[e2e][examples][real-data]") {
    require_valid("utrecht-wijken.toml", "10");
    TempDir dir("examples-utrecht");
    const CommandResult r = run_burdenmap({"--quiet", "run", example("utrecht-wijken.toml"), "--output-dir", (dir / "out").string(), "--report"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto zones = read_zones(dir / "out" / "burden.gpkg");
    REQUIRE(zones.size() == 10);
    for (const auto& z : zones) {
        CHECK(z.at("zone_id").rfind("WK0344", 0) == 0);
        CHECK(z.at("road_noise_mean") != "NULL");
        CHECK(z.at("no2_mean") != "NULL");
    }
    CHECK(std::filesystem::exists(dir / "out" / "report.html"));
    CHECK(std::filesystem::exists(dir / "out" / "map.png"));
    CHECK(read_file(dir / "out" / "report.html").find("Wijk 06 Binnenstad") != std::string::npos);
}

// The check-sites keys of the config: [[layer]] standard, limit, future_limit, guidelines and
// [[cumulation]] advisory_at (a number or a method id), parsed strictly like every other key.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "burdenmap/config/ConfigParser.h"
#include "burdenmap/core/Errors.h"
#include "support/TempDir.h"

namespace fs = std::filesystem;
using namespace burdenmap;
using Catch::Matchers::Contains;

namespace {

// Each config in its own folder, removed when the test program ends.
fs::path write_config(const std::string& text) {
    static std::vector<std::unique_ptr<test::TempDir>> dirs;
    dirs.push_back(std::make_unique<test::TempDir>("site-config"));
    return dirs.back()->write("job.toml", text);
}

const std::string kHead = R"(
[zones]
path = "z.gpkg"
id = "id"
[[layer]]
name = "no2"
path = "no2.tif"
method = "air.no2_ladder"
)";

std::string error_of(const std::string& text) {
    try {
        parse_config(write_config(text));
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("layer standards and cumulation advisory levels are parsed", "[config][sites]") {
    const Config c = parse_config(write_config(kHead + R"(limit = "eu2008.no2_annual"
future_limit = "eu2030.no2_annual"
guidelines = ["who2021.no2_annual", "other.guideline"]
standard = "some.standard"
[[cumulation]]
name = "count"
rule = "count_at_least"
advisory_at = 2
[[cumulation]]
name = "dose"
rule = "max"
advisory_at = "ggd.noise_cumulative_lden"
)"));
    REQUIRE(c.layers.size() == 1);
    CHECK(c.layers[0].limit == "eu2008.no2_annual");
    CHECK(c.layers[0].future_limit == "eu2030.no2_annual");
    CHECK(c.layers[0].standard == "some.standard");
    CHECK(c.layers[0].guidelines == std::vector<std::string>{"who2021.no2_annual", "other.guideline"});
    REQUIRE(c.cumulations.size() == 2);
    CHECK(c.cumulations[0].advisory_at == 2.0);
    CHECK(c.cumulations[0].advisory_method.empty());
    CHECK_FALSE(c.cumulations[1].advisory_at);
    CHECK(c.cumulations[1].advisory_method == "ggd.noise_cumulative_lden");
}

TEST_CASE("without the keys nothing is compared", "[config][sites]") {
    const Config c = parse_config(write_config(kHead));
    CHECK(c.layers[0].standard.empty());
    CHECK(c.layers[0].limit.empty());
    CHECK(c.layers[0].guidelines.empty());
}

TEST_CASE("check-sites keys of the wrong type or misspelt name their key path", "[config][sites]") {
    CHECK_THAT(error_of(kHead + "limit = 40\n"), Contains("layer[0].limit"));
    CHECK_THAT(error_of(kHead + "guidelines = \"who2021.no2_annual\"\n"), Contains("layer[0].guidelines"));
    CHECK_THAT(error_of(kHead + "limits = \"eu2008.no2_annual\"\n"), Contains("layer[0].limits"));
    CHECK_THAT(error_of(kHead + "[[cumulation]]\nname = \"c\"\nrule = \"max\"\nadvisory_at = [1]\n"),
               Contains("cumulation[0].advisory_at"));
}

// Placeholders of a method written in the config ([layer.method]): wherever placeholder values
// are reported (the warning, check-sites' `placeholders` column, run.json, the report) the inline
// method is there too, marked "a method of this study (not published)".
#include <catch2/catch.hpp>

#include "BadInputSupport.h"

using namespace bad;

namespace {

const char* const kLabel = "inline.noise [a method of this study (not published)]";

// The standard job with an inline two-class method whose upper class (the raster's 60 dB) is a
// placeholder, a legal value for check-sites, and an advisory when the count reaches 1.
void make_inline(Job& job) {
    job.replace("method = \"who2018.road_lden\"", R"(standard = "who2018.road_lden"
method = { family = "class_table", source = "a local rule", class = [
  { upper = 55.0, score = 0, label = "quiet", confidence = "verified" },
  { lower = 55.0, score = 1, label = "loud", confidence = "placeholder" } ] })");
    job.replace("rule = \"count_at_least\"", "rule = \"count_at_least\"\nadvisory_at = 1");
    job.write_config();
    ZoneSpec sites;
    sites.layer = "sites";
    sites.fields = {{"name", OFTString}};
    sites.features = {{"POINT (155055 463145)", {"point"}}, {bad::square(155020, 463020, 50), {"polygon"}}};
    write_zones(job / "sites.gpkg", sites);
}

}  // namespace

TEST_CASE("inline placeholders: check-sites lists an inline method's placeholder rows behind an advisory",
          "[bad_input][inline_placeholders]") {
    Job job("inline-placeholders-sites");
    make_inline(job);
    const CommandResult r = e2e::run_burdenmap({"check-sites", job.config_path().string(), "--sites", (job / "sites.gpkg").string(),
                                                "--id", "name", "--output-dir", job.out().string(), "--json"});
    UNSCOPED_INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, std::string("method ") + kLabel + " has placeholder rows"));
    // Both sites reach the advisory through the placeholder class, and say so.
    CHECK(contains(r.out, "\"health_advisory\": \"yes\""));
    const std::string column = std::string("\"placeholders\": \"") + kLabel + "\"";
    const auto first = r.out.find(column);
    CHECK(first != std::string::npos);
    CHECK(r.out.find(column, first + 1) != std::string::npos);
    CHECK(contains(e2e::read_file(job.out() / "sites.csv"), kLabel));
}

TEST_CASE("inline placeholders: run.json and the report mark the inline method", "[bad_input][inline_placeholders]") {
    Job job("inline-placeholders-run");
    make_inline(job);
    const CommandResult r = job.run({"--report"}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, std::string("method ") + kLabel + " has placeholder rows"));
    const std::string manifest = e2e::read_file(job.out() / "run.json");
    CHECK(contains(manifest, "\"of_this_study\": true"));
    CHECK(contains(manifest, std::string("\"cells_scored_by_placeholder_rows\": 400")));
    CHECK(contains(manifest, kLabel));  // the warning, as listed in run.json
    const std::string report = e2e::read_file(job.out() / "report.html");
    CHECK(contains(report, std::string("noise (") + kLabel + "): 400 cells were scored with placeholder rows"));
}

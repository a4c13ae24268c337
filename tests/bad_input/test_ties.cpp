// Ties at the top (issue 14 item 6): `burdenmap run`'s terminal ranking breaks ties on the
// headline by the stated keys (core/ZoneRanking.h), the last one the zone id, and says so; the
// order never follows the rows of the zones file.
#include <catch2/catch.hpp>

#include <algorithm>

#include "BadInputSupport.h"

using namespace bad;

TEST_CASE("ties: every zone at the same count is listed by zone id, not file order, and the line says how",
          "[bad_input][ties]") {
    Job job("ties-terminal");
    // The standard zones written last to first: BU04 is the first row of the file.
    ZoneSpec zones = standard_zones();
    std::reverse(zones.features.begin(), zones.features.end());
    write_zones(job / "zones.gpkg", zones);
    const CommandResult r = job.run({}, {});  // not --quiet: the summary goes to stdout
    REQUIRE(r.exit_code == 0);
    INFO(r.out);
    // 60 dB everywhere: every zone has count 1 over its whole area and the same population mean.
    CHECK(contains(r.out, "Most burdened zones by count_mean"));
    CHECK(contains(r.out, "ties broken by count_share_ge1, then "));
    CHECK(contains(r.out, "then the zone id:"));
    std::vector<std::size_t> at;
    for (const char* id : {"BU01", "BU02", "BU03", "BU04"}) {
        at.push_back(r.out.find(std::string("\n  ") + id + " "));
        REQUIRE(at.back() != std::string::npos);
    }
    CHECK(std::is_sorted(at.begin(), at.end()));
}

TEST_CASE("ties: when every zone shares the top value, the report's answer says so instead of naming one",
          "[bad_input][ties][report]") {
    Job job("ties-report");
    // 60 dB everywhere: all four zones have count 1, and the report lists them all.
    const CommandResult r = job.run({"--report"});
    REQUIRE(r.exit_code == 0);
    // The HTML wraps its lines: compare with every run of white space as one space.
    std::string html;
    for (char c : e2e::read_file(job.out() / "report.html")) {
        const bool space = c == ' ' || c == '\n' || c == '\t';
        if (!(space && !html.empty() && html.back() == ' ')) html += space ? ' ' : c;
    }
    CHECK(contains(html, "4 neighbourhoods share the highest value, 1 of 1 layer"));
    CHECK_FALSE(contains(html, "Burdens pile up most in"));
}

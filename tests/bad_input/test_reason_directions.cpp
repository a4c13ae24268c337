// Reasons that read the right way (issue 14 item 7): a zone's `reasons` state the quantity and its
// direction ("low income: poorer than 75 % of areas"), whichever way the income indicator runs.
// A bare "income at the 94th percentile" was once written for one of the poorest zones: the
// percentile runs in the burden direction, a reader takes it in the income's own.
#include <catch2/catch.hpp>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// The standard job with a [fairness] section on `income` read in `order`, and the zones' income
// field set to `incomes` (BU01..BU04).
CommandResult run_with_incomes(Job& job, const std::string& order, const std::vector<std::string>& incomes) {
    ZoneSpec zones = standard_zones();
    for (std::size_t i = 0; i < zones.features.size(); ++i) zones.features[i].values[3] = incomes[i];
    write_zones(job / "zones.gpkg", zones);
    job.replace("[output]", "[fairness]\nincome = \"mean_income\"\nincome_order = \"" + order + "\"\n\n[output]");
    return job.run();
}

}  // namespace

TEST_CASE("reasons: mean income (higher_is_richer): the lowest income is the poorest, not 'at a high percentile'",
          "[bad_input][reasons]") {
    Job job("reasons-richer");
    const CommandResult r = run_with_incomes(job, "higher_is_richer", {"25000", "30000", "35000", "40000"});
    REQUIRE(r.exit_code == 0);
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(contains(zone_value(gpkg, "BU01", "reasons"), "low income: among the poorest of all areas"));
    CHECK(contains(zone_value(gpkg, "BU02", "reasons"), "low income: poorer than 75 % of areas"));
    CHECK(contains(zone_value(gpkg, "BU04", "reasons"), "low income: poorer than 25 % of areas"));
    CHECK_FALSE(contains(zone_value(gpkg, "BU01", "reasons"), "percentile"));
}

TEST_CASE("reasons: a low-income share (higher_is_poorer): the highest share is the poorest", "[bad_input][reasons]") {
    Job job("reasons-poorer");
    const CommandResult r = run_with_incomes(job, "higher_is_poorer", {"12", "4", "9", "6"});
    REQUIRE(r.exit_code == 0);
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(contains(zone_value(gpkg, "BU01", "reasons"), "low income: among the poorest of all areas"));
    CHECK(contains(zone_value(gpkg, "BU03", "reasons"), "low income: poorer than 75 % of areas"));
    CHECK(contains(zone_value(gpkg, "BU02", "reasons"), "low income: poorer than 25 % of areas"));
}

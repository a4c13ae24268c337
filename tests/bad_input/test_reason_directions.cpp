// Reasons that read the right way (issue 14 item 7): a zone's `reasons` state the quantity and its
// direction ("low income: at least as poor as 75 % of areas"), whichever way the income indicator runs.
// A bare "income at the 94th percentile" was once written for one of the poorest zones: the
// percentile runs in the burden direction, a reader takes it in the income's own.
#include <catch2/catch.hpp>

#include <map>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// Runs the standard job with a [fairness] section on the zones' income read in `order`, the
// income field set to `incomes` (BU01..BU04), and checks each zone's reasons hold its text.
void check_income_reasons(const std::string& tag, const std::string& order, const std::vector<std::string>& incomes,
                          const std::map<std::string, std::string>& expected) {
    Job job(tag);
    ZoneSpec zones = standard_zones();
    for (std::size_t i = 0; i < zones.features.size(); ++i) zones.features[i].values[3] = incomes[i];
    write_zones(job / "zones.gpkg", zones);
    job.replace("[output]", "[fairness]\nincome = \"mean_income\"\nincome_order = \"" + order + "\"\n\n[output]");
    const CommandResult r = job.run();
    REQUIRE(r.exit_code == 0);
    for (const auto& [zone, text] : expected) {
        const std::string reasons = zone_value(job.out() / "burden.gpkg", zone, "reasons");
        INFO(zone << ": " << reasons);
        CHECK(contains(reasons, text));
        CHECK_FALSE(contains(reasons, "percentile"));
    }
}

}  // namespace

TEST_CASE("reasons: mean income (higher_is_richer): the lowest income is the poorest, not 'at a high percentile'",
          "[bad_input][reasons]") {
    check_income_reasons("reasons-richer", "higher_is_richer", {"25000", "30000", "35000", "40000"},
                         {{"BU01", "low income: among the poorest of all areas"},
                          {"BU02", "low income: at least as poor as 75 % of areas"},
                          {"BU04", "low income: at least as poor as 25 % of areas"}});
}

TEST_CASE("reasons: a low-income share (higher_is_poorer): the highest share is the poorest", "[bad_input][reasons]") {
    check_income_reasons("reasons-poorer", "higher_is_poorer", {"12", "4", "9", "6"},
                         {{"BU01", "low income: among the poorest of all areas"},
                          {"BU03", "low income: at least as poor as 75 % of areas"},
                          {"BU02", "low income: at least as poor as 25 % of areas"}});
}

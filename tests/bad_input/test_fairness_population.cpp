// Fairness in a job without a population: never empty income groups with exit 0. Without a
// population source the run stops at the plan naming zones.population; with
// income_groups = "zones" the groups hold equal numbers of zones, and every output says so.
#include <catch2/catch.hpp>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// The standard job without zones.population, with a [fairness] section ending in `keys`.
void remove_population_add_fairness(Job& job, const std::string& keys) {
    job.replace("population = \"inwoners\"\n", "");
    job.replace("[output]", "[fairness]\nincome = \"mean_income\"\nincome_order = \"higher_is_richer\"\n" + keys + "[output]");
}

}  // namespace

TEST_CASE("fairness without population: exit 2 naming zones.population and the three fixes, at validate too",
          "[bad_input][fairness_population]") {
    Job job("fair-no-pop");
    remove_population_add_fairness(job, "");
    require_refused_before_pixels(job, 2, {"zones.population: [fairness] forms income groups of equal numbers of residents, but the job has no population",
                                           "give a [population] raster, or set income_groups = \"zones\""});
}

TEST_CASE("fairness without population: population_weights exits 2 naming the key", "[bad_input][fairness_population]") {
    Job job("fair-no-pop-weights");
    remove_population_add_fairness(job, "income_groups = \"zones\"\npopulation_weights = true\n");
    require_refused_before_pixels(job, 2, {"fairness.population_weights: weights percentiles by residents, but the job has no population"});
}

TEST_CASE("fairness without population: income_groups = \"zones\" forms groups of equal numbers of zones, stated everywhere",
          "[bad_input][fairness_population]") {
    Job job("fair-zone-groups");
    remove_population_add_fairness(job, "income_groups = \"zones\"\n");
    const CommandResult r = job.run({"--report"});
    REQUIRE(r.exit_code == 0);
    CHECK_FALSE(contains(r.err, "fairness-empty"));
    const fs::path gpkg = job.out() / "burden.gpkg";
    // Four zones, incomes 25000..40000: R = (i + 0.5) / 4, quintile 1 + floor(5R) = 1, 2, 4, 5.
    CHECK(zone_value(gpkg, "BU01", "income_quintile") == "1");
    CHECK(zone_value(gpkg, "BU02", "income_quintile") == "2");
    CHECK(zone_value(gpkg, "BU03", "income_quintile") == "4");
    CHECK(zone_value(gpkg, "BU04", "income_quintile") == "5");
    std::size_t quintile_zones = 0;
    for (const auto& g : e2e::read_layer(gpkg, "income_groups")) {
        CHECK((g.at("grouping") == "quintile of zones" || g.at("grouping") == "decile of zones"));
        CHECK(g.at("residents") == "NULL");
        if (g.at("grouping") == "quintile of zones") quintile_zones += std::stoul(g.at("zones"));
    }
    CHECK(quintile_zones == 4);
    bool codebook_says = false;
    for (const auto& c : e2e::read_layer(gpkg, "codebook"))
        codebook_says = codebook_says || (c.count("meaning") && c.at("meaning").find("groups of equal numbers of zones") != std::string::npos);
    CHECK(codebook_says);
    CHECK(contains(e2e::read_file(job.out() / "run.json"), "\"groups_of_equal\": \"zones\""));
    CHECK(contains(e2e::read_file(job.out() / "report.html"), "Neighbourhoods are split into 5 groups of equal size (fifths of neighbourhoods)"));
}

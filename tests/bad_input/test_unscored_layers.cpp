// Layers without a method (README "Layers without a method"): the cumulations that cannot take
// one are refused by validate and run alike, before any pixel is read, naming the key, the layer
// (and for a mix the scored layer too) and the fix; nothing is written.
#include <catch2/catch.hpp>

#include <string>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// Adds a second raster layer to the standard job: NOx, without a method.
void add_nox(Job& job) {
    RasterSpec nox;
    nox.value = [](int col, int row) { return 12.5 + col - 0.5 * row; };
    write_raster(job / "nox.tif", nox);
    job.replace("[[cumulation]]", "[[layer]]\nname = \"nox\"\npath = \"nox.tif\"\nunit = \"ug/m3\"\n\n[[cumulation]]");
}

}  // namespace

TEST_CASE("count_at_least listing a layer without a method: exit 2 naming the layers key, the layer and its method key",
          "[bad_input][unscored]") {
    Job job("unscored-count");
    add_nox(job);
    job.replace("rule = \"count_at_least\"", "rule = \"count_at_least\"\nlayers = [\"noise\", \"nox\"]");
    require_refused_before_pixels(job, 2, {"cumulation[0].layers: layer 'nox' has no method",
                                           "give it a method (layer[1].method), or leave it out of this count_at_least"});
}

TEST_CASE("count_at_least of every layer when no layer has a method: exit 2, nothing to count", "[bad_input][unscored]") {
    Job job("unscored-count-none");
    job.replace("method = \"who2018.road_lden\"\n", "");
    require_refused_before_pixels(job, 2, {"cumulation[0].layers: count_at_least counts layers at their burden level, but no layer has a method"});
}

TEST_CASE("max of a scored layer and a layer without a method: exit 2 naming both layers", "[bad_input][unscored]") {
    Job job("unscored-max-mix");
    add_nox(job);
    job.replace("rule = \"count_at_least\"", "rule = \"max\"");
    require_refused_before_pixels(job, 2, {"cumulation[0].layers: max would mix the scores of layer 'noise'",
                                           "with the raw values of layer 'nox' (it has none)", "give 'nox' a method (layer[1].method)"});
}

TEST_CASE("a categorical layer without a method: exit 2, class codes have no raw statistics", "[bad_input][unscored][categorical]") {
    Job job("unscored-categorical");
    job.replace("unit = \"dB Lden\"\nmethod = \"who2018.road_lden\"", "kind = \"categorical\"");
    job.replace("rule = \"count_at_least\"", "rule = \"max\"");
    require_refused_before_pixels(job, 2, {"layer[0].method: is missing, but layer 'noise' is categorical", "give it a class_table method"});
}

TEST_CASE("a count of every layer leaves a layer without a method out, and the run succeeds", "[bad_input][unscored]") {
    Job job("unscored-count-every");
    add_nox(job);
    const CommandResult r = job.run();
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    require_complete_outputs(job.out());
    CHECK(zone_value(job.out() / "burden.gpkg", "BU01", "count_max") == "1");  // noise only (60 dB on its 53 dB threshold)
    CHECK(zone_value(job.out() / "burden.gpkg", "BU01", "nox_min") == "8");    // 12.5 + 0 - 0.5 * 9
}

TEST_CASE("no cumulation and no layer with a method: fairness and the summary rank by the raw mean", "[bad_input][unscored][fairness]") {
    Job job("unscored-fairness");
    job.replace("method = \"who2018.road_lden\"\n", "");
    job.replace("[[cumulation]]\nname = \"count\"\nrule = \"count_at_least\"\n", "");
    job.replace("[output]", "[fairness]\nincome = \"mean_income\"\nincome_order = \"higher_is_richer\"\n"
                            "[[fairness.indicator]]\nname = \"noise\"\nfrom = \"noise_mean\"\n\n[output]");
    const CommandResult r = job.run({}, {});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "noise_mean (dB Lden)"));
    CHECK(contains(e2e::read_file(job.out() / "run.json"), "\"headline_burden\": \"noise_mean\""));
}

TEST_CASE("a health outcome on a layer without a method: its curve reads the raw values, as for any layer", "[bad_input][unscored][health]") {
    Job job("unscored-health");
    job.replace("method = \"who2018.road_lden\"\n", "");
    job.replace("[[cumulation]]\nname = \"count\"\nrule = \"count_at_least\"\n",
                "[[cumulation]]\nname = \"health\"\nrule = \"health_burden\"\n[[cumulation.outcome]]\nname = \"ha\"\nlayer = \"noise\"\n"
                "method = \"who2018.road_ha\"\ndisability_weight = 0.02\nsource = \"a test\"\n");
    const CommandResult r = job.run();
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string daly = zone_value(job.out() / "burden.gpkg", "BU01", "health_mean");
    REQUIRE(daly != "NULL");
    CHECK(std::stod(daly) > 0);  // 60 dB Lden everywhere: some highly annoyed
    CHECK(zone_value(job.out() / "burden.gpkg", "BU01", "noise_score_mean") == "(no column noise_score_mean)");
}

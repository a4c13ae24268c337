// plan_cumulation with layers without a method (README "Layers without a method"): which rules
// take them, on which values, and the ConfigError (key path, both layers, the fix) for the rest.
// The layers are planned by hand (a config and a method or none); no file is read.
#include <catch2/catch.hpp>

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/score/ClassTable.h"

using namespace burdenmap;
using Catch::Matchers::Contains;

namespace {

// A 0/1 threshold at 20 (burdened from score 1), made up for the test.
std::shared_ptr<const ScoringMethod> threshold() {
    MethodInfo info;
    info.id = "test.threshold";
    info.family = "threshold";
    info.provenance.source = "hand-made test table";
    ClassRow below, above;
    below.upper = above.lower = 20;
    above.score = 1;
    return std::make_shared<ClassTable>(info, std::vector<ClassRow>{below, above});
}

LayerPlan layer(const std::string& name, const std::string& unit, bool with_method, const std::string& group = "") {
    LayerPlan l;
    l.config.name = name;
    l.config.unit = unit;
    l.config.group = group;
    if (with_method) l.method = threshold();
    return l;
}

// noise (method), nox (none), no2 (method), pm10 (none): groups noise / air.
std::vector<LayerPlan> mixed_layers() {
    return {layer("noise", "dB Lden", true, "noise"), layer("nox", "ug/m3", false, "air"), layer("no2", "ug/m3", true, "air"),
            layer("pm10", "ug/m3", false, "air")};
}

CumulationConfig cumulation(const std::string& rule, std::vector<std::string> layers = {}, const std::string& group = "") {
    CumulationConfig c;
    c.name = "c";
    c.rule = rule;
    c.layers = std::move(layers);
    c.group = group;
    return c;
}

ConfigError refusal(const CumulationConfig& c, const std::vector<LayerPlan>& layers) {
    try {
        plan_cumulation(c, 0, layers);
    } catch (const ConfigError& e) {
        return e;
    }
    FAIL("plan_cumulation accepted the cumulation");
    return ConfigError("", "");
}

}  // namespace

TEST_CASE("count_at_least refuses a listed layer without a method, naming the key, the layer and the fix", "[plan][unscored]") {
    const ConfigError e = refusal(cumulation("count_at_least", {"noise", "nox"}), mixed_layers());
    CHECK(e.key_path() == "cumulation[0].layers");
    CHECK_THAT(std::string(e.what()), Contains("'nox' has no method") && Contains("give it a method (layer[1].method)"));
}

TEST_CASE("count_at_least of a group with a layer without a method names the group", "[plan][unscored]") {
    const ConfigError e = refusal(cumulation("count_at_least", {}, "air"), mixed_layers());
    CHECK(e.key_path() == "cumulation[0].group");
    CHECK_THAT(std::string(e.what()), Contains("'nox' has no method"));
}

TEST_CASE("count_at_least of every layer counts the layers with a method only", "[plan][unscored]") {
    const CumulationRule r = plan_cumulation(cumulation("count_at_least"), 0, mixed_layers());
    CHECK(r.layers == std::vector<std::size_t>{0, 2});
    CHECK(r.at_least == std::vector<double>{1, 1});  // each method's own level

    std::vector<LayerPlan> none{layer("nox", "ug/m3", false), layer("pm10", "ug/m3", false)};
    const ConfigError e = refusal(cumulation("count_at_least"), none);
    CHECK(e.key_path() == "cumulation[0].layers");
    CHECK_THAT(std::string(e.what()), Contains("no layer has a method"));
}

TEST_CASE("max and weighted_sum refuse to mix scores and raw values, naming both layers", "[plan][unscored]") {
    SECTION("max of listed layers") {
        const ConfigError e = refusal(cumulation("max", {"no2", "nox"}), mixed_layers());
        CHECK(e.key_path() == "cumulation[0].layers");
        CHECK_THAT(std::string(e.what()), Contains("max would mix the scores of layer 'no2'") &&
                                              Contains("raw values of layer 'nox'") && Contains("layer[1].method"));
    }
    SECTION("weighted_sum of a group") {
        CumulationConfig c = cumulation("weighted_sum", {}, "air");
        c.weights = {{"nox", 1}, {"no2", 1}, {"pm10", 1}};
        const ConfigError e = refusal(c, mixed_layers());
        CHECK(e.key_path() == "cumulation[0].group");
        CHECK_THAT(std::string(e.what()), Contains("weighted_sum would mix") && Contains("'no2'") && Contains("'nox'"));
    }
    SECTION("max of every layer") {
        const ConfigError e = refusal(cumulation("max"), mixed_layers());
        CHECK(e.key_path() == "cumulation[0].layers");
        CHECK_THAT(std::string(e.what()), Contains("'noise'") && Contains("'nox'"));
    }
}

TEST_CASE("max and weighted_sum of layers without a method work on their raw values", "[plan][unscored]") {
    const CumulationRule m = plan_cumulation(cumulation("max", {"nox", "pm10"}), 0, mixed_layers());
    CHECK(m.raw_values);
    CHECK(m.raw_unit == "ug/m3");
    CHECK(m.unit() == "ug/m3");

    // Layers of different units: no common unit to state.
    std::vector<LayerPlan> layers = mixed_layers();
    layers[3].config.unit = "ug/m3 PM10";
    CumulationConfig w = cumulation("weighted_sum", {"nox", "pm10"});
    w.weights = {{"nox", 0.5}, {"pm10", 0.5}};
    const CumulationRule ws = plan_cumulation(w, 0, layers);
    CHECK(ws.raw_values);
    CHECK(ws.raw_unit.empty());
    CHECK(ws.weights == std::vector<double>{0.5, 0.5});

    // Layers with a method keep combining scores.
    CHECK_FALSE(plan_cumulation(cumulation("max", {"noise", "no2"}), 0, mixed_layers()).raw_values);
}

TEST_CASE("energetic_sum takes a dB layer without a method (it adds raw levels either way)", "[plan][unscored]") {
    std::vector<LayerPlan> layers{layer("road", "dB Lden", true), layer("rail", "dB Lden", false)};
    const CumulationRule r = plan_cumulation(cumulation("energetic_sum"), 0, layers);
    CHECK(r.layers == std::vector<std::size_t>{0, 1});
    CHECK_FALSE(r.raw_values);
}

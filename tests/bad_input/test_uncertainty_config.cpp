// Bad uncertainty keys ([uncertainty], a layer's error, a cumulation's at_least_options and
// weights_range): `validate` exits 2 with the key path in the message, before any input is read.
// The parser's own cases, forms and defaults: tests/unit/test_uncertainty_config.cpp.
#include <catch2/catch.hpp>

#include "BadInputSupport.h"

using namespace bad;

namespace {

struct Row {
    const char* what;
    const char* from;  // replaced in the standard config by `to`
    const char* to;
    const char* message;  // the key path and what is wrong
};

const char* kLayerEnd = "method = \"who2018.road_lden\"";
const char* kOutput = "[output]";
const char* kCount = "rule = \"count_at_least\"";

const Row kRows[] = {
    {"draws 0", kOutput, "[uncertainty]\ndraws = 0\n\n[output]", "uncertainty.draws: must be between 1 and 100000"},
    {"draws 1.5", kOutput, "[uncertainty]\ndraws = 1.5\n\n[output]", "uncertainty.draws: must be an integer, not a number"},
    {"seed -1", kOutput, "[uncertainty]\nseed = -1\n\n[output]", "uncertainty.seed: must not be negative"},
    {"unknown key", kOutput, "[uncertainty]\ndraw = 100\n\n[output]", "uncertainty.draw: unknown key (known keys here: draws, seed"},
    {"unknown percentile rule", kOutput, "[uncertainty]\npercentile_options = [\"nope\"]\n\n[output]",
     "uncertainty.percentile_options[0]: 'nope' is not one of ces, cejst, ejscreen"},
    {"negative sd", kLayerEnd, "method = \"who2018.road_lden\"\nerror = { sd = -1 }", "layer[0].error.sd: must be zero or positive"},
    {"unknown scale", kLayerEnd, "method = \"who2018.road_lden\"\nerror = { sd = 2, scale = \"city\" }",
     "layer[0].error.scale: 'city' is not one of zone"},
    {"no error declared", kLayerEnd, "method = \"who2018.road_lden\"\nerror = {}", "layer[0].error: declares no error"},
    {"typo in error", kLayerEnd, "method = \"who2018.road_lden\"\nerror = { sd = 2, scael = \"study\" }",
     "layer[0].error.scael: unknown key (known keys here: sd, sd_rel, scale)"},
    {"empty at_least_options", kCount, "rule = \"count_at_least\"\nat_least_options = []", "cumulation[0].at_least_options: must not be empty"},
    {"weights_range high below low", kCount, "rule = \"weighted_sum\"\nweights_range = { noise = [2, 1] }",
     "cumulation[0].weights_range.noise: must be [low, high] with 0 < low <= high"},
    {"weights_range low 0", kCount, "rule = \"weighted_sum\"\nweights_range = { noise = [0, 1] }",
     "cumulation[0].weights_range.noise: must be [low, high] with 0 < low <= high"},
};

}  // namespace

TEST_CASE("uncertainty config: each bad form exits 2 naming the key", "[bad_input][config][uncertainty]") {
    for (const Row& row : kRows) {
        SECTION(row.what) {
            // No inputs written: a config error comes before any of them is opened.
            Job job("uncertainty-config", false);
            job.replace(row.from, row.to);
            const CommandResult r = job.validate();
            CHECK(r.exit_code == 2);
            CHECK(contains(r.err, row.message));
            CHECK(contains(r.err, "job.toml"));
        }
    }
}

TEST_CASE("uncertainty config: the keys in their accepted forms pass validate", "[bad_input][config][uncertainty]") {
    Job job("uncertainty-accepted");
    job.replace(kLayerEnd, "method = \"who2018.road_lden\"\nerror = [{ sd = 1.5 }, { sd_rel = 0.1, scale = \"study\" }]");
    job.replace(kCount, "rule = \"count_at_least\"\nat_least = 1\nat_least_options = [1, 2]");
    job.replace(kOutput, "[uncertainty]\ndraws = 50\nseed = 3\n\n[output]");
    const CommandResult r = job.validate();
    CHECK(r.exit_code == 0);
    require_nothing_written(job.out());
}

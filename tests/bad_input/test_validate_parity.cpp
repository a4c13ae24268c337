// `validate` refuses every config `run` refuses, before any pixel is read: one table with a row per
// ConfigError site the library can raise on the way to the pixels (`grep -rn "ConfigError(" lib/`),
// each run through both commands. A row is one line: a name, the text of the standard job
// (BadInputSupport) to replace, its replacement, and what the message must say (key path first).
//
// Left out, on purpose:
//  - --block-size (JobPlan, MemoryBudget): a command-line option checked against --threads, which
//    validate has no flag for; not a config key.
//  - layer[i].standard / limit / future_limit / guidelines and cumulation advisory_at
//    (SiteStandards, CheckSites): what check-sites compares with. validate checks them too, run
//    does not read them.
//  - a preset without one of its parameters (FairnessPlan, fairness.index): only a broken method
//    table can cause it; a config cannot add a preset under a shipped preset's name.
//  - `methods show` (cli/MethodsCommand): not a job.
// TomlReader::fail (every type and unknown-key error) is parse_config, the first call of both
// commands; two rows stand for all of them.
#include <catch2/catch.hpp>

#include <fstream>

#include "BadInputSupport.h"

using namespace bad;

namespace {

struct Row {
    const char* name;
    std::vector<std::pair<std::string, std::string>> edits;  // text of the standard job → its replacement
    const char* expect;  // in the message (exit 2): the key path and the start of the message
};

const std::string kFairness = "[fairness]\nincome = \"mean_income\"\nincome_order = \"higher_is_richer\"\n";
std::string indicator(const std::string& name, const std::string& from, const std::string& more = "group = \"exposures\"\n") {
    return "[[fairness.indicator]]\nname = \"" + name + "\"\nfrom = \"" + from + "\"\n" + more;
}
const std::string kNoise = indicator("noise", "noise_mean");
const std::string kTable = "[fairness.table]\npath = \"kwb.csv\"\nid = \"code\"\n";
std::string cumulation(const std::string& body) { return "[[cumulation]]\nname = \"count\"\n" + body; }
std::string outcome(const std::string& method, const std::string& more, const std::string& layer = "noise") {
    return "[[cumulation]]\nname = \"health\"\nrule = \"health_burden\"\n[[cumulation.outcome]]\nname = \"o\"\nlayer = \"" + layer +
           "\"\nmethod = \"" + method + "\"\nsource = \"a test\"\n" + more + "[output]";
}
const std::string kSecondLayer = "[[layer]]\nname = \"no2\"\npath = \"noise.tif\"\nunit = \"ug/m3\"\nmethod = \"who2018.road_lden\"\n";
const std::string kClassTable = "{ family = \"class_table\", source = \"a test\", class = [{ upper = 2, score = 0, confidence = \"verified\" }, "
                                "{ lower = 2, score = 1, confidence = \"verified\" }] }";
const char* kCount = "[[cumulation]]\nname = \"count\"\nrule = \"count_at_least\"\n";
const char* kOut = "[output]";
const char* kAR = "who2018.road_ha";
const std::string kUncertainty = "[uncertainty]\ndraws = 10\n";
const char* kRR = "who2021.pm25_mortality_rr";

const std::vector<Row>& rows() {
    static const std::vector<Row> r = {
        // parse_config (TomlReader::fail), shared by construction
        {"unknown key", {{"id = \"code\"", "id = \"code\"\nidd = 1"}}, "zones.idd: unknown key"},
        {"wrong type", {{"resolution = 10", "resolution = \"10\""}}, "study.resolution: must be a number"},
        {"study jurisdiction not a code", {{"resolution = 10", "resolution = 10\njurisdiction = \"The Netherlands\""}}, "study.jurisdiction: 'The Netherlands' is not a jurisdiction code"},
        {"inline method jurisdiction not a code", {{"method = \"who2018.road_lden\"", "method = { family = \"threshold\", jurisdiction = \"U.K.\", standard = 5, confidence = \"verified\", source = \"a test\" }"}}, "layer[0].method.jurisdiction: 'U.K.' is not a jurisdiction code"},
        {"empty study place", {{"resolution = 10", "resolution = 10\nplace = \"\""}}, "study.place: must not be empty"},
        // [zones]: "table:<column>" needs [zones] table (ConfigParser zone_field)
        {"population from no zones table", {{"population = \"inwoners\"", "population = \"table:pop_2021\""}}, "zones.population: 'table:pop_2021' reads a column of [zones] table, but no table is given"},
        {"name from no zones table", {{"name = \"naam\"", "name = \"table:LSOA11NM\""}}, "zones.name: 'table:LSOA11NM' reads a column of [zones] table"},
        {"income from no zones table", {{"{ mean_income = \"inkomen\" }", "{ mean_income = { field = \"table:hhi\", unit = \"GBP\" } }"}}, "zones.income.mean_income.field: 'table:hhi' reads a column of [zones] table"},
        {"income entry unknown key", {{"{ mean_income = \"inkomen\" }", "{ mean_income = { field = \"inkomen\", units = \"GBP\" } }"}}, "zones.income.mean_income.units: unknown key"},
        {"table column without a name", {{"population = \"inwoners\"", "population = \"table:\"\ntable = { path = \"kwb.csv\", id = \"code\" }"}}, "zones.population: 'table:' names no column"},
        {"zones table id_match unknown", {{"population = \"inwoners\"", "population = \"inwoners\"\ntable = { path = \"kwb.csv\", id = \"code\", id_match = \"fuzzy\" }"}}, "zones.table.id_match: unknown id_match 'fuzzy'"},
        {"unknown count missing", {{"rule = \"count_at_least\"", "rule = \"count_at_least\"\nmissing = \"zero\""}}, "cumulation[0].missing: 'zero' is not one of"},
        // JobPlan: the CRS, the grid, methods, layers and cumulations
        {"zone table with a path", {{"path = \"noise.tif\"", "path = \"noise.tif\"\ntable = \"kwb.csv\""}}, "layer[0].table: give either 'path'"},
        {"id on a raster layer", {{"unit = \"dB Lden\"", "unit = \"dB Lden\"\nid = \"code\""}}, "layer[0].id: applies to zone tables only"},
        {"band on a zone table", {{"path = \"noise.tif\"", "table = \"kwb.csv\"\nid = \"code\"\nvalue = \"p_low\"\nband = 2"}}, "layer[0].band: does not apply to a zone table"},
        {"zone table without a value column", {{"path = \"noise.tif\"", "table = \"kwb.csv\"\nid = \"code\""}}, "layer[0].value: is required for a zone table"},
        {"zone table without an id column", {{"path = \"noise.tif\"", "table = \"kwb.csv\"\nvalue = \"p_low\""}}, "layer[0].id: is required"},
        {"only zone tables, no resolution", {{"resolution = 10\n", ""}, {"path = \"noise.tif\"", "table = \"kwb.csv\"\nid = \"code\"\nvalue = \"p_low\""}}, "study.resolution: is required when no layer is a raster"},
        {"unknown CRS", {{"crs = \"EPSG:28992\"", "crs = \"EPSG:999999\""}}, "study.crs: CRS 'EPSG:999999' is not understood"},
        {"geographic CRS", {{"crs = \"EPSG:28992\"", "crs = \"EPSG:4326\""}}, "study.crs: the target CRS"},
        {"grid too large", {{"resolution = 10", "resolution = 0.001"}}, "study.resolution: the grid would have"},
        {"no resolution without a raster", {{"resolution = 10\n", ""}, {"path = \"noise.tif\"", "path = \"zones.gpkg\"\nlayer = \"zones\"\nvalue = \"inwoners\""}}, "study.resolution: is required"},
        {"method folder missing", {{kOut, "[methods]\ndirs = [\"no-such-folder\"]\n[output]"}}, "methods: method-table folder not found"},
        // LayerChecks, LayerKind: what a layer can be scored as
        {"unknown layer kind", {{"unit = \"dB Lden\"", "unit = \"dB Lden\"\nkind = \"categorial\""}}, "layer[0].kind: 'categorial' is not one of"},
        {"categorical layer averaged", {{"unit = \"dB Lden\"", "unit = \"dB Lden\"\nkind = \"categorical\"\nresampling = \"average\""}}, "layer[0].resampling: 'average' would blend class codes"},
        {"categorical layer on a threshold", {{"unit = \"dB Lden\"", "unit = \"dB Lden\"\nkind = \"categorical\""}}, "layer[0].method: 'who2018.road_lden' is a threshold method"},
        {"categorical layer on a curve", {{"method = \"who2018.road_lden\"", "kind = \"categorical\"\nmethod = " + kClassTable}, {kOut, outcome(kAR, "disability_weight = 0.02\n")}}, "cumulation[1].outcome[0].layer: layer 'noise' is categorical"},
        {"points as a vector layer", {{kCount, "[[layer]]\nname = \"risk\"\npath = \"points.gpkg\"\nlayer = \"points\"\nvalue = \"v\"\nmethod = \"who2018.road_lden\"\n" + std::string(kCount)}}, "layer[1]: layer 'risk'"},
        {"unknown method", {{"\"who2018.road_lden\"", "\"who2018.road_ldn\""}}, "layer[0].method: unknown method"},
        {"unknown rule", {{"rule = \"count_at_least\"", "rule = \"sum\""}}, "cumulation[0].rule: unknown cumulation rule"},
        {"cumulation layer unknown", {{kCount, cumulation("rule = \"max\"\nlayers = [\"nois\"]\n")}}, "cumulation[0].layers: no layer named 'nois'"},
        {"cumulation group unknown", {{kCount, cumulation("rule = \"max\"\ngroup = \"air\"\n")}}, "cumulation[0].group: no layer has group 'air'"},
        {"at_least layer unknown", {{kCount, cumulation("rule = \"count_at_least\"\nat_least = { nois = 3 }\n")}}, "cumulation[0].at_least.nois: no layer"},
        {"weights layer unknown", {{kCount, cumulation("rule = \"weighted_sum\"\nweights = { nois = 1 }\n")}}, "cumulation[0].weights.nois: no layer"},
        {"weighted_sum without weight", {{kCount, cumulation("rule = \"weighted_sum\"\n")}}, "cumulation[0].weights: weighted_sum needs a weight"},
        {"energetic_sum of no dB", {{kCount, kSecondLayer + cumulation("rule = \"energetic_sum\"\n")}}, "cumulation[0].layers: energetic_sum adds sound levels in dB, but layer 'no2'"},
        {"outcome layer unknown", {{kOut, outcome(kAR, "disability_weight = 0.02\n", "nois")}}, "cumulation[1].outcome[0].layer: no layer named"},
        {"outcome method not a curve", {{kOut, outcome("who2018.road_lden", "disability_weight = 0.02\n")}}, "cumulation[1].outcome[0].method: 'who2018.road_lden' is not an exposure_response"},
        {"counterfactual of an absolute curve", {{kOut, outcome(kAR, "disability_weight = 0.02\ncounterfactual = 40\n")}}, "cumulation[1].outcome[0].counterfactual: applies to relative-risk"},
        {"relative risk without baseline", {{kOut, outcome(kRR, "years_lost_per_case = 10\n")}}, "cumulation[1].outcome[0].baseline_per_1000: a relative-risk outcome"},
        {"relative risk without DALY terms", {{kOut, outcome(kRR, "baseline_per_1000 = 8.9\n")}}, "cumulation[1].outcome[0]: a relative-risk outcome needs years_lost"},
        {"absolute risk without weight", {{kOut, outcome(kAR, "")}}, "cumulation[1].outcome[0].disability_weight: an absolute-risk"},
        {"absolute risk with baseline", {{kOut, outcome(kAR, "disability_weight = 0.02\nbaseline_per_1000 = 8.9\n")}}, "cumulation[1].outcome[0]: baseline_per_1000 and"},
        // (names the parser sees are checked there; these are the health_burden breakdown bands)
        {"breakdown band named as a layer", {{"name = \"noise\"", "name = \"health_o_cases\""}, {kOut, outcome(kAR, "disability_weight = 0.02\n", "health_o_cases")}}, "cumulation: the name 'health_o_cases' is used by a layer and a cumulation band"},
        {"two bands of one name", {{kOut, "[[cumulation]]\nname = \"health_o_daly\"\nrule = \"max\"\n" + outcome(kAR, "disability_weight = 0.02\n")}}, "cumulation: two cumulation bands are named 'health_o_daly'"},
        // JobPlan: layers without a method (raw statistics only) in cumulations that need scores
        {"count of a layer without a method", {{"method = \"who2018.road_lden\"\n", ""}, {"rule = \"count_at_least\"", "rule = \"count_at_least\"\nlayers = [\"noise\"]"}}, "cumulation[0].layers: layer 'noise' has no method"},
        {"count of a group without a method", {{"method = \"who2018.road_lden\"\n", "group = \"road\"\n"}, {"rule = \"count_at_least\"", "rule = \"count_at_least\"\ngroup = \"road\""}}, "cumulation[0].group: layer 'noise' has no method"},
        {"count of every layer, none with a method", {{"method = \"who2018.road_lden\"\n", ""}}, "cumulation[0].layers: count_at_least counts layers at their burden level, but no layer has a method"},
        {"max of scores and raw values", {{kCount, "[[layer]]\nname = \"nox\"\npath = \"noise.tif\"\nunit = \"ug/m3\"\n" + cumulation("rule = \"max\"\n")}}, "cumulation[0].layers: max would mix the scores of layer 'noise'"},
        {"categorical layer without a method", {{"unit = \"dB Lden\"\nmethod = \"who2018.road_lden\"", "kind = \"categorical\""}}, "layer[0].method: is missing, but layer 'noise' is categorical"},
        // FairnessPlan: everything compute_fairness used to find out after the pixels
        {"unknown preset", {{kOut, kFairness + "index = \"ces5\"\n" + kNoise + kOut}}, "fairness.index: unknown index preset 'ces5'"},
        {"preset without implementation", {{kOut, kFairness + "index = \"local_index\"\n" + kNoise + "[methods]\ndirs = [\"extra-methods\"]\n" + kOut}}, "fairness.index: preset 'local_index' has no implementation"},
        {"income not a zones column", {{kOut, "[fairness]\nincome = \"inkomen\"\n" + std::string(kOut)}}, "fairness.income: no zones column 'inkomen'"},
        {"burden not a zones column", {{kOut, kFairness + "burden = \"stapeling_mean\"\n" + kOut}}, "fairness.burden: no zones column 'stapeling_mean'"},
        {"low-income share not a column", {{kOut, kFairness + "low_income_share = \"low_income\"\n" + kOut}}, "fairness.low_income_share: no zones column"},
        {"indicator from no column", {{kOut, kFairness + indicator("noise", "noise_avg") + kOut}}, "fairness.indicator[0].from: no zones column 'noise_avg'"},
        {"table column without a table", {{kOut, kFairness + indicator("poor", "table:p_low") + kOut}}, "fairness.indicator[0].from: 'table:p_low' reads a table column"},
        {"indicator percentile misspelt", {{kOut, kFairness + indicator("noise", "noise_mean", "percentile = \"cess\"\n") + kOut}}, "fairness.indicator[0].percentile: unknown percentile rule 'cess'"},
        {"fairness percentile misspelt", {{kOut, kFairness + "percentile = \"cejts\"\n" + kNoise + kOut}}, "fairness.percentile: unknown percentile rule 'cejts'"},
        {"CES group wrong", {{kOut, kFairness + "index = \"ces4\"\n" + indicator("noise", "noise_mean", "group = \"exposure\"\n") + kOut}}, "fairness.indicator[0].group: unknown CES component 'exposure'"},
        {"count_high without high_at", {{kOut, kFairness + "index = \"count_high\"\n" + kNoise + kOut}}, "fairness.indicator[0].high_at: count_high needs"},
        {"cejst without low-income indicator", {{kOut, kFairness + "index = \"cejst\"\n" + kNoise + kOut}}, "fairness.low_income_indicator: is required"},
        {"cejst burden without category", {{kOut, kFairness + "index = \"cejst\"\nlow_income_indicator = \"poor\"\n" + indicator("noise", "noise_mean", "") + indicator("poor", "mean_income", "direction = \"higher_is_better\"\n") + kOut}}, "fairness.indicator[0].group: cejst needs"},
        {"ejscreen without demographic index", {{kOut, kFairness + "index = \"ejscreen\"\n" + kNoise + kOut}}, "fairness.demographic_index: ejscreen needs"},
        {"ejscreen demographic index no column", {{kOut, kFairness + "index = \"ejscreen\"\ndemographic_index = \"demog\"\n" + kNoise + kOut}}, "fairness.demographic_index: no zones column 'demog'"},
        {"fairness without population", {{"population = \"inwoners\"\n", ""}, {kOut, kFairness + kOut}}, "zones.population: [fairness] forms income groups"},
        {"population weights without population", {{"population = \"inwoners\"\n", ""}, {kOut, kFairness + "income_groups = \"zones\"\npopulation_weights = true\n" + kOut}}, "fairness.population_weights: weights percentiles by residents"},
        {"unknown income_groups", {{kOut, kFairness + "income_groups = \"people\"\n" + kOut}}, "fairness.income_groups: must be residents"},
        {"unknown id_match", {{kOut, kFairness + kTable + "id_match = \"fuzzy\"\n" + kOut}}, "fairness.table.id_match: unknown id_match 'fuzzy'"},
        {"supplemental index no column", {{kOut, kFairness + "index = \"ejscreen\"\ndemographic_index = \"mean_income\"\nsupplemental_index = \"supp\"\n" + kNoise + kOut}}, "fairness.supplemental_index: no zones column 'supp'"},
        // OutputNames: outputs that would overwrite each other or land in a method folder
        {"two outputs of one name", {{"dir = \"out\"", "dir = \"out\"\ngeopackage = \"burden.tif\""}}, "output.geopackage: 'burden.tif' is also the name of"},
        {"GeoPackage named like the zones CSV", {{"dir = \"out\"", "dir = \"out\"\ngeopackage = \"Zones.csv\""}}, "output.geopackage: 'Zones.csv' is also the name of the zones table as CSV (output.csv, 'zones.csv'"},
        {"output named like the raster style", {{"dir = \"out\"", "dir = \"out\"\nmanifest = \"burden.qml\""}}, "output.manifest: 'burden.qml' is also the name of"},
        // LayerKind: a categorical layer with a value check-sites compares (run refuses it too)
        // UncertaintyPlan: a source without [uncertainty], a weight range of no layer of the sum, a ranked column no draw can
        // redo (a source on the wrong rule is refused by the parser: tests/bad_input/test_uncertainty_config.cpp)
        {"layer error without [uncertainty]", {{"method = \"who2018.road_lden\"\n", "method = \"who2018.road_lden\"\nerror = { sd = 2 }\n"}}, "layer[noise].error: gives an input error, but the config has no [uncertainty]"},
        {"at_least_options without [uncertainty]", {{"rule = \"count_at_least\"", "rule = \"count_at_least\"\nat_least_options = [1]"}}, "cumulation[count].at_least_options: needs an [uncertainty] section"},
        {"weights_range of a layer not in the sum", {{"rule = \"count_at_least\"", "rule = \"weighted_sum\"\nweights = { noise = 1 }\nweights_range = { nois = [1, 2] }"}, {kOut, kUncertainty + kOut}}, "cumulation[count].weights_range.nois: 'nois' is not a layer"},
        {"percentile_options without an index", {{kOut, "[uncertainty]\npercentile_options = [\"ces\"]\n" + std::string(kOut)}}, "uncertainty.percentile_options: draws the percentile rule of a fairness index"},
        {"ranked energetic sum over a layer with error", {{"method = \"who2018.road_lden\"\n", "method = \"who2018.road_lden\"\nerror = { sd = 2 }\n"}, {"rule = \"count_at_least\"", "rule = \"energetic_sum\""}, {kOut, kUncertainty + kOut}}, "the zones column 'count_mean' changes with layer[noise].error, but the draws cannot redo it"},
        {"categorical layer with a limit", {{"method = \"who2018.road_lden\"", "kind = \"categorical\"\nmethod = " + kClassTable + "\nlimit = \"who2018.road_lden\""}}, "layer[0].limit: 'who2018.road_lden' would compare class codes"},
    };
    return r;
}

// The extra files some rows refer to: a joined table, a method table with a preset that has no
// implementation, and points where a vector layer needs polygons.
void write_extras(const Job& job) {
    ZoneSpec points;
    points.layer = "points";
    points.fields = {{"v", OFTReal}};
    points.features = {{"POINT (155050 463050)", {"60"}}, {"POINT (155150 463150)", {"70"}}};
    write_zones(job / "points.gpkg", points);
    std::ofstream(job / "kwb.csv") << "code;p_low\nBU01;10\nBU02;20\nBU03;30\nBU04;40\n";
    fs::create_directories(job / "extra-methods");
    std::ofstream(job / "extra-methods" / "local.toml")
        << "schema = 1\n[[index]]\nid = \"local_index\"\npercentile = \"ces\"\nconfidence = \"placeholder\"\nsource = \"a test\"\n";
}

}  // namespace

TEST_CASE("validate = run: every config error run raises, validate raises too, naming the same key", "[bad_input][parity]") {
    for (const Row& row : rows()) {
        INFO("row: " << row.name);
        Job job(std::string("parity-") + std::to_string(&row - rows().data()));
        write_extras(job);
        for (const auto& [from, to] : row.edits) job.replace(from, to);
        INFO("config:\n" << job.config);
#ifdef BURDENMAP_SANITIZED
        // Under the sanitizers (where this test took 111 s of CI): `run` alone, the path every row's
        // error takes; that `validate` refuses the same rows is logic, checked in the other builds.
        const CommandResult r = job.run();
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, row.expect));
        require_nothing_written(job.out());
#else
        require_refused_before_pixels(job, 2, {row.expect});
#endif
    }
}

TEST_CASE("validate reads the joined table's header: a missing column or id column exits 1 naming the file", "[bad_input][parity]") {
    for (const auto& [column, id, field] : {std::tuple<const char*, const char*, const char*>{"p_lowest", "code", "p_lowest"},
                                            {"p_low", "gwb_code", "gwb_code"}}) {
        Job job(std::string("parity-table-") + field);
        write_extras(job);
        job.replace(kOut, kFairness + indicator("poor", std::string("table:") + column, "") + "[fairness.table]\npath = \"kwb.csv\"\nid = \"" + id +
                              "\"\n" + kOut);
        require_refused_before_pixels(job, 1, {"kwb.csv", std::string("field '") + field + "' not found; fields are: code, p_low"});
    }
}

TEST_CASE("validate prints the fairness plan: preset, each indicator's column and rule, the join", "[bad_input][parity]") {
    Job job("parity-plan");
    write_extras(job);
    job.replace(kOut, kFairness + "index = \"nl_default\"\n" + kNoise + indicator("poor", "table:p_low", "group = \"socioeconomic_factors\"\n") +
                          kTable + kOut);
    const CommandResult v = job.validate();
    REQUIRE(v.exit_code == 0);
    CHECK(contains(v.out, "Fairness:"));
    CHECK(contains(v.out, "index nl_default"));
    CHECK(contains(v.out, "fairness.indicator[0]: zones column noise_mean, percentile rule ces"));
    CHECK(contains(v.out, "fairness.indicator[1]: table column"));
    CHECK(contains(v.out, "4 of 4 zones matched"));
}

// Bad configs: every one exits 2 (usage or config error) with the key path in the message, before
// any input is read or output written. And the good-but-unusual: a config run from another
// working directory resolves its relative paths against its own folder.
#include <catch2/catch.hpp>

#include <fstream>

#include "BadInputSupport.h"

using namespace bad;

namespace {

void require_config_error(const Job& job, const CommandResult& r, const std::string& key, const std::string& what = "") {
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, key));
    if (!what.empty()) CHECK(contains(r.err, what));
    require_nothing_written(job.out());
}

// A method folder methods/ with local.toml: one threshold method local.x with `keys` after its
// family, which the job's [methods] dirs names.
void use_local_method_table(Job& job, const std::string& keys) {
    fs::create_directories(job / "methods");
    std::ofstream(job / "methods" / "local.toml") << "schema = 1\n[[method]]\nid = \"local.x\"\nfamily = \"threshold\"\n" + keys +
                                                         "source = \"me\"\nconfidence = \"verified\"\n";
    job.replace("[output]", "[methods]\ndirs = [\"methods\"]\n\n[output]");
}

}  // namespace

TEST_CASE("config: an unknown key exits 2, names the key path and lists the known keys", "[bad_input][config]") {
    Job job("config-unknown-key");
    job.replace("id = \"code\"", "id = \"code\"\nidd = \"code\"");
    require_config_error(job, job.run(), "zones.idd", "unknown key (known keys here: path, layer, id");
}

TEST_CASE("config: an unknown section exits 2 and names it", "[bad_input][config]") {
    Job job("config-unknown-section");
    job.replace("[output]", "[outputs]");
    require_config_error(job, job.run(), "outputs: unknown key");
}

TEST_CASE("config: a wrong type exits 2 naming the key and both types", "[bad_input][config]") {
    Job job("config-wrong-type");
    job.replace("resolution = 10", "resolution = \"10\"");
    require_config_error(job, job.run(), "study.resolution: must be a number, not a string");
}

TEST_CASE("config: a wrong type inside an array exits 2 naming the element", "[bad_input][config]") {
    Job job("config-wrong-array-type");
    job.replace("nodata_values = [-99999999, -99999997]", "nodata_values = [-99999999, \"-99999997\"]");
    require_config_error(job, job.run(), "zones.nodata_values[1]: must be a number, not a string");
}

TEST_CASE("config: a [[layer]] written as [layer] exits 2", "[bad_input][config]") {
    Job job("config-layer-table");
    job.replace("[[layer]]", "[layer]");
    require_config_error(job, job.run(), "layer: must be an array of tables ([[layer]])");
}

TEST_CASE("config: an unknown method exits 2, names the layer key and suggests the closest", "[bad_input][config]") {
    Job job("config-unknown-method");
    job.replace("\"who2018.road_lden\"", "\"who2018.road_ldn\"");
    require_config_error(job, job.run(), "layer[0].method: unknown method 'who2018.road_ldn'", "did you mean: who2018.road_lden");
}

TEST_CASE("config: an unknown cumulation rule exits 2 naming the key", "[bad_input][config]") {
    Job job("config-unknown-rule");
    job.replace("rule = \"count_at_least\"", "rule = \"sum\"");
    require_config_error(job, job.run(), "cumulation[0].rule");
}

TEST_CASE("config: a missing [zones] section exits 2 and says what it needs", "[bad_input][config]") {
    Job job("config-no-zones");
    const auto from = job.config.find("[zones]"), to = job.config.find("[[layer]]");
    job.config.erase(from, to - from);
    require_config_error(job, job.run(), "zones: section is required");
}

TEST_CASE("config: no [[layer]] exits 2", "[bad_input][config]") {
    Job job("config-no-layer");
    const auto from = job.config.find("[[layer]]"), to = job.config.find("[output]");
    job.config.erase(from, to - from);
    require_config_error(job, job.run(), "layer: at least one [[layer]] is required");
}

TEST_CASE("config: a required key missing exits 2 naming it", "[bad_input][config]") {
    Job job("config-no-id");
    job.replace("id = \"code\"\n", "");
    require_config_error(job, job.run(), "zones.id: is required");
}

TEST_CASE("config: a TOML syntax error exits 2 with file, line and column", "[bad_input][config]") {
    Job job("config-syntax");
    job.replace("resolution = 10", "resolution = = 10");
    const CommandResult r = job.run();
    require_config_error(job, r, "job.toml:4:");
}

TEST_CASE("config: a binary file as config exits 2", "[bad_input][config]") {
    Job job("config-binary");
    job.config = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    require_config_error(job, job.run(), "job.toml");
}

TEST_CASE("config: a missing config file exits 2 and names it", "[bad_input][config]") {
    Job job("config-missing", false);
    const CommandResult r = e2e::run_burdenmap({"run", (job / "nope.toml").string()});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "nope.toml"));
}

TEST_CASE("config: an unknown CRS exits 2 naming study.crs", "[bad_input][config]") {
    Job job("config-bad-crs");
    job.replace("\"EPSG:28992\"", "\"EPSG:999999\"");
    require_config_error(job, job.run(), "study.crs", "EPSG:999999");
}

TEST_CASE("config: a geographic target CRS exits 2 naming study.crs", "[bad_input][config]") {
    Job job("config-geographic-crs");
    job.replace("\"EPSG:28992\"", "\"EPSG:4326\"");
    require_config_error(job, job.run(), "study.crs", "geographic");
}

TEST_CASE("config: bad values exit 2 naming the key", "[bad_input][config]") {
    Job job("config-bad-values");
    SECTION("negative resolution") {
        job.replace("resolution = 10", "resolution = -10");
        require_config_error(job, job.run(), "study.resolution: must be positive");
    }
    SECTION("an infinite resolution (TOML inf): refused, not a grid of NaN cells") {
        job.replace("resolution = 10", "resolution = inf");
        require_config_error(job, job.run(), "study.resolution: must be positive and finite");
    }
    SECTION("a band number beyond any int: refused, not wrapped round to band 1") {
        job.replace("unit = \"dB Lden\"", "unit = \"dB Lden\"\nband = 4294967297");
        require_config_error(job, job.run(), "layer[0].band: must be between 1 and 65535");
    }
    SECTION("a layer name that cannot be a column name") {
        job.replace("name = \"noise\"", "name = \"Road Noise\"");
        require_config_error(job, job.run(), "layer[0].name", "not a valid name");
    }
    SECTION("an output name with a folder") {
        job.replace("dir = \"out\"", "dir = \"out\"\ngeotiff = \"sub/burden.tif\"");
        require_config_error(job, job.run(), "output.geotiff", "plain file name");
    }
    SECTION("an inverted extent") {
        job.replace("resolution = 10", "resolution = 10\nextent = [155200, 463000, 155000, 463200]");
        require_config_error(job, job.run(), "study.extent");
    }
}

TEST_CASE("config: an absurd class score is refused (exit 2), not 2e9 population classes per zone", "[bad_input][config]") {
    // Found by fuzzing the method-table parser (tests/resources/fuzz/method_table/): a score of
    // 2e9 made the run allocate a class counter per score for every zone and band.
    Job job("config-absurd-score");
    job.replace("method = \"who2018.road_lden\"\n",
                "[layer.method]\nfamily = \"class_table\"\nsource = \"local rule\"\n"
                "[[layer.method.class]]\nupper = 55\nscore = 0\nconfidence = \"verified\"\n"
                "[[layer.method.class]]\nlower = 55\nscore = 2000000000\nconfidence = \"verified\"\n");
    require_config_error(job, job.run(), "layer[0].method.class[1].score: must be between 0 and 100");
}

TEST_CASE("config: a broken method table exits 2 naming its file and key path", "[bad_input][config]") {
    Job job("config-bad-method-table");
    use_local_method_table(job, "jurisdiction = \"NL\"\nstandard = \"high\"\n");
    require_config_error(job, job.run(), "local.toml", "method[0].standard");
}

TEST_CASE("config: a method table without jurisdiction exits 2 naming its file and method id", "[bad_input][config][jurisdiction]") {
    Job job("config-method-without-jurisdiction");
    use_local_method_table(job, "standard = 60\n");
    require_config_error(job, job.run(), "local.toml", "method[0].jurisdiction: is required: method 'local.x'");
    require_config_error(job, job.validate(), "local.toml", "method[0].jurisdiction");
}

TEST_CASE("config: relative paths resolve against the config's folder from any working directory", "[bad_input][config]") {
    Job job("config-relative");
    job.write_config();
    // From the filesystem root, with the config given by an absolute path, and from the config's
    // parent folder with a relative one; no --output-dir: [output] dir = "out" is the config's.
    const std::string bin = shell_quote(burdenmap_binary());
    const CommandResult a = run_shell("cd / && " + bin + " --quiet run " + shell_quote(job.config_path().string()));
    CHECK(a.exit_code == 0);
    require_complete_outputs(job.out());
    const std::string sub = job.dir().filename().string();
    const CommandResult b = run_shell("cd " + shell_quote(job.dir().parent_path().string()) + " && " + bin +
                                      " --quiet run --overwrite " + shell_quote(sub + "/job.toml"));
    CHECK(b.exit_code == 0);
    require_complete_outputs(job.out());
    CHECK_FALSE(fs::exists(fs::path("/out")));
}

TEST_CASE("config: missing other than skip or nodata exits 2 naming cumulation[0].missing", "[bad_input][config][count-incomplete]") {
    Job job("count-missing-bad");
    job.replace("rule = \"count_at_least\"", "rule = \"count_at_least\"\nmissing = \"zero\"");
    require_config_error(job, job.run(), "cumulation[0].missing", "'zero' is not one of skip");
}

TEST_CASE("config: missing on a rule other than count_at_least exits 2 naming the key", "[bad_input][config][count-incomplete]") {
    Job job("count-missing-rule");
    job.replace("rule = \"count_at_least\"", "rule = \"max\"\nmissing = \"nodata\"");
    require_config_error(job, job.run(), "cumulation[0].missing", "applies to rule = \"count_at_least\" only");
}

TEST_CASE("config: a misspelt rule with missing names the rule, not 'remove missing'", "[bad_input][config][count-incomplete]") {
    Job job("count-missing-misspelt-rule");
    job.replace("rule = \"count_at_least\"", "rule = \"count_atleast\"\nmissing = \"nodata\"");
    const CommandResult r = job.run();
    require_config_error(job, r, "cumulation[0].rule", "unknown cumulation rule 'count_atleast' (known: count_at_least,");
    CHECK_FALSE(contains(r.err, "remove it"));
}

TEST_CASE("config: energetic_sum takes any spelling of dB and refuses a layer in another unit", "[bad_input][config][units]") {
    Job job("energetic-sum-units");
    job.replace("[output]", "[[cumulation]]\nname = \"noise_sum\"\nrule = \"energetic_sum\"\n\n[output]");
    SECTION("DB(A) is a sound level") {
        job.replace("unit = \"dB Lden\"", "unit = \"DB(A)\"");
        CHECK(job.run().exit_code == 0);
        require_complete_outputs(job.out());
    }
    SECTION("ug/m3 is not") {
        job.replace("unit = \"dB Lden\"", "unit = \"ug/m3\"");
        require_config_error(job, job.run(), "cumulation[1].layers",
                             "energetic_sum adds sound levels in dB, but layer 'noise' has unit 'ug/m3'");
    }
}

// `burdenmap compare` end to end on one demo run (made once, shared by the sections): a run
// compared with a copy of itself changes nothing; runs on another grid or with other zones, an
// output folder inside a run's, existing outputs and bad usage are refused, naming the difference.
#include <catch2/catch.hpp>
#include <gdal.h>

#include <cmath>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "E2eSupport.h"
#include "support/TestValues.h"

using namespace e2e;
namespace fs = std::filesystem;

namespace {

using burdenmap::test::contains;

// The file names in a folder: compare's outputs and nothing else (no temp file left behind).
std::set<std::string> file_names(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
    return out;
}

const std::set<std::string> compare_outputs = {"compare.gpkg", "compare.json", "zones.csv", "class_shift.csv", "transitions.csv",
                                               "by_income.csv", "delta.tif", "delta.qml"};

// A copy of a run folder: run.json still names the original's files by absolute path, so compare
// must read the copy's own (the fallback to the same file name inside the folder).
fs::path copy_run(const fs::path& from, const fs::path& to) {
    fs::copy(from, to, fs::copy_options::recursive);
    return to;
}

void edit_run_json(const fs::path& run, const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json j;
    {
        std::ifstream in(run / "run.json");
        j = nlohmann::json::parse(in);
    }
    edit(j);
    std::ofstream(run / "run.json") << j.dump(2);
}

// Renames one zone of the run's GeoPackage (SQL on the zones layer).
void rename_first_zone(const fs::path& run, const std::string& id) {
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx((run / "burden.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
    REQUIRE(ds);
    const std::string sql = "UPDATE zones SET zone_id = '" + id + "' WHERE fid = (SELECT MIN(fid) FROM zones)";
    OGRLayerH result = GDALDatasetExecuteSQL(ds, sql.c_str(), nullptr, "SQLITE");
    if (result) GDALDatasetReleaseResultSet(ds, result);
    GDALClose(ds);
}

}  // namespace

TEST_CASE("compare: a run against a copy of itself, and the runs and folders it refuses", "[e2e][compare]") {
    static TempDir shared("compare-demo");
    static const fs::path base = shared / "base";
    static const bool ran = [] {
        const CommandResult run = run_burdenmap({"--quiet", "run", demo_config(), "--output-dir", base.string()});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        return true;
    }();
    REQUIRE(ran);
    TempDir dir("compare");
    const fs::path plan = copy_run(base, dir / "plan");

    SECTION("with itself: every difference 0, every zone the same, class tables equal") {
        const fs::path out = dir / "cmp";
        const CommandResult cmp = run_burdenmap({"compare", base.string(), plan.string(), "--output-dir", out.string(), "--labels", "same"});
        INFO(cmp.err);
        REQUIRE(cmp.exit_code == 0);
        CHECK(contains(cmp.out, "residents better off 0, the same "));
        CHECK(contains(cmp.out, "worse off 0"));
        CHECK(contains(cmp.out, "compare.gpkg"));
        const auto zones = parse_csv(read_file(out / "zones.csv"));
        REQUIRE(zones.size() == 87);  // header + the demo's 86 zones
        std::size_t deltas = 0, changes = 0;
        for (std::size_t c = 0; c < zones[0].size(); ++c) {
            const std::string& name = zones[0][c];
            const bool delta = contains(name, "_delta_same");
            const bool change = name.rfind("change_", 0) == 0;
            deltas += delta;
            changes += change;
            for (std::size_t row = 1; row < zones.size(); ++row) {
                INFO(name << " row " << row);
                if (delta && !zones[row][c].empty()) CHECK(std::stod(zones[row][c]) == 0.0);
                if (change && !zones[row][c].empty()) CHECK(zones[row][c] == "same");
            }
        }
        CHECK(deltas > 50);
        CHECK(changes == 2);  // change_stapeling_same, change_noise_cum_same
        CHECK(zones[0][0] == "zone_id");
        // A fairness column named like a layer (no2_air_value beside layer no2) is no statistic.
        CHECK(std::find(zones[0].begin(), zones[0].end(), "no2_air_value_same") == zones[0].end());
        CHECK(std::find(zones[0].begin(), zones[0].end(), "no2_pop_mean_delta_same") != zones[0].end());

        const auto shift = parse_csv(read_file(out / "class_shift.csv"));
        REQUIRE(shift.size() > 10);
        CHECK(shift[0] == std::vector<std::string>{"measure", "kind", "class", "class_label", "base", "same", "same_difference"});
        for (std::size_t r = 1; r < shift.size(); ++r) {
            CHECK(shift[r][4] == shift[r][5]);
            CHECK(std::stod(shift[r][6]) == 0.0);
        }
        const auto by_income = parse_csv(read_file(out / "by_income.csv"));
        REQUIRE(by_income.size() > 5);
        for (std::size_t r = 1; r < by_income.size(); ++r) {
            CHECK(by_income[r][5] == by_income[r][6]);  // mean_base == mean_plan
            CHECK(std::stod(by_income[r][7]) == 0.0);
        }
        // Cells: no resident changes class, every cell difference is 0 (or no data).
        const auto transitions = parse_csv(read_file(out / "transitions.csv"));
        REQUIRE(transitions.size() > 10);
        CHECK(transitions[0] == std::vector<std::string>{"measure", "label", "from_class", "to_class", "residents"});
        for (std::size_t row = 1; row < transitions.size(); ++row) CHECK(transitions[row][2] == transitions[row][3]);
        const auto bands = read_bands(out / "delta.tif");
        CHECK(bands.size() == 7);  // stapeling, noise_cum and the five layer scores
        std::size_t zeros = 0, others = 0;
        for (const auto& band : bands)
            for (float v : band) {
                zeros += v == 0.0f;
                others += !std::isnan(v) && v != 0.0f;
            }
        CHECK(others == 0);
        CHECK(zeros > 7u * 600000u);
        // The GeoPackage holds the same tables, the zones with the base's shapes.
        CHECK(read_layer(out / "compare.gpkg", "zones").size() == 86);
        CHECK(read_layer(out / "compare.gpkg", "class_shift").size() == shift.size() - 1);
        CHECK(!read_layer(out / "compare.gpkg", "codebook").empty());
        const auto manifest = nlohmann::json::parse(read_file(out / "compare.json"));
        CHECK(manifest["labels"] == nlohmann::json::array({"same"}));
        CHECK(manifest["summaries"][0]["headline"] == "stapeling");
        CHECK(manifest["summaries"][0]["residents_worse"] == 0.0);
        CHECK(manifest["alternatives"][0]["sha256"] == manifest["base"]["sha256"]);
        CHECK(file_names(out) == compare_outputs);

        // Existing outputs: refused without --overwrite, replaced with it; --json prints compare.json.
        const CommandResult again = run_burdenmap({"compare", base.string(), plan.string(), "--output-dir", out.string()});
        CHECK(again.exit_code == 1);
        CHECK(contains(again.err, "exists; pass --overwrite"));
        const CommandResult json = run_burdenmap({"compare", base.string(), plan.string(), "--output-dir", out.string(), "--overwrite", "--json",
                                                  "--tolerance", "dB=1"});
        INFO(json.err);
        REQUIRE(json.exit_code == 0);
        const auto printed = nlohmann::json::parse(json.out);
        CHECK(printed["measures"][1]["name"] == "noise_cum");
        CHECK(printed["measures"][1]["tolerance"] == 1.0);
        CHECK(file_names(out) == compare_outputs);
    }

    SECTION("another grid is refused, naming the difference") {
        edit_run_json(plan, [](nlohmann::json& j) { j["grid"]["extent"][2] = j["grid"]["extent"][2].get<double>() + 10; });
        const CommandResult r = run_burdenmap({"compare", base.string(), plan.string(), "--output-dir", (dir / "cmp").string()});
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err, plan.string()));
        CHECK(contains(r.err, "not on the base run's grid"));
        CHECK(contains(r.err, "extent 150000 440000 158000 448000 vs 150000 440000 158010 448000"));
        CHECK_FALSE(fs::exists(dir / "cmp" / "compare.gpkg"));
    }

    SECTION("other zone ids are refused, naming them") {
        rename_first_zone(plan, "XX_NEW");
        const CommandResult r = run_burdenmap({"compare", base.string(), plan.string(), "--output-dir", (dir / "cmp").string()});
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err, "its zones are not the base run's"));
        CHECK(contains(r.err, "1 zone id(s) of the plan not in the base: 'XX_NEW'"));
        CHECK(contains(r.err, "1 zone id(s) of the base not in the plan: '"));
        CHECK_FALSE(fs::exists(dir / "cmp" / "compare.gpkg"));
    }

    SECTION("a plan with a cumulation the base lacks: the shared ones compared, the extra one named") {
        edit_run_json(plan, [](nlohmann::json& j) {
            j["cumulations"].push_back({{"name", "extra_cum"}, {"rule", "max"}, {"unit", "class"}, {"layers", {"no2"}}});
        });
        const CommandResult r = run_burdenmap({"compare", base.string(), plan.string(), "--output-dir", (dir / "cmp").string()});
        INFO(r.err);
        CHECK(r.exit_code == 0);
        CHECK(contains(r.err, "left out of the comparison: extra_cum"));
    }

    SECTION("folders it never writes into or compares") {
        const CommandResult inside = run_burdenmap({"compare", base.string(), plan.string(), "--output-dir", (plan / "cmp").string()});
        CHECK(inside.exit_code == 1);
        CHECK(contains(inside.err, "inside the run folder"));
        CHECK_FALSE(fs::exists(plan / "cmp"));
        const CommandResult twice = run_burdenmap({"compare", base.string(), base.string(), "--output-dir", (dir / "cmp").string()});
        CHECK(twice.exit_code == 1);
        CHECK(contains(twice.err, "the base run's folder itself"));
        const CommandResult not_run = run_burdenmap({"compare", base.string(), dir.path().string(), "--output-dir", (dir / "cmp").string()});
        CHECK(not_run.exit_code == 1);
        CHECK(contains(not_run.err, "not a run folder (no run.json"));
    }

    SECTION("bad usage exits 2 naming the option") {
        const CommandResult one = run_burdenmap({"compare", base.string(), "--output-dir", (dir / "cmp").string()});
        CHECK(one.exit_code == 2);
        CHECK(contains(one.err, "runs: give the base run's folder and at least one plan's"));
        const CommandResult tol = run_burdenmap({"compare", base.string(), plan.string(), "--output-dir", (dir / "cmp").string(),
                                                 "--tolerance", "dB"});
        CHECK(tol.exit_code == 2);
        CHECK(contains(tol.err, "--tolerance: 'dB' is not NAME_OR_UNIT=VALUE"));
        const CommandResult labels = run_burdenmap({"compare", base.string(), plan.string(), "--output-dir", (dir / "cmp").string(),
                                                    "--labels", "Plan A"});
        CHECK(labels.exit_code == 2);
        CHECK(contains(labels.err, "--labels: label 'Plan A' does not start with a lowercase letter"));
    }
}

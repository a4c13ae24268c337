// The demo's plan comparison end to end (issue 16 item 4): the current situation (demo.toml), the
// noise screen along the motorway (plan-screen.toml) and the new housing area by the railway
// (plan-housing.toml) are run as scripts/demo runs them and compared with `burdenmap compare`.
// Checked: the GES comparison table of road noise against a reviewed golden, and what each plan
// is made to change — the screen lowers road noise and raises it nowhere, the housing plan adds
// exactly its new residents.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "E2eSupport.h"

using namespace e2e;

namespace {

// The alternatives' column labels: the slugs of their [study] names.
const std::string screen_label = "noise_screen_a99";
const std::string housing_label = "housing_by_the_railway";

std::string demo_file(const std::string& name) { return source_dir() + "/data/demo/" + name; }

void run_config(const std::string& config, const std::filesystem::path& out) {
    const CommandResult r = run_burdenmap({"--quiet", "run", config, "--output-dir", out.string()});
    INFO(config << ": " << r.err);
    REQUIRE(r.exit_code == 0);
}

bool is_number(const std::string& s, double& value) {
    char* end = nullptr;
    value = std::strtod(s.c_str(), &end);
    return !s.empty() && end == s.c_str() + s.size();
}

// The total of a numeric column over rows (NULL counts nothing).
double column_sum(const std::vector<std::map<std::string, std::string>>& rows, const std::string& column) {
    double sum = 0;
    for (const auto& row : rows) {
        REQUIRE(row.count(column));
        double v = 0;
        if (is_number(row.at(column), v)) sum += v;
    }
    return sum;
}

// The three runs as scripts/demo runs them, and their comparison.
struct DemoComparison {
    TempDir dir{"demo-compare"};
    CommandResult compare;
    DemoComparison() {
        run_config(demo_config(), dir / "base");
        run_config(demo_file("plan-screen.toml"), dir / "screen");
        run_config(demo_file("plan-housing.toml"), dir / "housing");
        compare = run_burdenmap({"--quiet", "compare", (dir / "base").string(), (dir / "screen").string(),
                                 (dir / "housing").string(), "--output-dir", (dir / "compare").string()});
    }
    std::filesystem::path gpkg() const { return dir / "compare" / "compare.gpkg"; }
};

// The GES comparison table of road noise: residents per class in the base and in each plan.
void check_class_shift_golden(const DemoComparison& c) {
    std::vector<std::map<std::string, std::string>> rows;
    for (const auto& row : read_layer(c.gpkg(), "class_shift"))
        if (row.count("measure") && row.at("measure") == "road_noise_score") rows.push_back(row);

    // tests/resources/demo_compare_class_shift_golden.csv: written by scripts/update-goldens from a
    // reviewed comparison. Residents are sums of coverage fractions x density: compared to 1e-6
    // relative (libm and compiler differences between builds), text columns exactly.
    const auto golden = parse_csv(read_file(source_dir() + "/tests/resources/demo_compare_class_shift_golden.csv"));
    REQUIRE(golden.size() > 1);
    REQUIRE(rows.size() == golden.size() - 1);
    const auto& header = golden[0];
    for (std::size_t i = 1; i < golden.size(); ++i) {
        for (std::size_t col = 0; col < header.size(); ++col) {
            INFO("row " << i << " column " << header[col]);
            REQUIRE(rows[i - 1].count(header[col]));
            std::string actual = rows[i - 1].at(header[col]), expected = golden[i][col];
            if (actual == "NULL") actual.clear();  // parse_csv reads NULL and "" alike
            double a = 0, e = 0;
            if (is_number(actual, a) && is_number(expected, e))
                CHECK(std::fabs(a - e) <= 1e-6 * (1.0 + std::fabs(e)));
            else
                CHECK(actual == expected);
        }
    }
}

// The noise screen lowers road noise behind it and raises it nowhere.
void check_screen(const DemoComparison& c) {
    const auto zones = read_layer(c.gpkg(), "zones");
    REQUIRE(zones.size() == 86);
    const std::string column = "road_noise_mean_delta_" + screen_label;
    int lower = 0;
    for (const auto& zone : zones) {
        INFO("zone " << zone.at("zone_id") << " " << column);
        REQUIRE(zone.count(column));
        double delta = 0;
        REQUIRE(is_number(zone.at(column), delta));  // every demo buurt has road-noise data
        CHECK(delta <= 0.0);
        if (delta < -1.0) ++lower;
    }
    // The screen stands along 3.5 km of the A99 past Vestingbuurt, Kastanjeveld, Kastanjelaan and
    // Bleekerf: each of those buurten is more than 1 dB quieter on average (data/demo/README.md).
    CHECK(lower >= 4);
    // The housing plan changes no map: its road noise is the base's.
    const std::string housing_column = "road_noise_mean_delta_" + housing_label;
    for (const auto& zone : zones) {
        INFO("zone " << zone.at("zone_id"));
        REQUIRE(zone.count(housing_column));
        double delta = 1;
        REQUIRE(is_number(zone.at(housing_column), delta));
        CHECK(delta == 0.0);
    }
}

// The housing plan adds exactly its new residents.
void check_housing(const DemoComparison& c) {
    // The new residents as the plan's table gives them (Spoorzicht +1,800, Vaarthof +1,200).
    const auto table = parse_csv(read_file(demo_file("plan_housing_residents.csv")));
    REQUIRE(table.size() == 87);
    REQUIRE(table[0][3] == "nieuwe_inwoners");
    double added = 0;
    for (std::size_t i = 1; i < table.size(); ++i) added += std::stod(table[i][3]);
    CHECK(added == 3000);

    // The runs: the zones' population rises by exactly that (CBS counts are whole numbers).
    const double base_total = column_sum(read_zones(c.dir / "base" / "burden.gpkg"), "population");
    CHECK(column_sum(read_zones(c.dir / "housing" / "burden.gpkg"), "population") - base_total == added);
    CHECK(column_sum(read_zones(c.dir / "screen" / "burden.gpkg"), "population") == base_total);

    // compare: the zones' population deltas, and the residents per road-noise class, add up to that
    // many more in the housing plan (the new buurten's cells all have road-noise data) and to the
    // same in the screen plan.
    const auto zones = read_layer(c.gpkg(), "zones");
    CHECK(column_sum(zones, "population_delta_" + housing_label) == added);
    CHECK(column_sum(zones, "population_delta_" + screen_label) == 0);
    std::vector<std::map<std::string, std::string>> classes;
    for (const auto& row : read_layer(c.gpkg(), "class_shift"))
        if (row.at("measure") == "road_noise_score" && row.at("kind") == "class") classes.push_back(row);
    REQUIRE(!classes.empty());
    const double base_residents = column_sum(classes, "base");
    CHECK(std::fabs(column_sum(classes, housing_label) - base_residents - added) <= 1e-6 * base_residents);
    CHECK(std::fabs(column_sum(classes, screen_label) - base_residents) <= 1e-6 * base_residents);
}

}  // namespace

// One test case, not three: ctest runs each in its own process, and the runs cost a few seconds.
TEST_CASE("the demo's plan comparison: the golden class shift, the screen's and the housing plan's changes",
          "[e2e][demo][compare]") {
    const DemoComparison c;
    INFO(c.compare.err);
    REQUIRE(c.compare.exit_code == 0);
    check_class_shift_golden(c);
    check_screen(c);
    check_housing(c);
}

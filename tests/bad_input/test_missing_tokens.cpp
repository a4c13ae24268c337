// Text tokens for missing values (nodata_values = ["NA", "n/a"]) in the text fields of the zones
// and of a joined table: listed tokens become NULL, CBS "." (and "-", "") as always; a token that is
// not listed stays an error naming the field, the zone or id and the value, with the fix.
#include <catch2/catch.hpp>

#include <fstream>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// The standard job with the income field `inkomen` stored as text: "NA", "n/a", " - ", "31000".
void write_text_income(const Job& job) {
    ZoneSpec z = standard_zones();
    z.fields[3].type = OFTString;
    z.features[0].values[3] = "NA";
    z.features[1].values[3] = "n/a";
    z.features[2].values[3] = " - ";
    z.features[3].values[3] = "31000";
    write_zones(job / "zones.gpkg", z);
}

// A joined table whose BU02 row says "NA", read by one fairness indicator.
void add_table_with_na(Job& job, const std::string& table_keys) {
    std::ofstream(job / "kwb.csv") << "code;p_low\nBU01;10\nBU02;NA\nBU03;30\nBU04;40\n";
    job.replace("[output]", "[fairness]\nincome = \"mean_income\"\nincome_order = \"higher_is_richer\"\n"
                            "[[fairness.indicator]]\nname = \"poor\"\nfrom = \"table:p_low\"\n"
                            "[fairness.table]\npath = \"kwb.csv\"\nid = \"code\"\n" + table_keys + "[output]");
}

}  // namespace

TEST_CASE("missing tokens: text tokens listed in zones.nodata_values become NULL", "[bad_input][missing_tokens]") {
    Job job("tokens-zones");
    write_text_income(job);
    job.replace("nodata_values = [-99999999, -99999997]", "nodata_values = [-99999999, -99999997, \"NA\", \"n/a\"]");
    const CommandResult r = job.run();
    REQUIRE(r.exit_code == 0);
    const fs::path gpkg = job.out() / "burden.gpkg";
    CHECK(zone_value(gpkg, "BU01", "mean_income") == "NULL");
    CHECK(zone_value(gpkg, "BU02", "mean_income") == "NULL");
    CHECK(zone_value(gpkg, "BU03", "mean_income") == "NULL");  // "-": missing without being listed, as before
    CHECK(zone_value(gpkg, "BU04", "mean_income") == "31000");
}

TEST_CASE("missing tokens: a token not listed stays an error naming field, zone, value and the fix", "[bad_input][missing_tokens]") {
    Job job("tokens-zones-unlisted");
    write_text_income(job);
    job.replace("nodata_values = [-99999999, -99999997]", "nodata_values = [-99999999, \"NA\"]");  // n/a not listed
    const CommandResult r = job.run();
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "zones.gpkg"));
    CHECK(contains(r.err, "field 'inkomen' of zone 'BU02' is not a number: 'n/a' (if it marks a missing value, list it in zones.nodata_values)"));
    require_nothing_written(job.out());
}

TEST_CASE("missing tokens: a joined table's tokens in [fairness.table] nodata_values", "[bad_input][missing_tokens]") {
    SECTION("listed: NULL") {
        Job job("tokens-table");
        add_table_with_na(job, "nodata_values = [\"NA\"]\n");
        const CommandResult r = job.run();
        REQUIRE(r.exit_code == 0);
        CHECK(zone_value(job.out() / "burden.gpkg", "BU02", "poor_value") == "NULL");
        CHECK(zone_value(job.out() / "burden.gpkg", "BU03", "poor_value") == "30");
    }
    SECTION("not listed: exit 1 naming the table, field, id and value, at validate too") {
        Job job("tokens-table-unlisted");
        add_table_with_na(job, "");
        require_refused_before_pixels(job, 1, {"kwb.csv", "field 'p_low' of id 'BU02' is not a number: 'NA' (if it marks a missing value, list it in fairness.table.nodata_values)"});
    }
}

TEST_CASE("missing tokens: a sentinel in quotes or a boolean in nodata_values exits 2 naming the element", "[bad_input][missing_tokens]") {
    Job job("tokens-config");
    job.replace("nodata_values = [-99999999, -99999997]", "nodata_values = [\"NA\", true]");
    require_refused_before_pixels(job, 2, {"zones.nodata_values[1]: must be a number or a text token, not a boolean"});
}

// Fairness end to end: on the demo town (built so the lowest incomes carry the most), and on the
// real Dutch wijken of CBS 2022 (data/nl-cbs-2022, in the repository).
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <gdal.h>
#include <ogr_api.h>

#include "E2eSupport.h"
#include "support/GdalTestData.h"

using namespace e2e;

namespace {

// Rows of an attribute table as column → text.
std::vector<std::map<std::string, std::string>> read_table(const std::filesystem::path& gpkg, const std::string& name) {
    GDALAllRegister();
    std::vector<std::map<std::string, std::string>> rows;
    GDALDatasetH ds = GDALOpenEx(gpkg.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    if (!ds) return rows;
    if (OGRLayerH layer = GDALDatasetGetLayerByName(ds, name.c_str())) {
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
        while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
            std::map<std::string, std::string> row;
            for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
                row[OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i))] = OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : "NULL";
            rows.push_back(row);
            OGR_F_Destroy(f);
        }
    }
    GDALClose(ds);
    return rows;
}

}  // namespace

TEST_CASE("on the demo, the lowest-income quintile carries more of the cumulated burden", "[e2e][fairness]") {
    TempDir dir("fairness-demo");
    const CommandResult r = run_burdenmap({"run", demo_config(), "--output-dir", dir.path().string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Who carries it") != std::string::npos);

    const auto groups = read_table(dir / "burden.gpkg", "income_groups");
    REQUIRE(groups.size() == 5 + 10);
    double lowest = NAN, highest = NAN, residents = 0;
    for (const auto& g : groups) {
        if (g.at("grouping") != "quintile") continue;
        residents += std::stod(g.at("residents"));
        if (g.at("group_no") == "1") lowest = std::stod(g.at("stapeling_mean"));
        if (g.at("group_no") == "5") highest = std::stod(g.at("stapeling_mean"));
    }
    // The scenario puts the highway, railway and industry by the poorest buurten.
    CHECK(lowest > 2 * highest);
    // Quintiles hold (nearly) equal shares of the residents with a known income.
    CHECK(residents > 200000);

    const auto summary = read_table(dir / "burden.gpkg", "fairness_summary");
    bool negative_ci = false;
    for (const auto& m : summary)
        if (m.at("measure") == "concentration_index" && m.at("burden") == "stapeling_mean") negative_ci = std::stod(m.at("value")) < 0;
    CHECK(negative_ci);  // concentrated among lower incomes

    const auto zones = read_zones(dir / "burden.gpkg");
    std::size_t double_burden = 0, with_reasons = 0;
    for (const auto& z : zones) {
        double_burden += z.at("bivariate_code") == "C3";
        with_reasons += z.at("reasons") != "NULL";
        REQUIRE(z.count("nl_default_score"));
        REQUIRE(z.count("low_income_pct"));
    }
    CHECK(double_burden > 3);
    CHECK(with_reasons > 20);  // nl_default lists the indicators at or above the 80th percentile
    // Zones with a CBS sentinel as income have no income group.
    for (const auto& z : zones)
        if (z.at("low_income_share") == "NULL") CHECK(z.at("income_quintile") == "NULL");
    CHECK(read_file(dir / "run.json").find("\"income_groups\"") != std::string::npos);
}

TEST_CASE("real Dutch wijken (CBS 2022): join, NULL income and income groups", "[e2e][fairness][real-data]") {
    // Real data shipped in the repository (data/nl-cbs-2022, CC BY 4.0, see its NOTICE.md).
    const std::string wijken = source_dir() + "/data/nl-cbs-2022/wijken.gpkg";
    REQUIRE(std::filesystem::exists(wijken));
    TempDir dir("fairness-wijken");
    // A synthetic 1 km raster over the Netherlands: higher towards the Randstad (west).
    GDALAllRegister();
    const int cols = 280, rows = 320;
    const auto tif = dir / "burden.tif";
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), tif.c_str(), cols, rows, 1, GDT_Float32, nullptr);
    double gt[6] = {0, 1000, 0, 630000, 0, -1000};
    GDALSetGeoTransform(ds, gt);
    GDALSetProjection(ds, burdenmap::test::epsg_wkt(28992).c_str());
    std::vector<float> v(static_cast<std::size_t>(cols * rows));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) v[static_cast<std::size_t>(r * cols + c)] = 70.0f - 0.1f * static_cast<float>(c);
    REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, cols, rows, v.data(), cols, rows, GDT_Float32, 0, 0) == CE_None);
    GDALClose(ds);
    std::ofstream(dir / "job.toml") << "[study]\nname = \"NL wijken\"\nresolution = 1000\n"
                                       "[zones]\npath = \"" + wijken + "\"\nlayer = \"wijken\"\nid = \"code\"\nname = \"name\"\n"
                                       "population = \"population\"\nincome = { income_low = \"income_low\" }\n"
                                       "[[layer]]\nname = \"noise\"\npath = \"burden.tif\"\nunit = \"dB Lden\"\nmethod = \"ges.road_noise\"\n"
                                       "[[cumulation]]\nname = \"stapeling\"\nrule = \"count_at_least\"\n"
                                       "[fairness]\nincome = \"income_low\"\nincome_order = \"higher_is_poorer\"\n";
    const CommandResult r = run_burdenmap({"--quiet", "run", (dir / "job.toml").string(), "--output-dir", (dir / "out").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto zones = read_zones(dir / "out" / "burden.gpkg");
    CHECK(zones.size() == 3340);
    std::size_t null_income = 0, grouped = 0;
    for (const auto& z : zones) {
        null_income += z.at("income_low") == "NULL";
        grouped += z.at("income_quintile") != "NULL";
        if (z.at("income_low") == "NULL") CHECK(z.at("income_quintile") == "NULL");
    }
    CHECK(null_income == 196);  // NOTICE.md: income_low is NULL for 196 wijken
    CHECK(grouped > 3000);
    std::size_t quintile_zones = 0;
    for (const auto& g : read_table(dir / "out" / "burden.gpkg", "income_groups"))
        if (g.at("grouping") == "quintile") quintile_zones += std::stoul(g.at("zones"));
    CHECK(quintile_zones == grouped);
}

TEST_CASE("an indicator from a CBS-style CSV joined on the zone id", "[e2e][fairness]") {
    TempDir dir("fairness-join");
    // Kerncijfers habits: the old field name BU_CODE, leading spaces, "." for missing, decimal
    // commas, a sentinel. (The zones say buurtcode: the alias table finds BU_CODE.)
    std::ofstream csv(dir / "kwb.csv");
    csv << "BU_CODE;p_hh_osm\n";
    // The demo's zone ids, from a plain demo run.
    REQUIRE(run_burdenmap({"--quiet", "run", demo_config(), "--output-dir", (dir / "demo").string()}).exit_code == 0);
    const auto zones_demo = read_zones(dir / "demo" / "burden.gpkg");
    REQUIRE(zones_demo.size() == 86);
    int i = 0;
    for (const auto& z : zones_demo) {
        const std::string value = i == 0 ? " ." : i == 1 ? "-99999999" : " " + std::to_string(10 + i % 7) + ",5";
        csv << z.at("zone_id") << ";" << value << "\n";
        ++i;
    }
    csv.close();
    std::string text = demo_config_text();
    const std::string anchor = "[output]";
    text.replace(text.find(anchor), anchor.size(),
                 "  [[fairness.indicator]]\n  name = \"social_minimum\"\n  from = \"table:percentage_huishoudens_onder_of_rond_sociaal_minimum\"\n"
                 "  group = \"socioeconomic_factors\"\n"
                 "[fairness.table]\npath = \"kwb.csv\"\nid = \"buurtcode\"\nnodata_values = [-99999999]\n\n[output]");
    std::ofstream(dir / "job.toml") << text;
    const CommandResult r = run_burdenmap({"--quiet", "run", (dir / "job.toml").string(), "--output-dir", (dir / "out").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto zones = read_zones(dir / "out" / "burden.gpkg");
    REQUIRE(zones.size() == 86);
    CHECK(zones[0].at("social_minimum_value") == "NULL");   // "."
    CHECK(zones[1].at("social_minimum_value") == "NULL");   // the sentinel
    CHECK(std::stod(zones[2].at("social_minimum_value")) == Approx(10 + 2 % 7 + 0.5));  // " 12,5"
    CHECK(zones[2].at("social_minimum_pct") != "NULL");
}

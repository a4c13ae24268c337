// The health variant of the demo (data/demo/health.toml) and a population raster, end to end.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <gdal.h>

#include "E2eSupport.h"
#include "support/GdalTestData.h"

using namespace e2e;

TEST_CASE("the health variant writes DALYs per outcome and their sum", "[e2e][health]") {
    TempDir dir("demo-health");
    const CommandResult r = run_burdenmap({"--quiet", "run", source_dir() + "/data/demo/health.toml", "--output-dir", dir.path().string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto zones = read_zones(dir / "burden.gpkg");
    REQUIRE(zones.size() == 86);
    std::size_t checked = 0;
    for (const auto& z : zones) {
        for (const char* c : {"health_mean", "health_road_ha_daly_mean", "health_rail_ha_daly_mean", "health_pm25_mort_daly_mean",
                              "health_road_ha_cases_mean", "health_pop_mean", "stapeling_mean"})
            REQUIRE(z.count(c));
        const std::string& h = z.at("health_mean");
        const std::string& a = z.at("health_road_ha_daly_mean");
        const std::string& b = z.at("health_rail_ha_daly_mean");
        const std::string& m = z.at("health_pm25_mort_daly_mean");
        if (h == "NULL" || a == "NULL" || b == "NULL" || m == "NULL") continue;
        // The total is the sum of the breakdown where every layer has data; where one has nodata
        // (rail at the east edge, the road-noise gap, PM2.5 cells), the total counts the other
        // outcomes only there, and the means are over different cells.
        if (z.at("rail_noise_nodata_share") == "0" && z.at("road_noise_nodata_share") == "0" &&
            z.at("pm25_nodata_share") == "0") {
            CHECK(std::stod(h) == Approx(std::stod(a) + std::stod(b) + std::stod(m)).epsilon(1e-5));
            ++checked;
        }
        // DALY = cases x 0.02 for annoyance.
        CHECK(std::stod(a) == Approx(std::stod(z.at("health_road_ha_cases_mean")) * 0.02).epsilon(1e-5));
    }
    CHECK(checked > 50);
    const std::string manifest = read_file(dir / "run.json");
    CHECK(manifest.find("\"parameters_source\"") != std::string::npos);
    CHECK(manifest.find("who2021.pm25_mortality_rr") != std::string::npos);
}

TEST_CASE("a population raster on another grid: residents are conserved and weight the means", "[e2e][population]") {
    TempDir dir("demo-population");
    // 100 m cells over exactly the town (x 150000-158000, y 440000-448000), so every resident
    // lies in one of the buurten, which tile the town.
    GDALAllRegister();
    const int n = 80;
    const auto pop_path = dir / "population.tif";
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), pop_path.c_str(), n, n, 1, GDT_Float32, nullptr);
    double gt[6] = {150000, 100, 0, 448000, 0, -100};
    GDALSetGeoTransform(ds, gt);
    GDALSetProjection(ds, burdenmap::test::epsg_wkt(28992).c_str());
    std::vector<float> counts(n * n);
    double total = 0;
    for (int i = 0; i < n * n; ++i) {
        counts[i] = static_cast<float>((i * 37) % 11);  // 0..10 residents, deterministic
        total += counts[i];
    }
    REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Write, 0, 0, n, n, counts.data(), n, n, GDT_Float32, 0, 0) == CE_None);
    GDALClose(ds);

    std::string text = demo_config_text();
    text.replace(text.find("[output]"), 8, "[population]\nraster = \"population.tif\"\n\n[output]");
    std::ofstream(dir / "job.toml") << text;
    const CommandResult r = run_burdenmap({"--quiet", "run", (dir / "job.toml").string(), "--output-dir", (dir / "out").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    double residents = 0;
    for (const auto& z : read_zones(dir / "out" / "burden.gpkg")) residents += std::stod(z.at("residents"));
    CHECK(residents == Approx(total).epsilon(1e-9));
}

// A layer without a method, end to end (README "Layers without a method"): beside a scored noise
// layer, two air layers with no method get their raw statistics only (mean, min, max, std, nodata
// share, population-weighted mean; no score column), equal to a hand computation over the cells of
// each zone; a max of the two combines their raw values; a count of every layer counts the scored
// layer only; burden.tif, run.json, the codebook, validate and the report say so. The job is the
// bad-input catalogue's small job (four 100 m zones, 10 m cells), with values unlike the demo's:
// quarter units, declared nodata cells inside a zone, a unit that is not dB.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <gdal.h>

#include "../bad_input/BadInputSupport.h"

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// NOx: 7 + col/4 + 3 row µg/m³ (exact in float), nodata (-9999) where col + row is a multiple of 7.
constexpr double kNoxNodata = -9999;
double nox(int col, int row) { return (col + row) % 7 == 0 ? kNoxNodata : 7 + 0.25 * col + 3 * row; }
// PM10: 20 + (col·row mod 5) µg/m³ everywhere.
double pm10(int col, int row) { return 20 + (col * row) % 5; }

// The statistics of a zone over its 10 x 10 cells (every cell fully inside, weight 1).
struct Expected {
    double mean = 0, min = INFINITY, max = -INFINITY, std = 0, nodata_share = 0;
};
template <class Value>
Expected expected(int col0, int row0, Value value) {
    Expected e;
    std::vector<double> v;
    for (int r = row0; r < row0 + 10; ++r)
        for (int c = col0; c < col0 + 10; ++c)
            if (const double x = value(c, r); x != kNoxNodata) v.push_back(x);
    for (double x : v) {
        e.mean += x / v.size();
        e.min = std::min(e.min, x);
        e.max = std::max(e.max, x);
    }
    for (double x : v) e.std += (x - e.mean) * (x - e.mean) / v.size();
    e.std = std::sqrt(e.std);
    e.nodata_share = 1 - v.size() / 100.0;
    return e;
}

double number(const std::map<std::string, std::string>& zone, const std::string& column) {
    INFO("column " << column);
    REQUIRE(zone.count(column));
    return std::stod(zone.at(column));
}

std::vector<std::string> band_names(const bad::fs::path& tif) {
    GDALDatasetH ds = GDALOpen(tif.c_str(), GA_ReadOnly);
    REQUIRE(ds);
    std::vector<std::string> out;
    for (int b = 1; b <= GDALGetRasterCount(ds); ++b) out.push_back(GDALGetDescription(GDALGetRasterBand(ds, b)));
    GDALClose(ds);
    return out;
}

}  // namespace

TEST_CASE("layers without a method get raw statistics only, enter a max of raw values, and are said to be so", "[e2e][unscored]") {
    bad::Job job("unscored-run");
    bad::RasterSpec nox_spec;
    nox_spec.nodata = kNoxNodata;
    nox_spec.value = nox;
    bad::write_raster(job / "nox.tif", nox_spec);
    bad::RasterSpec pm10_spec;
    pm10_spec.value = pm10;
    bad::write_raster(job / "pm10.tif", pm10_spec);
    job.replace("[[cumulation]]", "[[layer]]\nname = \"nox\"\npath = \"nox.tif\"\nunit = \"ug/m3\"\n\n"
                                  "[[layer]]\nname = \"pm10\"\npath = \"pm10.tif\"\nunit = \"ug/m3\"\n\n"
                                  "[[cumulation]]\nname = \"air_max\"\nrule = \"max\"\nlayers = [\"nox\", \"pm10\"]\n\n[[cumulation]]");

    const bad::CommandResult v = job.validate();
    INFO(v.out << v.err);
    REQUIRE(v.exit_code == 0);
    CHECK(has(v.out, "no method: raw statistics only"));

    const bad::CommandResult r = job.run();
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_FALSE(has(r.err, "method-placeholder"));

    // Zone columns: raw statistics of every layer; scores of the scored layer only.
    const auto zones = e2e::read_zones(job.out() / "burden.gpkg");
    REQUIRE(zones.size() == 4);
    for (const auto& [column, value] : zones.front()) {
        INFO("column " << column);
        CHECK_FALSE(has(column, "nox_score"));
        CHECK_FALSE(has(column, "pm10_score"));
        CHECK_FALSE(has(column, "nox_pop_class"));
        CHECK_FALSE(has(column, "nox_pop_ge"));
    }
    CHECK(zones.front().count("noise_score_mean"));

    const std::pair<int, int> corners[] = {{0, 0}, {10, 0}, {0, 10}, {10, 10}};  // BU01..BU04: NW, NE, SW, SE
    for (std::size_t z = 0; z < 4; ++z) {
        INFO("zone " << zones[z].at("zone_id"));
        const auto [col0, row0] = corners[z];
        const Expected e = expected(col0, row0, nox);
        CHECK(number(zones[z], "nox_mean") == Approx(e.mean).epsilon(1e-12));
        CHECK(number(zones[z], "nox_min") == e.min);
        CHECK(number(zones[z], "nox_max") == e.max);
        CHECK(number(zones[z], "nox_std") == Approx(e.std).epsilon(1e-9));
        CHECK(number(zones[z], "nox_nodata_share") == Approx(e.nodata_share).epsilon(1e-12));
        // Residents spread evenly over the zone: their weighted mean is the area mean.
        CHECK(number(zones[z], "nox_pop_mean") == Approx(e.mean).epsilon(1e-12));
        CHECK(number(zones[z], "pm10_mean") == Approx(expected(col0, row0, pm10).mean).epsilon(1e-12));
        // The max of the raw values, cell by cell (NOx nodata: PM10 alone).
        const Expected m = expected(col0, row0, [](int c, int row) { return std::max(nox(c, row), pm10(c, row)); });
        CHECK(number(zones[z], "air_max_mean") == Approx(m.mean).epsilon(1e-12));
        CHECK(number(zones[z], "air_max_max") == m.max);
    }
    CHECK(zones[0].at("nox_nodata_share") != "0");  // the nodata cells are inside the zones

    // burden.tif: the noise score, the air layers' raw values (by layer name), the cumulations.
    CHECK(band_names(job.out() / "burden.tif") == std::vector<std::string>{"noise_score", "nox", "pm10", "air_max", "count"});
    const auto bands = e2e::read_bands(job.out() / "burden.tif");
    CHECK(bands[1][3] == static_cast<float>(nox(3, 0)));

    // run.json: no method for the air layers; the max works on raw values; the count has noise only.
    const std::string manifest = e2e::read_file(job.out() / "run.json");
    CHECK(has(manifest, "\"statistics\": \"raw statistics only (no method)\""));
    CHECK(has(manifest, "\"values\": \"raw\""));
    CHECK(has(manifest, "\"name\": \"count\",\n      \"rule\": \"count_at_least\",\n      \"layers\": [\n        \"noise\"\n      ]"));

    // The codebook says what the columns are.
    bool described = false;
    for (const auto& row : e2e::read_layer(job.out() / "burden.gpkg", "codebook"))
        if (row.count("column_name") && row.at("column_name") == "nox_mean")
            described = has(row.at("meaning"), "no method: raw statistics only");
    CHECK(described);

    // The report: the air layers' raw statistics, no method line, no placeholder note for them.
    const bad::CommandResult rep = e2e::run_burdenmap({"--quiet", "report", job.out().string()});
    INFO(rep.err);
    REQUIRE(rep.exit_code == 0);
    const std::string html = e2e::read_file(job.out() / "report.html");
    CHECK(has(html, "(unit: ug/m3) has no scoring method: raw statistics only"));
    CHECK(has(html, "none: raw statistics only"));
    CHECK(has(html, "the highest of the layers&#39; raw values"));
}

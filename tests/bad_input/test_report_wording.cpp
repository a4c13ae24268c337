// The report of a study that is not the Dutch demo: an air-only job in a European CRS with EU
// and WHO air methods, through the real binary. The report asks about air pollution alone, names
// no place it was not given, and calls no value a legal limit "here" until [study] jurisdiction
// says where the study is; run.json carries what `burdenmap report` words it from.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>

#include "BadInputSupport.h"

using namespace bad;
using e2e::read_file;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The standard job turned into an air-only study: NO2 (EU 2030 limit) and PM2.5 (WHO guideline)
// on the grid of EPSG:3035 (LAEA Europe), the inputs reprojected from RD New.
void make_air_only(Job& job) {
    RasterSpec no2;
    no2.value = [](int col, int) { return col < 10 ? 15.0 : 30.0; };
    write_raster(job / "no2.tif", no2);
    RasterSpec pm25;
    pm25.value = [](int, int row) { return row < 10 ? 4.0 : 8.0; };
    write_raster(job / "pm25.tif", pm25);
    job.replace("crs = \"EPSG:28992\"\nresolution = 10", "crs = \"EPSG:3035\"\nresolution = 10\nname = \"Air and income 2019\"");
    job.replace("name = \"bad input\"\n", "");
    job.replace("name = \"noise\"\npath = \"noise.tif\"\nunit = \"dB Lden\"\nmethod = \"who2018.road_lden\"",
                "name = \"nox\"\ntitle = \"NOx\"\npath = \"no2.tif\"\nunit = \"µg/m³\"\nmethod = \"eu2030.no2_annual\"\n\n"
                "[[layer]]\nname = \"pm25\"\npath = \"pm25.tif\"\nunit = \"µg/m³\"\nmethod = \"who2021.pm25_annual\"");
    job.replace("rule = \"count_at_least\"", "rule = \"count_at_least\"\ntitle = \"Air layers over their level\"");
}

}  // namespace

TEST_CASE("report: an air-only study abroad speaks of air pollution, with no legal limit 'here' by default",
          "[bad_input][report][study-wording]") {
    Job job("air-only-abroad");
    make_air_only(job);
    const CommandResult r = job.run({"--report"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string html = e2e::without_data_uris(read_file(job.out() / "report.html"));
    for (const char* word : {"noise", "external safety", "external-safety", "stapeling", "legal limit value here"}) {
        INFO(word);
        CHECK_FALSE(contains(lower(html), word));
    }
    for (const char* word : {"GES", "Bkl", "NOX"}) {
        INFO(word);
        CHECK_FALSE(contains(html, word));
    }
    CHECK(contains(html, "Where do burdens from air pollution pile up"));
    CHECK(contains(html, "for reference (EU, from 2030)"));
    CHECK(contains(html, "WHO guideline, for reference"));
    CHECK(contains(html, "NOx"));
    CHECK(contains(html, "cells of 10 m, EPSG:3035"));
    const std::string manifest = read_file(job.out() / "run.json");
    CHECK(contains(manifest, "\"jurisdiction\": \"EU\""));
    CHECK(contains(manifest, "\"title\": \"NOx\""));
    // The map's legend names the count by its title (burden.tif's band metadata), not its name.
    CHECK(contains(html, "Colours: Air layers over their level (number of layers)"));
}

TEST_CASE("report: with [study] place and jurisdiction = \"EU\" the EU 2030 value is the legal limit value here from 2030",
          "[bad_input][report][study-wording]") {
    Job job("air-only-eu");
    make_air_only(job);
    job.replace("name = \"Air and income 2019\"", "name = \"Air and income 2019\"\nplace = \"Greater London\"\njurisdiction = \"EU\"");
    const CommandResult r = job.run({"--report"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string html = read_file(job.out() / "report.html");
    CHECK(contains(html, "Where in Greater London do burdens from air pollution pile up"));
    CHECK(contains(html, "legal limit value here from 2030 (EU)"));  // EU 2024/2881: adopted, to be met by 2030
    CHECK(contains(html, "WHO guideline, for reference"));
    // Re-rendered from the folder alone: the same words.
    const CommandResult again = run_shell(shell_quote(burdenmap_binary()) + " report --overwrite " + shell_quote(job.out().string()));
    CHECK(again.exit_code == 0);
    CHECK(read_file(job.out() / "report.html") == html);
}

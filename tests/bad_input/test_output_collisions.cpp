// Outputs that collide with each other: two [output] names for one file (also a name taken by the
// GeoTIFF's raster style, the report and its map, or check-sites' outputs, and names differing only
// in case), and an output folder that is a method-table folder (an output *.toml there would be
// read as a method table by the next run). Refused before any work with exit 2, naming both keys;
// nothing is written; `validate` gives the same error.
#include <catch2/catch.hpp>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// Exit 2 naming `key` and `other_key`, nothing written to `out`, and `validate` giving the same
// error (the command takes its folders from the config, as validate does).
void require_collision(const Job& job, const CommandResult& r, const std::string& key, const std::string& other_key,
                       const fs::path& out) {
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "error: " + key + ": "));
    CHECK(contains(r.err, other_key));
    require_nothing_written(out);
    const CommandResult v = job.validate();
    CHECK(v.exit_code == 2);
    CHECK(v.err == r.err);
}

// The standard job with `line` added to [output], run (with `extra`) and validated.
void require_name_collision(const std::string& tag, const std::string& line, const std::string& key,
                            const std::string& other_key, const std::vector<std::string>& extra = {}) {
    Job job(tag);
    job.replace("dir = \"out\"", "dir = \"out\"\n" + line);
    const CommandResult r = job.run(extra);
    require_collision(job, r, key, other_key, job.out());
}

}  // namespace

TEST_CASE("output collisions: two [output] names for one file exit 2 naming both keys", "[bad_input][output_collisions]") {
    SECTION("the GeoPackage named like the GeoTIFF") {
        require_name_collision("collide-gpkg-tif", "geopackage = \"burden.tif\"", "output.geopackage", "output.geotiff");
    }
    SECTION("the raw GeoTIFF named like the GeoTIFF") {
        require_name_collision("collide-raw-tif", "raw_geotiff = \"burden.tif\"", "output.raw_geotiff", "output.geotiff");
    }
    SECTION("the manifest named like the GeoPackage") {
        require_name_collision("collide-manifest", "manifest = \"burden.gpkg\"", "output.manifest", "output.geopackage");
    }
    SECTION("names that differ only in case: one file on Windows and macOS") {
        require_name_collision("collide-case", "raw_geotiff = \"BURDEN.Tif\"", "output.raw_geotiff", "output.geotiff");
    }
}

TEST_CASE("output collisions: a name taken by the raster style, the report or check-sites exits 2",
          "[bad_input][output_collisions]") {
    SECTION("the GeoPackage named like the raster style written beside the GeoTIFF") {
        require_name_collision("collide-style", "geopackage = \"burden.qml\"", "output.geopackage", "raster style");
    }
    SECTION("a raster style named like the GeoPackage (GeoTIFF x.tif, GeoPackage x.qml)") {
        require_name_collision("collide-style-2", "geotiff = \"x.tif\"\ngeopackage = \"x.qml\"", "output.geopackage",
                               "output.geotiff");
    }
    SECTION("a GeoTIFF named *.qml is its own raster style") {
        require_name_collision("collide-self-style", "geotiff = \"burden.qml\"", "output.geotiff", "ending in .tif");
    }
    SECTION("the GeoTIFF named report.html, with --report") {
        require_name_collision("collide-report", "geotiff = \"report.html\"", "output.geotiff", "--report", {"--report"});
    }
    SECTION("the raw GeoTIFF named map.png, without --report: `burdenmap report` writes it there later") {
        require_name_collision("collide-map", "raw_geotiff = \"Map.png\"", "output.raw_geotiff", "--report");
    }
}

TEST_CASE("output collisions: check-sites refuses a config whose GeoPackage is named sites.gpkg",
          "[bad_input][output_collisions]") {
    Job job("collide-sites");
    job.replace("method = \"who2018.road_lden\"", "method = \"who2018.road_lden\"\nstandard = \"who2018.road_lden\"");
    job.replace("dir = \"out\"", "dir = \"out\"\ngeopackage = \"sites.gpkg\"");
    job.write_config();
    ZoneSpec sites;
    sites.layer = "sites";
    sites.fields = {{"name", OFTString}};
    sites.features = {{"POINT (155050 463150)", {"a"}}};
    write_zones(job / "candidates.gpkg", sites);
    const CommandResult r = e2e::run_burdenmap({"--quiet", "check-sites", job.config_path().string(), "--sites",
                                                (job / "candidates.gpkg").string()});
    UNSCOPED_INFO("stderr: " << r.err);
    require_collision(job, r, "output.geopackage", "check-sites", job.out());
    require_collision(job, job.run(), "output.geopackage", "check-sites", job.out());
}

TEST_CASE("output collisions: an output name with a Windows folder separator exits 2", "[bad_input][output_collisions]") {
    Job job("collide-backslash");
    job.replace("dir = \"out\"", "dir = \"out\"\ngeotiff = 'sub\\burden.tif'");
    const CommandResult r = job.run();
    require_collision(job, r, "output.geotiff", "plain file name", job.out());
}

TEST_CASE("output collisions: an output folder that is a method-table folder exits 2 naming both",
          "[bad_input][output_collisions]") {
    Job job("collide-methods");
    const fs::path methods = job / "methods";
    fs::create_directories(methods);
    fs::copy_file(fs::path(e2e::source_dir()) / "data" / "methods" / "who2018-noise.toml", methods / "who2018-noise.toml");
    // The manifest as *.toml: the next run would read it as a method table.
    job.replace("dir = \"out\"", "dir = \"methods\"\nmanifest = \"run.toml\"");
    job.replace("[output]", "[methods]\ndirs = [\"methods\"]\n\n[output]");
    job.write_config();
    SECTION("[output] dir and [methods] dirs, in run and validate") {
        const CommandResult r = e2e::run_burdenmap({"--quiet", "run", job.config_path().string()});
        UNSCOPED_INFO("stderr: " << r.err);
        require_collision(job, r, "output.dir", "(methods.dirs)", job.out());  // methods: checked below
    }
    SECTION("--output-dir and --methods-dir, in run and check-sites") {
        job.replace("[methods]\ndirs = [\"methods\"]\n\n", "");
        job.replace("dir = \"methods\"", "dir = \"out\"");
        job.write_config();
        // The same folder spelled otherwise.
        const std::string spelled = (job / "out" / ".." / "methods").string();
        for (const char* command : {"run", "check-sites"}) {
            std::vector<std::string> args{"--quiet", command, job.config_path().string(), "--output-dir", spelled,
                                          "--methods-dir", methods.string()};
            if (std::string(command) == "check-sites") args.insert(args.end(), {"--sites", (job / "zones.gpkg").string()});
            const CommandResult r = e2e::run_burdenmap(args);
            UNSCOPED_INFO(command << " stderr: " << r.err);
            CHECK(r.exit_code == 2);
            CHECK(contains(r.err, "error: --output-dir: "));
            CHECK(contains(r.err, "(--methods-dir)"));
        }
    }
    SECTION("validate takes --methods-dir as run does") {
        job.replace("[methods]\ndirs = [\"methods\"]\n\n", "");
        job.write_config();
        const CommandResult r = e2e::run_burdenmap({"validate", job.config_path().string(), "--methods-dir", methods.string()});
        UNSCOPED_INFO("stderr: " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "error: output.dir: "));
        CHECK(contains(r.err, "(--methods-dir)"));
    }
    CHECK(final_outputs(methods) == std::vector<std::string>{"who2018-noise.toml"});
    CHECK(temp_files(methods).empty());
}

// Sharded runs end to end (issue 15): `run --shard I/N` into a parts folder, then `merge`, equals
// one `run` with the same block size to the bit — zone statistics, fairness, every CSV, the raster
// cells — for 1, 3 and 7 shards; the merge refuses parts that do not belong together, naming the
// part and the difference, and writes nothing then; a failed shard is run again alone.
#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "E2eSupport.h"

using namespace e2e;
namespace fs = std::filesystem;

namespace {

// The demo at 128-cell windows: 49 windows, so 7 shards have several each.
const std::string kBlock = "128";

CommandResult run_single(const fs::path& out) {
    return run_burdenmap({"--quiet", "run", demo_config(), "--output-dir", out.string(), "--block-size", kBlock});
}

CommandResult run_shard(const std::string& config, std::size_t i, std::size_t n, const fs::path& parts) {
    return run_burdenmap({"--quiet", "run", config, "--shard", std::to_string(i) + "/" + std::to_string(n), "--output-dir", parts.string(),
                          "--block-size", kBlock});
}

void run_all_shards(const std::string& config, std::size_t n, const fs::path& parts) {
    for (std::size_t i = 0; i < n; ++i) {
        const CommandResult r = run_shard(config, i, n, parts);
        INFO("shard " << i << "/" << n << ": " << r.err);
        REQUIRE(r.exit_code == 0);
    }
}

CommandResult merge(const fs::path& parts, const fs::path& out, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"--quiet", "merge", parts.string(), "--output-dir", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_burdenmap(args);
}

// The merged outputs equal the single run's: every CSV byte for byte (numbers are shortest
// round-trip text, so equal text is equal bits), the zones layer column by column (17 digits),
// and every band's cells as bytes (NaN nodata included).
void require_same_results(const fs::path& single, const fs::path& merged, const std::string& raster = "burden.vrt") {
    for (const char* csv : {"zones.csv", "income_groups.csv", "fairness_summary.csv"}) {
        INFO(csv);
        REQUIRE(fs::exists(single / csv));
        REQUIRE(read_file(merged / csv) == read_file(single / csv));
    }
    REQUIRE(read_zones(merged / "burden.gpkg") == read_zones(single / "burden.gpkg"));
    REQUIRE(read_layer(merged / "burden.gpkg", "income_groups") == read_layer(single / "burden.gpkg", "income_groups"));
    const auto a = read_bands(single / "burden.tif");
    const auto b = read_bands(merged / raster);
    REQUIRE(a.size() == 7);
    REQUIRE(b.size() == a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO("band " << i + 1);
        REQUIRE(b[i].size() == a[i].size());
        REQUIRE(std::memcmp(a[i].data(), b[i].data(), a[i].size() * sizeof(float)) == 0);
    }
}

// Nothing of the merge's in `out`: no output and no temporary.
void require_no_outputs(const fs::path& out) {
    if (!fs::exists(out)) return;
    for (const auto& e : fs::directory_iterator(out)) FAIL("the refused merge left " << e.path());
}

nlohmann::json read_json(const fs::path& p) { return nlohmann::json::parse(read_file(p)); }
void write_json(const fs::path& p, const nlohmann::json& j) { std::ofstream(p) << j.dump(2); }

// The demo config copied beside a test's parts, so a test may change it.
fs::path own_config(const TempDir& dir, const std::string& extra = "") {
    const fs::path p = dir / "demo.toml";
    std::ofstream(p) << demo_config_text() << extra;
    return p;
}

}  // namespace

TEST_CASE("the demo merged from 1, 3 and 7 shards equals one run, to the bit", "[e2e][shards]") {
    TempDir dir("shards-exact");
    const CommandResult single = run_single(dir / "single");
    INFO(single.err);
    REQUIRE(single.exit_code == 0);
    for (std::size_t n : {1u, 3u, 7u}) {
        INFO(n << " shard(s)");
        const fs::path parts = dir / ("parts-" + std::to_string(n)), out = dir / ("merged-" + std::to_string(n));
        run_all_shards(demo_config(), n, parts);
        const CommandResult m = merge(parts, out);
        INFO(m.err);
        REQUIRE(m.exit_code == 0);
        require_same_results(dir / "single", out);
        // The part files: per shard a COG of its windows, the zone partials, the manifest.
        for (std::size_t i = 0; i < n; ++i)
            for (const char* f : {"burden-part.tif", "zones.partials", "shard.json"})
                REQUIRE(fs::exists(parts / ("shard-" + std::to_string(i) + "-of-" + std::to_string(n)) / f));
        // run.json: per-shard timings and ranges covering the 49 windows in order.
        const nlohmann::json manifest = read_json(out / "run.json");
        REQUIRE(manifest.at("shards").size() == n);
        std::size_t next = 0;
        for (const auto& s : manifest.at("shards")) {
            REQUIRE(s.at("first_window").get<std::size_t>() == next);
            next = s.at("end_window").get<std::size_t>();
            REQUIRE(s.at("timings_seconds").contains("pipeline"));
            REQUIRE(s.at("peak_rss_mib").get<double>() > 0);
        }
        REQUIRE(next == 49);
        REQUIRE(manifest.at("outputs").at("geotiff").get<std::string>().find("burden.vrt") != std::string::npos);
        // The VRT's statistics are the single run's (the same window moments, folded in order).
        const auto info = run_shell("gdalinfo -json " + shell_quote((out / "burden.vrt").string()));
        const auto info_single = run_shell("gdalinfo -json " + shell_quote((dir / "single" / "burden.tif").string()));
        REQUIRE(info.exit_code == 0);
        const auto stats = [](const std::string& json) {
            std::vector<std::string> per_band;
            const nlohmann::json info_json = nlohmann::json::parse(json);  // kept alive: the loop ranges over a member
            for (const auto& band : info_json.at("bands")) per_band.push_back(band.at("metadata").at("").dump());
            return per_band;
        };
        const auto a = stats(info_single.out), b = stats(info.out);
        for (std::size_t i = 0; i < a.size(); ++i) {
            INFO(b[i]);
            for (const char* key : {"STATISTICS_MEAN", "STATISTICS_STDDEV", "STATISTICS_VALID_PERCENT"})
                REQUIRE(nlohmann::json::parse(b[i]).at(key) == nlohmann::json::parse(a[i]).at(key));
        }
    }
}

TEST_CASE("merge --cog --report into the folder holding its parts: one-file GeoTIFF, report, a folder that moves", "[e2e][shards]") {
    TempDir dir("shards-cog");
    REQUIRE(run_single(dir / "single").exit_code == 0);
    run_all_shards(demo_config(), 2, dir / "out" / "parts");
    const CommandResult m = merge(dir / "out" / "parts", dir / "out", {"--cog", "--report"});
    INFO(m.err);
    REQUIRE(m.exit_code == 0);
    require_same_results(dir / "single", dir / "out", "burden.tif");
    REQUIRE(fs::exists(dir / "out" / "burden.qml"));
    REQUIRE(fs::exists(dir / "out" / "report.html"));
    REQUIRE(fs::exists(dir / "out" / "map.png"));
    // Parts below the VRT are named relative to it: the folder moves as a whole.
    REQUIRE(read_file(dir / "out" / "burden.vrt").find("relativeToVRT=\"1\">parts/shard-0-of-2/burden-part.tif<") != std::string::npos);
    fs::rename(dir / "out", dir / "moved");
    require_same_results(dir / "single", dir / "moved");
    // A second merge into the same folder needs --overwrite.
    const CommandResult again = merge(dir / "moved" / "parts", dir / "moved");
    REQUIRE(again.exit_code == 1);
    REQUIRE_THAT(again.err, Catch::Contains("--overwrite"));
    // Parts elsewhere are named by absolute path.
    run_all_shards(demo_config(), 2, dir / "parts-beside");
    REQUIRE(merge(dir / "parts-beside", dir / "out-beside").exit_code == 0);
    REQUIRE(read_file(dir / "out-beside" / "burden.vrt").find("relativeToVRT=\"0\">" + (dir / "parts-beside").string()) != std::string::npos);
}

TEST_CASE("a failed shard is run again alone, then the merge equals one run", "[e2e][shards]") {
    TempDir dir("shards-rerun");
    REQUIRE(run_single(dir / "single").exit_code == 0);
    run_all_shards(demo_config(), 3, dir / "parts");
    // Shard 1's node died while its partials were copied: the file is cut short.
    const fs::path partials = dir / "parts" / "shard-1-of-3" / "zones.partials";
    fs::resize_file(partials, fs::file_size(partials) / 2);
    const CommandResult refused = merge(dir / "parts", dir / "out");
    REQUIRE(refused.exit_code == 1);
    REQUIRE_THAT(refused.err, Catch::Contains("shard-1-of-3") && Catch::Contains("zones.partials") && Catch::Contains("run the shard again"));
    require_no_outputs(dir / "out");
    // Run shard 1 alone: it replaces its part.
    const CommandResult rerun = run_shard(demo_config(), 1, 3, dir / "parts");
    INFO(rerun.err);
    REQUIRE(rerun.exit_code == 0);
    const CommandResult m = merge(dir / "parts", dir / "out");
    INFO(m.err);
    REQUIRE(m.exit_code == 0);
    require_same_results(dir / "single", dir / "out");
    // No temporaries of the re-run are left in the parts folder.
    for (const auto& e : fs::directory_iterator(dir / "parts")) REQUIRE(e.path().filename().string().rfind("shard-", 0) == 0);
}

TEST_CASE("merge refuses parts that do not belong together, naming the part and the difference", "[e2e][shards][bad_input]") {
    // Catch runs this test case once per SECTION, in one process: the good parts are made once
    // (static) and each section spoils its own copy.
    static TempDir good("shards-refused-good");
    static const bool made = [] {
        run_all_shards(demo_config(), 3, good / "parts");
        return true;
    }();
    REQUIRE(made);
    TempDir dir("shards-refused");
    const auto fresh = [&](const std::string& name) {
        const fs::path p = dir / name;
        fs::copy(good / "parts", p, fs::copy_options::recursive);
        return p;
    };
    const auto refused = [&](const fs::path& parts, const std::vector<std::string>& words) {
        const fs::path out = dir / ("out-" + parts.filename().string());
        const CommandResult r = merge(parts, out);
        INFO(r.err);
        REQUIRE(r.exit_code == 1);
        for (const std::string& w : words) REQUIRE_THAT(r.err, Catch::Contains(w));
        require_no_outputs(out);
    };

    SECTION("a missing shard") {
        const fs::path p = fresh("missing");
        fs::remove_all(p / "shard-2-of-3");
        refused(p, {"shard-2-of-3", "missing", "--shard 2/3"});
    }
    SECTION("a truncated raster part") {
        const fs::path p = fresh("cut-tif");
        const fs::path tif = p / "shard-0-of-3" / "burden-part.tif";
        fs::resize_file(tif, fs::file_size(tif) - 1000);
        refused(p, {"shard-0-of-3", "burden-part.tif", "truncated"});
    }
    SECTION("damaged partials of the right size fail their checksum") {
        const fs::path p = fresh("damaged");
        const fs::path f = p / "shard-1-of-3" / "zones.partials";
        std::fstream io(f, std::ios::in | std::ios::out | std::ios::binary);
        io.seekp(static_cast<std::streamoff>(fs::file_size(f) / 2));
        io.put('\x5a');
        io.close();
        refused(p, {"shard-1-of-3", "zones.partials", "checksum"});
    }
    SECTION("a part from another config") {
        const fs::path p = fresh("other-config");
        TempDir other("shards-other-config");
        const fs::path config = own_config(other, "# another study\n");
        fs::remove_all(p / "shard-1-of-3");
        REQUIRE(run_shard(config.string(), 1, 3, p).exit_code == 0);
        refused(p, {"shard-1-of-3", "another config"});
    }
    SECTION("a part from another burdenmap version") {
        const fs::path p = fresh("other-version");
        nlohmann::json j = read_json(p / "shard-2-of-3" / "shard.json");
        j["tool"] = "burdenmap 0.0.1";
        write_json(p / "shard-2-of-3" / "shard.json", j);
        refused(p, {"shard-2-of-3", "burdenmap 0.0.1", "one burdenmap version"});
    }
    SECTION("an incomplete part") {
        const fs::path p = fresh("incomplete");
        fs::remove(p / "shard-0-of-3" / "shard.json");
        refused(p, {"shard-0-of-3", "shard.json", "run it again"});
    }
    SECTION("parts of two shard counts") {
        const fs::path p = fresh("mixed");
        REQUIRE(run_shard(demo_config(), 0, 2, p).exit_code == 0);
        refused(p, {"different shard counts", "3 of 3", "1 of 2"});
    }
    SECTION("a config changed since the shards ran") {
        TempDir own("shards-changed-config");
        const fs::path config = own_config(own);
        run_all_shards(config.string(), 2, own / "parts");
        std::ofstream(config, std::ios::app) << "# edited after the shards ran\n";
        const CommandResult r = merge(own / "parts", own / "out");
        REQUIRE(r.exit_code == 1);
        REQUIRE_THAT(r.err, Catch::Contains(config.string()) && Catch::Contains("changed since the shards ran"));
        require_no_outputs(own / "out");
    }
    SECTION("an empty parts folder") {
        fs::create_directories(dir / "empty");
        refused(dir / "empty", {"no shard parts", "--shard I/N"});
    }
}

TEST_CASE("usage errors of run --shard and plan --shards name the option", "[e2e][shards][bad_input]") {
    TempDir dir("shards-usage");
    for (const char* bad : {"3/3", "a/4", "1", "-1/4", "0/0"}) {
        INFO(bad);
        const CommandResult r = run_burdenmap({"run", demo_config(), "--shard", bad, "--output-dir", (dir / "parts").string()});
        REQUIRE(r.exit_code == 2);
        REQUIRE_THAT(r.err, Catch::Contains("--shard"));
    }
    const CommandResult no_dir = run_burdenmap({"run", demo_config(), "--shard", "0/2"});
    REQUIRE(no_dir.exit_code == 2);
    REQUIRE_THAT(no_dir.err, Catch::Contains("--output-dir"));
    const CommandResult report = run_burdenmap({"run", demo_config(), "--shard", "0/2", "--output-dir", (dir / "p").string(), "--report"});
    REQUIRE(report.exit_code == 2);
    REQUIRE_THAT(report.err, Catch::Contains("merge"));
    // More shards than windows: the demo has 4 windows of 512 cells.
    const CommandResult many = run_burdenmap({"plan", demo_config(), "--shards", "5"});
    REQUIRE(many.exit_code == 2);
    REQUIRE_THAT(many.err, Catch::Contains("--shards") && Catch::Contains("only 4 window(s)"));
    REQUIRE_FALSE(fs::exists(dir / "parts"));
}

TEST_CASE("plan --shards --json: contiguous ranges over every window, balanced by zone cells", "[e2e][shards]") {
    const CommandResult r = run_burdenmap({"plan", demo_config(), "--shards", "7", "--block-size", kBlock, "--json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    REQUIRE(j.at("windows") == 49);
    REQUIRE(j.at("parts").size() == 7);
    std::size_t next = 0;
    std::uint64_t cells = 0;
    for (const auto& p : j.at("parts")) {
        REQUIRE(p.at("first_window").get<std::size_t>() == next);
        REQUIRE(p.at("windows").get<std::size_t>() >= 1);
        next = p.at("end_window").get<std::size_t>();
        cells += p.at("cells").get<std::uint64_t>();
        REQUIRE(p.at("zones").get<std::size_t>() >= 1);
    }
    REQUIRE(next == 49);
    REQUIRE(cells == 800u * 800u);
}

TEST_CASE("the grid-size limit applies per shard: a 4.4e9-cell study plans in 2 shards, not in one run", "[e2e][shards][bad_input]") {
    TempDir dir("shards-limit");
    // The demo at 1.2 m over a 80 km square: 66,667^2 = 4.4e9 cells.
    std::string text = demo_config_text();
    const auto at = text.find("resolution = 10 ");
    REQUIRE(at != std::string::npos);
    text.replace(at, 16, "resolution = 1.2\nextent = [150000, 400000, 230000, 480000]\n# ");
    const fs::path config = dir / "big.toml";
    std::ofstream(config) << text;
    const CommandResult one = run_burdenmap({"validate", config.string()});
    REQUIRE(one.exit_code == 2);
    REQUIRE_THAT(one.err, Catch::Contains("per shard"));
    const CommandResult two = run_burdenmap({"plan", config.string(), "--shards", "2", "--block-size", "8192", "--json"});
    INFO(two.err);
    REQUIRE(two.exit_code == 0);
    const nlohmann::json j = nlohmann::json::parse(two.out);
    for (const auto& p : j.at("parts")) REQUIRE(p.at("cells").get<double>() <= 4e9);
    const CommandResult one_shard = run_burdenmap({"plan", config.string(), "--shards", "1", "--block-size", "8192"});
    REQUIRE(one_shard.exit_code == 2);
    // validate checks it as the shards will run it.
    const CommandResult validated = run_burdenmap({"--quiet", "validate", config.string(), "--shards", "2", "--block-size", "8192"});
    INFO(validated.err);
    REQUIRE(validated.exit_code == 0);
}

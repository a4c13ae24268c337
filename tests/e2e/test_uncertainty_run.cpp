// [uncertainty] end to end (issue 17) on the bad-input catalogue's small job (four 100 m zones of
// 10 m cells, EPSG:28992), with values unlike the demo's:
//  - no declared source: every draw is the point result, so each rank interval has zero width
//    and equals the point rank, p_top_decile is 0 or 1, and the fairness intervals equal the values;
//  - four zones with known means and an independent normal error per zone: the share of draws
//    in which each zone is in the top decile (here: ranked first) equals the probability that its
//    value is the largest, computed by numerical integration, within the Monte Carlo error;
//  - the same seed gives the same bits for 1 and 2 threads; another seed other draws.
// What the draws cannot redo is refused before any pixel: rows of tests/bad_input/test_validate_parity.cpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../bad_input/BadInputSupport.h"

namespace {

// Zone means: BU01 (top-left) 61, BU02 (top-right) 60, BU03 (bottom-left) 52, BU04 58 dB, each
// zone's cells spread evenly ±0.45 dB around its mean (a few distinct values, not one).
double zone_value(int col, int row) {
    const bool top = row < 10, left = col < 10;
    const double mean = top ? (left ? 61 : 60) : (left ? 52 : 58);
    return mean + 0.1 * ((col + row) % 10) - 0.45;
}
const char* kIds[] = {"BU01", "BU02", "BU03", "BU04"};

std::map<std::string, std::map<std::string, std::string>> zones_by_id(const bad::fs::path& csv) {
    const auto rows = e2e::parse_csv(e2e::read_file(csv));
    REQUIRE(rows.size() > 1);
    std::map<std::string, std::map<std::string, std::string>> out;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) row[rows[0][c]] = rows[r][c];
        out[row.at("zone_id")] = row;
    }
    return out;
}

double num(const std::map<std::string, std::string>& row, const std::string& column) {
    INFO("column " << column);
    REQUIRE(row.count(column));
    REQUIRE_FALSE(row.at(column).empty());
    return std::stod(row.at(column));
}

double phi(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI); }
double Phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// P(X_i is the largest), X_j ~ Normal(mean_j, sd²) independent: ∫ φ_i(x) Π_{j≠i} Φ_j(x) dx.
double p_largest(const std::vector<double>& means, std::size_t i, double sd) {
    double sum = 0;
    const double h = 1e-3;
    for (double x = means[i] - 10 * sd; x <= means[i] + 10 * sd; x += h) {
        double f = phi((x - means[i]) / sd) / sd;
        for (std::size_t j = 0; j < means.size(); ++j)
            if (j != i) f *= Phi((x - means[j]) / sd);
        sum += f * h;
    }
    return sum;
}

// The standard job with the zone values above, the noise layer's method line replaced by
// `layer_keys` and `rest` before [output].
void set_up(bad::Job& job, const std::string& layer_keys, const std::string& rest) {
    bad::RasterSpec spec;
    spec.value = zone_value;
    bad::write_raster(job / "noise.tif", spec);
    job.replace("method = \"who2018.road_lden\"\n", layer_keys);
    job.replace("[output]", rest + "\n[output]");
}

}  // namespace

TEST_CASE("uncertainty: no declared source gives intervals of zero width equal to the point results", "[e2e][uncertainty]") {
    bad::Job job("u-zero");
    set_up(job, "method = \"who2018.road_lden\"\n",
                            "[fairness]\nincome = \"mean_income\"\nincome_order = \"higher_is_richer\"\nincome_groups = \"zones\"\n"
                            "[uncertainty]\ndraws = 40\n");
    const bad::CommandResult v = job.validate();
    INFO(v.out << v.err);
    REQUIRE(v.exit_code == 0);
    CHECK(bad::contains(v.out, "Uncertainty:"));
    CHECK(bad::contains(v.out, "columns redrawn per zone: none"));
    const bad::CommandResult r = job.run();
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto zones = zones_by_id(job.out() / "zones.csv");
    // The count is 1 where the zone's noise reaches 53 dB (BU01, BU02, BU04), 0 in BU03: ranks 1, 1, 4, 1.
    for (const char* id : kIds) {
        INFO(id);
        const auto& z = zones.at(id);
        const double rank = num(z, "count_mean_rank");
        CHECK(rank == (std::string(id) == "BU03" ? 4 : 1));
        CHECK(num(z, "count_mean_rank_p05") == rank);
        CHECK(num(z, "count_mean_rank_p50") == rank);
        CHECK(num(z, "count_mean_rank_p95") == rank);
        const double p = num(z, "count_mean_p_top_decile");
        CHECK(p == (rank == 1 ? 1.0 : 0.0));
        CHECK(z.at("count_mean_rank_class") == (rank == 1 ? "surely in" : "surely out"));
    }
    // The fairness measures' intervals: every draw gives the point value.
    const auto summary = e2e::parse_csv(e2e::read_file(job.out() / "fairness_summary.csv"));
    REQUIRE(summary.size() > 1);
    const auto& header = summary[0];
    const auto col = [&](const std::string& name) {
        const auto it = std::find(header.begin(), header.end(), name);
        REQUIRE(it != header.end());
        return static_cast<std::size_t>(it - header.begin());
    };
    std::size_t intervals = 0;
    for (std::size_t i = 1; i < summary.size(); ++i) {
        if (summary[i][col("p05")].empty()) continue;
        ++intervals;
        CHECK(std::stod(summary[i][col("p05")]) == std::stod(summary[i][col("value")]));
        CHECK(std::stod(summary[i][col("p95")]) == std::stod(summary[i][col("value")]));
    }
    CHECK(intervals >= 1);
    const auto manifest = nlohmann::json::parse(e2e::read_file(job.out() / "run.json"));
    CHECK(manifest.at("uncertainty").at("draws") == 40);
    CHECK(manifest.at("uncertainty").at("measures").at(0).at("surely_in") == 3);
}

TEST_CASE("uncertainty: the share of draws in the top decile equals the analytic probability", "[e2e][uncertainty]") {
    // No method, no cumulation: the zones rank by noise_mean; one zone of four is the top decile.
    bad::Job job("u-analytic");
    set_up(job, "error = { sd = 1.5, scale = \"zone\" }\n", "[uncertainty]\ndraws = 4000\nseed = 11\n");
    job.replace("[[cumulation]]\nname = \"count\"\nrule = \"count_at_least\"\n", "");
    const bad::CommandResult r = job.run({"--threads", "2"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto zones = zones_by_id(job.out() / "zones.csv");
    const std::vector<double> means = {61, 60, 52, 58};
    double total = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const double p = p_largest(means, i, 1.5);
        const double got = num(zones.at(kIds[i]), "noise_mean_p_top_decile");
        INFO(kIds[i] << ": analytic " << p << ", drawn " << got);
        CHECK(std::abs(got - p) <= 4 * std::sqrt(p * (1 - p) / 4000) + 1e-3);
        total += got;
    }
    CHECK(total == Approx(1.0).margin(1e-12));  // no ties in continuous draws: one zone is first in each
    // BU03 (52 dB) is last in practically every draw; BU01 is never last (P(52 + e > 61 + e') = 1e-5).
    CHECK(num(zones.at("BU03"), "noise_mean_rank_p05") == 4);
    CHECK(num(zones.at("BU01"), "noise_mean_rank_p95") <= 3);
    CHECK(num(zones.at("BU01"), "noise_mean_rank_p50") == 1);

    // The same seed on 1 thread: the same bits; another seed: other draws.
    const std::string first = e2e::read_file(job.out() / "zones.csv");
    const bad::CommandResult one = job.run({"--threads", "1", "--overwrite"});
    REQUIRE(one.exit_code == 0);
    CHECK(e2e::read_file(job.out() / "zones.csv") == first);
    job.replace("seed = 11", "seed = 12");
    REQUIRE(job.run({"--overwrite"}).exit_code == 0);
    CHECK(e2e::read_file(job.out() / "zones.csv") != first);
}

TEST_CASE("uncertainty: a curve's relative risk is drawn from its table's 95 % CI, once per method", "[e2e][uncertainty][health]") {
    // The health demo ranked by its health burden: the PM2.5 mortality curve's RR 1.08 (1.06-1.09)
    // is the only source. It moves every zone's burden the same way, so the ranks barely move,
    // but the lowest/highest quintile ratio gets an interval around its value.
    e2e::TempDir dir("u-health");
    const std::string base = e2e::source_dir() + "/data/demo/health.toml";
    const auto write = [&](bool draw_rr) {
        std::ofstream(dir / "job.toml") << "extends = " << nlohmann::json(base).dump() << "\n"
                                        << "[fairness]\nincome = \"low_income_share\"\nburden = \"health_mean\"\n"
                                        << "[uncertainty]\ndraws = 200\nexposure_response = " << (draw_rr ? "true" : "false") << "\n"
                                        << "[output]\ndir = \"out\"\n";
    };
    write(true);
    const e2e::CommandResult v = e2e::run_burdenmap({"validate", (dir / "job.toml").string()});
    INFO(v.out << v.err);
    REQUIRE(v.exit_code == 0);
    // One draw per method: the health burden and its per-outcome breakdown share it.
    const auto pos = v.out.find("relative risk of who2021.pm25_mortality_rr: 1.08 (95 % CI 1.06-1.09)");
    REQUIRE(pos != std::string::npos);
    CHECK(v.out.find("relative risk of", pos + 1) == std::string::npos);
    CHECK(bad::contains(v.out, "columns redrawn per zone: health_mean"));

    const e2e::CommandResult r = e2e::run_burdenmap({"--quiet", "run", (dir / "job.toml").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto summary = e2e::parse_csv(e2e::read_file(dir / "out" / "fairness_summary.csv"));
    REQUIRE(summary.size() > 1);
    REQUIRE(summary[0][5] == "p05");
    bool ratio = false;
    for (const auto& row : summary)
        if (row[0] == "lowest_to_highest_quintile_ratio" && row[1] == "health_mean") {
            ratio = true;
            const double value = std::stod(row[2]), p05 = std::stod(row[5]), p95 = std::stod(row[6]);
            CHECK(p05 < value);
            CHECK(value < p95);
            CHECK(p95 - p05 < 0.1 * value);  // RR 1.06-1.09 moves a ratio of burdens little
        }
    CHECK(ratio);
    const auto manifest = nlohmann::json::parse(e2e::read_file(dir / "out" / "run.json"));
    const auto& source = manifest.at("uncertainty").at("sources").at(0);
    CHECK(source.at("kind") == "relative_risk");


    // exposure_response = false: nothing is drawn, the intervals have zero width.
    write(false);
    REQUIRE(e2e::run_burdenmap({"--quiet", "run", (dir / "job.toml").string(), "--overwrite"}).exit_code == 0);
    for (const auto& row : e2e::parse_csv(e2e::read_file(dir / "out" / "fairness_summary.csv")))
        if (row[0] == "lowest_to_highest_quintile_ratio" && row[1] == "health_mean") CHECK(row[5] == row[2]);
}

TEST_CASE("uncertainty: a drawn count level gives the counts of a run at that level", "[e2e][uncertainty]") {
    // The demo's stapeling with at_least_options = [2]: every draw counts the layers with a score
    // of at least 2 (from the zone's class weights, no raster read again), so every rank interval
    // is the rank by stapeling_mean of a plain run with at_least = 2.
    e2e::TempDir dir("u-levels");
    const std::string base = nlohmann::json(e2e::source_dir() + "/data/demo/demo.toml").dump();
    std::ofstream(dir / "drawn.toml") << "extends = " << base << "\n[uncertainty]\ndraws = 8\n"
                                      << "[[cumulation]]\nname = \"stapeling\"\nat_least_options = [2]\n[output]\ndir = \"drawn\"\n";
    std::ofstream(dir / "level2.toml") << "extends = " << base << "\n[[cumulation]]\nname = \"stapeling\"\nat_least = 2\n[output]\ndir = \"level2\"\n";
    for (const char* config : {"drawn.toml", "level2.toml"}) {
        const e2e::CommandResult r = e2e::run_burdenmap({"--quiet", "run", (dir / config).string()});
        INFO(config << ": " << r.err);
        REQUIRE(r.exit_code == 0);
    }
    const auto drawn = zones_by_id(dir / "drawn" / "zones.csv");
    const auto level2 = zones_by_id(dir / "level2" / "zones.csv");
    REQUIRE(drawn.size() == level2.size());
    // Competition ranks of the level-2 run's stapeling_mean (1 = highest).
    std::size_t checked = 0, moved = 0;
    for (const auto& [id, row] : level2) {
        if (row.at("stapeling_mean").empty()) continue;
        const double mine = std::stod(row.at("stapeling_mean"));
        int rank = 1;
        for (const auto& [other_id, other] : level2)
            if (!other.at("stapeling_mean").empty() && std::stod(other.at("stapeling_mean")) > mine) ++rank;
        INFO(id);
        const auto& d = drawn.at(id);
        CHECK(num(d, "stapeling_mean_rank_p05") == rank);
        CHECK(num(d, "stapeling_mean_rank_p95") == rank);
        if (num(d, "stapeling_mean_rank") != rank) ++moved;
        ++checked;
    }
    CHECK(checked == drawn.size());
    CHECK(moved > 0);  // level 2 ranks otherwise than the layers' own levels: the draws did change the counts
}

TEST_CASE("uncertainty: drawn weights of a weighted sum give the ranks of a run with those weights", "[e2e][uncertainty]") {
    // A weighted sum of two class scores: noise above 53 dB (0/1) and the GES classes (0-8) of a
    // second noise map whose zones are the first's mirrored; the GES weight drawn from
    // [3, 3.000001]: every draw is, to 1e-6, the sum with weight 3, so every rank interval is the
    // rank of a plain run with weight 3.
    const std::string layers = "method = \"who2018.road_lden\"\n\n[[layer]]\nname = \"ges\"\npath = \"noise2.tif\"\nunit = \"dB Lden\"\n"
                               "method = \"ges.road_noise\"\n";
    const auto sum = [](const std::string& more) {
        return "[[cumulation]]\nname = \"count\"\nrule = \"weighted_sum\"\nweights = { noise = 1, ges = " + more;
    };
    bad::Job drawn("u-weights"), fixed("u-weights-fixed");
    set_up(drawn, layers, "[uncertainty]\ndraws = 6\n");
    drawn.replace("[[cumulation]]\nname = \"count\"\nrule = \"count_at_least\"\n", sum("1 }\nweights_range = { ges = [3, 3.000001] }\n"));
    set_up(fixed, layers, "");
    fixed.replace("[[cumulation]]\nname = \"count\"\nrule = \"count_at_least\"\n", sum("3 }\n"));
    for (const bad::Job* job : {&drawn, &fixed}) {
        bad::RasterSpec mirrored;
        mirrored.value = [](int col, int row) { return zone_value(19 - col, 19 - row); };
        bad::write_raster(*job / "noise2.tif", mirrored);
        const bad::CommandResult r = job->run();
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }
    const auto d = zones_by_id(drawn.out() / "zones.csv");
    const auto f = zones_by_id(fixed.out() / "zones.csv");
    std::size_t moved = 0;
    for (const char* id : kIds) {
        INFO(id);
        const double mine = num(f.at(id), "count_mean");
        int rank = 1;
        for (const char* other : kIds) rank += num(f.at(other), "count_mean") > mine ? 1 : 0;
        CHECK(num(d.at(id), "count_mean_rank_p05") == rank);
        CHECK(num(d.at(id), "count_mean_rank_p95") == rank);
        if (num(d.at(id), "count_mean_rank") != rank) ++moved;
    }
    CHECK(moved > 0);  // weight 3 orders the zones otherwise than weight 1
}

TEST_CASE("uncertainty: a sharded run is refused before any pixel, naming [uncertainty]", "[e2e][uncertainty][shards]") {
    // The draws need every zone's draw statistics in one process; shards do not save them.
    bad::Job job("u-shards");
    set_up(job, "method = \"who2018.road_lden\"\nerror = { sd = 1 }\n", "[uncertainty]\ndraws = 10\n");
    job.write_config();
    const bad::CommandResult plan = e2e::run_burdenmap({"plan", job.config_path().string(), "--shards", "2"});
    INFO(plan.out << plan.err);
    CHECK(plan.exit_code == 2);
    CHECK(bad::contains(plan.err, "uncertainty: [uncertainty] is not supported in a sharded run yet"));
    const bad::CommandResult shard = e2e::run_burdenmap({"--quiet", "run", job.config_path().string(), "--shard", "1/2", "--output-dir", (job.dir() / "parts").string()});
    CHECK(shard.exit_code == 2);
    CHECK(bad::contains(shard.err, "[uncertainty] is not supported in a sharded run yet"));
    const bad::fs::path parts = job.dir() / "parts";
    CHECK((!bad::fs::exists(parts) || bad::fs::is_empty(parts)));
}

TEST_CASE("uncertainty: a threshold index gets the share of draws flagged, the point flag without a source", "[e2e][uncertainty]") {
    // CEJST on the demo town: a designation (cejst_final 0/1), not a ranking, so the draws give
    // cejst_final_p_flagged. Only the percentile rule is drawn, between cejst and cejst: every
    // draw is the point result, so the share is the point flag exactly.
    e2e::TempDir dir("u-cejst");
    std::ofstream(dir / "job.toml") << "extends = " << nlohmann::json(e2e::source_dir() + "/data/demo/demo.toml").dump() << "\n"
                                    << "[fairness]\nindex = \"cejst\"\nlow_income_indicator = \"low_income\"\n"
                                    << "[[fairness.indicator]]\nname = \"road\"\ngroup = \"noise\"\n"
                                    << "[[fairness.indicator]]\nname = \"rail\"\ngroup = \"noise\"\n"
                                    << "[[fairness.indicator]]\nname = \"no2_air\"\ngroup = \"air\"\n"
                                    << "[[fairness.indicator]]\nname = \"pm25_air\"\ngroup = \"air\"\n"
                                    << "[[fairness.indicator]]\nname = \"safety\"\ngroup = \"safety\"\n"
                                    << "[uncertainty]\ndraws = 20\npercentile_options = [\"cejst\"]\n[output]\ndir = \"out\"\n";
    const e2e::CommandResult r = e2e::run_burdenmap({"--quiet", "run", (dir / "job.toml").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto zones = zones_by_id(dir / "out" / "zones.csv");
    std::size_t flagged = 0;
    for (const auto& [id, z] : zones) {
        INFO(id);
        REQUIRE(z.count("cejst_final_p_flagged"));
        CHECK(z.at("cejst_final_p_flagged") == z.at("cejst_final"));  // "0" or "1", as the flag
        flagged += z.at("cejst_final") == "1";
    }
    CHECK(flagged > 0);
    const auto manifest = nlohmann::json::parse(e2e::read_file(dir / "out" / "run.json"));
    CHECK(manifest.at("uncertainty").at("measures").at(1).at("column") == "cejst_final");
    CHECK(manifest.at("uncertainty").at("measures").at(1).at("p_flagged") == true);
}

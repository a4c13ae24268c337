// The demo's uncertainty run end to end (issue 17): data/demo/uncertainty.toml run as scripts/demo
// runs it, once with 1 thread and once with 2 (with --report). Checked: the rank columns of both
// ranked measures in zones.csv and what must hold between them (p05 <= p50 <= p95, a share in
// [0, 1], the class that share gives), the same bits for both thread counts, the draw count in
// run.json, the 90 % intervals in fairness_summary.csv and the report's section.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "E2eSupport.h"

using namespace e2e;

namespace {

// The ranked measures of the demo: the headline burden and the nl_default index.
const std::vector<std::string> measures = {"stapeling_mean", "nl_default_score"};

std::string config() { return source_dir() + "/data/demo/uncertainty.toml"; }

void run_with(const std::filesystem::path& out, const std::string& threads, bool report) {
    std::vector<std::string> args{"--quiet", "run", config(), "--output-dir", out.string(), "--threads", threads};
    if (report) args.push_back("--report");
    const CommandResult r = run_burdenmap(args);
    INFO("--threads " << threads << ": " << r.err);
    REQUIRE(r.exit_code == 0);
}

std::optional<double> number(const std::string& s) {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size()) return std::nullopt;
    return v;
}

// Column index by name; fails the test when the column is missing.
std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    FAIL("no column " << name);
    return 0;
}

void check_measure(const std::vector<std::vector<std::string>>& csv, const std::string& m) {
    const auto& header = csv[0];
    const std::size_t value = column(header, m), rank = column(header, m + "_rank"), p05 = column(header, m + "_rank_p05"),
                      p50 = column(header, m + "_rank_p50"), p95 = column(header, m + "_rank_p95"),
                      share = column(header, m + "_p_top_decile"), cls = column(header, m + "_rank_class");
    std::size_t ranked = 0, surely_in = 0;
    for (std::size_t r = 1; r < csv.size(); ++r) {
        const auto& row = csv[r];
        INFO(m << ", zone " << row[0]);
        REQUIRE(row.size() == header.size());
        const auto lo = number(row[p05]), mid = number(row[p50]), hi = number(row[p95]), p = number(row[share]);
        // A zone has a rank exactly when it has a value (the demo's 4 buurten without income
        // have no index score).
        CHECK(number(row[rank]).has_value() == number(row[value]).has_value());
        if (!number(row[rank])) continue;
        ++ranked;
        REQUIRE(lo);
        REQUIRE(mid);
        REQUIRE(hi);
        REQUIRE(p);
        CHECK(*lo >= 1);
        CHECK(*lo <= *mid);
        CHECK(*mid <= *hi);
        CHECK(*hi <= 86);
        CHECK(*p >= 0);
        CHECK(*p <= 1);
        const std::string expected = *p >= 0.9 ? "surely in" : *p <= 0.1 ? "surely out" : "edge";
        CHECK(row[cls] == expected);
        if (expected == "surely in") ++surely_in;
    }
    CHECK(ranked >= 80);
    // The demo's burden is concentrated in the west: some buurten are in the top tenth whatever
    // the draw.
    CHECK(surely_in >= 1);
}

}  // namespace

TEST_CASE("the demo's uncertainty run: rank intervals, classes, the same bits for 1 and 2 threads",
          "[e2e][demo][uncertainty]") {
    TempDir dir("demo-uncertainty");
    run_with(dir / "t1", "1", false);
    run_with(dir / "t2", "2", true);

    const std::string zones_csv = read_file(dir / "t1" / "zones.csv");
    CHECK(zones_csv == read_file(dir / "t2" / "zones.csv"));  // byte for byte
    const auto csv = parse_csv(zones_csv);
    REQUIRE(csv.size() == 87);
    for (const std::string& m : measures) check_measure(csv, m);

    const auto manifest = nlohmann::json::parse(read_file(dir / "t2" / "run.json"));
    REQUIRE(manifest.contains("uncertainty"));
    CHECK(manifest["uncertainty"]["draws"] == 500);
    CHECK(manifest["uncertainty"]["seed"] == 20261203);

    // The concentration index and the quintile ratio of the headline get a 90 % interval.
    const auto summary = parse_csv(read_file(dir / "t2" / "fairness_summary.csv"));
    REQUIRE(summary.size() > 1);
    const std::size_t p05 = column(summary[0], "p05"), p95 = column(summary[0], "p95");
    std::size_t with_interval = 0;
    for (std::size_t r = 1; r < summary.size(); ++r) {
        const auto lo = number(summary[r][p05]), hi = number(summary[r][p95]);
        if (!lo || !hi) continue;
        ++with_interval;
        CHECK(*lo <= *hi);
    }
    CHECK(with_interval >= 2);

    const std::string report = without_data_uris(read_file(dir / "t2" / "report.html"));
    CHECK(report.find("How sure is the ranking") != std::string::npos);
    // The fairness facts give the concentration index's interval over the draws beside its standard error's.
    CHECK(report.find("; over the uncertainty draws, 90 % between ") != std::string::npos);
    CHECK(report.find("in the top tenth by stapeling") != std::string::npos);
}

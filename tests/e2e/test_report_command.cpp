// The report, end to end: `burdenmap run --report` and `burdenmap report OUTPUT_DIR` write
// report.html and map.png beside the outputs, refuse to replace them without --overwrite, and
// name what is missing in a folder that is not a run's.
#include <catch2/catch.hpp>

#include <filesystem>

#include "E2eSupport.h"
#include "support/TestValues.h"

using namespace e2e;
namespace fs = std::filesystem;

namespace {

using burdenmap::test::contains;

std::vector<std::string> hidden_files(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().front() == '.') out.push_back(e.path().filename().string());
    return out;
}

}  // namespace

TEST_CASE("run --report and report write report.html and map.png", "[e2e][report]") {
    TempDir dir("report");
    const CommandResult run = run_burdenmap({"--quiet", "run", demo_config(), "--output-dir", dir.path().string(), "--report"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const std::string html = read_file(dir / "report.html");
    CHECK(contains(html, "Environmental burden: Demo town"));
    CHECK(contains(html, "<img src=\"data:image/png;base64,"));
    CHECK(contains(html, "Burdens pile up most in"));
    // The study it ran: its place, the kinds of burden, GES wording (the demo uses a GES method),
    // Dutch and EU legal values "here" ([study] jurisdiction = "NL"), and the fairness section.
    CHECK(contains(html, "Where in Demo town do burdens from noise, air pollution and external-safety risk pile up"));
    CHECK(contains(html, "GES practice"));
    CHECK(contains(html, "legal limit value here (EU)"));
    CHECK(contains(html, "cells of 10 m"));
    CHECK(contains(html, "Concentration index of stapeling by income: "));
    CHECK(contains(html, "95 % confidence interval"));
    CHECK(contains(html, "Burden × income: each neighbourhood"));  // the bivariate map beside it
    CHECK(contains(html.substr(html.find("id=\"fairness\"")), "<img src=\"data:image/png;base64,"));
    const std::string png = read_file(dir / "map.png");
    REQUIRE(png.size() > 1000);
    CHECK(png.substr(1, 3) == "PNG");
    CHECK(hidden_files(dir.path()).empty());  // no temp file left behind

    // Again from the folder alone: refused without --overwrite, the report untouched.
    const CommandResult again = run_burdenmap({"report", dir.path().string()});
    CHECK(again.exit_code == 1);
    CHECK(contains(again.err, "report.html exists; pass --overwrite"));
    CHECK(read_file(dir / "report.html") == html);
    const CommandResult replaced = run_burdenmap({"report", dir.path().string(), "--overwrite"});
    INFO(replaced.err);
    CHECK(replaced.exit_code == 0);
    CHECK(contains(replaced.out, "report.html"));
    CHECK(read_file(dir / "report.html") == html);  // the same outputs give the same report
    CHECK(hidden_files(dir.path()).empty());

    // A run refuses up front, before any work, when the report exists.
    const CommandResult refused =
        run_burdenmap({"--quiet", "run", demo_config(), "--output-dir", dir.path().string(), "--report"});
    CHECK(refused.exit_code == 1);
    CHECK(contains(refused.err, "exists; pass --overwrite"));
}

TEST_CASE("report names what is missing in a folder that is not a run's", "[e2e][report]") {
    TempDir dir("report-empty");
    const CommandResult r = run_burdenmap({"report", dir.path().string()});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "run.json"));
    CHECK_FALSE(fs::exists(dir / "report.html"));
    const CommandResult missing = run_burdenmap({"report", (dir / "nowhere").string()});
    CHECK(missing.exit_code == 2);  // a usage error: the folder does not exist
}

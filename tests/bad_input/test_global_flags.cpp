// Global flags anywhere on the command line (`run job.toml --quiet` as well as `--quiet run
// job.toml`, `-q` for short), and under --quiet nothing but errors: no progress, no summary, no
// warnings (they stay in run.json), and not TBB's "number of workers is limited" line that more
// --threads than cores used to provoke.
#include <catch2/catch.hpp>

#include "BadInputSupport.h"

using namespace bad;

namespace {

void require_silent_success(const CommandResult& r, const fs::path& out) {
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
    require_complete_outputs(out);
}

}  // namespace

TEST_CASE("global flags: --quiet and -q after the subcommand, with more threads than cores", "[bad_input][cli][quiet]") {
    Job job("quiet-after");
    // 64 threads: more than this machine's cores, as --threads 8 on a 2-core machine.
    require_silent_success(job.run({"--quiet", "--threads", "64"}, {}), job.out());
    require_silent_success(job.run({"-q", "--overwrite"}, {}), job.out());
    require_silent_success(job.run({"--overwrite", "--threads", "64"}, {"-q"}), job.out());
}

TEST_CASE("global flags: --quiet anywhere keeps warnings out of stderr and in run.json", "[bad_input][cli][quiet]") {
    TempDir dir("quiet-warnings");
    // The demo warns (placeholder method rows, a reprojected layer): said without --quiet only.
    const CommandResult loud = e2e::run_burdenmap({"run", e2e::demo_config(), "--output-dir", (dir / "loud").string()});
    REQUIRE(loud.exit_code == 0);
    REQUIRE(contains(loud.err, "warning: "));
    const CommandResult quiet = e2e::run_burdenmap(
        {"run", e2e::demo_config(), "--threads", "64", "--output-dir", (dir / "quiet").string(), "--quiet", "--report"});
    require_silent_success(quiet, dir / "quiet");
    CHECK(contains(e2e::read_file(dir / "quiet" / "run.json"), "placeholder rows"));
    CHECK(fs::exists(dir / "quiet" / "report.html"));
    const CommandResult report = e2e::run_burdenmap({"report", (dir / "loud").string(), "-q"});
    INFO(report.err);
    CHECK(report.exit_code == 0);
    CHECK(report.out.empty());
    CHECK(report.err.empty());
}

TEST_CASE("global flags: --json-progress after the subcommand", "[bad_input][cli][quiet]") {
    Job job("json-progress-after");
    const CommandResult r = job.run({"--json-progress"}, {});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.err, "{\"progress\":1.000,"));
    CHECK(contains(r.out, "Outputs:"));
}

TEST_CASE("global flags: an unknown option after the subcommand is still a usage error", "[bad_input][cli][quiet]") {
    Job job("unknown-after");
    const CommandResult r = job.run({"--quiett"}, {});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "--quiett"));
    require_nothing_written(job.out());
}

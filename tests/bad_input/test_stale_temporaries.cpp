// Temporaries that outlive their run. A run whose stdout/stderr reader went away (`burdenmap run
// ... 2>&1 | head`) is stopped by SIGPIPE like by SIGTERM: it cleans up and exits 130. What a
// killed run could not clean up (".burden.tif.tmp-PID", ...) a later run into the folder removes
// when that PID no longer runs, and says so; files of a live process, and anything else, stay.
#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// The PID of a process that has ended (a child that exits at once, reaped).
pid_t dead_pid() {
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    REQUIRE(pid > 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    return pid;
}

void plant(const fs::path& file) { std::ofstream(file) << "left behind"; }

}  // namespace

TEST_CASE("stale temporaries: a run whose output pipe is closed (SIGPIPE) exits 130 and leaves nothing",
          "[bad_input][stale_temporaries]") {
    Job job("sigpipe");
    job.write_config();
    // A pipe nobody reads: a reader opens the FIFO and has exited before the run starts, so the
    // run's first write raises SIGPIPE, every time, whatever the timing. SIGPIPE at its default
    // (env --default-signal), as a terminal's command has it: a parent that ignores it is obeyed.
    const std::string dir = shell_quote(job.dir().string());
    const std::string command = "cd " + dir + " && mkfifo pipe && { (exec 3<pipe) & exec 4>pipe; wait; } && env --default-signal=PIPE " +
                                shell_quote(burdenmap_binary()) + " run job.toml --output-dir out >&4 2>&4; echo \"exit $?\"";
    const CommandResult r = run_shell(command);
    INFO("stdout: " << r.out);
    CHECK(contains(r.out, "exit 130"));
    require_nothing_written(job.out());
}

TEST_CASE("stale temporaries: a new run removes those of ended runs, says so, and keeps a live run's",
          "[bad_input][stale_temporaries]") {
    Job job("stale");
    fs::create_directories(job.out());
    const std::string dead = std::to_string(dead_pid()), live = std::to_string(::getpid());
    const std::vector<std::string> stale{".burden.tif.tmp-" + dead, ".burden.tif.tiled-" + dead + ".ovr.tmp",
                                         ".burden.tif.tiled-" + dead + ".tiles",  // the COG's tile store
                                         ".burden.gpkg.tmp-" + dead + "-journal", ".run.json.probe-" + dead};
    const std::vector<std::string> kept{".burden.tif.tmp-" + live,           // a run writing here now
                                        ".burden.tif.tmp-" + dead + "x",     // not the pattern
                                        ".notes.txt.tmp-" + dead,            // not an output of this tool
                                        "burden.tif.tmp-" + dead,            // not hidden
                                        ".burden.tif.tmp-0" + dead};         // a PID is never written with a leading zero
    for (const auto& f : stale) plant(job.out() / f);
    for (const auto& f : kept) plant(job.out() / f);
    const CommandResult r = job.run({"--overwrite"}, {});
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.err, "warning: removed 5 temporary file(s) left by burdenmap runs that no longer run"));
    for (const auto& f : stale) {
        INFO(f);
        CHECK_FALSE(fs::exists(job.out() / f));
        CHECK(contains(r.err, f));
    }
    for (const auto& f : kept) {
        INFO(f);
        CHECK(fs::exists(job.out() / f));
    }
    CHECK(contains(e2e::read_file(job.out() / "run.json"), "\"stale-temporaries-removed\""));
}

TEST_CASE("stale temporaries: check-sites and report remove those of their own outputs too", "[bad_input][stale_temporaries]") {
    Job job("stale-other-commands");
    job.replace("method = \"who2018.road_lden\"", "method = \"who2018.road_lden\"\nstandard = \"who2018.road_lden\"");
    REQUIRE(job.run().exit_code == 0);
    ZoneSpec sites;
    sites.layer = "sites";
    sites.fields = {{"name", OFTString}};
    sites.features = {{"POINT (155050 463150)", {"a"}}};
    write_zones(job / "sites.gpkg", sites);
    const std::string dead = std::to_string(dead_pid());
    for (const char* name : {".sites.csv.tmp-", ".report.html.tmp-"}) plant(job.out() / (name + dead));

    const CommandResult check = e2e::run_burdenmap({"check-sites", job.config_path().string(), "--sites", (job / "sites.gpkg").string(),
                                                    "--output-dir", job.out().string()});
    UNSCOPED_INFO("check-sites stderr: " << check.err);
    CHECK(check.exit_code == 0);
    CHECK(contains(check.err, ".sites.csv.tmp-" + dead));
    CHECK_FALSE(fs::exists(job.out() / (".sites.csv.tmp-" + dead)));
    CHECK(fs::exists(job.out() / (".report.html.tmp-" + dead)));  // not an output of check-sites

    const CommandResult report = e2e::run_burdenmap({"report", job.out().string()});
    UNSCOPED_INFO("report stderr: " << report.err);
    CHECK(report.exit_code == 0);
    CHECK(contains(report.err, ".report.html.tmp-" + dead));
    CHECK(temp_files(job.out()).empty());
}

TEST_CASE("signals: a stop signal the parent ignores (nohup) stays ignored", "[bad_input][stale_temporaries]") {
    Job job("nohup");
    job.write_config();
    // The run's stderr is a pipe already full, so its first progress line holds it, alive, in the
    // middle of the run; its signal dispositions are then read from /proc. SIGHUP (bit 0), ignored
    // by the parent as nohup does, must still be ignored, not caught by the stop handler.
    const std::string dir = shell_quote(job.dir().string());
    const std::string command =
        "cd " + dir + " && mkfifo pipe && exec 3<>pipe && head -c 65536 /dev/zero >&3 && trap '' HUP && { " +
        shell_quote(burdenmap_binary()) + " --json-progress run job.toml --output-dir out 2>&3 & pid=$!; } && trap - HUP && sleep 2 && " +
        "ign=$(awk '/^SigIgn/ {print $2}' /proc/$pid/status) && if [ $((0x$ign & 1)) = 1 ]; then echo ignored; else echo caught; fi; " +
        "kill -KILL $pid; wait $pid; true";
    const CommandResult r = run_shell(command);
    INFO("stdout: " << r.out);
    CHECK(contains(r.out, "ignored"));
}

// Outputs and interruption: unwritable or odd output folders, a full disk (simulated with
// RLIMIT_FSIZE), existing outputs, odd path names; SIGINT/SIGTERM/SIGHUP stop within seconds,
// exit 130 and leave nothing; after SIGKILL no file with a final output name is incomplete, and
// the next run removes the temporaries the killed one left.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "BadInputSupport.h"

extern char** environ;

using namespace bad;

namespace {

using Clock = std::chrono::steady_clock;

// A job that runs for several seconds: the standard zones on a 60 x 60 km study extent of 10 m
// cells (36 million cells), in windows of 256 cells.
void make_slow(Job& job) {
    job.replace("resolution = 10", "resolution = 10\nextent = [125000, 433200, 185000, 493200]");
}

// The binary started in the background with stderr to a file, so a test can signal it.
class Background {
public:
    Background(const std::vector<std::string>& args, const fs::path& err_file) : err_(err_file) {
        std::vector<std::string> argv_store{burdenmap_binary()};
        argv_store.insert(argv_store.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (std::string& s : argv_store) argv.push_back(s.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        // Default dispositions for the stop signals, as a command typed at a terminal has: the
        // binary keeps a signal its parent ignores (nohup), and this test's own parent (a CI
        // harness) may ignore SIGHUP or SIGINT.
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        sigset_t defaults;
        sigemptyset(&defaults);
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) sigaddset(&defaults, sig);
        posix_spawnattr_setsigdefault(&attr, &defaults);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
        REQUIRE(posix_spawn(&pid_, argv[0], &actions, &attr, argv.data(), environ) == 0);
        posix_spawnattr_destroy(&attr);
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Background() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    std::string err() const { return e2e::read_file(err_); }
    // Waits (up to `limit`) until stderr contains `text`; false if the process ended first. Looks
    // every 2 ms: a stage that lasts a few milliseconds is still seen while it runs.
    bool wait_for(const std::string& text, std::chrono::seconds limit) {
        const auto end = Clock::now() + limit;
        while (Clock::now() < end) {
            if (err().find(text) != std::string::npos) return true;
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                status_ = status;
                return err().find(text) != std::string::npos;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return false;
    }
    // Only while the process has not been waited for: kill(-1, sig) would signal every process.
    void signal(int sig) const {
        if (pid_ > 0) ::kill(pid_, sig);
    }
    bool running() const { return pid_ > 0; }
    // Waits for the end; returns the wait status.
    int wait() {
        if (pid_ > 0) {
            ::waitpid(pid_, &status_, 0);
            pid_ = -1;
        }
        return status_;
    }

private:
    fs::path err_;
    pid_t pid_ = -1;
    int status_ = 0;
};

// Every final output that exists must be complete: the GeoTIFF and GeoPackage open and hold
// all their content, run.json ends with its closing brace.
void require_finals_complete(const fs::path& out) {
    if (fs::exists(out / "burden.tif")) CHECK(e2e::read_bands(out / "burden.tif").size() == 2);
    if (fs::exists(out / "burden.gpkg")) CHECK(e2e::read_zones(out / "burden.gpkg").size() == 4);
    if (fs::exists(out / "run.json")) CHECK(e2e::read_file(out / "run.json").rfind("}\n") != std::string::npos);
}

// The stage of the last progress line in `json_progress` ("" before the first).
std::string last_stage(const std::string& json_progress) {
    const std::string key = "\"stage\":\"";
    const std::size_t at = json_progress.rfind(key);
    if (at == std::string::npos) return "";
    const std::size_t from = at + key.size();
    return json_progress.substr(from, json_progress.find('"', from) - from);
}

// Starts the run and kills it (SIGKILL) in `stage`: the run is frozen (SIGSTOP) as soon as its
// progress announces the stage and killed if no later stage was announced by then. A short stage
// can end between two looks at stderr: such an attempt does not count and the run starts afresh
// (its outputs removed). False when no attempt of `attempts` landed; `log` says what each did.
bool kill_in_stage(const Job& job, const std::string& stage, int attempts, std::string& log) {
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        fs::remove_all(job.out());
        Background run({"--json-progress", "run", job.config_path().string(), "--output-dir", job.out().string()},
                       job / "stderr.txt");
        const bool announced = run.wait_for("\"stage\":\"" + stage + "\"", std::chrono::seconds(60));
        run.signal(SIGSTOP);
        const bool in_stage = announced && run.running() && last_stage(run.err()) == stage;
        run.signal(SIGKILL);
        const int status = run.wait();
        const bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        log += "attempt " + std::to_string(attempt) + ": stage announced " + (announced ? "yes" : "no") +
               ", last stage when frozen '" + last_stage(run.err()) + "', killed by SIGKILL " + (killed ? "yes" : "no") + "\n";
        if (in_stage && killed) return true;
    }
    return false;
}

void interrupt_test(int sig, const std::string& tag, const std::string& stage = "processing") {
    Job job(tag);
    make_slow(job);
    job.write_config();
    Background run({"--json-progress", "run", job.config_path().string(), "--output-dir", job.out().string(), "--block-size", "256"},
                   job / "stderr.txt");
    REQUIRE(run.wait_for("\"stage\":\"" + stage + "\"", std::chrono::seconds(60)));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    REQUIRE(run.running());
    const auto sent = Clock::now();
    run.signal(sig);
    const int status = run.wait();
    const double seconds = std::chrono::duration<double>(Clock::now() - sent).count();
    INFO("stderr:\n" << run.err());
    INFO("stopped " << seconds << " s after the signal");
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    CHECK(seconds < 3.0);
    CHECK(contains(run.err(), "cancelled"));
    require_nothing_written(job.out());
}

}  // namespace

TEST_CASE("outputs: an output folder that cannot be created exits 1 naming it", "[bad_input][outputs]") {
    Job job("out-uncreatable");
    std::ofstream(job / "a_file") << "x";
    job.write_config();
    const CommandResult r = e2e::run_burdenmap({"run", job.config_path().string(), "--output-dir", (job / "a_file" / "out").string()});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "cannot create output folder"));
    CHECK(contains(r.err, "a_file"));
}

TEST_CASE("outputs: an output folder that is not writable exits 1 naming it, before any work", "[bad_input][outputs]") {
    Job job("out-readonly");
    job.write_config();
    // root may write into a mode-555 folder; /proc takes no files from anyone.
    fs::path folder = "/proc";
    if (::geteuid() != 0) {
        folder = job / "ro";
        fs::create_directories(folder);
        fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec);
    }
    const CommandResult r = e2e::run_burdenmap({"run", job.config_path().string(), "--output-dir", folder.string()});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "output folder " + folder.string() + " is not writable"));
    if (::geteuid() != 0) fs::permissions(folder, fs::perms::owner_all);
}

TEST_CASE("outputs: a full disk while writing exits 1 and leaves no output and no temp file", "[bad_input][outputs]") {
    Job job("out-disk-full");
    job.write_config();
    const std::string run = shell_quote(burdenmap_binary()) + " --quiet run " + shell_quote(job.config_path().string()) +
                            " --output-dir " + shell_quote(job.out().string());
    // RLIMIT_FSIZE with SIGXFSZ ignored: a write past the limit fails with EFBIG, as on a full disk.
    SECTION("the GeoPackage does not fit (the GeoTIFF did)") {
        const CommandResult r = run_shell("trap '' XFSZ; ulimit -f 64; exec " + run);
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err, "burden.gpkg"));
        CHECK(contains(r.err, "the disk refuses more data (File too large)"));
        require_nothing_written(job.out());
    }
    SECTION("the GeoTIFF does not fit") {
        make_slow(job);
        job.replace("extent = [125000, 433200, 185000, 493200]", "extent = [150000, 458200, 160000, 468200]");
        job.write_config();
        // 1000 x 1000 cells of varying values: megabytes even compressed.
        RasterSpec spec;
        spec.cols = spec.rows = 1000;
        spec.gt[0] = 150000;
        spec.gt[3] = 468200;
        spec.value = [](int c, int r) { return 40.0 + ((c * 7919 + r * 104729) % 4001) / 100.0; };
        write_raster(job / "noise.tif", spec);
        const CommandResult r = run_shell("trap '' XFSZ; ulimit -f 64; exec " + run);
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err, "burden.tif"));
        CHECK(contains(r.err, "the disk refuses more data (File too large)"));
        require_nothing_written(job.out());
    }
}

TEST_CASE("outputs: an existing output without --overwrite exits 1, untouched, nothing else written", "[bad_input][outputs]") {
    Job job("out-exists");
    fs::create_directories(job.out());
    std::ofstream(job.out() / "burden.gpkg") << "precious";
    const CommandResult r = job.run();
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "burden.gpkg exists; pass --overwrite to replace it"));
    CHECK(e2e::read_file(job.out() / "burden.gpkg") == "precious");
    CHECK_FALSE(fs::exists(job.out() / "burden.tif"));
    CHECK_FALSE(fs::exists(job.out() / "run.json"));
    CHECK(temp_files(job.out()).empty());
}

TEST_CASE("outputs: a failing run with --overwrite leaves the previous outputs as they were", "[bad_input][outputs]") {
    Job job("out-overwrite-fails");
    REQUIRE(job.run().exit_code == 0);
    const std::string tif = e2e::read_file(job.out() / "burden.tif"), gpkg = e2e::read_file(job.out() / "burden.gpkg"),
                      manifest = e2e::read_file(job.out() / "run.json"), csv = e2e::read_file(job.out() / "zones.csv");
    REQUIRE_FALSE(csv.empty());  // zones.csv is an output like the others
    // A raster whose pixels are cut off: the run fails while reading, after the outputs were opened.
    write_cut_cog(job / "noise.tif");
    const CommandResult r = job.run({"--overwrite"});
    CHECK(r.exit_code == 1);
    // Compared as booleans: Catch would print the binary files on a mismatch.
    const bool same_tif = e2e::read_file(job.out() / "burden.tif") == tif;
    const bool same_gpkg = e2e::read_file(job.out() / "burden.gpkg") == gpkg;
    const bool same_manifest = e2e::read_file(job.out() / "run.json") == manifest;
    const bool same_csv = e2e::read_file(job.out() / "zones.csv") == csv;
    CHECK(same_csv);
    CHECK(same_tif);
    CHECK(same_gpkg);
    CHECK(same_manifest);
    CHECK(temp_files(job.out()).empty());
}

TEST_CASE("outputs: paths with spaces and non-ASCII characters work", "[bad_input][outputs]") {
    Job job("out-odd-paths", false);
    const fs::path data = job / "data map/ünïcødé 北京 'quote'";
    fs::create_directories(data);
    write_zones(data / "buurten é.gpkg", standard_zones());
    write_raster(data / "geluid ø.tif", RasterSpec{});
    job.replace("\"zones.gpkg\"", "\"data map/ünïcødé 北京 'quote'/buurten é.gpkg\"");
    job.replace("\"noise.tif\"", "\"data map/ünïcødé 北京 'quote'/geluid ø.tif\"");
    job.write_config();
    const fs::path out = job / "uit voer/résultats";
    const CommandResult r = e2e::run_burdenmap({"--quiet", "run", job.config_path().string(), "--output-dir", out.string()});
    CHECK(r.exit_code == 0);
    require_complete_outputs(out);
    CHECK(zone_value(out / "burden.gpkg", "BU01", "noise_mean") == "60");
    // And a missing file among them is named exactly.
    fs::remove(data / "geluid ø.tif");
    const CommandResult missing = e2e::run_burdenmap({"run", job.config_path().string(), "--output-dir", (job / "uit2").string()});
    CHECK(missing.exit_code == 1);
    CHECK(contains(missing.err, "ünïcødé 北京 'quote'/geluid ø.tif"));
}

TEST_CASE("interruption: SIGINT stops the run within seconds, exits 130, removes its temporary files",
          "[bad_input][interrupt]") {
    interrupt_test(SIGINT, "sigint");
}

TEST_CASE("interruption: SIGTERM stops the run within seconds, exits 130, removes its temporary files",
          "[bad_input][interrupt]") {
    interrupt_test(SIGTERM, "sigterm");
}

TEST_CASE("interruption: SIGHUP (the terminal closed) stops the run like SIGTERM, exits 130, removes its temporary files",
          "[bad_input][interrupt][stale_temporaries]") {
    interrupt_test(SIGHUP, "sighup");
}

TEST_CASE("interruption: SIGINT while the cloud-optimised GeoTIFF is written stops within seconds too",
          "[bad_input][interrupt]") {
    interrupt_test(SIGINT, "sigint-cog", "writing GeoTIFF");
}

TEST_CASE("interruption: after SIGKILL no file with a final output name is incomplete", "[bad_input][interrupt]") {
    // Killed while processing, and again at each output-writing stage.
    for (const char* stage : {"processing", "writing GeoTIFF", "writing GeoPackage"}) {
        DYNAMIC_SECTION("killed at: " << stage) {
            Job job("sigkill");
            job.replace("resolution = 10", "resolution = 10\nextent = [145000, 453200, 165000, 473200]");
            job.write_config();
            std::string log;
            const bool landed = kill_in_stage(job, stage, 5, log);
            INFO(log);
            REQUIRE(landed);  // else this section would test a finished run, or none
            require_finals_complete(job.out());
            // A new run is not disturbed by what the killed one left, and removes its temporaries.
            CHECK(job.run({"--overwrite"}).exit_code == 0);
            require_finals_complete(job.out());
            CHECK(temp_files(job.out()).empty());
        }
    }
}

// A shard's part folder appears whole or not at all (job/ShardRun): stopped by a signal it cleans
// up; killed, it leaves only a hidden temporary folder that the next run of that shard removes.
TEST_CASE("interruption: SIGTERM stops a shard within seconds, exits 130, and leaves no part", "[bad_input][interrupt][shards]") {
    Job job("shard-sigterm");
    make_slow(job);
    job.write_config();
    const fs::path parts = job / "parts";
    Background run({"--json-progress", "run", job.config_path().string(), "--shard", "0/2", "--output-dir", parts.string(), "--block-size", "256"},
                   job / "stderr.txt");
    REQUIRE(run.wait_for("\"stage\":\"processing\"", std::chrono::seconds(60)));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    REQUIRE(run.running());
    run.signal(SIGTERM);
    const int status = run.wait();
    INFO("stderr:\n" << run.err());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    for (const auto& e : fs::directory_iterator(parts)) FAIL("the cancelled shard left " << e.path());
}

TEST_CASE("interruption: a shard killed by SIGKILL leaves only a hidden folder, removed when the shard runs again",
          "[bad_input][interrupt][shards]") {
    Job job("shard-sigkill");
    make_slow(job);
    job.write_config();
    const fs::path parts = job / "parts";
    const std::vector<std::string> args = {"run", job.config_path().string(), "--shard", "1/2", "--output-dir", parts.string(), "--block-size", "256"};
    {
        std::vector<std::string> progress = {"--json-progress"};
        progress.insert(progress.end(), args.begin(), args.end());
        Background run(progress, job / "stderr.txt");
        REQUIRE(run.wait_for("\"stage\":\"processing\"", std::chrono::seconds(60)));
        run.signal(SIGKILL);
        run.wait();
    }
    std::vector<std::string> left;
    for (const auto& e : fs::directory_iterator(parts)) left.push_back(e.path().filename().string());
    REQUIRE(left.size() == 1);
    CHECK(left[0].rfind(".shard-1-of-2.tmp-", 0) == 0);  // hidden: never taken for a part
    std::vector<std::string> quiet = {"--quiet"};
    quiet.insert(quiet.end(), args.begin(), args.end());
    const CommandResult again = e2e::run_burdenmap(quiet);
    INFO(again.err);
    REQUIRE(again.exit_code == 0);
    left.clear();
    for (const auto& e : fs::directory_iterator(parts)) left.push_back(e.path().filename().string());
    CHECK(left == std::vector<std::string>{"shard-1-of-2"});
}

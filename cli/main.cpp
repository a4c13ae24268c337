// burdenmap: cumulative environmental burden per neighbourhood, and who carries it.
// Wires the subcommands up and maps exceptions to exit codes; the work is in lib/.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "Commands.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/job/RunManifest.h"

using namespace burdenmap;
using namespace burdenmap::cli;

int main(int argc, char** argv) {
    CLI::App app{"burdenmap: maps cumulative environmental burden (noise, air, external safety) per neighbourhood\n"
                 "and whether low-income residents carry more of it."};
    app.require_subcommand(1);
    // Global flags anywhere: `burdenmap run cfg.toml --quiet` as well as `burdenmap --quiet run
    // cfg.toml`. Subcommands made after this pass options they do not know up to the app.
    app.fallthrough();
    GlobalOptions global;
    app.add_flag("-q,--quiet", global.quiet, "No progress or summary output");
    app.add_flag("--json-progress", global.json_progress, "Progress as JSON lines on stderr");
    app.set_version_flag("--version", [] {
        return burdenmap_version() + " (" + gdal_version() + ", " + proj_version() + ", " + geos_version() + ")";
    });
    const Action run = add_run_command(app, global);
    const Action validate = add_validate_command(app, global);
    const Action methods = add_methods_command(app, global);
    const Action check_sites = add_check_sites_command(app, global);
    const Action report = add_report_command(app, global);
    const Action plan = add_plan_command(app, global);
    const Action merge = add_merge_command(app, global);
    const Action compare = add_compare_command(app, global);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? ExitCode::ok : ExitCode::usage_error;
    }
    try {
        if (app.got_subcommand("run")) return run();
        if (app.got_subcommand("validate")) return validate();
        if (app.got_subcommand("check-sites")) return check_sites();
        if (app.got_subcommand("report")) return report();
        if (app.got_subcommand("plan")) return plan();
        if (app.got_subcommand("merge")) return merge();
        if (app.got_subcommand("compare")) return compare();
        return methods();
    } catch (const ConfigError& e) {
        std::fprintf(stderr, "\nerror: %s\n", e.what());
        return ExitCode::usage_error;
    } catch (const Cancelled&) {
        std::fprintf(stderr, "\ncancelled: temporary files removed, no output written\n");
        return ExitCode::cancelled;
    } catch (const InputError& e) {
        std::fprintf(stderr, "\nerror: %s\n", e.what());
        return ExitCode::input_error;
    } catch (const OutputError& e) {
        std::fprintf(stderr, "\nerror: %s\n", e.what());
        return ExitCode::input_error;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "\nerror: %s\n", e.what());
        return ExitCode::input_error;
    }
}

// burdenmap report OUTPUT_DIR: the report (report.html + map.png) of a finished run, from its
// output folder alone; the same as `burdenmap run --report` writes at the end of a run.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "Commands.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/report/MapFont.h"
#include "burdenmap/report/ReportWriter.h"

namespace burdenmap::cli {

namespace {

struct ReportArgs {
    std::string output_dir;
    std::string manifest = "run.json";
    bool overwrite = false;
};

}  // namespace

void refuse_unwritable_report(const std::filesystem::path& output_dir, bool overwrite) {
    const ReportPaths planned = report_paths(output_dir);
    AtomicOutput::check_writable(planned.report, overwrite);
    AtomicOutput::check_writable(planned.map, overwrite);
    report::require_map_font();
}

void write_report_after(const RunResult& result, bool overwrite, const GlobalOptions& global) {
    ReportOptions options;
    options.overwrite = overwrite;
    options.manifest = result.manifest.filename().string();
    const ReportPaths paths = write_report(result.manifest.parent_path(), options);
    if (global.quiet) return;
    for (const Diagnostic& d : paths.warnings) std::fprintf(stderr, "warning: %s\n", d.message.c_str());
    std::printf("Report:\n  %s\n", paths.report.c_str());
}

Action add_report_command(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<ReportArgs>();
    CLI::App* cmd = app.add_subcommand("report", "Write report.html and map.png from a finished run's output folder");
    cmd->add_option("output_dir", args->output_dir, "The run's output folder (holds run.json, burden.gpkg, burden.tif)")
        ->required()
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--manifest", args->manifest, "The run manifest's file name in the folder (default run.json)");
    cmd->add_flag("--overwrite", args->overwrite, "Replace an existing report.html and map.png");
    return [args, &global]() -> int {
        ReportOptions options;
        options.overwrite = args->overwrite;
        options.manifest = args->manifest;
        const ReportPaths paths = write_report(args->output_dir, options);
        if (!global.quiet) {
            for (const Diagnostic& d : paths.warnings) std::fprintf(stderr, "warning: %s\n", d.message.c_str());
            std::printf("Report:\n  %s\n", paths.report.c_str());
            if (!paths.map.empty()) std::printf("  %s\n", paths.map.c_str());
        }
        return ExitCode::ok;
    };
}

}  // namespace burdenmap::cli

// burdenmap merge PARTS --output-dir OUT: the end of a sharded run. Checks the parts, folds them
// and writes what `run` writes (the raster as a VRT over the parts; --cog also as one GeoTIFF).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <future>
#include <memory>

#include "Commands.h"
#include "Progress.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/io/OutputInputClash.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/job/MergeShards.h"
#include "burdenmap/job/OutputNames.h"
#include "burdenmap/report/ReportWriter.h"

namespace burdenmap::cli {

Action add_merge_command(CLI::App& app, const GlobalOptions& global) {
    struct Args {
        std::string parts, output_dir;
        int threads = 0;
        bool cog = false, report = false, overwrite = false;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = app.add_subcommand("merge", "Merge the parts of a sharded run (run --shard I/N) into the run's outputs");
    cmd->add_option("parts", args->parts, "The parts folder the shards wrote (their --output-dir)")->required();
    cmd->add_option("-o,--output-dir", args->output_dir, "Output folder")->required();
    cmd->add_option("-j,--threads", args->threads, "Compression threads of --cog (default: all cores)")->check(CLI::Range(1, 1024));
    cmd->add_flag("--cog", args->cog, "Also write the one-file cloud-optimised GeoTIFF (a copy of the VRT)");
    cmd->add_flag("--report", args->report, "Also write report.html and map.png (as `burdenmap report` does)");
    cmd->add_flag("--overwrite", args->overwrite, "Replace existing outputs");
    return [args, &global]() -> int {
        install_stop_handlers();
        const ShardedRun run = read_sharded_run(args->parts);
        std::vector<std::filesystem::path> outputs = merge_output_paths(run.config, args->output_dir, args->cog);
        const ReportPaths planned_report = report_paths(args->output_dir);
        if (args->report) outputs.insert(outputs.end(), {planned_report.report, planned_report.map});
        refuse_outputs_that_are_inputs(outputs, config_inputs(run.config, method_dirs_for(run.config, run.plan_options.method_dirs)));
        refuse_misplaced_outputs(run.config, args->output_dir, run.plan_options.method_dirs);
        // Refused up front, not after the run, when the report may not be written.
        if (args->report) refuse_unwritable_report(planned_report.report.parent_path(), args->overwrite);
        // The parts fold on another thread while the config is planned (zones read, tables joined).
        auto folding = std::async(std::launch::async, [&run] { return fold_shard_partials(run); });
        const JobPlan plan = plan_job(run.config, run.plan_options);
        MergeOptions options;
        options.output_dir = args->output_dir;
        options.cog = args->cog;
        options.overwrite = args->overwrite;
        options.threads = args->threads;
        options.progress = make_progress(choose_progress_style(global.quiet, global.json_progress));
        const RunResult result = merge_shards(plan, run, folding.get(), options);
        outputs_done();
        if (!global.quiet) {
            for (const Diagnostic& d : result.warnings) std::fprintf(stderr, "warning: %s\n", d.message.c_str());
            std::printf("Merged %zu shard(s) of %s\n", run.parts.size(), run.config.file.c_str());
            std::printf("Outputs:\n  %s\n", result.geotiff.c_str());
            if (!result.cog_geotiff.empty()) std::printf("  %s\n", result.cog_geotiff.c_str());
            std::printf("  %s\n  %s\n", result.geopackage.c_str(), result.manifest.c_str());
            if (!result.raw_geotiff.empty()) std::printf("  %s\n", result.raw_geotiff.c_str());
            for (const auto& [table, path] : result.csv) std::printf("  %s\n", path.c_str());
            std::printf("Zones: %zu (%zu with data); merged in %s s\n", result.zones, result.zones_with_data,
                        fixed_number(result.seconds, 1).c_str());
        }
        if (args->report) write_report_after(result, args->overwrite, global);
        return ExitCode::ok;
    };
}

}  // namespace burdenmap::cli

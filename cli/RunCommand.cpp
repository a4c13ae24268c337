// burdenmap run CONFIG: the whole job, config to GeoTIFF, GeoPackage and run.json.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <memory>

#include "Commands.h"
#include "Progress.h"
#include "burdenmap/config/ConfigParser.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/job/OutputNames.h"
#include "burdenmap/job/RunJob.h"
#include "burdenmap/job/ShardPlan.h"
#include "burdenmap/job/ShardRun.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/OutputInputClash.h"
#include "burdenmap/report/ReportWriter.h"

namespace burdenmap::cli {
namespace {

struct RunArgs {
    std::string config;
    std::string output_dir;
    std::string methods_dir;
    int threads = 0;
    int block_size = 512;
    bool overwrite = false;
    bool report = false;
    std::string shard;  // "I/N": one shard of a sharded run
};

// `run --shard I/N`: one shard into PARTS/shard-I-of-N (job/ShardRun); the merge does the rest.
int run_one_shard(const RunArgs& args, const GlobalOptions& global) {
    const ShardId shard = parse_shard_id(args.shard);
    if (args.output_dir.empty())
        throw ConfigError("--output-dir", "a shard needs the parts folder shared by every shard and the merge (--output-dir PARTS)");
    if (args.report) throw ConfigError("--report", "the report is written by the merge: burdenmap merge PARTS --output-dir OUT --report");
    PlanOptions plan_options;
    plan_options.block_size = args.block_size;
    plan_options.shards = shard.count;
    if (!args.methods_dir.empty()) plan_options.method_dirs.push_back(args.methods_dir);
    const Config config = parse_config(args.config);
    refuse_misplaced_outputs(config, args.output_dir, plan_options.method_dirs);
    const JobPlan plan = plan_job(config, plan_options);
    for (const Diagnostic& d : plan.diagnostics.all())
        if (!global.quiet) std::fprintf(stderr, "warning: %s\n", d.message.c_str());
    ShardRunOptions options;
    options.shard = shard;
    options.parts_dir = args.output_dir;
    options.method_dir_overrides = plan_options.method_dirs;
    options.threads = args.threads;
    options.progress = make_progress(choose_progress_style(global.quiet, global.json_progress));
    const ShardRunResult result = run_shard(plan, options);
    outputs_done();
    for (std::size_t i = plan.diagnostics.all().size(); i < result.warnings.size() && !global.quiet; ++i)
        std::fprintf(stderr, "warning: %s\n", result.warnings[i].message.c_str());
    if (!global.quiet)
        std::printf("Shard %zu of %zu: windows %zu-%zu (%s cells) in %s s\n  %s\n", shard.index, shard.count, result.range.first_window,
                    result.range.end_window - 1, fixed_number(static_cast<double>(result.range.cells), 0).c_str(),
                    fixed_number(result.seconds, 1).c_str(), result.folder.c_str());
    return ExitCode::ok;
}

void print_summary(const RunResult& r) {
    std::printf("Outputs:\n  %s\n  %s\n  %s\n", r.geotiff.c_str(), r.geopackage.c_str(), r.manifest.c_str());
    if (!r.raw_geotiff.empty()) std::printf("  %s\n", r.raw_geotiff.c_str());
    for (const auto& [table, path] : r.csv) std::printf("  %s\n", path.c_str());
    // Numbers through fixed_number: the same text whatever locale the process runs in.
    std::printf("Zones processed: %zu (%zu with data) in %s s\n", r.zones, r.zones_with_data, fixed_number(r.seconds, 1).c_str());
    if (!r.most_burdened.empty()) {
        std::printf("Most burdened zones by %s; %s:\n", r.headline.c_str(), r.tie_break.c_str());
        for (const ZoneSummary& z : r.most_burdened) {
            std::printf("  %-14s %-28s %8s", z.id.c_str(), z.name.c_str(), fixed_number(z.value, 3).c_str());
            if (z.income) std::printf("   %s %s", r.income_label.c_str(), fixed_number(*z.income, 1).c_str());
            if (z.income && !r.income_unit.empty()) std::printf(" (%s)", r.income_unit.c_str());
            // Floored, so an incomplete zone never reads "100 %".
            if (z.complete_share && *z.complete_share < 1)
                std::printf("   (incomplete: %s %% of the area has every layer; the count may be too low)",
                            fixed_number(std::floor(*z.complete_share * 100), 0).c_str());
            std::printf("\n");
        }
    }
    if (!r.fairness.empty()) {
        std::printf("Who carries it:\n");
        for (const std::string& line : r.fairness) std::printf("  %s\n", line.c_str());
    }
    if (!r.uncertainty.empty()) {
        std::printf("How sure:\n");
        for (const std::string& line : r.uncertainty) std::printf("  %s\n", line.c_str());
    }
    if (!r.warnings.empty()) std::printf("%zu warning(s); see run.json\n", r.warnings.size());
}

}  // namespace

Action add_run_command(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<RunArgs>();
    CLI::App* cmd = app.add_subcommand("run", "Run a job: align, score, cumulate, zonal statistics, write outputs");
    cmd->add_option("config", args->config, "The job's config file (TOML)")->required()->check(CLI::ExistingFile);
    cmd->add_option("-o,--output-dir", args->output_dir, "Output folder (default: [output] dir of the config)");
    cmd->add_option("-j,--threads", args->threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
    cmd->add_option("--block-size", args->block_size,
                    "Window size in cells (default 512; multiples of 512 write the GeoTIFF fastest)")
        ->check(CLI::Range(8, 8192));
    cmd->add_flag("--overwrite", args->overwrite, "Replace existing outputs");
    cmd->add_flag("--report", args->report, "Also write report.html and map.png (as `burdenmap report` does)");
    cmd->add_option("--methods-dir", args->methods_dir, "Folder of method tables (default: the shipped data/methods)");
    cmd->add_option("--shard", args->shard,
                    "Compute only shard I of N (I from 0, e.g. $SLURM_ARRAY_TASK_ID/4) into --output-dir PARTS; "
                    "then `burdenmap merge PARTS`");
    return [cmd, args, &global]() -> int {
        (void)cmd;
        install_stop_handlers();  // from the start: even a warning printed into a closed pipe stops cleanly
        if (!args->shard.empty()) return run_one_shard(*args, global);
        PlanOptions plan_options;
        plan_options.block_size = args->block_size;
        if (!args->methods_dir.empty()) plan_options.method_dirs.push_back(args->methods_dir);
        const Config config = parse_config(args->config);
        std::vector<std::filesystem::path> outputs = run_output_paths(config, args->output_dir);
        const ReportPaths planned_report = report_paths(args->output_dir.empty() ? config.output.dir : std::filesystem::path(args->output_dir));
        if (args->report) outputs.insert(outputs.end(), {planned_report.report, planned_report.map});
        refuse_outputs_that_are_inputs(outputs, config_inputs(config, method_dirs_for(config, plan_options.method_dirs)));
        // After the check above: an output that is an input is the more specific error (exit 1).
        refuse_misplaced_outputs(config, args->output_dir, plan_options.method_dirs);
        const JobPlan plan = plan_job(config, plan_options);
        for (const Diagnostic& d : plan.diagnostics.all())
            if (!global.quiet) std::fprintf(stderr, "warning: %s\n", d.message.c_str());
        // Every join says what it matched (also in run.json "joins"), warning or not.
        if (!global.quiet)
            for (const TableJoin* t : plan.joins()) std::fprintf(stderr, "join: %s\n", t->describe().c_str());
        RunOptions options;
        options.output_dir = args->output_dir;
        options.threads = args->threads;
        options.overwrite = args->overwrite;
        options.progress = make_progress(choose_progress_style(global.quiet, global.json_progress));
        // Refused up front, not after the run, when the report may not be written.
        if (args->report) refuse_unwritable_report(planned_report.report.parent_path(), args->overwrite);
        const RunResult result = run_job(plan, options);
        outputs_done();
        // Warnings found while running (after the plan's, which were printed above).
        for (std::size_t i = plan.diagnostics.all().size(); i < result.warnings.size() && !global.quiet; ++i)
            std::fprintf(stderr, "warning: %s\n", result.warnings[i].message.c_str());
        if (!global.quiet) print_summary(result);
        if (args->report) write_report_after(result, args->overwrite, global);
        return ExitCode::ok;
    };
}

}  // namespace burdenmap::cli

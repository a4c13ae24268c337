// burdenmap validate CONFIG: the plan without pixels — grid, CRS, how each layer is aligned,
// zones, the fairness plan (with its joined table), the standards `check-sites` would compare
// with, warnings. plan_job makes every config check `run` makes before reading pixels. Exit 0 when the job (and
// check-sites with it) can run.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "Commands.h"
#include "burdenmap/config/ConfigParser.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/job/OutputNames.h"
#include "burdenmap/job/RunJob.h"
#include "burdenmap/job/ShardPlan.h"
#include "burdenmap/job/SiteStandards.h"
#include "burdenmap/io/OutputInputClash.h"
#include "burdenmap/report/ReportWriter.h"

namespace burdenmap::cli {
namespace {

// Beside an entry a scenario config (`extends`) changed: " * (changed by plan.toml: path)" or
// " * (added by plan.toml)"; empty for an entry it left as its base had it, and for every
// entry of a config that extends none.
std::string scenario_mark(const Config& config, const std::string& entry) {
    const std::vector<ConfigChange> changes = config.changes_to(entry);
    if (changes.empty()) return "";
    for (const ConfigChange& c : changes)
        if (c.key == entry && c.added) return " * (added by " + c.file.filename().string() + ")";
    std::string out;
    std::filesystem::path file;
    for (const ConfigChange& c : changes) {
        const std::string key = c.key == entry ? entry : c.key.substr(entry.size() + 1);
        if (file != c.file) out += (file.empty() ? "" : "; ") + std::string("changed by ") + c.file.filename().string() + ": ";
        else out += ", ";
        out += key;
        file = c.file;
    }
    return " * (" + out + ")";
}

// A scenario: the configs it extends and every key it changed, as `*` marks them below.
void print_scenario(const Config& config) {
    if (config.extends.empty()) return;
    std::printf("Config: %s\n", config.file.c_str());
    for (const ConfigBase& b : config.extends) std::printf("  extends %s\n", b.file.c_str());
    std::printf("  changed over its base (* below):\n");
    for (const ConfigChange& c : config.changes)
        std::printf("    %s%s (%s)\n", c.key.c_str(), c.added ? " added" : "", c.file.filename().c_str());
}

}  // namespace

Action add_validate_command(CLI::App& app, const GlobalOptions& global) {
    auto config_path = std::make_shared<std::string>();
    auto block_size = std::make_shared<int>(512);
    auto methods_dir = std::make_shared<std::string>();
    auto shards = std::make_shared<std::size_t>(1);
    CLI::App* cmd = app.add_subcommand("validate", "Check a config and print the plan (reads no pixels)");
    cmd->add_option("config", *config_path, "The job's config file (TOML)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--block-size", *block_size, "Window size in cells (default 512)")->check(CLI::Range(8, 8192));
    // As run and check-sites take it: a method-table error that only --methods-dir brings shows here too.
    cmd->add_option("--methods-dir", *methods_dir, "Folder of method tables (default: the shipped data/methods)");
    // A study beyond one run's grid limit is checked as the shards will run it.
    cmd->add_option("--shards", *shards, "Check the job as N shards (run --shard I/N): the grid-size limit applies per shard")
        ->check(CLI::Range(1, 100000));
    return [config_path, block_size, methods_dir, shards, &global]() -> int {
        std::vector<std::filesystem::path> method_dirs;
        if (!methods_dir->empty()) method_dirs.push_back(*methods_dir);
        const Config config = parse_config(*config_path);
        // As run and check-sites do, with the config's output folder: an output that is an input
        // (report.html and map.png included: `run --report` or `report` write them there), then
        // outputs that collide with each other or land in a method folder.
        std::vector<std::filesystem::path> outputs = run_output_paths(config, {});
        const ReportPaths report = report_paths(config.output.dir);
        outputs.insert(outputs.end(), {report.report, report.map});
        refuse_outputs_that_are_inputs(outputs, config_inputs(config, method_dirs_for(config, method_dirs)));
        refuse_misplaced_outputs(config, {}, method_dirs);
        PlanOptions options;
        options.block_size = *block_size;
        options.method_dirs = method_dirs;
        options.shards = *shards;
        const JobPlan plan = plan_job(config, options);
        if (*shards > 1) plan_shards(plan, *shards);  // more shards than windows, a shard over the limit
        // The standard, limit and guideline ids are checked here too (ConfigError naming the key),
        // so a typo shows before check-sites rather than in it.
        const SiteStandards standards = resolve_site_standards(plan);
        if (global.quiet) return ExitCode::ok;
        print_scenario(config);
        std::printf("Study: %s%s\n", config.study.name.c_str(), scenario_mark(config, "study").c_str());
        std::printf("Target CRS: %s\n", plan.crs_name.c_str());
        std::printf("Grid: %s\n", plan.grid.describe().c_str());
        const std::size_t blocks = ((plan.grid.cols() + plan.block_size - 1) / plan.block_size) *
                                   static_cast<std::size_t>((plan.grid.rows() + plan.block_size - 1) / plan.block_size);
        std::printf("Windows: %zu of up to %d x %d cells\n", blocks, plan.block_size, plan.block_size);
        std::printf("Zones: %zu from %s%s\n", plan.zones.size(), config.zones.path.c_str(), scenario_mark(config, "zones").c_str());
        std::printf("  population: %s%s\n", plan.population.describe().c_str(),
                    plan.population.kind == PopulationPlan::Kind::zones ? (" (" + config.zones.population_field + ")").c_str() : "");
        if (plan.zones_table) std::printf("  %s\n", plan.zones_table->describe().c_str());
        std::printf("Layers:\n");
        for (const LayerPlan& l : plan.layers)
            std::printf("  %-14s %s%s\n", l.config.name.c_str(), l.describe().c_str(), scenario_mark(config, "layer[" + l.config.name + "]").c_str());
        std::printf("Cumulations:\n");
        for (const CumulationRule& c : plan.cumulations) {
            std::string names;
            for (std::size_t i : c.layers) names += (names.empty() ? "" : ", ") + plan.layers[i].config.name;
            std::printf("  %-14s %s of %s%s\n", c.name.c_str(), to_string(c.kind), names.c_str(),
                        scenario_mark(config, "cumulation[" + c.name + "]").c_str());
        }
        if (plan.fairness.enabled) {
            std::printf("Fairness:%s\n", scenario_mark(config, "fairness").c_str());
            for (const std::string& line : plan.fairness.describe()) std::printf("  %s\n", line.c_str());
        }
        if (plan.uncertainty.enabled) {
            std::printf("Uncertainty:%s\n", scenario_mark(config, "uncertainty").c_str());
            for (const std::string& line : plan.uncertainty.describe(plan)) std::printf("  %s\n", line.c_str());
        }
        std::size_t site_values = 0;
        for (const auto& list : standards.layers) site_values += list.size();
        std::printf("Site standards: %zu value(s) over %zu layer(s)\n", site_values, standards.layers.size());
        auto warnings = plan.diagnostics.all();
        warnings.insert(warnings.end(), standards.warnings.begin(), standards.warnings.end());
        std::printf("Warnings: %zu\n", warnings.size());
        for (const Diagnostic& d : warnings) std::printf("  %s\n", d.message.c_str());
        return ExitCode::ok;
    };
}

}  // namespace burdenmap::cli

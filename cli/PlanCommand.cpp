// burdenmap plan CONFIG --shards N: how a run splits into N shards for a job array (Slurm,
// Kubernetes Indexed Jobs, local processes), from the plan alone: reads no pixels.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "Commands.h"
#include "burdenmap/config/ConfigParser.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/job/ShardPlan.h"

namespace burdenmap::cli {

Action add_plan_command(CLI::App& app, const GlobalOptions& global) {
    struct Args {
        std::string config, methods_dir;
        std::size_t shards = 1;
        int block_size = 512;
        bool json = false;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = app.add_subcommand("plan", "Show how a run splits into shards for a job array (reads no pixels)");
    cmd->add_option("config", args->config, "The job's config file (TOML)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--shards", args->shards, "Number of shards (job array tasks)")->required()->check(CLI::Range(1, 100000));
    cmd->add_option("--block-size", args->block_size, "Window size in cells (default 512; give every shard and the plan the same)")
        ->check(CLI::Range(8, 8192));
    cmd->add_option("--methods-dir", args->methods_dir, "Folder of method tables (default: the shipped data/methods)");
    cmd->add_flag("--json", args->json, "Print the plan as JSON");
    return [args, &global]() -> int {
        PlanOptions options;
        options.block_size = args->block_size;
        options.shards = args->shards;
        if (!args->methods_dir.empty()) options.method_dirs.push_back(args->methods_dir);
        const Config config = parse_config(args->config);
        const JobPlan plan = plan_job(config, options);
        const std::vector<ShardRange> shards = plan_shards(plan, args->shards);
        const std::size_t windows = shards.back().end_window;
        if (args->json) {
            nlohmann::ordered_json j;
            j["config"] = args->config;
            j["shards"] = args->shards;
            j["windows"] = windows;
            j["block_size"] = plan.block_size;
            j["grid"] = {{"cols", plan.grid.cols()}, {"rows", plan.grid.rows()}, {"cell_size", plan.grid.dx()}, {"crs", plan.crs_name}};
            j["zones"] = plan.zones.size();
            nlohmann::ordered_json parts = nlohmann::ordered_json::array();
            for (const ShardRange& s : shards)
                parts.push_back({{"index", s.index},
                                 {"first_window", s.first_window},
                                 {"end_window", s.end_window},
                                 {"windows", s.windows()},
                                 {"cells", s.cells},
                                 {"zone_cells", s.zone_cells},
                                 {"zones", s.zones}});
            j["parts"] = parts;
            std::printf("%s\n", j.dump(2).c_str());
            return ExitCode::ok;
        }
        if (global.quiet) return ExitCode::ok;
        std::printf("Study: %s\n", config.study.name.c_str());
        std::printf("Grid: %s\n", plan.grid.describe().c_str());
        std::printf("Windows: %zu of up to %d x %d cells, in %zu shard(s), balanced by the cells inside zones:\n", windows, plan.block_size,
                    plan.block_size, shards.size());
        std::printf("  %-7s %-15s %8s %15s %15s %7s\n", "shard", "windows", "count", "cells", "in zones", "zones");
        for (const ShardRange& s : shards) {
            const std::string range = std::to_string(s.first_window) + "-" + std::to_string(s.end_window - 1);
            std::printf("  %-7zu %-15s %8zu %15s %15s %7zu\n", s.index, range.c_str(), s.windows(),
                        fixed_number(static_cast<double>(s.cells), 0).c_str(), fixed_number(static_cast<double>(s.zone_cells), 0).c_str(),
                        s.zones);
        }
        std::printf("Run shard I (0 to %zu) with: burdenmap run %s --shard I/%zu --output-dir PARTS%s\n", shards.size() - 1,
                    args->config.c_str(), shards.size(),
                    plan.block_size == 512 ? "" : (" --block-size " + std::to_string(plan.block_size)).c_str());
        std::printf("then: burdenmap merge PARTS --output-dir OUT\n");
        return ExitCode::ok;
    };
}

}  // namespace burdenmap::cli

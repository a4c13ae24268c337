#pragma once
// The subcommands. Each declares its options on the CLI11 app and returns the function that runs
// it; main.cpp only wires them up and maps exceptions to exit codes.
#include <filesystem>
#include <functional>

#include "burdenmap/job/RunJob.h"

namespace CLI {
class App;
}

namespace burdenmap::cli {

struct GlobalOptions {
    bool quiet = false;
    bool json_progress = false;
};

using Action = std::function<int()>;

Action add_run_command(CLI::App& app, const GlobalOptions& global);
Action add_validate_command(CLI::App& app, const GlobalOptions& global);
Action add_methods_command(CLI::App& app, const GlobalOptions& global);
Action add_check_sites_command(CLI::App& app, const GlobalOptions& global);
Action add_report_command(CLI::App& app, const GlobalOptions& global);
Action add_plan_command(CLI::App& app, const GlobalOptions& global);
Action add_merge_command(CLI::App& app, const GlobalOptions& global);
Action add_compare_command(CLI::App& app, const GlobalOptions& global);

// `--report` of run and merge: refused up front (before the work) when report.html or map.png
// exists without --overwrite or the map's font is missing; written from the finished run's folder.
void refuse_unwritable_report(const std::filesystem::path& output_dir, bool overwrite);
void write_report_after(const RunResult& result, bool overwrite, const GlobalOptions& global);

// Exit codes (README "When things go wrong"). sites_failed: check-sites --fail-on found a site at
// that level (a result, not an error: outputs are written).
enum ExitCode : int { ok = 0, input_error = 1, usage_error = 2, sites_failed = 3, cancelled = 130 };

}  // namespace burdenmap::cli

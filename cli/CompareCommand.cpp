// burdenmap compare BASE PLAN... --output-dir OUT: what plan alternatives change against a base
// run, for whom (finished run folders in, compare.gpkg + CSVs + compare.json out).
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "Commands.h"
#include "Progress.h"
#include "burdenmap/compare/Tolerance.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/StaleTemporaries.h"
#include "burdenmap/job/CompareRuns.h"
#include "burdenmap/report/CompareReport.h"
#include "burdenmap/report/MapFont.h"

namespace burdenmap::cli {

namespace {

std::string signed_number(const std::optional<double>& v) {
    if (!v) return "n/a";
    return (*v > 0 ? "+" : "") + plain_number(*v, 3);
}

// A change of whole residents: "+3000", "-1583", "0".
std::string signed_count(double v) {
    const long long n = std::llround(v);
    return (n > 0 ? "+" : "") + std::to_string(n);
}

void print_summary(const CompareResult& result) {
    std::printf("Compared %zu alternative(s) with the base %s (%s)\n", result.plans.size(), result.base.study_name.c_str(),
                result.base.dir.c_str());
    for (std::size_t p = 0; p < result.plans.size() && p < result.summaries.size(); ++p) {
        const AlternativeSummary& s = result.summaries[p];
        std::printf("  %s (%s), by %s:\n", s.label.c_str(), result.plans[p].study_name.c_str(), s.headline.c_str());
        std::printf("    residents better off %s, the same %s, worse off %s\n", fixed_number(s.residents_better, 0).c_str(),
                    fixed_number(s.residents_same, 0).c_str(), fixed_number(s.residents_worse, 0).c_str());
        std::printf("    mean change, lowest-income quintile %s, highest-income quintile %s\n",
                    signed_number(s.lowest_quintile_change).c_str(), signed_number(s.highest_quintile_change).c_str());
        // Who lives there: a housing plan changes no map ("the same" everywhere above) but may add
        // residents at a layer's burden level.
        std::string levels;
        for (const BurdenLevelCount& c : s.at_burden_level)
            if (std::llround(c.plan) != std::llround(c.base))  // whole residents, as the report
                levels += std::string(levels.empty() ? "" : ", ") + c.layer + " >= " + std::to_string(c.level) + ": " +
                          fixed_number(c.base, 0) + " -> " + fixed_number(c.plan, 0) + " (" + signed_count(c.plan - c.base) + ")";
        std::printf("    residents %s -> %s (%s); at a layer's burden level: %s\n", fixed_number(s.residents_base_total, 0).c_str(),
                    fixed_number(s.residents_plan_total, 0).c_str(),
                    signed_count(s.residents_plan_total - s.residents_base_total).c_str(),
                    levels.empty() ? "no change" : levels.c_str());
    }
    std::printf("Outputs:\n  %s\n", result.geopackage.c_str());
    for (const auto& csv : result.csvs) std::printf("  %s\n", csv.c_str());
    if (!result.delta_tif.empty()) std::printf("  %s\n  %s\n", result.delta_tif.c_str(), result.delta_qml.c_str());
    std::printf("  %s\n", result.manifest.c_str());
}

}  // namespace

Action add_compare_command(CLI::App& app, const GlobalOptions& global) {
    struct Args {
        std::vector<std::string> runs, labels, tolerances;
        std::string output_dir;
        bool overwrite = false, json = false, report = false;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = app.add_subcommand("compare", "Compare plan alternatives with a base run (finished run folders): "
                                                  "what changes, and for whom");
    cmd->add_option("runs", args->runs, "The base run's output folder, then each plan's (BASE_OUT PLAN_OUT [PLAN2_OUT ...])")
        ->required();
    cmd->add_option("-o,--output-dir", args->output_dir, "Output folder (not inside a run's folder)")->required();
    cmd->add_option("--labels", args->labels, "Column suffixes of the alternatives, comma-separated (default: their [study] name slugs, else a1, a2, ...)")
        ->delimiter(',')
        ->allow_extra_args(false);
    cmd->add_option("--tolerance", args->tolerances,
                    "NAME_OR_UNIT=VALUE: a difference at most VALUE is \"same\" for that measure or unit (repeatable; "
                    "defaults 0.5 dB, 0.5 µg/m³, 0.01 for counts and classes, else 0)")
        ->allow_extra_args(false);
    cmd->add_flag("--overwrite", args->overwrite, "Replace existing outputs");
    cmd->add_flag("--report", args->report, "Also write compare-report.html: what each plan changes and for whom, with delta maps and charts");
    cmd->add_flag("--json", args->json, "Print compare.json (the summary) on stdout instead of the text summary");
    return [args, &global]() -> int {
        if (args->runs.size() < 2)
            throw ConfigError("runs", "give the base run's folder and at least one plan's run folder (got " +
                                          std::to_string(args->runs.size()) + ")");
        install_stop_handlers();
        CompareOptions options;
        options.output_dir = args->output_dir;
        options.overwrite = args->overwrite;
        options.labels = args->labels;
        for (const std::string& t : args->tolerances) {
            try {
                options.tolerances.insert(parse_tolerance(t));
            } catch (const std::invalid_argument& e) {
                throw ConfigError("--tolerance", e.what());
            }
        }
        // --report is refused up front, before the comparison: an existing report without
        // --overwrite, or no font for its maps.
        const CompareReportOptions report_options{args->overwrite};
        std::vector<Diagnostic> report_warnings;
        if (args->report) {
            const std::filesystem::path report_path = std::filesystem::path(args->output_dir) / report_options.report;
            AtomicOutput::check_writable(report_path, args->overwrite);
            report::require_map_font();
            report_warnings = remove_stale_temporaries({report_path});
        }
        options.progress = make_progress(choose_progress_style(global.quiet || args->json, global.json_progress));
        std::vector<std::filesystem::path> plans(args->runs.begin() + 1, args->runs.end());
        const CompareResult result = compare_runs(args->runs.front(), plans, options);
        const std::filesystem::path report = args->report ? write_compare_report(result, report_options) : std::filesystem::path();
        outputs_done();
        if (args->json) {
            std::ifstream in(result.manifest);
            std::stringstream text;
            text << in.rdbuf();
            std::fputs(text.str().c_str(), stdout);
        } else if (!global.quiet) {
            print_summary(result);
            if (!report.empty()) std::printf("Report:\n  %s\n", report.c_str());
        }
        if (!global.quiet) {
            for (const Diagnostic& d : result.warnings) std::fprintf(stderr, "warning: %s\n", d.message.c_str());
            for (const Diagnostic& d : report_warnings) std::fprintf(stderr, "warning: %s\n", d.message.c_str());
        }
        return ExitCode::ok;
    };
}

}  // namespace burdenmap::cli

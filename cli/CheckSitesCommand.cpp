// burdenmap check-sites CONFIG --sites FILE[:LAYER]: candidate housing sites against the standard
// and limit values of each layer, with a verdict per site, a health advisory and the reasons.
// Prints a table (or JSON with --json); writes sites.gpkg and sites.csv. With --fail-on, exits 3
// when any site reaches that level, for batch pipelines.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "Commands.h"
#include "Progress.h"
#include "burdenmap/config/ConfigParser.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/io/OutputInputClash.h"
#include "burdenmap/job/CheckSites.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/job/OutputNames.h"

namespace burdenmap::cli {
namespace {

struct CheckArgs {
    std::string config;
    std::string sites;
    std::string id;
    std::string output_dir;
    std::string methods_dir;
    std::string fail_on = "never";
    int threads = 0;
    int block_size = 512;
    bool overwrite = false;
    bool json = false;
    bool bilinear = false;
};

// "FILE" or "FILE:LAYER"; a path that exists as given is a file even when it holds a colon.
std::pair<std::string, std::string> split_sites(const std::string& arg) {
    std::error_code ec;
    const auto colon = arg.rfind(':');
    if (std::filesystem::exists(arg, ec) || colon == std::string::npos) return {arg, ""};
    return {arg.substr(0, colon), arg.substr(colon + 1)};
}

sites::FailLevel fail_level(const std::string& s) {
    if (s == "limit") return sites::FailLevel::limit;
    if (s == "standard") return sites::FailLevel::standard;
    return sites::FailLevel::never;
}

// A value to 4 significant digits and a percentile as a whole number ("-" for none), without the locale.
std::string number(double v) { return std::isnan(v) ? "-" : plain_number(v, 4); }
std::string whole(double v) { return std::isnan(v) ? "-" : fixed_number(v, 0); }

// At most `max` lines of a list, then where to find the rest.
void print_lines(const char* label, const std::vector<std::string>& lines, std::size_t max) {
    const std::size_t shown = std::min(max, lines.size());
    for (std::size_t k = 0; k < shown; ++k) std::printf("    %s %s\n", label, lines[k].c_str());
    if (lines.size() > shown) std::printf("    %s (+%zu more in sites.csv)\n", label, lines.size() - shown);
}

nlohmann::ordered_json json_value(const FieldValue& v) {
    if (const auto* d = std::get_if<double>(&v)) return std::isnan(*d) ? nlohmann::ordered_json() : nlohmann::ordered_json(*d);
    if (const auto* i = std::get_if<long long>(&v)) return *i;
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return nullptr;
}

// The cumulations worth a column: the config's own, not a health burden's per-outcome parts.
std::vector<std::size_t> headline_cumulations(const JobPlan& plan) {
    std::vector<std::size_t> out;
    for (std::size_t c = 0; c < plan.cumulations.size(); ++c)
        for (const CumulationConfig& cc : plan.config.cumulations)
            if (cc.name == plan.cumulations[c].name) out.push_back(c);
    return out;
}

void print_table(const JobPlan& plan, const SiteCheckResult& r, const std::string& config) {
    std::printf("Sites: %s: %zu checked against %s\n\n", r.sites_description.c_str(), r.sites.size(), config.c_str());
    const auto cums = headline_cumulations(plan);
    std::printf("%-16s %-9s %-22s %-8s", "site", "kind", "verdict", "advisory");
    for (std::size_t c : cums) std::printf(" %12s %5s", plan.cumulations[c].name.substr(0, 12).c_str(), "pctl");
    std::printf("\n");
    std::map<std::string, int> counts;
    int advisories = 0;
    for (const SiteOutcome& s : r.sites) {
        const auto& a = s.assessment;
        ++counts[sites::to_string(a.verdict)];
        advisories += a.advisory == sites::Advisory::yes;
        std::printf("%-16s %-9s %-22s %-8s", s.id.c_str(), s.kind.c_str(), sites::to_string(a.verdict), sites::to_string(a.advisory));
        for (std::size_t c : cums)
            std::printf(" %12s %5s", number(s.cumulations[c].mean).c_str(), whole(s.cumulations[c].percentile).c_str());
        std::printf("\n");
        print_lines("why:", a.reasons, 3);
        print_lines("advisory:", a.advisory_reasons, 2);
    }
    std::printf("\nVerdicts:");
    const char* order[] = {"meets standard values", "needs weighing", "exceeds limit value", "unknown"};
    for (const char* v : order)
        if (counts[v]) std::printf(" %d %s;", counts[v], v);
    std::printf(" %d with a health advisory\n", advisories);
    if (!cums.empty())
        std::printf("Cumulations: the site's mean (a point: its cell) and the percentage of the %zu zones whose mean is at or below it\n",
                    r.zones_compared);
    std::printf("Outputs:\n  %s\n  %s\n", r.geopackage.c_str(), r.csv.c_str());
}

void print_json(const SiteCheckResult& r, const std::string& config, const std::string& fail_on, int failing, int exit_code) {
    nlohmann::ordered_json j;
    j["config"] = config;
    j["sites_file"] = r.sites_description;
    j["outputs"] = {{"geopackage", r.geopackage.string()}, {"csv", r.csv.string()}};
    j["fail_on"] = fail_on;
    j["failing_sites"] = failing;
    j["exit_code"] = exit_code;
    j["zones_compared"] = r.zones_compared;
    auto warnings = nlohmann::ordered_json::array();
    for (const Diagnostic& d : r.warnings) warnings.push_back({{"code", d.code}, {"message", d.message}});
    j["warnings"] = warnings;
    auto rows = nlohmann::ordered_json::array();
    for (const auto& row : r.rows) {
        nlohmann::ordered_json site;
        for (std::size_t i = 0; i < row.size(); ++i) site[r.fields[i].name] = json_value(row[i]);
        rows.push_back(site);
    }
    j["sites"] = rows;
    std::printf("%s\n", j.dump(2).c_str());
}

}  // namespace

Action add_check_sites_command(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<CheckArgs>();
    CLI::App* cmd = app.add_subcommand("check-sites", "Check candidate housing sites against the standard and limit values of each layer");
    cmd->add_option("config", args->config, "The job's config file (TOML)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--sites", args->sites, "Sites: points or polygons, any OGR format and CRS (FILE or FILE:LAYER)")->required();
    cmd->add_option("--id", args->id, "Field with the site id (default: the feature id)");
    cmd->add_option("-o,--output-dir", args->output_dir, "Output folder for sites.gpkg and sites.csv (default: [output] dir of the config)");
    cmd->add_flag("--json", args->json, "Print the results as JSON instead of the table");
    cmd->add_option("--fail-on", args->fail_on, "Exit 3 when any site reaches: limit (exceeds limit value or unknown), "
                                                 "standard (anything but meets standard values), never (default)")
        ->check(CLI::IsMember({"limit", "standard", "never"}));
    cmd->add_flag("--bilinear", args->bilinear, "Points: interpolate layer values between the four cell centres around the point");
    cmd->add_option("-j,--threads", args->threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
    cmd->add_option("--block-size", args->block_size, "Window size in cells (default 512)")->check(CLI::Range(8, 8192));
    cmd->add_flag("--overwrite", args->overwrite, "Replace existing outputs");
    cmd->add_option("--methods-dir", args->methods_dir, "Folder of method tables (default: the shipped data/methods)");
    return [args, &global]() -> int {
        install_stop_handlers();  // from the start: even a warning printed into a closed pipe stops cleanly
        PlanOptions plan_options;
        plan_options.block_size = args->block_size;
        if (!args->methods_dir.empty()) plan_options.method_dirs.push_back(args->methods_dir);
        const Config config = parse_config(args->config);
        const auto [sites_file, sites_layer] = split_sites(args->sites);
        std::vector<NamedInput> inputs = config_inputs(config, method_dirs_for(config, plan_options.method_dirs));
        inputs.push_back({"the sites (--sites)", sites_file});
        refuse_outputs_that_are_inputs(site_check_output_paths(config, args->output_dir), inputs);
        refuse_misplaced_outputs(config, args->output_dir, plan_options.method_dirs);
        const JobPlan plan = plan_job(config, plan_options);
        if (!global.quiet)
            for (const Diagnostic& d : plan.diagnostics.all()) std::fprintf(stderr, "warning: %s\n", d.message.c_str());
        SiteCheckOptions options;
        options.sites = sites_file;
        options.sites_layer = sites_layer;
        options.id_field = args->id;
        options.output_dir = args->output_dir;
        options.threads = args->threads;
        options.overwrite = args->overwrite;
        options.bilinear = args->bilinear;
        options.progress = make_progress(choose_progress_style(global.quiet, global.json_progress));
        const SiteCheckResult result = check_sites(plan, options);
        outputs_done();

        const sites::FailLevel level = fail_level(args->fail_on);
        int failing = 0;
        for (const SiteOutcome& s : result.sites) failing += sites::fails(level, s.assessment.verdict);
        const int code = failing > 0 ? ExitCode::sites_failed : ExitCode::ok;
        if (!global.quiet)
            for (const Diagnostic& d : result.warnings) std::fprintf(stderr, "warning: %s\n", d.message.c_str());
        if (args->json) print_json(result, args->config, args->fail_on, failing, code);
        else if (!global.quiet) print_table(plan, result, args->config);
        if (failing > 0 && !global.quiet)
            std::fprintf(stderr, "%d site(s) reached --fail-on %s: exit %d\n", failing, args->fail_on.c_str(), code);
        return code;
    };
}

}  // namespace burdenmap::cli

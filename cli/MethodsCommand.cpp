// burdenmap methods [show ID] [--json]: the method tables with their sources and confidence.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <nlohmann/json.hpp>

#include "Commands.h"
#include "burdenmap/config/MethodTableParser.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/score/ClassTable.h"
#include "burdenmap/score/ExposureResponse.h"

namespace burdenmap::cli {
namespace {

// `text` padded with spaces to `width` characters, counted as UTF-8 code points: printf's "%-9s"
// counts bytes, so a unit "µg/m³" (7 bytes, 5 characters) pushed its row's later columns left.
std::string padded(const std::string& text, std::size_t width) {
    std::size_t chars = 0;
    for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
    return text + std::string(width > chars ? width - chars : 0, ' ');
}

nlohmann::ordered_json method_json(const ScoringMethod& m, bool with_rows) {
    const MethodInfo& i = m.info();
    nlohmann::ordered_json j{{"id", i.id},           {"family", i.family},     {"jurisdiction", i.jurisdiction}, {"title", i.title},
                             {"quantity", i.quantity}, {"unit", i.unit},       {"flag_at", i.flag_at},
                             {"source", i.provenance.source}, {"edition", i.provenance.edition}, {"url", i.provenance.url},
                             {"confidence", to_string(i.provenance.confidence)}, {"defined_in", i.defined_in}};
    if (i.applies_from) j["applies_from"] = *i.applies_from;
    if (!with_rows) return j;
    j["description"] = i.description;
    if (const auto* curve = dynamic_cast<const ExposureResponse*>(&m)) {
        const CurveParameters& p = curve->parameters();
        nlohmann::ordered_json c{{"outcome", p.outcome}, {"score_unit", curve->score_unit()}};
        if (curve->is_relative_risk()) {
            c["form"] = "log_linear_rr";
            c["rr"] = p.rr;
            if (p.rr_low && p.rr_high) {
                c["rr_low"] = *p.rr_low;
                c["rr_high"] = *p.rr_high;
            }
            c["increment"] = p.increment;
            c["counterfactual"] = p.counterfactual;
        } else {
            c["form"] = "quadratic";
            c["coefficients"] = {p.c0, p.c1, p.c2};
        }
        if (p.valid_min) c["valid_min"] = *p.valid_min;
        if (p.valid_max) c["valid_max"] = *p.valid_max;
        c["below_range"] = p.below == CurveParameters::Below::zero ? "zero" : "clamp";
        c["above_range"] = p.above == CurveParameters::Above::clamp ? "clamp" : "extrapolate";
        j["curve"] = c;
    }
    if (const auto* table = dynamic_cast<const ClassTable*>(&m)) {
        auto rows = nlohmann::ordered_json::array();
        for (const ClassRow& r : table->rows()) {
            nlohmann::ordered_json row{{"score", r.score}, {"label", r.label}};
            row["lower"] = std::isfinite(r.lower) ? nlohmann::ordered_json(r.lower) : nlohmann::ordered_json(nullptr);
            row["upper"] = std::isfinite(r.upper) ? nlohmann::ordered_json(r.upper) : nlohmann::ordered_json(nullptr);
            row["confidence"] = to_string(r.provenance.confidence);
            row["source"] = r.provenance.source;
            row["edition"] = r.provenance.edition;
            if (!r.note.empty()) row["note"] = r.note;
            rows.push_back(row);
        }
        j["classes"] = rows;
    }
    return j;
}

std::string bound(double v) {
    if (!std::isfinite(v)) return v < 0 ? "-inf" : "+inf";
    return plain_number(v);
}

void print_method(const ScoringMethod& m) {
    const MethodInfo& i = m.info();
    std::printf("%s — %s\n  family: %s   jurisdiction: %s   unit: %s   burdened at score >= %d\n  source: %s (%s) %s\n  confidence: %s\n",
                i.id.c_str(), i.title.c_str(), i.family.c_str(), i.jurisdiction.c_str(), i.unit.c_str(), i.flag_at, i.provenance.source.c_str(),
                i.provenance.edition.c_str(), i.provenance.url.c_str(), to_string(i.provenance.confidence));
    if (!i.description.empty()) std::printf("  %s\n", i.description.c_str());
    if (const auto* curve = dynamic_cast<const ExposureResponse*>(&m)) {
        const CurveParameters& p = curve->parameters();
        // The parameters as %g writes them, without the locale (plain_number).
        const std::string formula =
            curve->is_relative_risk()
                ? "RR = " + plain_number(p.rr) + " ^ ((x - " + plain_number(p.counterfactual) + ") / " + plain_number(p.increment) +
                      ") above the counterfactual " + plain_number(p.counterfactual) + ", else 1 (" + p.outcome + ")"
                : "% " + p.outcome + " = " + plain_number(p.c0) + " + " + plain_number(p.c1) + "*x + " + plain_number(p.c2) +
                      "*x^2 (at least 0)";
        std::printf("  %s\n", formula.c_str());
        if (p.rr_low && p.rr_high)
            std::printf("  95 %% confidence interval of RR: %s-%s ([uncertainty] draws from it)\n", plain_number(*p.rr_low).c_str(),
                        plain_number(*p.rr_high).c_str());
        std::printf("  valid range: [%s, %s]; below it: %s; above it: %s\n", p.valid_min ? bound(*p.valid_min).c_str() : "-inf",
                    p.valid_max ? bound(*p.valid_max).c_str() : "+inf",
                    p.below == CurveParameters::Below::zero ? "no effect attributed" : "value at the lower end",
                    p.above == CurveParameters::Above::clamp ? "value at the upper end" : "extrapolated");
    }
    if (const auto* table = dynamic_cast<const ClassTable*>(&m)) {
        std::printf("  classes [lower, upper):\n");
        for (const ClassRow& r : table->rows())
            std::printf("    [%8s, %8s) -> %d  %s %s\n", bound(r.lower).c_str(), bound(r.upper).c_str(), r.score,
                        padded(r.label, 22).c_str(), to_string(r.provenance.confidence));
    }
}

}  // namespace

Action add_methods_command(CLI::App& app, const GlobalOptions&) {
    struct Args {
        bool json = false;
        std::string dir;
        std::string show;
    };
    auto args = std::make_shared<Args>();
    CLI::App* cmd = app.add_subcommand("methods", "List the scoring methods with their sources and confidence");
    cmd->add_flag("--json", args->json, "Machine-readable output");
    cmd->add_option("--methods-dir", args->dir, "Folder of method tables (default: the shipped data/methods)");
    CLI::App* show = cmd->add_subcommand("show", "Print one method's full table");
    show->add_option("id", args->show, "Method id, e.g. ges.road_noise")->required();
    show->add_flag("--json", args->json, "Machine-readable output");
    return [args]() -> int {
        const MethodRegistry registry = load_method_tables({args->dir.empty() ? default_methods_dir() : std::filesystem::path(args->dir)});
        if (!args->show.empty()) {
            auto m = registry.find(args->show);
            if (!m) {
                std::string near;
                for (const std::string& s : registry.suggestions(args->show)) near += (near.empty() ? "" : ", ") + s;
                throw ConfigError("methods show", "unknown method '" + args->show + "'" + (near.empty() ? "" : "; did you mean: " + near));
            }
            if (args->json) std::printf("%s\n", method_json(*m, true).dump(2).c_str());
            else print_method(*m);
            return ExitCode::ok;
        }
        if (args->json) {
            auto all = nlohmann::ordered_json::array();
            for (const auto& m : registry.all()) all.push_back(method_json(*m, true));
            auto indexes = nlohmann::ordered_json::array();
            for (const IndexParameters* p : registry.indexes())
                indexes.push_back({{"id", p->id}, {"title", p->title}, {"description", p->description},
                                   {"percentile", p->percentile}, {"parameters", p->values}, {"source", p->provenance.source},
                                   {"edition", p->provenance.edition}, {"confidence", to_string(p->provenance.confidence)}});
            // {"methods": [...], "indexes": [...]}: scoring methods and composite-index presets.
            std::printf("%s\n", nlohmann::ordered_json{{"methods", all}, {"indexes", indexes}}.dump(2).c_str());
            return ExitCode::ok;
        }
        std::printf("%-50s %-18s %-12s %-9s %-12s %s\n", "id", "family", "jurisdiction", "unit", "confidence", "source");
        for (const auto& m : registry.all()) {
            const MethodInfo& i = m->info();
            std::printf("%s %s %s %s %-12s %s\n", padded(i.id, 50).c_str(), padded(i.family, 18).c_str(),
                        padded(i.jurisdiction, 12).c_str(), padded(i.unit, 9).c_str(), to_string(i.provenance.confidence),
                        i.provenance.source.c_str());
        }
        std::printf("\nComposite index presets ([fairness] index):\n");
        for (const IndexParameters* p : registry.indexes())
            std::printf("%-12s %-12s %s %s\n", p->id.c_str(), to_string(p->provenance.confidence), padded(p->title, 60).c_str(),
                        p->provenance.source.c_str());
        return ExitCode::ok;
    };
}

}  // namespace burdenmap::cli

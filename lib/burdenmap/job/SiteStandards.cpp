#include "burdenmap/job/SiteStandards.h"

#include "burdenmap/core/Errors.h"
#include "burdenmap/score/ClassTable.h"
#include "burdenmap/score/UnitDimension.h"

namespace burdenmap {
namespace {

using sites::StandardKind;
using sites::StandardRef;

// The threshold method `id` as a standard; ConfigError at `key` when it is not one.
StandardRef threshold(const MethodRegistry& methods, const std::string& id, StandardKind kind, const std::string& key) {
    const auto method = methods.find(id);
    if (!method) {
        std::string near;
        for (const std::string& s : methods.suggestions(id)) near += (near.empty() ? "" : ", ") + s;
        throw ConfigError(key, "unknown method '" + id + "'" + (near.empty() ? "" : "; did you mean: " + near) +
                                   " (burdenmap methods lists them all)");
    }
    const auto* table = dynamic_cast<const ClassTable*>(method.get());
    if (!table || method->info().family != "threshold" || table->rows().size() != 2)
        throw ConfigError(key, "'" + id + "' is a " + method->info().family +
                                   " method; a standard, limit or guideline must be a threshold method (one value)");
    StandardRef s;
    s.kind = kind;
    s.method = id;
    s.value = table->standard();
    s.confidence = table->rows().back().provenance.confidence;
    return s;
}

// A guard against comparing a layer with a value meant for another quantity: units are compared
// by dimension (UnitDimension, as the run's unit-mismatch does), so "ug/m3" meets a µg/m³ value
// and dB does not; nothing is said when either unit is empty or unknown. Lden must not meet Lnight.
void check_units(const LayerConfig& layer, const MethodInfo& m, const std::string& key, std::vector<Diagnostic>& warnings) {
    const auto have = unit_dimension(layer.unit), want = unit_dimension(m.unit);
    const bool unit_differs = have && want && *have != *want;
    const bool period_differs = (layer.unit.find("Lden") != std::string::npos && m.quantity.find("Lnight") != std::string::npos) ||
                                (layer.unit.find("Lnight") != std::string::npos && m.quantity.find("Lden") != std::string::npos);
    if (unit_differs || period_differs)
        warnings.push_back({"standard-unit", key + ": layer '" + layer.name + "' is in '" + layer.unit + "' but " + m.id +
                                                 " is for " + m.quantity + " in '" + m.unit + "'; check that they match"});
}

}  // namespace

bool SiteStandards::any_legal() const {
    for (const auto& list : layers)
        for (const StandardRef& s : list)
            if (sites::is_legal(s.kind)) return true;
    return false;
}

std::string standard_suffix(const std::vector<StandardRef>& standards, std::size_t i) {
    switch (standards[i].kind) {
        case StandardKind::standard: return "std";
        case StandardKind::limit: return "limit";
        case StandardKind::future_limit: return "future";
        case StandardKind::guideline: break;
    }
    std::size_t k = 0;
    for (std::size_t j = 0; j < i; ++j) k += standards[j].kind == StandardKind::guideline;
    return k == 0 ? "guide" : "guide" + std::to_string(k + 1);
}

SiteStandards resolve_site_standards(const JobPlan& plan) {
    SiteStandards out;
    for (std::size_t i = 0; i < plan.layers.size(); ++i) {
        const LayerConfig& l = plan.layers[i].config;
        const std::string key = "layer[" + std::to_string(i) + "].";
        std::vector<std::pair<std::string, StandardKind>> wanted;
        std::vector<std::string> keys;
        auto want = [&](const std::string& id, StandardKind kind, const std::string& k) {
            if (id.empty()) return;
            wanted.emplace_back(id, kind);
            keys.push_back(key + k);
        };
        want(l.standard, StandardKind::standard, "standard");
        want(l.limit, StandardKind::limit, "limit");
        want(l.future_limit, StandardKind::future_limit, "future_limit");
        for (std::size_t g = 0; g < l.guidelines.size(); ++g)
            want(l.guidelines[g], StandardKind::guideline, "guidelines[" + std::to_string(g) + "]");
        std::vector<StandardRef> list;
        for (std::size_t k = 0; k < wanted.size(); ++k) {
            list.push_back(threshold(plan.methods, wanted[k].first, wanted[k].second, keys[k]));
            const MethodInfo& m = plan.methods.find(wanted[k].first)->info();
            check_units(l, m, keys[k], out.warnings);
            if (list.back().confidence == Confidence::placeholder)
                out.warnings.push_back({"standard-placeholder", "layer '" + l.name + "': " + sites::to_string(wanted[k].second) +
                                                                    " " + m.id + " is a placeholder value (not verified); verdicts that depend on it say so"});
        }
        const StandardRef* standard = nullptr;
        for (const StandardRef& s : list) {
            if (s.kind == StandardKind::standard) standard = &s;
            if (s.kind == StandardKind::limit && standard && s.value < standard->value)
                throw ConfigError(key + "limit", "the limit value " + s.method + " is below the standard value " + standard->method +
                                                     "; a limit value (grenswaarde) is at or above the standard value");
        }
        out.layers.push_back(std::move(list));
    }
    for (const CumulationRule& rule : plan.cumulations) {
        CumulationAdvisory a;
        for (std::size_t c = 0; c < plan.config.cumulations.size(); ++c) {
            const CumulationConfig& cc = plan.config.cumulations[c];
            if (cc.name != rule.name) continue;
            const std::string key = "cumulation[" + std::to_string(c) + "].advisory_at";
            if (cc.advisory_at) {
                a.level = cc.advisory_at;
                a.source = "advisory_at in the config: a local policy level, not a published standard";
            } else if (!cc.advisory_method.empty()) {
                const StandardRef s = threshold(plan.methods, cc.advisory_method, StandardKind::guideline, key);
                a.level = s.value;
                a.source = s.method;
                a.confidence = s.confidence;
            }
        }
        out.cumulations.push_back(a);
    }
    return out;
}

}  // namespace burdenmap

#include "burdenmap/sites/SiteVerdict.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace burdenmap::sites {
namespace {

std::string format(double v, int precision) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    return buf;
}

// A value and a threshold as text with just enough digits to tell them apart, so a reason never
// reads "53 dB > 53 dB" for 53.004.
std::pair<std::string, std::string> texts(double value, double threshold) {
    for (int p = 3; p <= 9; ++p) {
        std::string a = format(value, p), b = format(threshold, p);
        if (a != b || compare(value, threshold) == Status::at) return {a, b};
    }
    return {format(value, 9), format(threshold, 9)};
}

std::string with_unit(const std::string& number, const std::string& unit) {
    return unit.empty() ? number : number + " " + unit;
}

std::string source(const StandardRef& s) {
    return "(" + s.method + (s.confidence == Confidence::placeholder ? ", placeholder value: not verified" : "") + ")";
}

std::string subject(const LayerCheck& l) { return l.layer + (l.polygon_site ? " max " : " "); }

std::string percent(double share) { return format(std::round(share * 1000) / 10, 3) + "%"; }

// "road_noise 72.4 dB > limit value 70 dB (id)"
std::string value_vs(const LayerCheck& l, const Comparison& c, const char* op) {
    const auto [v, t] = texts(l.value, c.standard.value);
    return subject(l) + with_unit(v, l.unit) + " " + op + " " + to_string(c.standard.kind) + " " + with_unit(t, l.unit) +
           " " + source(c.standard);
}

std::string contour_text(const LayerCheck& l, const Comparison& c) {
    const std::string level = with_unit(format(c.standard.value, 6), l.unit);
    const std::string kind = to_string(c.standard.kind);
    switch (c.status) {
        case Status::above:
            return l.layer + ": the site reaches inside the " + level + " contour of the " + kind + " " + source(c.standard);
        case Status::at:
            return l.layer + ": the site touches the line of the " + level + " contour, where the value equals the " + kind +
                   " and does not exceed it " + source(c.standard);
        case Status::below:
            if (std::isnan(l.contour_distance) || l.contour_level != c.standard.value)
                return l.layer + ": outside the " + level + " contour of the " + kind + " " + source(c.standard);
            return l.layer + ": " + format(l.contour_distance, 4) + " m outside the " + level + " contour of the " + kind + " " +
                   source(c.standard);
        case Status::unknown: break;
    }
    return l.layer + ": not known whether the site reaches the " + level + " contour";
}

std::string unknown_text(const LayerCheck& l) {
    if (std::isnan(l.value)) return l.layer + ": no data " + (l.polygon_site ? "on the site" : "at the site");
    return l.layer + ": no data on " + percent(l.unknown_share) + " of the site (max " + with_unit(format(l.value, 4), l.unit) +
           " where known)";
}

const Comparison* find_legal(const LayerCheck& l, StandardKind kind) {
    for (const Comparison& c : l.comparisons)
        if (c.standard.kind == kind) return &c;
    return nullptr;
}

void add_layer_reasons(const LayerCheck& l, Verdict v, std::vector<std::string>& out) {
    switch (v) {
        case Verdict::exceeds_limit:
            for (const Comparison& c : l.comparisons)
                if (c.standard.kind == StandardKind::limit && c.status == Status::above)
                    out.push_back(l.contour ? contour_text(l, c) : value_vs(l, c, ">"));
            return;
        case Verdict::unknown: out.push_back(unknown_text(l)); return;
        case Verdict::needs_weighing:
            for (const Comparison& c : l.comparisons) {
                if (c.standard.kind != StandardKind::standard || c.status != Status::above) continue;
                std::string text = l.contour ? contour_text(l, c) : value_vs(l, c, ">");
                if (const Comparison* lim = find_legal(l, StandardKind::limit))
                    text += ", not above the limit value " + with_unit(texts(l.value, lim->standard.value).second, l.unit) +
                            " " + source(lim->standard);
                out.push_back(text);
            }
            return;
        case Verdict::meets: {
            // The legal value with the least room left says best why the layer passes.
            const Comparison* tightest = nullptr;
            for (const Comparison& c : l.comparisons) {
                if (!is_legal(c.standard.kind)) continue;
                if (!tightest || (c.status == Status::at && tightest->status != Status::at) ||
                    (tightest->status != Status::at && c.margin < tightest->margin))
                    tightest = &c;
            }
            if (!tightest) return;
            if (l.contour) out.push_back(contour_text(l, *tightest));
            else if (tightest->status == Status::at)
                out.push_back(value_vs(l, *tightest, "=") + ": at the value, not above it");
            else {
                const auto [value, t] = texts(l.value, tightest->standard.value);
                out.push_back(subject(l) + with_unit(value, l.unit) + ", " +
                              with_unit(format(tightest->margin, 3), l.unit) + " below the " + to_string(tightest->standard.kind) +
                              " " + with_unit(t, l.unit) + " " + source(tightest->standard));
            }
            return;
        }
    }
}

int severity(Verdict v) {
    switch (v) {
        case Verdict::meets: return 0;
        case Verdict::needs_weighing: return 1;
        case Verdict::unknown: return 2;
        case Verdict::exceeds_limit: return 3;
    }
    return 2;
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

}  // namespace

const char* to_string(StandardKind k) {
    switch (k) {
        case StandardKind::standard: return "standard value";
        case StandardKind::limit: return "limit value";
        case StandardKind::future_limit: return "future limit value";
        case StandardKind::guideline: return "guideline value";
    }
    return "";
}

bool is_legal(StandardKind k) { return k == StandardKind::standard || k == StandardKind::limit; }

const char* to_string(Status s) {
    switch (s) {
        case Status::below: return "below";
        case Status::at: return "at";
        case Status::above: return "above";
        case Status::unknown: return "unknown";
    }
    return "";
}

const char* to_string(Verdict v) {
    switch (v) {
        case Verdict::meets: return "meets standard values";
        case Verdict::needs_weighing: return "needs weighing";
        case Verdict::exceeds_limit: return "exceeds limit value";
        case Verdict::unknown: return "unknown";
    }
    return "";
}

const char* to_string(Advisory a) {
    switch (a) {
        case Advisory::no: return "no";
        case Advisory::yes: return "yes";
        case Advisory::unknown: return "unknown";
    }
    return "";
}

Status compare(double value, double threshold) {
    if (std::isnan(value) || std::isnan(threshold)) return Status::unknown;
    const float v = static_cast<float>(value), t = static_cast<float>(threshold);
    return v > t ? Status::above : v == t ? Status::at : Status::below;
}

Status contour_status(const std::vector<ContourReach>& reached, double background, double threshold) {
    Status result = compare(background, threshold);
    if (result == Status::unknown) return result;
    for (const ContourReach& r : reached) {
        const Status s = compare(r.value, threshold);
        if (s == Status::above || (s == Status::at && r.interior)) return Status::above;
        if (s == Status::at) result = Status::at;
    }
    return result;
}

double margin(double threshold, double value) {
    const double d = threshold - value;
    if (!std::isfinite(d)) return d;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.12g", d);
    return std::strtod(buf, nullptr);
}

std::vector<Comparison> compare_values(double value, double unknown_share, const std::vector<StandardRef>& standards) {
    std::vector<Comparison> out;
    for (const StandardRef& s : standards) {
        Comparison c;
        c.standard = s;
        c.status = compare(value, s.value);
        // A guideline is reached at its value, so "at" stands; a legal value is met there, which
        // the part without data could still undo.
        const bool reached = c.status == Status::at && s.kind == StandardKind::guideline;
        if (unknown_share > 0 && (c.status == Status::below || (c.status == Status::at && !reached))) c.status = Status::unknown;
        c.margin = margin(s.value, value);
        out.push_back(c);
    }
    return out;
}

std::optional<Verdict> layer_verdict(const LayerCheck& layer) {
    bool legal = false, limit_above = false, unknown = false, standard_above = false;
    for (const Comparison& c : layer.comparisons) {
        if (!is_legal(c.standard.kind)) continue;
        legal = true;
        if (c.status == Status::unknown) unknown = true;
        else if (c.status == Status::above) (c.standard.kind == StandardKind::limit ? limit_above : standard_above) = true;
    }
    if (!legal) return std::nullopt;
    if (limit_above) return Verdict::exceeds_limit;
    if (unknown) return Verdict::unknown;
    return standard_above ? Verdict::needs_weighing : Verdict::meets;
}

Assessment assess(const std::vector<LayerCheck>& layers, const std::vector<CumulationCheck>& cumulations) {
    Assessment a;
    std::vector<std::optional<Verdict>> per_layer;
    std::optional<Verdict> worst;
    for (const LayerCheck& l : layers) {
        per_layer.push_back(layer_verdict(l));
        if (per_layer.back() && (!worst || severity(*per_layer.back()) > severity(*worst))) worst = per_layer.back();
        for (const Comparison& c : l.comparisons)
            if (c.standard.confidence == Confidence::placeholder) add_unique(a.placeholders, c.standard.method);
    }
    if (!worst) {
        a.verdict = Verdict::unknown;
        a.reasons.push_back("no layer has a standard or limit value to check");
    } else {
        a.verdict = *worst;
        for (std::size_t i = 0; i < layers.size(); ++i)
            if (per_layer[i] == worst) add_layer_reasons(layers[i], *worst, a.reasons);
    }

    // The health advisory: guideline values and advisory levels reached at or above them, future
    // limits exceeded; unknown only when nothing is reached and something could not be checked.
    bool reached = false, unknown = false;
    for (const LayerCheck& l : layers) {
        for (const Comparison& c : l.comparisons) {
            if (is_legal(c.standard.kind)) continue;
            const bool guideline = c.standard.kind == StandardKind::guideline;
            if (c.status == Status::above || (guideline && c.status == Status::at)) {
                reached = true;
                a.advisory_reasons.push_back(l.contour ? contour_text(l, c) : value_vs(l, c, c.status == Status::at ? ">=" : ">"));
            } else if (c.status == Status::unknown) {
                unknown = true;
            }
        }
    }
    for (const CumulationCheck& c : cumulations) {
        if (!c.advisory_at) continue;
        if (c.advisory_confidence == Confidence::placeholder) add_unique(a.placeholders, c.advisory_source);
        for (const std::string& m : c.placeholder_methods) add_unique(a.placeholders, m);
        if (c.status == Status::above || c.status == Status::at) {
            reached = true;
            const auto [v, t] = texts(c.value, *c.advisory_at);
            a.advisory_reasons.push_back(c.name + (c.polygon_site ? " max " : " ") + with_unit(v, c.unit) + " >= advisory level " +
                                         with_unit(t, c.unit) + " (" + c.advisory_source + ")");
        } else if (c.status == Status::unknown) {
            unknown = true;
        }
    }
    a.advisory = reached ? Advisory::yes : unknown ? Advisory::unknown : Advisory::no;
    return a;
}

bool fails(FailLevel level, Verdict verdict) {
    switch (level) {
        case FailLevel::never: return false;
        case FailLevel::standard: return verdict != Verdict::meets;
        case FailLevel::limit: return verdict == Verdict::exceeds_limit || verdict == Verdict::unknown;
    }
    return false;
}

}  // namespace burdenmap::sites

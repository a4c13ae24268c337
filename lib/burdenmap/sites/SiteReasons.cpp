#include "burdenmap/sites/SiteReasons.h"

#include <cmath>
#include <utility>

#include "burdenmap/core/PlainNumber.h"

namespace burdenmap::sites {
namespace {

// A value and a threshold as text with just enough digits to tell them apart, so a reason never
// reads "53 dB > 53 dB" for 53.004.
std::pair<std::string, std::string> texts(double value, double threshold) {
    for (int p = 3; p <= 9; ++p) {
        std::string a = plain_number(value, p), b = plain_number(threshold, p);
        if (a != b || compare(value, threshold) == Status::at) return {a, b};
    }
    return {plain_number(value, 9), plain_number(threshold, 9)};
}

std::string with_unit(const std::string& number, const std::string& unit) {
    return unit.empty() ? number : number + " " + unit;
}

std::string source(const StandardRef& s) {
    return "(" + s.method + (s.confidence == Confidence::placeholder ? ", placeholder value: not verified" : "") + ")";
}

std::string subject(const LayerCheck& l) { return l.layer + (l.polygon_site ? " max " : " "); }

std::string percent(double share) { return plain_number(std::round(share * 1000) / 10, 3) + "%"; }

// "road_noise 72.4 dB > limit value 70 dB (id)"
std::string value_vs(const LayerCheck& l, const Comparison& c, const char* op) {
    const auto [v, t] = texts(l.value, c.standard.value);
    return subject(l) + with_unit(v, l.unit) + " " + op + " " + to_string(c.standard.kind) + " " + with_unit(t, l.unit) +
           " " + source(c.standard);
}

std::string contour_text(const LayerCheck& l, const Comparison& c) {
    const std::string level = with_unit(plain_number(c.standard.value, 6), l.unit);
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
            return l.layer + ": " + plain_number(l.contour_distance, 4) + " m outside the " + level + " contour of the " + kind +
                   " " + source(c.standard);
        case Status::unknown: break;
    }
    return l.layer + ": not known whether the site reaches the " + level + " contour";
}

std::string unknown_text(const LayerCheck& l) {
    if (std::isnan(l.value)) return l.layer + ": no data " + (l.polygon_site ? "on the site" : "at the site");
    return l.layer + ": no data on " + percent(l.unknown_share) + " of the site (max " +
           with_unit(plain_number(l.value, 4), l.unit) + " where known)";
}

const Comparison* find_legal(const LayerCheck& l, StandardKind kind) {
    for (const Comparison& c : l.comparisons)
        if (c.standard.kind == kind) return &c;
    return nullptr;
}

}  // namespace

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
                              with_unit(plain_number(tightest->margin, 3), l.unit) + " below the " +
                              to_string(tightest->standard.kind) + " " + with_unit(t, l.unit) + " " + source(tightest->standard));
            }
            return;
        }
    }
}

std::string advisory_reason(const LayerCheck& l, const Comparison& c) {
    return l.contour ? contour_text(l, c) : value_vs(l, c, c.status == Status::at ? ">=" : ">");
}

std::string advisory_reason(const CumulationCheck& c) {
    const auto [v, t] = texts(c.value, *c.advisory_at);
    return c.name + (c.polygon_site ? " max " : " ") + with_unit(v, c.unit) + " >= advisory level " + with_unit(t, c.unit) + " (" +
           c.advisory_source + ")";
}

}  // namespace burdenmap::sites

#include "burdenmap/sites/SiteVerdict.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/core/EnumNames.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/sites/SiteReasons.h"

namespace burdenmap::sites {
namespace {

constexpr EnumName<StandardKind> kStandardKindNames[] = {{StandardKind::standard, "standard value"},
                                                         {StandardKind::limit, "limit value"},
                                                         {StandardKind::future_limit, "future limit value"},
                                                         {StandardKind::guideline, "guideline value"}};
constexpr EnumName<Status> kStatusNames[] = {
    {Status::below, "below"}, {Status::at, "at"}, {Status::above, "above"}, {Status::unknown, "unknown"}};
constexpr EnumName<Verdict> kVerdictNames[] = {{Verdict::meets, "meets standard values"},
                                               {Verdict::needs_weighing, "needs weighing"},
                                               {Verdict::exceeds_limit, "exceeds limit value"},
                                               {Verdict::unknown, "unknown"}};
constexpr EnumName<Advisory> kAdvisoryNames[] = {{Advisory::no, "no"}, {Advisory::yes, "yes"}, {Advisory::unknown, "unknown"}};

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

const char* to_string(StandardKind k) { return enum_name(kStandardKindNames, k, ""); }

bool is_legal(StandardKind k) { return k == StandardKind::standard || k == StandardKind::limit; }

const char* to_string(Status s) { return enum_name(kStatusNames, s, ""); }

const char* to_string(Verdict v) { return enum_name(kVerdictNames, v, ""); }

const char* to_string(Advisory a) { return enum_name(kAdvisoryNames, a, ""); }

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
    return *parse_number(plain_number(d, 12));  // plain_number's text of a finite double always reads back
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
                a.advisory_reasons.push_back(advisory_reason(l, c));
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
            a.advisory_reasons.push_back(advisory_reason(c));
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

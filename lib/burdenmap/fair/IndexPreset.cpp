#include "burdenmap/fair/IndexPreset.h"

#include <stdexcept>

namespace burdenmap::fair {

namespace {
constexpr IndexPreset kAll[] = {IndexPreset::ces4,     IndexPreset::ces3draft,  IndexPreset::cejst,
                                IndexPreset::ejscreen, IndexPreset::count_high, IndexPreset::nl_default};
}

const char* to_string(IndexPreset p) {
    switch (p) {
        case IndexPreset::ces4: return "ces4";
        case IndexPreset::ces3draft: return "ces3draft";
        case IndexPreset::cejst: return "cejst";
        case IndexPreset::ejscreen: return "ejscreen";
        case IndexPreset::count_high: return "count_high";
        case IndexPreset::nl_default: return "nl_default";
    }
    return "?";
}

IndexPreset index_preset_from_string(const std::string& s) {
    for (auto p : kAll)
        if (s == to_string(p)) return p;
    throw std::invalid_argument("unknown index preset '" + s +
                                "' (known: ces4, ces3draft, cejst, ejscreen, count_high, nl_default)");
}

const char* describe(IndexPreset p) {
    switch (p) {
        case IndexPreset::ces4:
            return "CalEnviroScreen 4.0: component means, effects weighted 1/2, PB and PC scaled to 10 by their "
                   "maxima, score = PB score x PC score";
        case IndexPreset::ces3draft:
            return "CalEnviroScreen 3.0 draft (2016): indicator-weighted means (effects 1/2), scaled to 10, "
                   "score = PB score x PC score";
        case IndexPreset::cejst:
            return "CEJST 1.0/2.0 (Narwhal): burden percentile >= 0.90 in any category AND low-income "
                   "percentile >= 0.65";
        case IndexPreset::ejscreen:
            return "EJScreen 2.2: EJ index = environmental percentile x demographic index; count of indexes "
                   ">= 80th percentile";
        case IndexPreset::count_high:
            return "count of indicators in the 'high' class (Berlin Umweltgerechtigkeit style)";
        case IndexPreset::nl_default:
            return "burdenmap's own Dutch construction: CES 4.0 arithmetic on the configured Dutch layers, "
                   "at least one population-characteristics indicator";
    }
    return "?";
}

std::optional<PercentileRule> default_percentile_rule(IndexPreset p) {
    switch (p) {
        case IndexPreset::ces4:
        case IndexPreset::ces3draft:
        case IndexPreset::nl_default: return PercentileRule::ces;
        case IndexPreset::cejst: return PercentileRule::cejst;
        case IndexPreset::ejscreen: return PercentileRule::ejscreen;
        case IndexPreset::count_high: return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace burdenmap::fair

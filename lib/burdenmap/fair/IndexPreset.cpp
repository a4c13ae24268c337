#include "burdenmap/fair/IndexPreset.h"

#include "burdenmap/core/EnumNames.h"

namespace burdenmap::fair {

namespace {
constexpr EnumName<IndexPreset> kNames[] = {{IndexPreset::ces4, "ces4"},
                                            {IndexPreset::ces3draft, "ces3draft"},
                                            {IndexPreset::cejst, "cejst"},
                                            {IndexPreset::ejscreen, "ejscreen"},
                                            {IndexPreset::count_high, "count_high"},
                                            {IndexPreset::nl_default, "nl_default"}};
// One line each, for output metadata.
constexpr EnumName<IndexPreset> kPresetDescriptions[] = {
    {IndexPreset::ces4, "CalEnviroScreen 4.0: component means, effects weighted 1/2, PB and PC scaled to 10 by their "
                        "maxima, score = PB score x PC score"},
    {IndexPreset::ces3draft, "CalEnviroScreen 3.0 draft (2016): indicator-weighted means (effects 1/2), scaled to 10, "
                             "score = PB score x PC score"},
    {IndexPreset::cejst, "CEJST 1.0/2.0 (Narwhal): burden percentile >= 0.90 in any category AND low-income "
                         "percentile >= 0.65"},
    {IndexPreset::ejscreen, "EJScreen 2.2: EJ index = environmental percentile x demographic index; count of indexes "
                            ">= 80th percentile"},
    {IndexPreset::count_high, "count of indicators in the 'high' class (Berlin Umweltgerechtigkeit style)"},
    {IndexPreset::nl_default, "burdenmap's own Dutch construction: CES 4.0 arithmetic on the configured Dutch layers, "
                              "at least one population-characteristics indicator"}};
}  // namespace

const char* to_string(IndexPreset p) { return enum_name(kNames, p); }

IndexPreset index_preset_from_string(const std::string& s) { return enum_value_or_throw(kNames, s, "index preset"); }

const char* describe(IndexPreset p) { return enum_name(kPresetDescriptions, p); }

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

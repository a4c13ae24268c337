#pragma once
// The composite-index presets of issue #7 by name, with the percentile rule each uses by default
// (their sources: data/methods/screening-indices.toml). The presets themselves live in Ces.h, Cejst.h,
// EjScreen.h and CountHigh.h; the indicator groups of each are set in the config.
#include <optional>
#include <string>

#include "burdenmap/fair/Percentile.h"

namespace burdenmap::fair {

enum class IndexPreset { ces4, ces3draft, cejst, ejscreen, count_high, nl_default };

const char* to_string(IndexPreset p);  // "ces4", "ces3draft", "cejst", "ejscreen", "count_high", "nl_default"
IndexPreset index_preset_from_string(const std::string& s);  // throws std::invalid_argument
const char* describe(IndexPreset p);  // one line for output metadata
// ces4, ces3draft, nl_default → ces; cejst → cejst; ejscreen → ejscreen; count_high → none (it
// counts classes of values and ranks nothing).
std::optional<PercentileRule> default_percentile_rule(IndexPreset p);

}  // namespace burdenmap::fair

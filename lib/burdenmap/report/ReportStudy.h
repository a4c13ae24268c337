#pragma once
// What the study is about, in the report's words (internal to lib/burdenmap/report): the kinds of
// burden its layers cover, whether it uses a GES method, and how each layer's burden level stands
// in the study's jurisdiction. All from run.json, so `burdenmap report` words a folder the same.
#include <string>
#include <vector>

#include "burdenmap/report/ReportText.h"

namespace burdenmap::report::detail {

// The kinds of burden the layers cover: "noise", "air pollution", "external-safety risk" (from
// the layer's group, else its method's quantity and unit), in that order, then any other group
// or ungrouped layer by its display name, in layer order; no repeats.
std::vector<std::string> study_topics(const json& manifest, const Titles& titles);

// "a", "a and b", "a, b and c" (`conjunction` instead of "and").
std::string word_list(const std::vector<std::string>& words, const std::string& conjunction = "and");

// True when a layer is scored by a GES method (ids "ges.*"): only then does the report speak of
// GES classes and "stapeling".
bool uses_ges(const json& manifest);

// How a layer's burden level stands, from its method's jurisdiction (run.json) and the study's
// ([study] jurisdiction, "" for none): "legal limit value here (EU)", "for reference (EU)",
// "WHO guideline, for reference", "NL method", "NL method, for reference", "rule of this study";
// "–" when the manifest does not say. A legal value applies here in its own jurisdiction, and an
// EU value also in a member state ("NL", "NL-NH"). `level_label`: the burden level's class label.
std::string legal_standing(const json& layer, const std::string& level_label, const std::string& study_jurisdiction);

}  // namespace burdenmap::report::detail

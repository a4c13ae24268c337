#pragma once
// Which values `check-sites` compares each layer and cumulation with, resolved from the config's
// method ids ([[layer]] standard, limit, future_limit, guidelines; [[cumulation]] advisory_at)
// against the method tables. Each id must name a threshold method; its standard is the value
// (ClassTable::standard()). Nothing here is a number of our own.
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/sites/SiteVerdict.h"

namespace burdenmap {

struct CumulationAdvisory {
    std::optional<double> level;  // none: no advisory for this cumulation
    std::string source;           // the method id, or a note that the level is the config's own
    Confidence confidence = Confidence::verified;
};

struct SiteStandards {
    std::vector<std::vector<sites::StandardRef>> layers;  // per plan layer, in the order standard, limit, future, guidelines
    std::vector<CumulationAdvisory> cumulations;          // per plan cumulation
    std::vector<Diagnostic> warnings;                     // placeholder values, units that do not match
    bool any_legal() const;
};

// Throws ConfigError naming the key (e.g. "layer[1].limit") for an unknown id (with suggestions)
// or a method that is not a threshold.
SiteStandards resolve_site_standards(const JobPlan& plan);

// Column-name suffix of a layer's i-th standard: "std", "limit", "future", "guide", "guide2", ...
std::string standard_suffix(const std::vector<sites::StandardRef>& standards, std::size_t i);

}  // namespace burdenmap

#pragma once
// The sites table of `check-sites`: column definitions (with codebook text) and one row per
// site. The same columns and values go to sites.gpkg, sites.csv and the --json output, so the three
// always agree. Column names are short, lowercase and stable (README "check-sites").
#include <string>
#include <vector>

#include "burdenmap/core/FeatureTable.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/job/SiteStandards.h"
#include "burdenmap/sites/SiteVerdict.h"

namespace burdenmap {

// Everything known of one site after the check.
struct SiteOutcome {
    std::string id;
    std::string kind;            // "point", "polygon" or "unusable"
    double area = 0;             // polygons, m²
    double covered_share = 0;    // share of the site inside the study grid (points: 0 or 1)
    std::vector<sites::LayerCheck> layers;            // per plan layer
    std::vector<sites::CumulationCheck> cumulations;  // per plan cumulation
    sites::Assessment assessment;
};

std::vector<FieldSpec> site_fields(const JobPlan& plan, const SiteStandards& standards);
std::vector<FieldValue> site_row(const SiteOutcome& site, const SiteStandards& standards);

}  // namespace burdenmap

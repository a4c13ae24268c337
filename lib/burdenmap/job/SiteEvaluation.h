#pragma once
// From the block pipeline's results to what is known of each site: per layer the deciding value,
// the mean, the share without data and the comparisons with its standards (contour layers tested
// exactly on their polygons), per cumulation its value, mean and percentile among the zones.
#include <memory>
#include <optional>
#include <vector>

#include "burdenmap/io/SiteContours.h"
#include "burdenmap/io/SiteSource.h"
#include "burdenmap/job/BandSet.h"
#include "burdenmap/job/BlockProcessor.h"
#include "burdenmap/job/PointSampler.h"
#include "burdenmap/job/SiteStandards.h"
#include "burdenmap/job/SiteTable.h"

namespace burdenmap {

struct SiteEvidence {
    const JobPlan& plan;                                   // the study plan (its zones come first)
    const BandSet& bands;
    const SiteStandards& standards;
    const std::vector<std::optional<ZoneStats>>& stats;    // per zone of the combined plan
    const PointSampler& points;
    std::vector<std::unique_ptr<ContourTester>> contours;  // per layer; null for rasters
    std::vector<std::vector<double>> zone_means;           // per cumulation, per study zone
};

// The statistics of the study zones for each cumulation band: their means, for percentiles.
std::vector<std::vector<double>> cumulation_zone_means(const JobPlan& plan, const BandSet& bands,
                                                       const std::vector<std::optional<ZoneStats>>& stats);

// `zone`: the site's index among the combined plan's zones (polygons); `point`: among the point
// sampler's points. Neither for an unusable site.
SiteOutcome evaluate_site(const Site& site, std::optional<std::size_t> zone, std::optional<std::size_t> point,
                          const SiteEvidence& evidence);

}  // namespace burdenmap

#include "burdenmap/job/ValueChecks.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/score/UnitDimension.h"

namespace burdenmap {
namespace {

// The counted layers that lack data in the incomplete zones, each with the number of such zones
// ("rail_noise in 12 zones, no2 in 5"): what to fill. A layer lacks data where its score band
// has nodata weight inside the zone.
std::string layers_with_gaps(const JobPlan& plan, const BandSet& bands, const CumulationRule& rule, std::size_t completeness,
                             const std::vector<std::optional<ZoneStats>>& zones) {
    std::string text;
    for (std::size_t layer : rule.layers) {
        std::size_t gaps = 0;
        for (const auto& z : zones)
            if (z && z->area[completeness].has_data() && z->area[completeness].mean() < 1 &&
                z->area[bands.score_band(layer)].nodata_weight() > 0)
                ++gaps;
        if (gaps == 0) continue;
        text += (text.empty() ? "" : ", ") + plan.layers[layer].config.name + " in " + std::to_string(gaps) +
                (text.empty() ? (gaps == 1 ? " zone" : " zones") : "");
    }
    return text;
}

// count-incomplete: zones where a count_at_least cumulation lacks a layer in part of the area.
// There a missing layer is not counted (missing = "skip"), which reads as "not burdened" and
// ranks the zone too low without a trace; or the cells are left out (missing = "nodata").
void completeness_warnings(const JobPlan& plan, const BandSet& bands, const std::vector<std::optional<ZoneStats>>& zones,
                           std::vector<Diagnostic>& out) {
    for (std::size_t c : bands.counts) {
        const ZonalBand& count = bands.zonal[bands.cumulation_band(c)];
        const std::size_t band = *count.completeness_band;
        std::size_t with_data = 0, incomplete = 0, none_complete = 0;
        for (const auto& z : zones) {
            if (!z || !z->area[band].has_data()) continue;
            ++with_data;
            const double share = z->area[band].mean();
            if (share < 1) ++incomplete;
            if (share <= 0) ++none_complete;
        }
        if (incomplete == 0) continue;
        const std::string& name = count.prefix;
        std::string text = "cumulation '" + name + "': " + std::to_string(incomplete) + " of " + std::to_string(with_data) +
                           " zone(s) lack data for some of its layers in part of their area (" + name + "_complete_share < 1" +
                           (none_complete > 0 ? "; " + std::to_string(none_complete) + " of them nowhere complete" : "") +
                           "; layers with gaps: " + layers_with_gaps(plan, bands, plan.cumulations[c], band, zones) + "); ";
        text += plan.cumulations[c].incomplete_is_nodata
                    ? "with missing = \"nodata\" their statistics of " + name + " cover the complete cells only"
                    : "a layer without data is not counted there, so their counts may be too low. Fill the layers' gaps, "
                      "or set missing = \"nodata\" on the cumulation to leave incomplete cells out";
        out.push_back({"count-incomplete", text});
    }
}

}  // namespace

std::optional<PlausibleRange> plausible_range(const std::string& unit) {
    const auto dimension = unit_dimension(unit);
    if (!dimension) return std::nullopt;
    switch (*dimension) {
        case UnitDimension::sound_level: return PlausibleRange{0, 140, "sound levels"};
        case UnitDimension::concentration: return PlausibleRange{0, 1000, "annual concentrations"};
        case UnitDimension::risk_per_year: return PlausibleRange{0, 1, "risks per year"};
    }
    return std::nullopt;
}

std::vector<Diagnostic> value_warnings(const JobPlan& plan, const BandSet& bands,
                                       const std::vector<std::optional<ZoneStats>>& zones) {
    std::vector<Diagnostic> out;
    for (std::size_t i = 0; i < plan.layers.size(); ++i) {
        const LayerConfig& layer = plan.layers[i].config;
        const std::size_t band = bands.raw_band(i);
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (const auto& z : zones) {
            if (!z || !z->area[band].has_data()) continue;
            lo = std::min(lo, z->area[band].min());
            hi = std::max(hi, z->area[band].max());
        }
        const std::string name = "layer '" + layer.name + "' (" + layer.path.string() + ")";
        if (lo > hi) {
            out.push_back({"layer-without-data", name + ": no data inside any zone (every cell there is nodata or outside the "
                                                        "input); its statistics are NULL"});
            continue;
        }
        const auto range = plausible_range(layer.unit);
        if (!range || (lo >= range->min && hi <= range->max)) continue;
        out.push_back({"implausible-values",
                       name + ": values from " + plain_number(lo) + " to " + plain_number(hi) + " " + layer.unit +
                           " inside the zones; " + range->what + " outside " + plain_number(range->min) + " to " +
                           plain_number(range->max) + " are implausible (an undeclared nodata value such as -9999, or "
                           "another unit?). Cells are scored as they are; declare the nodata value with "
                           "gdal_edit.py -a_nodata VALUE FILE, or fix the unit"});
    }
    completeness_warnings(plan, bands, zones, out);
    return out;
}

}  // namespace burdenmap

#include "burdenmap/job/ValueChecks.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "burdenmap/core/PlainNumber.h"

namespace burdenmap {
namespace {

std::string lowercase(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

std::optional<PlausibleRange> plausible_range(const std::string& unit) {
    const std::string u = lowercase(unit);
    if (u.find("db") != std::string::npos) return PlausibleRange{0, 140, "sound levels"};
    for (const char* c : {"µg/m³", "µg/m3", "ug/m3", "ug/m³"})
        if (u.find(c) != std::string::npos) return PlausibleRange{0, 1000, "annual concentrations"};
    if (u.find("per year") != std::string::npos || u.find("/year") != std::string::npos || u.find("/yr") != std::string::npos)
        return PlausibleRange{0, 1, "risks per year"};
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
    return out;
}

}  // namespace burdenmap

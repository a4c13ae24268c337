#include "burdenmap/report/RasterStyle.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/report/NumberFormat.h"

namespace burdenmap::report {

std::optional<Rgb> RasterStyle::colour_for(double value) const {
    if (std::isnan(value) || stops.empty()) return std::nullopt;
    if (discrete) {
        for (const RasterStop& s : stops)
            if (value <= s.value) return s.colour;
        return stops.back().colour;
    }
    if (value <= stops.front().value) return stops.front().colour;
    for (std::size_t i = 1; i < stops.size(); ++i) {
        if (value <= stops[i].value) {
            const RasterStop& a = stops[i - 1];
            const RasterStop& b = stops[i];
            const double f = b.value > a.value ? (value - a.value) / (b.value - a.value) : 1.0;
            return blend(a.colour, b.colour, f);
        }
    }
    return stops.back().colour;
}

RasterStyle count_raster_style(int band, int max_count, const ColorRamp& ramp, const std::string& title) {
    RasterStyle s;
    s.band = band;
    s.title = title;
    s.discrete = true;
    max_count = std::max(max_count, 1);
    const std::vector<Rgb> colours = ramp.classes(max_count + 1);
    for (int k = 0; k <= max_count; ++k)
        s.stops.push_back({static_cast<double>(k), colours[static_cast<std::size_t>(k)], std::to_string(k)});
    return s;
}

RasterStyle continuous_raster_style(int band, double min, double max, const ColorRamp& ramp, const std::string& title,
                                    int steps) {
    RasterStyle s;
    s.band = band;
    s.title = title;
    if (!(max > min)) {
        s.stops.push_back({min, ramp.at(0.5), format_number(min)});
        return s;
    }
    steps = std::max(steps, 2);
    for (int i = 0; i < steps; ++i) {
        const double t = static_cast<double>(i) / (steps - 1);
        const double v = i == steps - 1 ? max : min + (max - min) * t;
        s.stops.push_back({v, ramp.at(t), format_number(v)});
    }
    return s;
}

RasterStyle diverging_raster_style(int band, double min, double max, const ColorRamp& ramp, const std::string& title,
                                   int steps) {
    double m = std::max(std::fabs(min), std::fabs(max));
    if (!(m > 0) || !std::isfinite(m)) m = 1;
    steps = std::max(steps, 3) | 1;
    RasterStyle s = continuous_raster_style(band, -m, m, ramp, title, steps);
    // m · k / half for k = −half … half: the stops mirror each other exactly (+x and −x are the
    // same number), and the middle one is 0 itself, not −m + 2m · ½ rounded.
    const int half = steps / 2;
    for (int i = 0; i < steps; ++i) {
        const double v = i == half ? 0.0 : m * (i - half) / half;
        s.stops[static_cast<std::size_t>(i)].value = v;
        s.stops[static_cast<std::size_t>(i)].label = format_number(v);
    }
    return s;
}

std::optional<RasterStyle> headline_raster_style(const std::vector<BandInfo>& bands, const std::string& preferred) {
    if (bands.empty()) return std::nullopt;
    const auto rule_of = [](const BandInfo& b) {
        auto it = b.metadata.find("rule");
        return it == b.metadata.end() ? std::string() : it->second;
    };
    const BandInfo* chosen = nullptr;
    for (const BandInfo& b : bands)
        if (!preferred.empty() && b.description == preferred && !chosen) chosen = &b;
    for (const BandInfo& b : bands)
        if (!chosen && rule_of(b) == "count_at_least") chosen = &b;
    for (const BandInfo& b : bands)
        if (!chosen && !rule_of(b).empty()) chosen = &b;
    if (!chosen) chosen = &bands.front();
    // A band's display name ([[layer]] / [[cumulation]] title) when the run wrote one, else its name.
    const auto titled = chosen->metadata.find("title");
    const std::string name = titled != chosen->metadata.end() ? titled->second : chosen->description;
    const std::string title = name + (chosen->unit.empty() ? "" : " (" + chosen->unit + ")");
    const double lo = chosen->min.value_or(0), hi = chosen->max.value_or(1);
    if (rule_of(*chosen) == "count_at_least")
        return count_raster_style(chosen->index, static_cast<int>(std::ceil(hi)), ColorRamp::yl_or_rd(), title);
    return continuous_raster_style(chosen->index, lo, hi, ColorRamp::yl_or_rd(), title);
}

}  // namespace burdenmap::report

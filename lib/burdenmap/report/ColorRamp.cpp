#include "burdenmap/report/ColorRamp.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace burdenmap::report {

namespace {

std::vector<Rgb> from_hex(const std::vector<const char*>& hexes) {
    std::vector<Rgb> out;
    for (const char* h : hexes) out.push_back(rgb_from_hex(h));
    return out;
}

std::uint8_t mix_channel(std::uint8_t a, std::uint8_t b, double f) {
    return static_cast<std::uint8_t>(std::lround(a + (b - a) * f));
}

}  // namespace

Rgb blend(const Rgb& a, const Rgb& b, double f) {
    return Rgb{mix_channel(a.r, b.r, f), mix_channel(a.g, b.g, f), mix_channel(a.b, b.b, f)};
}

std::string Rgb::hex() const {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
    return buf;
}

std::string Rgb::qgis() const {
    return std::to_string(r) + "," + std::to_string(g) + "," + std::to_string(b) + ",255";
}

Rgb rgb_from_hex(const std::string& hex) {
    if (hex.size() != 7 || hex[0] != '#') throw std::invalid_argument("not a #rrggbb colour: '" + hex + "'");
    const auto byte = [&](std::size_t at) {
        std::size_t used = 0;
        const int v = std::stoi(hex.substr(at, 2), &used, 16);
        if (used != 2) throw std::invalid_argument("not a #rrggbb colour: '" + hex + "'");
        return static_cast<std::uint8_t>(v);
    };
    return Rgb{byte(1), byte(3), byte(5)};
}

ColorRamp::ColorRamp(std::string name, std::vector<Rgb> stops) : name_(std::move(name)), stops_(std::move(stops)) {
    if (stops_.size() < 2) throw std::invalid_argument("colour ramp '" + name_ + "' needs at least two stops");
}

Rgb ColorRamp::at(double t) const {
    if (!(t > 0)) return stops_.front();  // also NaN
    if (t >= 1) return stops_.back();
    const double pos = t * static_cast<double>(stops_.size() - 1);
    const auto i = static_cast<std::size_t>(pos);
    const double f = pos - static_cast<double>(i);
    const Rgb& a = stops_[i];
    const Rgb& b = stops_[std::min(i + 1, stops_.size() - 1)];
    return blend(a, b, f);
}

std::vector<Rgb> ColorRamp::classes(int n) const {
    std::vector<Rgb> out;
    if (n <= 0) return out;
    if (n == 1) return {at(0.5)};
    for (int i = 0; i < n; ++i) out.push_back(at(static_cast<double>(i) / (n - 1)));
    return out;
}

// colorbrewer2.org, YlOrRd, 9 data classes.
ColorRamp ColorRamp::yl_or_rd() {
    return ColorRamp("YlOrRd", from_hex({"#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c",
                                         "#bd0026", "#800026"}));
}

// matplotlib 3.6 colormaps sampled at i/8 (matplotlib.colors.to_hex(cmap(i / 8))).
ColorRamp ColorRamp::viridis() {
    return ColorRamp("viridis", from_hex({"#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962",
                                          "#addc30", "#fde725"}));
}

ColorRamp ColorRamp::cividis() {
    return ColorRamp("cividis", from_hex({"#00224e", "#1a386f", "#434e6c", "#61656f", "#7d7c78", "#9b9476", "#bcae6c",
                                          "#dec958", "#fee838"}));
}

// colorbrewer2.org, RdBu, 11 data classes, listed from its blue end.
ColorRamp ColorRamp::blue_white_red() {
    return ColorRamp("RdBu (reversed)", from_hex({"#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7",
                                                  "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f"}));
}

Rgb ges_class_colour(int ges_class) {
    // Approximations (see the header): dark green, green, light green, yellow-green, yellow,
    // orange, red, dark red, purple.
    static const std::vector<Rgb> colours = from_hex(
        {"#1a9641", "#66bd63", "#a6d96a", "#d9ef8b", "#ffff73", "#fdae61", "#e31a1c", "#a50f15", "#6a3d9a"});
    return colours[static_cast<std::size_t>(std::clamp(ges_class, 0, 8))];
}

Rgb bivariate_colour(int bivariate_class) {
    static const std::vector<Rgb> colours = from_hex(
        {"#e8e8e8", "#ace4e4", "#5ac8c8", "#dfb0d6", "#a5add3", "#5698b9", "#be64ac", "#8c62aa", "#3b4994"});
    return colours[static_cast<std::size_t>(std::clamp(bivariate_class, 1, 9) - 1)];
}

Rgb verdict_colour(const std::string& verdict) {
    if (verdict == "meets standard values") return rgb_from_hex("#009e73");
    if (verdict == "needs weighing") return rgb_from_hex("#e69f00");
    if (verdict == "exceeds limit value") return rgb_from_hex("#d55e00");
    return rgb_from_hex("#999999");
}

}  // namespace burdenmap::report

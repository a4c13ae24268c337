#pragma once
// Colours for maps and styles. Every ramp used by default is colour-blind safe: ColorBrewer
// YlOrRd (sequential; Harrower & Brewer 2003, colorbrewer2.org), RdBu (diverging), viridis and
// cividis (perceptually uniform; matplotlib, CC0). The GES class colours follow the Dutch GES convention and are NOT
// colour-blind safe (green to red): they are offered where a layer is scored in GES classes,
// because that is how GES maps are read in the Netherlands, never as the default.
#include <cstdint>
#include <string>
#include <vector>

namespace burdenmap::report {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    std::string hex() const;    // "#rrggbb", for SVG, SLD and HTML
    std::string qgis() const;   // "r,g,b,255", how QML writes a colour property
    bool operator==(const Rgb& o) const { return r == o.r && g == o.g && b == o.b; }
};

// The colour a fraction f of the way from a to b (f in [0, 1]), each channel linear in sRGB, rounded.
Rgb blend(const Rgb& a, const Rgb& b, double f);

// Parses "#rrggbb"; throws std::invalid_argument otherwise.
Rgb rgb_from_hex(const std::string& hex);

// A ramp through evenly spaced colour stops, interpolated linearly in sRGB (close enough between
// the dense stops used here; the stops themselves carry the perceptual design).
class ColorRamp {
public:
    ColorRamp(std::string name, std::vector<Rgb> stops);  // at least two stops

    const std::string& name() const { return name_; }
    const std::vector<Rgb>& stops() const { return stops_; }
    // The colour at t in [0, 1] (clamped; NaN gives the first stop).
    Rgb at(double t) const;
    // n colours for n ordered classes, from the first stop to the last (n == 1: the middle).
    std::vector<Rgb> classes(int n) const;

    static ColorRamp yl_or_rd();  // ColorBrewer YlOrRd, 9 classes: light yellow (low) → dark red (high)
    static ColorRamp viridis();
    static ColorRamp cividis();
    // ColorBrewer RdBu, 11 classes, reversed: dark blue (low) → near-white (#f7f7f7, the middle)
    // → dark red (high). For differences plan − base centred on 0: blue lower, red higher.
    static ColorRamp blue_white_red();

private:
    std::string name_;
    std::vector<Rgb> stops_;
};

// GES classes 0..8: green (0, "zeer goed") → yellow → orange → red (6, "onvoldoende") → purple
// (8). The handbook's exact RGB values were not retrieved (neither Handboek GES 2012 nor v1.7
// was at hand with its colour table), so these approximate the scheme; replace them when the
// handbook's table is at hand. Classes outside 0..8 are clamped.
Rgb ges_class_colour(int ges_class);

// The 3 × 3 bivariate legend (burden tertile × low-income tertile), indexed by the zones'
// `bivariate_class` 1..9 = 3·(burden − 1) + low_income (fair/Bivariate.h). Joshua Stevens'
// teal–pink scheme ("Bivariate Choropleth Maps: A How-to Guide", 2015): grey for low–low, teal
// for more low-income residents, pink for more burden, dark blue-purple for the double burden (9).
Rgb bivariate_colour(int bivariate_class);

// Site verdicts (sites layer, `verdict` column), Okabe–Ito colours (colour-blind safe):
// "meets standard values" bluish green, "needs weighing" orange, "exceeds limit value"
// vermillion, anything else ("unknown") grey.
Rgb verdict_colour(const std::string& verdict);

}  // namespace burdenmap::report

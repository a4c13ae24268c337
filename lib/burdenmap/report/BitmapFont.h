#pragma once
// A tiny 5 × 7 pixel font of our own for the quicklook map (GDAL draws no text). It has digits,
// capital letters and the punctuation our legends use; lower-case letters are drawn as capitals
// and anything else (µ, ³, …) as '?'. Why a font at all: the map numbers the most burdened zones
// (names would collide on a small map; the report's table gives the names) and labels its legend.
#include <string>

namespace burdenmap::report {

class Image;

constexpr int glyph_width = 5, glyph_height = 7, glyph_advance = 6;  // pixels at scale 1

// Width in pixels of `text` at `scale` (one advance per UTF-8 character, no trailing space).
int text_width(const std::string& text, int scale = 1);

// Draws `text` with its top-left corner at (x, y).
void draw_text(Image& image, int x, int y, const std::string& text, const struct Rgb& colour, int scale = 1);

}  // namespace burdenmap::report

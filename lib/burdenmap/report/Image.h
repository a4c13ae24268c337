#pragma once
// A small RGB image to draw the quicklook map on: pixels, lines, boxes and text in our bitmap
// font. Pure code; the I/O layer encodes it as PNG.
#include <cstdint>
#include <string>
#include <vector>

#include "burdenmap/report/ColorRamp.h"

namespace burdenmap::report {

class Image {
public:
    Image(int width, int height, Rgb background);

    int width() const { return width_; }
    int height() const { return height_; }
    // Interleaved RGB, row-major from the top-left pixel (what the PNG encoder takes).
    const std::vector<std::uint8_t>& rgb() const { return pixels_; }

    Rgb get(int x, int y) const;
    // Drawing outside the image is clipped silently: shapes may reach beyond the edges.
    void set(int x, int y, Rgb c);
    void blend(int x, int y, Rgb c, double alpha);
    void fill_rect(int x, int y, int w, int h, Rgb c);
    void outline_rect(int x, int y, int w, int h, Rgb c, int thickness = 1);
    // A straight line of the given width (pixels), by stamping squares along it; alpha < 1 blends.
    void line(double x0, double y0, double x1, double y1, Rgb c, double width = 1, double alpha = 1);

    // Text in the bitmap font (BitmapFont.h) with its top-left corner at (x, y).
    void text(int x, int y, const std::string& s, Rgb c, int scale = 1);

private:
    int width_, height_;
    std::vector<std::uint8_t> pixels_;
};

}  // namespace burdenmap::report

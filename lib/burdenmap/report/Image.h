#pragma once
// A small RGB image to draw the quicklook map on: pixels and boxes set exactly, lines and text
// drawn antialiased by cairo in the map's font (MapFont.h). Pure code; the I/O layer encodes it as
// PNG. Same calls, same pixels: cairo's rasteriser and the font's hinting are fixed here (no
// fontconfig rendering settings of the machine apply).
#include <cstdint>
#include <string>
#include <vector>

#include "burdenmap/core/Geometry.h"
#include "burdenmap/report/ColorRamp.h"

typedef struct _cairo_surface cairo_surface_t;

namespace burdenmap::report {

class Image {
public:
    Image(int width, int height, Rgb background);
    ~Image();
    Image(Image&& other) noexcept;
    Image& operator=(Image&& other) noexcept;
    Image(const Image&) = delete;
    Image& operator=(const Image&) = delete;

    int width() const { return width_; }
    int height() const { return height_; }
    // Interleaved RGB, row-major from the top-left pixel (what the PNG encoder takes).
    std::vector<std::uint8_t> rgb() const;

    Rgb get(int x, int y) const;
    // Drawing outside the image is clipped silently: shapes may reach beyond the edges.
    void set(int x, int y, Rgb c);
    void fill_rect(int x, int y, int w, int h, Rgb c);
    void outline_rect(int x, int y, int w, int h, Rgb c, int thickness = 1);
    // Straight lines through `points` (pixel coordinates; 0,0 = top-left corner of the top-left
    // pixel), `width` pixels wide, antialiased; `closed` joins the last point to the first.
    void polyline(const std::vector<Point>& points, bool closed, Rgb c, double width = 1);

    // Text `size` pixels high (the font's em) with the top of its line box at y and its start at x.
    // Any UTF-8 (invalid bytes are drawn as U+FFFD); nothing is upper-cased or replaced.
    void text(double x, double y, const std::string& s, Rgb c, double size);
    // The advance of `s` at `size` and the height of its line box (ascent + descent), in pixels.
    double text_width(const std::string& s, double size) const;
    double text_height(double size) const;

private:
    void surface_changed();  // before cairo draws: tells it about pixels set directly

    int width_, height_;
    std::vector<std::uint32_t> pixels_;  // cairo's RGB24: 0x00rrggbb per pixel, rows without padding
    cairo_surface_t* surface_ = nullptr;
    bool pixels_set_ = false;
};

// `s` with every byte sequence that is not UTF-8 replaced by U+FFFD (cairo refuses such text).
std::string valid_utf8(const std::string& s);

}  // namespace burdenmap::report

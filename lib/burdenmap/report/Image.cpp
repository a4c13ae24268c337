#include "burdenmap/report/Image.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "burdenmap/report/BitmapFont.h"

namespace burdenmap::report {

Image::Image(int width, int height, Rgb background) : width_(width), height_(height) {
    if (width <= 0 || height <= 0) throw std::invalid_argument("image size must be positive");
    pixels_.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    for (std::size_t i = 0; i < pixels_.size(); i += 3) {
        pixels_[i] = background.r;
        pixels_[i + 1] = background.g;
        pixels_[i + 2] = background.b;
    }
}

Rgb Image::get(int x, int y) const {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return {};
    const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)) * 3;
    return Rgb{pixels_[i], pixels_[i + 1], pixels_[i + 2]};
}

void Image::set(int x, int y, Rgb c) {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
    const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)) * 3;
    pixels_[i] = c.r;
    pixels_[i + 1] = c.g;
    pixels_[i + 2] = c.b;
}

void Image::blend(int x, int y, Rgb c, double alpha) {
    if (alpha >= 1) return set(x, y, c);
    const Rgb o = get(x, y);
    const auto mix = [alpha](std::uint8_t under, std::uint8_t over) {
        return static_cast<std::uint8_t>(std::lround(under + (over - under) * alpha));
    };
    set(x, y, Rgb{mix(o.r, c.r), mix(o.g, c.g), mix(o.b, c.b)});
}

void Image::fill_rect(int x, int y, int w, int h, Rgb c) {
    for (int yy = std::max(y, 0); yy < std::min(y + h, height_); ++yy)
        for (int xx = std::max(x, 0); xx < std::min(x + w, width_); ++xx) set(xx, yy, c);
}

void Image::outline_rect(int x, int y, int w, int h, Rgb c, int thickness) {
    fill_rect(x, y, w, thickness, c);
    fill_rect(x, y + h - thickness, w, thickness, c);
    fill_rect(x, y, thickness, h, c);
    fill_rect(x + w - thickness, y, thickness, h, c);
}

void Image::line(double x0, double y0, double x1, double y1, Rgb c, double width, double alpha) {
    // Stamping overlaps along the line; with alpha < 1 each pixel is blended once per line only
    // if we remember what we touched, so translucent lines keep a set of visited pixels.
    const double steps = std::max({std::fabs(x1 - x0), std::fabs(y1 - y0), 1.0});
    const int half = std::max(0, static_cast<int>(std::lround(width)) - 1) / 2;
    const int extra = std::max(0, static_cast<int>(std::lround(width)) - 1) % 2;
    std::vector<std::size_t> touched;
    for (int i = 0; i <= static_cast<int>(std::ceil(steps)); ++i) {
        const double t = std::min(1.0, i / steps);
        const int cx = static_cast<int>(std::floor(x0 + (x1 - x0) * t));
        const int cy = static_cast<int>(std::floor(y0 + (y1 - y0) * t));
        for (int dy = -half; dy <= half + extra; ++dy)
            for (int dx = -half; dx <= half + extra; ++dx) {
                const int px = cx + dx, py = cy + dy;
                if (px < 0 || py < 0 || px >= width_ || py >= height_) continue;
                if (alpha < 1) {
                    const std::size_t key = static_cast<std::size_t>(py) * static_cast<std::size_t>(width_) +
                                            static_cast<std::size_t>(px);
                    if (std::find(touched.begin(), touched.end(), key) != touched.end()) continue;
                    touched.push_back(key);
                }
                blend(px, py, c, alpha);
            }
    }
}

void Image::text(int x, int y, const std::string& s, Rgb c, int scale) { draw_text(*this, x, y, s, c, scale); }

}  // namespace burdenmap::report

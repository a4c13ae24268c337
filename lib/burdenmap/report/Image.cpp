#include "burdenmap/report/Image.h"

#include <cairo.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "burdenmap/report/MapFont.h"

namespace burdenmap::report {

namespace {

std::uint32_t pack(Rgb c) { return (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | std::uint32_t{c.b}; }

using Context = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

Context context(cairo_surface_t* surface, Rgb c) {
    Context cr(cairo_create(surface), &cairo_destroy);
    cairo_set_source_rgb(cr.get(), c.r / 255.0, c.g / 255.0, c.b / 255.0);
    return cr;
}

// The map font at `size` with fixed rendering: grey antialiasing, no hinting, unhinted metrics,
// so the same text gives the same pixels whatever the machine's fontconfig settings say.
void use_map_font(cairo_t* cr, double size) {
    cairo_set_font_face(cr, map_font_face());
    cairo_set_font_size(cr, size);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, options);
    cairo_font_options_destroy(options);
}

// A context on a 1 × 1 scratch surface for measuring text.
struct Measure {
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface{
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1), &cairo_surface_destroy};
    Context cr{cairo_create(surface.get()), &cairo_destroy};
    explicit Measure(double size) { use_map_font(cr.get(), size); }
};

std::size_t utf8_length(const std::string& s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b = byte(i);
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte (no overlongs, no surrogates)
    if (b < 0x80) return 1;
    if (b >= 0xC2 && b <= 0xDF) n = 2;
    else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        if (b == 0xE0) lo = 0xA0;
        if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return n;
}

}  // namespace

std::string valid_utf8(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (const std::size_t n = utf8_length(s, i)) {
            out.append(s, i, n);
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

Image::Image(int width, int height, Rgb background) : width_(width), height_(height) {
    if (width <= 0 || height <= 0) throw std::invalid_argument("image size must be positive");
    pixels_.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), pack(background));
    surface_ = cairo_image_surface_create_for_data(reinterpret_cast<unsigned char*>(pixels_.data()), CAIRO_FORMAT_RGB24,
                                                   width, height, width * 4);
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface_);
        throw std::invalid_argument("image too large to draw on");
    }
}

Image::~Image() {
    if (surface_) cairo_surface_destroy(surface_);
}

// The surface keeps pointing at the moved pixel buffer: a moved vector keeps its storage.
Image::Image(Image&& o) noexcept
    : width_(o.width_), height_(o.height_), pixels_(std::move(o.pixels_)), surface_(o.surface_), pixels_set_(o.pixels_set_) {
    o.surface_ = nullptr;
}

Image& Image::operator=(Image&& o) noexcept {
    if (this != &o) {
        if (surface_) cairo_surface_destroy(surface_);
        width_ = o.width_;
        height_ = o.height_;
        pixels_ = std::move(o.pixels_);
        surface_ = o.surface_;
        pixels_set_ = o.pixels_set_;
        o.surface_ = nullptr;
    }
    return *this;
}

std::vector<std::uint8_t> Image::rgb() const {
    cairo_surface_flush(surface_);
    std::vector<std::uint8_t> out(pixels_.size() * 3);
    for (std::size_t i = 0; i < pixels_.size(); ++i) {
        out[3 * i] = static_cast<std::uint8_t>(pixels_[i] >> 16);
        out[3 * i + 1] = static_cast<std::uint8_t>(pixels_[i] >> 8);
        out[3 * i + 2] = static_cast<std::uint8_t>(pixels_[i]);
    }
    return out;
}

Rgb Image::get(int x, int y) const {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return {};
    cairo_surface_flush(surface_);
    const std::uint32_t p = pixels_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)];
    return Rgb{static_cast<std::uint8_t>(p >> 16), static_cast<std::uint8_t>(p >> 8), static_cast<std::uint8_t>(p)};
}

void Image::set(int x, int y, Rgb c) {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
    if (!pixels_set_) cairo_surface_flush(surface_);
    pixels_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)] = pack(c);
    pixels_set_ = true;
}

void Image::surface_changed() {
    if (pixels_set_) cairo_surface_mark_dirty(surface_);
    pixels_set_ = false;
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

void Image::polyline(const std::vector<Point>& points, bool closed, Rgb c, double width) {
    if (points.size() < 2) return;
    surface_changed();
    const Context cr = context(surface_, c);
    cairo_set_line_width(cr.get(), width);
    cairo_set_line_join(cr.get(), CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr.get(), CAIRO_LINE_CAP_ROUND);
    cairo_move_to(cr.get(), points.front().x, points.front().y);
    for (std::size_t i = 1; i < points.size(); ++i) cairo_line_to(cr.get(), points[i].x, points[i].y);
    if (closed) cairo_close_path(cr.get());
    cairo_stroke(cr.get());
}

void Image::text(double x, double y, const std::string& s, Rgb c, double size) {
    surface_changed();
    const Context cr = context(surface_, c);
    use_map_font(cr.get(), size);
    cairo_font_extents_t font;
    cairo_font_extents(cr.get(), &font);
    cairo_move_to(cr.get(), x, y + font.ascent);
    cairo_show_text(cr.get(), valid_utf8(s).c_str());
}

double Image::text_width(const std::string& s, double size) const {
    Measure m(size);
    cairo_text_extents_t extents;
    cairo_text_extents(m.cr.get(), valid_utf8(s).c_str(), &extents);
    return extents.x_advance;
}

double Image::text_height(double size) const {
    Measure m(size);
    cairo_font_extents_t font;
    cairo_font_extents(m.cr.get(), &font);
    return font.ascent + font.descent;
}

}  // namespace burdenmap::report

#include "burdenmap/report/Quicklook.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/report/BitmapFont.h"
#include "burdenmap/report/NumberFormat.h"

namespace burdenmap::report {

namespace {

constexpr int margin = 12;
constexpr int legend_height = 74;
const Rgb white{255, 255, 255};
const Rgb ink{25, 25, 25};
const Rgb nodata{236, 236, 236};   // cells without data: light grey, distinct from every class
const Rgb outline{90, 90, 90};

struct Box2 {
    int x, y, w, h;
    bool overlaps(const Box2& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
};

void draw_rings(Image& image, const Grid& grid, const MultiPolygon& zone, Rgb colour, double width) {
    const auto draw_ring = [&](const Ring& ring) {
        // Every edge, the closing one included (a repeated closing vertex adds an empty edge).
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const Point a = to_pixel(grid, ring[i]);
            const Point b = to_pixel(grid, ring[(i + 1) % ring.size()]);
            image.line(a.x + margin, a.y + margin, b.x + margin, b.y + margin, colour, width);
        }
    };
    for (const Polygon& p : zone) {
        draw_ring(p.outer);
        for (const Ring& h : p.holes) draw_ring(h);
    }
}

// Numbers in white boxes; a box that would hide an earlier one is moved to the nearest free spot
// around its zone's point (neighbouring top zones are common: burden clusters).
void draw_labels(Image& image, const Grid& grid, const std::vector<MapLabel>& labels) {
    constexpr int scale = 2, pad = 3;
    std::vector<Box2> placed;
    for (const MapLabel& l : labels) {
        const Point p = to_pixel(grid, l.at);
        const int w = text_width(l.text, scale) + 2 * pad + 2, h = glyph_height * scale + 2 * pad + 2;
        Box2 best{static_cast<int>(p.x) + margin - w / 2, static_cast<int>(p.y) + margin - h / 2, w, h};
        static const int offsets[][2] = {{0, 0}, {0, 1}, {0, -1}, {1, 0}, {-1, 0}, {1, 1}, {-1, -1}, {1, -1}, {-1, 1},
                                         {0, 2}, {0, -2}, {2, 0}, {-2, 0}};
        for (const auto& o : offsets) {
            const Box2 b{best.x + o[0] * (w + 2), best.y + o[1] * (h + 2), w, h};
            if (std::none_of(placed.begin(), placed.end(), [&](const Box2& q) { return q.overlaps(b); })) {
                best = b;
                break;
            }
        }
        placed.push_back(best);
        image.fill_rect(best.x, best.y, best.w, best.h, white);
        image.outline_rect(best.x, best.y, best.w, best.h, ink, 1);
        image.text(best.x + pad + 1, best.y + pad + 1, l.text, ink, scale);
    }
}

void draw_legend(Image& image, const RasterStyle& style, const std::string& title, int top) {
    int x = margin;
    image.text(x, top, title, ink, 1);
    const int y = top + 14;
    if (style.discrete) {
        const int w = 30, h = 14;
        for (const RasterStop& s : style.stops) {
            image.fill_rect(x, y, w, h, s.colour);
            image.outline_rect(x, y, w, h, outline, 1);
            image.text(x + (w - text_width(s.label)) / 2, y + h + 5, s.label, ink, 1);
            x += w + 6;
        }
        x += 10;
    } else {
        const int w = 260, h = 14;
        for (int i = 0; i < w; ++i) {
            const double v = style.min() + (style.max() - style.min()) * i / (w - 1);
            image.fill_rect(x + i, y, 1, h, style.colour_for(v).value_or(nodata));
        }
        image.outline_rect(x, y, w, h, outline, 1);
        const std::string lo = format_number(style.min()), hi = format_number(style.max());
        image.text(x, y + h + 5, lo, ink, 1);
        image.text(x + w - text_width(hi), y + h + 5, hi, ink, 1);
        x += w + 16;
    }
    image.fill_rect(x, y, 30, 14, nodata);
    image.outline_rect(x, y, 30, 14, outline, 1);
    image.text(x + 36, y + 4, "NO DATA", ink, 1);
}

}  // namespace

Point to_pixel(const Grid& grid, const Point& p) {
    return Point{(p.x - grid.x0()) / grid.dx(), (grid.y0() - p.y) / grid.dy()};
}

Image render_quicklook(const QuicklookInput& in) {
    const Grid& grid = in.values.grid();
    const int width = std::max(grid.cols() + 2 * margin, 420);
    const int height = grid.rows() + 2 * margin + legend_height;
    Image image(width, height, white);
    for (int r = 0; r < grid.rows(); ++r)
        for (int c = 0; c < grid.cols(); ++c)
            image.set(c + margin, r + margin, in.style.colour_for(in.values(r, c)).value_or(nodata));
    for (const MultiPolygon& z : in.outlines) draw_rings(image, grid, z, outline, 1);
    for (const MultiPolygon& z : in.emphasised) draw_rings(image, grid, z, ink, 2);
    image.outline_rect(margin - 1, margin - 1, grid.cols() + 2, grid.rows() + 2, outline, 1);
    draw_labels(image, grid, in.labels);
    draw_legend(image, in.style, in.legend_title, grid.rows() + 2 * margin + 6);
    return image;
}

}  // namespace burdenmap::report

#include "burdenmap/report/Quicklook.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/report/NumberFormat.h"

namespace burdenmap::report {

namespace {

constexpr int margin = 12;
constexpr int legend_height = 74;
const Rgb white{255, 255, 255};
const Rgb ink{25, 25, 25};
const Rgb outline{90, 90, 90};
constexpr double label_size = 13, legend_size = 11;  // text heights (em) in pixels

struct Box2 {
    int x, y, w, h;
    bool overlaps(const Box2& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
};

void draw_rings(Image& image, const Grid& grid, const MultiPolygon& zone, Rgb colour, double width) {
    const auto draw_ring = [&](const Ring& ring) {
        // Closed: a repeated closing vertex only adds an empty edge.
        std::vector<Point> pixels;
        pixels.reserve(ring.size());
        for (const Point& p : ring) {
            const Point q = to_pixel(grid, p);
            pixels.push_back(Point{q.x + margin, q.y + margin});
        }
        image.polyline(pixels, true, colour, width);
    };
    for (const Polygon& p : zone) {
        draw_ring(p.outer);
        for (const Ring& h : p.holes) draw_ring(h);
    }
}

// Numbers in white boxes; a box that would hide an earlier one is moved to the nearest free spot
// around its zone's point (neighbouring top zones are common: burden clusters).
void draw_labels(Image& image, const Grid& grid, const std::vector<MapLabel>& labels) {
    constexpr int pad = 3;
    const int h = static_cast<int>(std::ceil(image.text_height(label_size))) + 2 * pad;
    std::vector<Box2> placed;
    for (const MapLabel& l : labels) {
        const Point p = to_pixel(grid, l.at);
        const int w = static_cast<int>(std::ceil(image.text_width(l.text, label_size))) + 2 * pad + 2;
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
        image.text(best.x + pad + 1, best.y + pad, l.text, ink, label_size);
    }
}

void draw_legend(Image& image, const RasterStyle& style, const std::string& title, int top, Rgb nodata) {
    int x = margin;
    image.text(x, top, title, ink, legend_size);
    const int y = top + 16;
    if (style.discrete) {
        const int w = 30, h = 14;
        for (const RasterStop& s : style.stops) {
            image.fill_rect(x, y, w, h, s.colour);
            image.outline_rect(x, y, w, h, outline, 1);
            image.text(x + (w - image.text_width(s.label, legend_size)) / 2, y + h + 3, s.label, ink, legend_size);
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
        image.text(x, y + h + 3, lo, ink, legend_size);
        image.text(x + w - image.text_width(hi, legend_size), y + h + 3, hi, ink, legend_size);
        x += w + 16;
    }
    image.fill_rect(x, y, 30, 14, nodata);
    image.outline_rect(x, y, 30, 14, outline, 1);
    image.text(x + 36, y + (14 - image.text_height(legend_size)) / 2, "no data", ink, legend_size);
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
            image.set(c + margin, r + margin, in.style.colour_for(in.values(r, c)).value_or(in.nodata));
    for (const MultiPolygon& z : in.outlines) draw_rings(image, grid, z, outline, 1);
    for (const MultiPolygon& z : in.emphasised) draw_rings(image, grid, z, ink, 2);
    image.outline_rect(margin - 1, margin - 1, grid.cols() + 2, grid.rows() + 2, outline, 1);
    draw_labels(image, grid, in.labels);
    draw_legend(image, in.style, in.legend_title, grid.rows() + 2 * margin + 6, in.nodata);
    return image;
}

}  // namespace burdenmap::report

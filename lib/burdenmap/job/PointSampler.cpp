#include "burdenmap/job/PointSampler.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>

#include "burdenmap/core/NaN.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/core/Raster.h"

namespace burdenmap {
namespace {

bool in_grid(const Grid& g, int row, int col) { return row >= 0 && col >= 0 && row < g.rows() && col < g.cols(); }

}  // namespace

double cell_decimal(double float_value) {
    if (!std::isfinite(float_value)) return float_value;
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<float>(float_value));
    return *parse_number(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));  // to_chars' text always reads back
}

std::vector<bool> bilinear_layers(const JobPlan& plan, bool bilinear, Diagnostics& diagnostics) {
    std::vector<bool> out;
    std::string categorical, tables;
    for (const LayerPlan& l : plan.layers) {
        out.push_back(bilinear && !l.categorical() && !l.zone_table);
        if (!bilinear) continue;
        if (l.zone_table) tables += (tables.empty() ? "'" : ", '") + l.config.name + "'";
        else if (l.categorical()) categorical += (categorical.empty() ? "'" : ", '") + l.config.name + "'";
    }
    if (!categorical.empty())
        diagnostics.warn("bilinear-categorical",
                         "--bilinear: categorical layer(s) " + categorical + " hold class codes, which are never interpolated "
                         "(a point between class 2 and 4 would read 3): their points take the cell they fall in");
    // A value per zone is no field to interpolate: halfway between two areas is in one of them.
    if (!tables.empty())
        diagnostics.warn("bilinear-zone-table", "--bilinear: zone-table layer(s) " + tables +
                                                    " hold one value per zone, which is never interpolated: their points take the "
                                                    "value of the cell they fall in (the zone covering its centre)");
    return out;
}

PointSampler::PointSampler(const Grid& grid, std::vector<Point> points, std::vector<bool> bilinear, std::size_t cumulations)
    : grid_(grid), bilinear_(std::move(bilinear)) {
    const std::size_t layers = bilinear_.size();
    const bool any_bilinear = std::find(bilinear_.begin(), bilinear_.end(), true) != bilinear_.end();
    for (const Point& p : points) {
        Sample s;
        const double fx = (p.x - grid.x0()) / grid.dx(), fy = (grid.y0() - p.y) / grid.dy();
        s.own.col = static_cast<int>(std::floor(fx));
        s.own.row = static_cast<int>(std::floor(fy));
        s.own.weight = 1;
        s.inside = std::isfinite(fx) && std::isfinite(fy) && in_grid(grid, s.own.row, s.own.col);
        s.own.raw.assign(layers, kNoData);
        s.own.cum.assign(cumulations, kNoData);
        if (any_bilinear && s.inside) {
            // Cell centres sit at half-integers of (fx, fy).
            const double cx = fx - 0.5, cy = fy - 0.5;
            const int c0 = static_cast<int>(std::floor(cx)), r0 = static_cast<int>(std::floor(cy));
            const double tx = cx - c0, ty = cy - r0;
            const double weights[4] = {(1 - tx) * (1 - ty), tx * (1 - ty), (1 - tx) * ty, tx * ty};
            for (int k = 0; k < 4; ++k) {
                Cell c;
                c.row = r0 + k / 2;
                c.col = c0 + k % 2;
                c.weight = weights[k];
                if (c.weight <= 0 || !in_grid(grid, c.row, c.col)) continue;
                c.raw.assign(layers, kNoData);
                s.around.push_back(c);
            }
        }
        samples_.push_back(std::move(s));
    }
}

void PointSampler::fill(Cell& cell, const WindowResult& r) const {
    const Window& w = r.window;
    if (cell.row < w.row_off || cell.row >= w.row_off + w.rows || cell.col < w.col_off || cell.col >= w.col_off + w.cols) return;
    const std::size_t i = static_cast<std::size_t>(cell.row - w.row_off) * w.cols + static_cast<std::size_t>(cell.col - w.col_off);
    for (std::size_t l = 0; l < cell.raw.size(); ++l) cell.raw[l] = r.raw[l][i];
    for (std::size_t c = 0; c < cell.cum.size(); ++c) cell.cum[c] = r.cumulations[c][i];
}

void PointSampler::take(const WindowResult& r) {
    for (Sample& s : samples_) {
        if (!s.inside) continue;
        fill(s.own, r);
        for (Cell& c : s.around) fill(c, r);
    }
}

bool PointSampler::inside_grid(std::size_t point) const { return samples_[point].inside; }

double PointSampler::layer_value(std::size_t point, std::size_t layer) const {
    const Sample& s = samples_[point];
    if (!s.inside || std::isnan(s.own.raw[layer])) return kNaN;
    if (s.around.empty() || !bilinear_[layer]) return cell_decimal(s.own.raw[layer]);
    double sum = 0, weight = 0;
    for (const Cell& c : s.around) {
        if (std::isnan(c.raw[layer])) continue;
        sum += c.weight * c.raw[layer];
        weight += c.weight;
    }
    return weight > 0 ? sum / weight : cell_decimal(s.own.raw[layer]);
}

double PointSampler::cell_value(std::size_t point, std::size_t layer) const {
    const Sample& s = samples_[point];
    return s.inside ? s.own.raw[layer] : kNaN;
}

double PointSampler::cumulation_value(std::size_t point, std::size_t cumulation) const {
    const Sample& s = samples_[point];
    return s.inside ? cell_decimal(s.own.cum[cumulation]) : kNaN;
}

}  // namespace burdenmap

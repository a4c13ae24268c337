#include "burdenmap/job/ShardPlan.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Geometry.h"
#include "burdenmap/core/PlainNumber.h"

namespace burdenmap {
namespace {

// Parses a non-negative decimal integer (no sign, no spaces), or returns false.
bool parse_count(const std::string& text, std::size_t& out) {
    if (text.empty() || text.size() > 9) return false;
    out = 0;
    for (char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        out = out * 10 + static_cast<std::size_t>(c - '0');
    }
    return true;
}

// Cells outside zones still cost their read, warp and write: about a third of a cell inside a
// zone, fitted to the shards' wall times on the national benchmark (scripts/bench --shards 4:
// ~0.3 s per million zone cells, ~0.1 s per million other cells, on 2 threads).
std::uint64_t window_cost(const Window& w, std::uint64_t zone_cells) { return zone_cells * 3 + (w.size() - zone_cells); }

}  // namespace

std::optional<ShardId> parse_shard_folder_name(const std::string& name) {
    const std::string head = "shard-", middle = "-of-";
    if (name.rfind(head, 0) != 0) return std::nullopt;
    const auto at = name.find(middle, head.size());
    if (at == std::string::npos) return std::nullopt;
    ShardId id;
    if (!parse_count(name.substr(head.size(), at - head.size()), id.index) || !parse_count(name.substr(at + middle.size()), id.count))
        return std::nullopt;
    return id;
}

std::string ShardId::name() const { return "shard-" + std::to_string(index) + "-of-" + std::to_string(count); }

ShardId parse_shard_id(const std::string& text, const std::string& option) {
    const auto slash = text.find('/');
    ShardId id;
    if (slash == std::string::npos || !parse_count(text.substr(0, slash), id.index) || !parse_count(text.substr(slash + 1), id.count))
        throw ConfigError(option, "'" + text + "' is not I/N (shard I of N, I from 0 to N-1, e.g. 0/4 or $SLURM_ARRAY_TASK_ID/4)");
    if (id.count == 0) throw ConfigError(option, "'" + text + "': the shard count must be at least 1");
    if (id.index >= id.count)
        throw ConfigError(option, "'" + text + "': shards are numbered 0 to " + std::to_string(id.count - 1) + " (I counts from 0, as " +
                                      "Slurm's array task ids and Kubernetes' completion indexes do)");
    return id;
}

std::vector<std::uint64_t> window_zone_cells(const JobPlan& plan, const BlockLayout& layout) {
    std::vector<std::uint64_t> out;
    out.reserve(layout.count());
    for (const Window& w : layout.windows()) {
        const Grid sub = plan.grid.subgrid(w);
        const std::vector<std::size_t> candidates = plan.zone_index ? plan.zone_index->query(sub.extent()) : std::vector<std::size_t>{};
        if (candidates.empty()) {
            out.push_back(0);
            continue;
        }
        // Cell centres at the middle of an n x n split of the window.
        const int n_cols = std::min(8, w.cols), n_rows = std::min(8, w.rows);
        int inside = 0;
        for (int i = 0; i < n_rows; ++i)
            for (int j = 0; j < n_cols; ++j) {
                const int row = static_cast<int>((2 * i + 1) * static_cast<long long>(w.rows) / (2 * n_rows));
                const int col = static_cast<int>((2 * j + 1) * static_cast<long long>(w.cols) / (2 * n_cols));
                const Point p{sub.x_center(col), sub.y_center(row)};
                for (std::size_t z : candidates) {
                    const Box& b = plan.zones[z].bounds;
                    if (p.x < b.xmin || p.x > b.xmax || p.y < b.ymin || p.y > b.ymax) continue;
                    if (contains(plan.zones[z].geometry, p)) {
                        ++inside;
                        break;
                    }
                }
            }
        out.push_back(w.size() * static_cast<std::uint64_t>(inside) / static_cast<std::uint64_t>(n_cols * n_rows));
    }
    return out;
}

std::vector<ShardRange> plan_shards(const JobPlan& plan, std::size_t count) {
    const BlockLayout layout(plan.grid.cols(), plan.grid.rows(), plan.block_size);
    const std::size_t windows = layout.count();
    if (count == 0) throw ConfigError("--shards", "must be at least 1");
    // The draws need every zone's draw statistics in one process, and shards do not save them (yet).
    if (count > 1 && plan.uncertainty.enabled)
        throw ConfigError("uncertainty", "[uncertainty] is not supported in a sharded run yet: the draws need the statistics of every "
                                         "zone in one process. Run without --shard(s), or remove [uncertainty] for the sharded run");
    if (count > windows)
        throw ConfigError("--shards", std::to_string(count) + " shards, but the grid has only " + std::to_string(windows) + " window(s) of " +
                                          std::to_string(plan.block_size) + " x " + std::to_string(plan.block_size) +
                                          " cells: use at most " + std::to_string(windows) + " shards, or a smaller --block-size");
    const std::vector<std::uint64_t> zone_cells = window_zone_cells(plan, layout);
    std::vector<std::uint64_t> prefix(windows + 1, 0);  // prefix[k]: cost of windows [0, k)
    for (std::size_t k = 0; k < windows; ++k) prefix[k + 1] = prefix[k] + window_cost(layout[k], zone_cells[k]);
    const std::uint64_t total = prefix[windows];

    // Boundary i: the first window whose prefix cost reaches i/N of the total, kept inside
    // [previous + 1, windows - (N - i)] so every shard has a window. With at least two rows of
    // windows per shard, boundaries move to the nearer (by cost) start of a row of windows: a
    // shard's raster is then exactly its windows (a band of whole rows), with no empty corners.
    const std::size_t per_row = static_cast<std::size_t>((plan.grid.cols() + plan.block_size - 1) / plan.block_size);
    const std::size_t window_rows = windows / per_row;
    const bool whole_rows = window_rows >= 2 * count;
    std::vector<std::size_t> bounds(count + 1, 0);
    bounds[count] = windows;
    for (std::size_t i = 1; i < count; ++i) {
        const long double target = static_cast<long double>(total) * static_cast<long double>(i) / static_cast<long double>(count);
        std::size_t k = static_cast<std::size_t>(std::lower_bound(prefix.begin(), prefix.end(), target,
                                                                  [](std::uint64_t a, long double t) { return static_cast<long double>(a) < t; }) -
                                                 prefix.begin());
        if (whole_rows) {
            const std::size_t below = k / per_row * per_row, above = std::min(windows, below + per_row);
            const auto miss = [&](std::size_t b) { return std::abs(static_cast<long double>(prefix[b]) - target); };
            k = miss(above) < miss(below) ? above : below;
            k = std::max(k, bounds[i - 1] + per_row);
            k = std::min(k, windows - (count - i) * per_row);
        } else {
            k = std::max(k, bounds[i - 1] + 1);
            k = std::min(k, windows - (count - i));
        }
        bounds[i] = k;
    }

    std::vector<ShardRange> shards(count);
    std::vector<bool> seen(plan.zones.size());
    for (std::size_t i = 0; i < count; ++i) {
        ShardRange& s = shards[i];
        s.index = i;
        s.first_window = bounds[i];
        s.end_window = bounds[i + 1];
        std::fill(seen.begin(), seen.end(), false);
        for (std::size_t k = s.first_window; k < s.end_window; ++k) {
            s.cells += layout[k].size();
            s.zone_cells += zone_cells[k];
            if (!plan.zone_index) continue;
            for (std::size_t z : plan.zone_index->query(plan.grid.subgrid(layout[k]).extent()))
                if (!seen[z]) {
                    seen[z] = true;
                    ++s.zones;
                }
        }
        if (static_cast<double>(s.cells) > max_cells_per_shard)
            throw ConfigError("--shards", "shard " + std::to_string(i) + " of " + std::to_string(count) + " would have " +
                                              fixed_number(static_cast<double>(s.cells), 0) +
                                              " cells; the limit is 4e9 per shard: use more shards");
    }
    return shards;
}

std::vector<Window> window_rectangles(const BlockLayout& layout, std::size_t first, std::size_t end) {
    // Runs of windows on one row of windows are rectangles; consecutive full-width rows join.
    std::vector<Window> rows;
    for (std::size_t k = first; k < end; ++k) {
        const Window& w = layout[k];
        if (!rows.empty() && rows.back().row_off == w.row_off && rows.back().col_off + rows.back().cols == w.col_off)
            rows.back().cols += w.cols;
        else
            rows.push_back(w);
    }
    std::vector<Window> out;
    for (const Window& r : rows) {
        if (!out.empty()) {
            Window& last = out.back();
            if (last.col_off == r.col_off && last.cols == r.cols && last.row_off + last.rows == r.row_off) {
                last.rows += r.rows;
                continue;
            }
        }
        out.push_back(r);
    }
    return out;
}

Window bounding_window(const BlockLayout& layout, std::size_t first, std::size_t end) {
    int c0 = std::numeric_limits<int>::max(), r0 = c0, c1 = 0, r1 = 0;
    for (std::size_t k = first; k < end; ++k) {
        const Window& w = layout[k];
        c0 = std::min(c0, w.col_off);
        r0 = std::min(r0, w.row_off);
        c1 = std::max(c1, w.col_off + w.cols);
        r1 = std::max(r1, w.row_off + w.rows);
    }
    return first < end ? Window{c0, r0, c1 - c0, r1 - r0} : Window{};
}

}  // namespace burdenmap

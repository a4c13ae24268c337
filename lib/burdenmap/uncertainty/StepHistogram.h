#pragma once
// A zone's sufficient statistic for a class score under input error (DESIGN.md §9): the weight of
// its cells between consecutive boundaries of a step function (a class table's lower bounds), and
// around each boundary a fine histogram of the values in a window that covers every draw's
// crossing point (uncertainty/LayerError.h). From it, the weight at or above any x in a
// boundary's window: how many of the zone's cells reach a class when the layer's values shift —
// without reading a raster again.
//
// Exact where it must be: at_least(j, boundary j) is the exact weight at or above the boundary,
// compared in float as ClassTable::row_for_cell compares cells, so a draw without error gives the
// point statistics to the bit. Between bin edges the values of a bin are taken as spread evenly
// (linear interpolation of the cumulative weight): an error of at most one bin's weight, and
// bins are a small fraction of the error's standard deviation.
//
// Two channels: the cells' covered area, and (when the job has residents per cell) the residents.
// Mergeable in window order like ZonalAccumulator: the same bits for any thread count.
#include <cstddef>
#include <memory>
#include <vector>

namespace burdenmap::uncertainty {

// Shared by every zone of one (layer, cell set).
struct StepLayout {
    std::vector<float> boundaries;  // ascending, distinct: the values where the score changes
    // Per boundary the window [lower, upper) of fine bins; lower == upper: no bins (exact counts only).
    // A window with bins contains its boundary; the windows' lower and upper ends do not decrease
    // from one boundary to the next (true of crossing_range windows under one error), so add()
    // looks only at the windows next to a value's row. Finite. StepHistogram's constructor checks
    // all of this (std::invalid_argument).
    std::vector<std::pair<double, double>> windows;
    int bins = 32;                  // per window
};

enum class Channel { area = 0, residents = 1 };

class StepHistogram {
public:
    StepHistogram() = default;
    StepHistogram(std::shared_ptr<const StepLayout> layout, bool residents);

    // One cell: NaN values are not counted. `residents` is ignored without a residents channel.
    void add(float value, double area, double residents);
    void merge(const StepHistogram& other);

    bool has_residents() const { return channels_ == 2; }
    const StepLayout& layout() const { return *layout_; }
    // Total weight of the counted cells.
    double total(Channel c) const;
    // The exact weight of cells with value >= boundaries[j] (float comparison).
    double at_least_boundary(std::size_t j, Channel c) const;
    // The weight of cells with value >= x, x in boundary j's window (clamped to it):
    // at_least_boundary(j) + (F(b_j) − F(x)), F the window's cumulative bin weight, a bin cut by x
    // or by the boundary counted in proportion. Exact, to the bit, where x is the boundary as the
    // cells see it (float(x) == boundaries[j]: the double bound of a class table gives the point
    // statistic); a window without bins gives the exact weight at the boundary for any x. The
    // result is kept within [0, total]. A NaN x throws std::invalid_argument.
    double at_least(std::size_t j, double x, Channel c) const;

private:
    std::size_t channel(Channel c) const;  // its index; throws for residents without that channel
    double window_weight(std::size_t j, double from, double to, std::size_t ch) const;

    std::shared_ptr<const StepLayout> layout_;
    int channels_ = 1;
    std::vector<double> between_;  // [(row) * channels + c], rows 0..J: weight with b_{row-1} <= v < b_row
    double totals_[2] = {0, 0};    // per channel: the sum of the rows, kept so total() is a read
    // [((j * bins) + k) * channels + c]. Float to halve the memory of zones x layers x boundaries x
    // bins. Each add rounds the bin to float (relative 6e-8), so a bin of n cells is within about
    // n·6e-8 of its weight, and a cell stops counting once its bin holds 2^24 times its weight
    // (16.7 million full cells): fine bins of one zone stay far below that.
    std::vector<float> bins_;
};

}  // namespace burdenmap::uncertainty

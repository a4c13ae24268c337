#include "burdenmap/job/WindowRasterSink.h"

namespace burdenmap {
namespace {

// burden.tif's values of a window, in tiff_bands order: per layer its score (its raw values
// without a method), then the cumulations.
std::vector<const float*> tiff_band_values(const JobPlan& plan, const WindowResult& r) {
    std::vector<const float*> out;
    for (std::size_t i = 0; i < r.scores.size(); ++i) out.push_back((plan.layers[i].scored() ? r.scores[i] : r.raw[i]).data());
    for (const auto& c : r.cumulations) out.push_back(c.data());
    return out;
}

}  // namespace

WindowRasterSink::WindowRasterSink(const JobPlan& plan, GeoTiffWriter& tiff, GeoTiffWriter* raw, std::size_t windows, Window origin)
    : plan_(plan), tiff_(tiff), raw_(raw), origin_(origin), summaries_(windows) {}

Window WindowRasterSink::in_writer(const Window& w) const {
    return Window{w.col_off - origin_.col_off, w.row_off - origin_.row_off, w.cols, w.rows};
}

void WindowRasterSink::prepare(const WindowResult& r) {
    const Window w = in_writer(r.window);
    Summaries& s = summaries_[r.index];
    for (const float* v : tiff_band_values(plan_, r)) s.tiff.push_back(tiff_.summarise(w, v));
    if (raw_)
        for (const auto& values : r.raw) s.raw.push_back(raw_->summarise(w, values.data()));
}

std::vector<WindowMoments> WindowRasterSink::write(const WindowResult& r) {
    const Window w = in_writer(r.window);
    Summaries& s = summaries_[r.index];
    const std::vector<const float*> values = tiff_band_values(plan_, r);
    std::vector<WindowMoments> moments;
    for (std::size_t b = 0; b < values.size(); ++b) {
        tiff_.write(w, b, values[b], s.tiff[b]);
        moments.push_back(s.tiff[b].moments);
    }
    if (raw_)
        for (std::size_t i = 0; i < r.raw.size(); ++i) {
            raw_->write(w, i, r.raw[i].data(), s.raw[i]);
            moments.push_back(s.raw[i].moments);
        }
    s = Summaries{};
    return moments;
}

}  // namespace burdenmap

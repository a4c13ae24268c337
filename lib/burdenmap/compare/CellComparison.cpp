#include "burdenmap/compare/CellComparison.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include "burdenmap/compare/CellResidents.h"
#include "burdenmap/io/RunRaster.h"
#include "burdenmap/compare/TransitionCounts.h"
#include "burdenmap/core/BlockLayout.h"
#include "burdenmap/core/Cancellation.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/GeoTiffWriter.h"
#include "burdenmap/io/OutputReader.h"
#include "burdenmap/report/ColorRamp.h"
#include "burdenmap/report/QmlStyle.h"
#include "burdenmap/report/RasterStyle.h"

namespace fs = std::filesystem;

namespace burdenmap {

namespace {

constexpr const char* kStage = "comparing cells";

// The bands a window needs from each run, each read once although a layer score is usually both
// differenced and counted: the measure names in first-use order, and where each measure's is.
struct BandSlots {
    std::vector<std::string> names;
    std::vector<std::size_t> delta, transition;  // per delta / transition measure: its index in `names`

    explicit BandSlots(const CellComparisonInput& input) {
        for (const ComparedMeasure& m : input.delta_measures) delta.push_back(slot(m.name));
        for (const ComparedMeasure& m : input.transition_measures) transition.push_back(slot(m.name));
    }
    std::size_t slot(const std::string& name) {
        const auto it = std::find(names.begin(), names.end(), name);
        if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
        names.push_back(name);
        return names.size() - 1;
    }
};

void check_input(const CellComparisonInput& input) {
    if (input.plan_residents.size() != input.plans.size())
        throw std::invalid_argument("compare_cells: " + std::to_string(input.plans.size()) + " plans but " +
                                    std::to_string(input.plan_residents.size()) + " residents per cell");
    if (input.block_size < 1) throw std::invalid_argument("compare_cells: block size must be at least 1");
    for (const ComparedMeasure& m : input.transition_measures)
        if (m.classes < 1) throw std::invalid_argument("compare_cells: transition measure '" + m.name + "' has no classes");
}

std::vector<DeltaBand> delta_bands(const CellComparisonInput& input) {
    std::vector<DeltaBand> bands;
    for (const CellRunInput& plan : input.plans)
        for (const ComparedMeasure& m : input.delta_measures)
            bands.push_back({static_cast<int>(bands.size()) + 1, m.name, plan.label, m.name + "_delta_" + plan.label, 0, 0});
    return bands;
}

std::vector<BandSpec> band_specs(const CellComparisonInput& input, const std::vector<DeltaBand>& bands) {
    std::vector<BandSpec> specs;
    for (const DeltaBand& b : bands) {
        const ComparedMeasure& m = input.delta_measures[static_cast<std::size_t>(b.band - 1) % input.delta_measures.size()];
        specs.push_back({b.description, m.unit,
                         {{"measure", m.name}, {"alternative", b.label}, {"base", input.base.label}, {"values", "plan - base"}}});
    }
    return specs;
}

// The legend title of a delta band: "stapeling_delta_a1 (number of layers)".
std::string band_title(const DeltaBand& band, const std::string& unit) {
    return unit.empty() ? band.description : band.description + " (" + unit + ")";
}

void report_progress(const CompareProgressFn& progress, double fraction) {
    throw_if_stop_requested();
    if (progress && !progress(fraction, kStage)) throw Cancelled();
}

}  // namespace

CellComparisonResult compare_cells(const CellComparisonInput& input, const fs::path& delta_tif, const fs::path& delta_qml,
                                   const CompareProgressFn& progress) {
    check_input(input);
    CellComparisonResult result;
    result.delta_bands = delta_bands(input);
    const std::size_t plans = input.plans.size(), deltas = input.delta_measures.size(),
                      transitions = input.transition_measures.size();
    if (plans == 0) return result;

    // The writer's temporary files are made before sidecars are switched off for the readers, and
    // the COG is copied after they close again: only the inputs are read without PAM.
    std::optional<GeoTiffWriter> writer;
    if (!result.delta_bands.empty())
        writer.emplace(delta_tif, input.overwrite, input.grid, input.crs_wkt, band_specs(input, result.delta_bands),
                       std::map<std::string, std::string>{{"values", "plan - base"}, {"base", input.base.label}},
                       input.block_size);
    std::vector<double> lowest(result.delta_bands.size(), std::numeric_limits<double>::infinity());
    std::vector<double> highest(result.delta_bands.size(), -std::numeric_limits<double>::infinity());
    // [plan][transition measure]: the totals, windows folded in window order.
    std::vector<std::vector<TransitionCounts>> totals(plans);
    {
        const NoSidecars quiet;
        const BandSlots slots(input);
        const RunRaster base(input.base.raster, input.grid);
        std::vector<int> base_bands;
        for (const std::string& name : slots.names) base_bands.push_back(base.band(name));
        std::vector<std::unique_ptr<RunRaster>> plan_rasters;
        std::vector<std::vector<int>> plan_bands(plans);
        std::vector<std::unique_ptr<CellResidents>> residents;
        for (std::size_t p = 0; p < plans; ++p) {
            plan_rasters.push_back(std::make_unique<RunRaster>(input.plans[p].raster, input.grid));
            for (const std::string& name : slots.names) plan_bands[p].push_back(plan_rasters[p]->band(name));
            // Without transition measures the residents are not needed: their raster is not even opened.
            residents.push_back(transitions == 0 ? nullptr
                                                 : std::make_unique<CellResidents>(input.plan_residents[p], input.grid,
                                                                                   input.crs_wkt, input.block_size));
            for (const ComparedMeasure& m : input.transition_measures) totals[p].emplace_back(m.classes);
        }

        const BlockLayout layout(input.grid.cols(), input.grid.rows(), input.block_size);
        std::vector<std::vector<float>> base_values(slots.names.size()), plan_values(slots.names.size());
        std::vector<float> delta;
        std::vector<double> people;
        for (std::size_t w = 0; w < layout.count(); ++w) {
            report_progress(progress, static_cast<double>(w) / static_cast<double>(layout.count()));
            const Window& window = layout[w];
            const std::size_t n = window.size();
            for (std::size_t s = 0; s < slots.names.size(); ++s) {
                base_values[s].resize(n);
                base.read(base_bands[s], window, base_values[s].data());
            }
            for (std::size_t p = 0; p < plans; ++p) {
                for (std::size_t s = 0; s < slots.names.size(); ++s) {
                    plan_values[s].resize(n);
                    plan_rasters[p]->read(plan_bands[p][s], window, plan_values[s].data());
                }
                for (std::size_t d = 0; d < deltas; ++d) {
                    const float* b = base_values[slots.delta[d]].data();
                    const float* a = plan_values[slots.delta[d]].data();
                    const std::size_t band = p * deltas + d;
                    delta.resize(n);
                    // NaN in either run gives NaN: no difference where one of them has no data.
                    for (std::size_t i = 0; i < n; ++i) {
                        delta[i] = a[i] - b[i];
                        if (std::isnan(delta[i])) continue;
                        lowest[band] = std::min(lowest[band], static_cast<double>(delta[i]));
                        highest[band] = std::max(highest[band], static_cast<double>(delta[i]));
                    }
                    writer->write(window, band, delta.data());
                }
                if (transitions == 0 || !residents[p]->placed()) continue;
                people.resize(n);
                residents[p]->read(window, people.data());
                for (std::size_t t = 0; t < transitions; ++t) {
                    TransitionCounts part(input.transition_measures[t].classes);
                    part.add(base_values[slots.transition[t]].data(), plan_values[slots.transition[t]].data(), people.data(), n);
                    totals[p][t].merge(part);
                }
            }
        }
    }
    report_progress(progress, 1.0);

    for (std::size_t b = 0; b < result.delta_bands.size(); ++b)
        if (lowest[b] <= highest[b]) {
            result.delta_bands[b].min = lowest[b];
            result.delta_bands[b].max = highest[b];
        }
    for (std::size_t p = 0; p < plans; ++p)
        for (std::size_t t = 0; t < transitions; ++t) {
            std::vector<TransitionRow> rows = totals[p][t].rows(input.transition_measures[t].name, input.plans[p].label);
            result.transitions.insert(result.transitions.end(), rows.begin(), rows.end());
        }
    if (writer) {
        writer->finish();
        // QGIS styles one band: the first (the first alternative's first measure, a cumulation
        // when the runs have one), symmetric about 0 so blue and red weigh alike.
        const DeltaBand& first = result.delta_bands.front();
        AtomicOutput::write_text(delta_qml,
                                 report::raster_pseudocolor_qml(report::diverging_raster_style(
                                     first.band, first.min, first.max, report::ColorRamp::blue_white_red(),
                                     band_title(first, input.delta_measures.front().unit))),
                                 input.overwrite);
    }
    return result;
}

}  // namespace burdenmap

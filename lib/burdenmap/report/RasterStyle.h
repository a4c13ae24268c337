#pragma once
// How one band of burden.tif is coloured: the same colours in QGIS (the .qml beside the file)
// and in our quicklook map, so the report and the GIS show one picture.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/report/ColorRamp.h"

namespace burdenmap::report {

struct RasterStop {
    double value = 0;
    Rgb colour;
    std::string label;
};

struct RasterStyle {
    int band = 1;           // 1-based, as GDAL and QGIS count
    std::string title;      // legend title, e.g. "stapeling (number of layers)"
    // discrete: a cell takes the colour of the first stop whose value is >= the cell's (QGIS
    // "DISCRETE"; integer classes 0..n then read as one colour per class). Otherwise colours are
    // interpolated between stops (QGIS "INTERPOLATED"); beyond the ends the end colours hold.
    bool discrete = false;
    std::vector<RasterStop> stops;  // ascending values

    double min() const { return stops.empty() ? 0 : stops.front().value; }
    double max() const { return stops.empty() ? 0 : stops.back().value; }
    // nullopt for NaN (nodata: left transparent / background).
    std::optional<Rgb> colour_for(double value) const;
};

// A count band (count_at_least: number of layers at their burden level): one class per count
// 0..max_count, coloured along the ramp, labelled "0", "1", … with `unit` in the title.
RasterStyle count_raster_style(int band, int max_count, const ColorRamp& ramp, const std::string& title);

// A continuous band (dB, DALY, index): `steps` evenly spaced stops from min to max along the
// ramp (min == max gives one stop).
RasterStyle continuous_raster_style(int band, double min, double max, const ColorRamp& ramp, const std::string& title,
                                    int steps = 9);

// A difference band (plan − base): `steps` evenly spaced stops from −m to +m with m the larger of
// |min| and |max|, so 0 sits at the ramp's middle whatever the band's range (a diverging ramp
// reads as "no change" in its middle colour only when the scale is symmetric about 0). `steps` is
// made odd so that 0 is a stop. Without change (m = 0, or NaN) m = 1: the ramp keeps its stops
// (a one-stop ramp is no ramp to QGIS) and every 0 is the middle colour.
RasterStyle diverging_raster_style(int band, double min, double max, const ColorRamp& ramp, const std::string& title,
                                   int steps = 11);

// A band of burden.tif as its header describes it (description, unit, metadata, statistics).
struct BandInfo {
    int index = 1;  // 1-based
    std::string description;
    std::string unit;
    std::map<std::string, std::string> metadata;  // run_job writes rule=<cumulation rule> on cumulation bands
    std::optional<double> min, max;
};

// The style QGIS and the quicklook use for burden.tif: the band named `preferred` if there is
// one, else the first count_at_least cumulation band, else the first cumulation band, else band 1
// (the same order as the zones' headline statistic). Count bands get one colour per count
// 0..ceil(max); other bands a YlOrRd ramp from their minimum to their maximum. nullopt for no bands.
std::optional<RasterStyle> headline_raster_style(const std::vector<BandInfo>& bands, const std::string& preferred = "");

}  // namespace burdenmap::report

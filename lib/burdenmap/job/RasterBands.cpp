#include "burdenmap/job/RasterBands.h"

#include "burdenmap/job/RunManifest.h"

namespace burdenmap {
namespace {

// A layer's aligned values as a band (the raw GeoTIFF; burden.tif for a layer without a method).
BandSpec raw_band(const LayerPlan& l) {
    BandSpec b;
    b.description = l.config.name;
    b.unit = l.config.unit;
    b.metadata = {{"layer", l.config.name}, {"input", l.config.path.string()}, {"resampling", l.resampling}};
    return b;
}

}  // namespace

// Every layer is on the map: scored or, without a method, as in the raw GeoTIFF.
std::vector<BandSpec> tiff_bands(const JobPlan& plan) {
    std::vector<BandSpec> bands;
    for (const LayerPlan& l : plan.layers) {
        if (!l.scored()) {
            bands.push_back(raw_band(l));
            bands.back().metadata["values"] = "raw (no method)";
            continue;
        }
        const MethodInfo& m = l.method->info();
        BandSpec b;
        b.description = l.config.name + "_score";
        b.unit = l.method->score_unit();
        b.metadata = {{"layer", l.config.name},
                      {"method", m.id},
                      {"method_title", m.title},
                      {"source", m.provenance.source},
                      {"confidence", to_string(m.provenance.confidence)}};
        // The display name from the config, for legends (burden.qml, the report's map).
        if (!l.config.title.empty()) b.metadata["title"] = l.config.title + " score";
        bands.push_back(b);
    }
    for (const CumulationRule& c : plan.cumulations) {
        BandSpec b;
        b.description = c.name;
        b.unit = c.unit();
        b.metadata = {{"rule", to_string(c.kind)}};
        if (!c.title.empty()) b.metadata["title"] = c.title;
        bands.push_back(b);
    }
    return bands;
}

std::vector<BandSpec> raw_bands(const JobPlan& plan) {
    std::vector<BandSpec> bands;
    for (const LayerPlan& l : plan.layers) bands.push_back(raw_band(l));
    return bands;
}

std::map<std::string, std::string> raster_metadata(const JobPlan& plan) {
    return {{"burdenmap_version", burdenmap_version()}, {"study", plan.config.study.name}};
}

}  // namespace burdenmap

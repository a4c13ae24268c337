#include "burdenmap/job/LayerKind.h"

#include <string>
#include <utility>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AlignedSource.h"

namespace burdenmap {

namespace {

const char* const kOrContinuous = ", or set kind = \"continuous\" if its values are measurements";

std::string categorical_text(const LayerPlan& l) {
    return "layer '" + l.config.name + "' is categorical (class codes, " + l.kind_source + ")";
}

}  // namespace

void settle_layer_kind(LayerPlan& layer, std::size_t i) {
    const LayerConfig& c = layer.config;
    if (!c.kind.empty()) {
        layer.kind = c.kind;
        layer.kind_source = "set in the config";
    } else if (!layer.vector && !layer.raster.categorical_signal.empty()) {
        layer.kind = "categorical";
        layer.kind_source = "detected from " + layer.raster.categorical_signal;
    } else {
        layer.kind = "continuous";
        layer.kind_source.clear();
    }
    if (!layer.categorical()) return;

    const std::string key = "layer[" + std::to_string(i) + "]";
    const std::string what = categorical_text(layer);
    if (resampling_blends(c.resampling))
        throw ConfigError(key + ".resampling", "'" + c.resampling + "' would blend class codes into codes of no class: " + what +
                                                   "; use \"mode\" (the most common class under each cell, the default for a finer "
                                                   "raster) or \"near\"" + kOrContinuous);
    // Raw statistics of class codes (a mean of codes 1 and 3) describe no class.
    if (!layer.scored())
        throw ConfigError(key + ".method", "is missing, but " + what + ": the raw statistics of class codes (their mean, "
                                           "minimum, maximum) describe no class; give it a class_table method" + kOrContinuous);
    const MethodInfo& m = layer.method->info();
    if (m.family != "class_table")
        throw ConfigError(key + ".method", "'" + m.id + "' is a " + m.family + " method, but " + what +
                                               ": it takes class_table methods only, whose classes name the codes (a method "
                                               "table, or an inline [layer.method] with family = \"class_table\")" + kOrContinuous);
    // check-sites compares a layer's value with a threshold method's single value ("above 53 dB");
    // there is no class-table kind of standard, so on class codes every such key is meaningless.
    std::vector<std::pair<std::string, std::string>> thresholds{{"standard", c.standard}, {"limit", c.limit}, {"future_limit", c.future_limit}};
    for (std::size_t g = 0; g < c.guidelines.size(); ++g) thresholds.emplace_back("guidelines[" + std::to_string(g) + "]", c.guidelines[g]);
    for (const auto& [name, id] : thresholds)
        if (!id.empty())
            throw ConfigError(key + "." + name, "'" + id + "' would compare class codes with a threshold value, but " + what +
                                                    ": a class code is not a level; check-sites compares measured layers only, "
                                                    "so remove the key" + kOrContinuous);
}

void warn_detected_categorical(const LayerPlan& layer, Diagnostics& diagnostics) {
    if (!layer.categorical() || !layer.config.kind.empty()) return;
    diagnostics.warn("layer-categorical",
                     categorical_text(layer) + ": " + layer.raster.path.string() + " is resampled with " +
                         layer.resampling + " (never averaged) and scored by class tables only. A palette or value table "
                         "also comes with measurements (an ArcGIS value table on an integer dB raster): set kind = "
                         "\"continuous\" if its cells are measurements, or kind = \"categorical\" to confirm");
}

void refuse_curves_on_categorical(const std::vector<CumulationConfig>& cumulations, const std::vector<LayerPlan>& layers) {
    for (std::size_t c = 0; c < cumulations.size(); ++c)
        for (std::size_t k = 0; k < cumulations[c].outcomes.size(); ++k)
            for (const LayerPlan& l : layers)
                if (l.config.name == cumulations[c].outcomes[k].layer && l.categorical())
                    throw ConfigError("cumulation[" + std::to_string(c) + "].outcome[" + std::to_string(k) + "].layer",
                                      categorical_text(l) + ": an exposure-response curve needs measured exposures" +
                                          kOrContinuous);
}

}  // namespace burdenmap

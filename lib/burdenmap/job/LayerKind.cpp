#include "burdenmap/job/LayerKind.h"

#include <string>

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
    const MethodInfo& m = layer.method->info();
    if (m.family != "class_table")
        throw ConfigError(key + ".method", "'" + m.id + "' is a " + m.family + " method, but " + what +
                                               ": it takes class_table methods only, whose classes name the codes (a method "
                                               "table, or an inline [layer.method] with family = \"class_table\")" + kOrContinuous);
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

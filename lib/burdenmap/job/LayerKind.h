#pragma once
// A layer's kind: measurements ("continuous": dB, µg/m³, risks) or class codes ("categorical":
// land cover). Class codes are never averaged (the mean of codes 1 and 3 is a class 2 that is not
// there) and never put on a curve or against a threshold, so a categorical layer is resampled with
// "mode" (finer sources) or "near" and scored by a class table only.
#include <cstddef>
#include <vector>

#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/job/JobPlan.h"

namespace burdenmap {

// Sets layer.kind and layer.kind_source from the config's `kind`, else from what the raster's
// header says (RasterInfo::categorical_signal); vector layers are continuous unless the config
// says otherwise. Throws ConfigError naming layer[i].resampling or layer[i].method when a
// categorical layer is given an averaging resampling, no method or one that is not a class table, and
// layer[i].standard (limit, future_limit, guidelines[g]) when it is given a check-sites threshold.
void settle_layer_kind(LayerPlan& layer, std::size_t i);

// A raster detected as categorical (not set in the config): warns layer-categorical naming the
// layer, the signal and the resampling used. A colour table or any default raster attribute table
// (GDAL takes one without a table type as thematic) also comes with measurements, which would then
// silently be taken by mode instead of averaged. Call once layer.resampling is settled.
void warn_detected_categorical(const LayerPlan& layer, Diagnostics& diagnostics);

// Throws ConfigError naming cumulation[c].outcome[k].layer when a health outcome would put a
// categorical layer's codes on an exposure–response curve.
void refuse_curves_on_categorical(const std::vector<CumulationConfig>& cumulations, const std::vector<LayerPlan>& layers);

}  // namespace burdenmap

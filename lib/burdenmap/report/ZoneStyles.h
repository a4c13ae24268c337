#pragma once
// The saved styles of the GeoPackage's layers, chosen from the columns that exist (a run without
// population, income or sites has fewer columns; nothing here fails for a missing one):
//  zones: the default style colours the headline burden (a cumulation, see headline_column) in
//         quantile classes of a colour-blind-safe ramp; then the bivariate burden × income style
//         (column bivariate_class), one style per layer score (GES colours for GES-class methods)
//         and one per other cumulation, to pick in QGIS (Layer Properties → Style → Load Style →
//         From Database).
//  sites: categorised by `verdict`.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/report/StyleClasses.h"

namespace burdenmap::report {

// What the codebook says of a column.
struct ColumnInfo {
    std::string name;
    std::string method;  // method id ("ges.road_noise") or cumulation rule ("count_at_least"); may be empty
    std::string meaning;
    std::string unit;
};

// The cumulation rules of the product (score/CumulationRule.h), as the codebook names them.
bool is_cumulation_rule(const std::string& method);

// The statistic a map and a summary lead with, the same choice as `burdenmap run`'s summary: the
// first count_at_least cumulation's `_mean`, else the first cumulation's `_mean`, else the first
// layer score's `_mean`. nullopt when there is none.
std::optional<std::size_t> headline_column(const std::vector<ColumnInfo>& columns);

// One saved style: a row of layer_styles.
struct StyleDoc {
    std::string table;        // the layer it styles, e.g. "zones"
    std::string name;         // styleName, shown in QGIS's style list
    std::string description;  // what it shows, in words
    std::string qml;
    std::string sld;
    bool use_as_default = false;
};

// A numeric column's values (NaN for NULL), for class breaks.
using ColumnValues = std::map<std::string, std::vector<double>>;

// `class_labels`: per method id, the label of each GES class 0..8 (from the method table), used
// in GES legends; may be empty.
std::vector<StyleDoc> zone_styles(const std::vector<ColumnInfo>& columns, const ColumnValues& values,
                                  const std::map<std::string, std::vector<std::string>>& class_labels = {},
                                  const std::string& table = "zones");

// The sites layer's style when it has a `verdict` column (none otherwise). `points`: the layer's
// geometry is points (circles) rather than polygons (filled).
std::vector<StyleDoc> site_styles(const std::vector<std::string>& columns, bool points,
                                  const std::string& table = "sites");

}  // namespace burdenmap::report

#pragma once
// What a style shows, independent of the format it is written in (QML for QGIS, SLD for other
// GIS, the quicklook map): graduated classes on a numeric column, categories of a column's
// values, colour stops on a raster band. Pure data and the builders of our standard classes.
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/report/ColorRamp.h"

namespace burdenmap::report {

// lower <= value <= upper, the first matching class wins (QGIS's rule for graduated ranges), so
// a value on a shared edge falls in the lower class.
struct GraduatedClass {
    double lower = 0;
    double upper = 0;
    Rgb colour;
    std::string label;
};

struct Category {
    std::string value;  // the column's value as text: "needs weighing", "9"
    Rgb colour;
    std::string label;
};

enum class SymbolKind { fill, marker };

// Classes over `edges` (from ClassBreaks.h) coloured from the ramp's light end to its dark end,
// labelled "a – b" (with " unit" appended when given).
std::vector<GraduatedClass> graduated_classes(const std::vector<double>& edges, const ColorRamp& ramp,
                                              const std::string& unit = "");

// One class [v, v] per value (from few_distinct_values, ascending), labelled "v" (with " unit"
// appended when given), coloured from the ramp's light end to its dark end.
std::vector<GraduatedClass> value_classes(const std::vector<double>& values, const ColorRamp& ramp,
                                          const std::string& unit = "");

// A mean GES class per zone, in the GES colours: class k covers [k − 0.5, k + 0.5] ("the mean
// rounds to k"), for k = 0..8. `labels[k]`, when given and not empty, is appended ("GES 6
// onvoldoende"); they come from the method table's rows.
std::vector<GraduatedClass> ges_classes(const std::vector<std::string>& labels = {});

// The nine bivariate classes 1..9 (fair/Bivariate.h), labelled with their code and meaning:
// "C3: most burdened, poorest".
std::vector<Category> bivariate_categories();

// The four site verdicts (sites/SiteVerdict.h).
std::vector<Category> verdict_categories();

}  // namespace burdenmap::report

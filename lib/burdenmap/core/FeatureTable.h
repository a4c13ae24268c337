#pragma once
// The rows of an output table as the job builds them and the writers (io/GpkgWriter.h,
// io/CsvWriter.h) store them: columns with what the codebook says of them, values, features with
// their geometry as WKB, and the saved QGIS styles of a layer. No GDAL: job/ and report/ build
// these without including a writer.
#include <cmath>
#include <string>
#include <variant>
#include <vector>

namespace burdenmap {

enum class FieldType { integer, real, text };

// One output column, with what the codebook says of it.
struct FieldSpec {
    std::string name;
    FieldType type = FieldType::real;
    std::string meaning;
    std::string unit;
    std::string method;  // method id or rule that produced it, if any
    std::string source;  // where the method comes from, if any
};

// NULL is std::monostate; a NaN real is written as NULL too.
using FieldValue = std::variant<std::monostate, long long, double, std::string>;

// A real field's value, NULL for NaN (said at the source, not left to the writer).
inline FieldValue real_or_null(double v) { return std::isnan(v) ? FieldValue() : FieldValue(v); }

struct Feature {
    std::vector<unsigned char> wkb;  // ISO WKB geometry in the layer's CRS; empty: NULL geometry
    std::vector<FieldValue> values;  // one per FieldSpec, in order
};

// The geometry of a feature layer: MultiPolygon (zones), Point (sites) or any.
enum class GeometryKind { multipolygon, point, unknown };

// A saved QGIS style of a layer (one row of the GeoPackage's `layer_styles`).
struct LayerStyle {
    std::string table;        // the layer styled, e.g. "zones"
    std::string name;         // styleName
    std::string description;
    std::string qml;          // styleQML
    std::string sld;          // styleSLD; may be empty
    bool use_as_default = false;
};

}  // namespace burdenmap

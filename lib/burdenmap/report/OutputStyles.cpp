#include "burdenmap/report/OutputStyles.h"

#include <cmath>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/OutputReader.h"
#include "burdenmap/report/QmlStyle.h"
#include "burdenmap/report/ZoneStyles.h"

namespace fs = std::filesystem;

namespace burdenmap {

namespace {

LayerStyle to_layer_style(const report::StyleDoc& s) {
    return {s.table, s.name, s.description, s.qml, s.sld, s.use_as_default};
}

double as_number(const FieldValue& v) {
    if (const auto* i = std::get_if<long long>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return std::nan("");
}

}  // namespace

std::vector<LayerStyle> zone_layer_styles(const std::vector<FieldSpec>& fields, const std::vector<Feature>& features,
                                          const std::string& layer,
                                          const std::map<std::string, std::vector<std::string>>& ges_labels) {
    std::vector<report::ColumnInfo> columns;
    report::ColumnValues values;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const FieldSpec& f = fields[i];
        columns.push_back({f.name, f.method, f.meaning, f.unit});
        if (f.type == FieldType::text) continue;
        std::vector<double>& v = values[f.name];
        v.reserve(features.size());
        for (const Feature& feature : features)
            v.push_back(i < feature.values.size() ? as_number(feature.values[i]) : std::nan(""));
    }
    std::vector<LayerStyle> out;
    for (const report::StyleDoc& s : report::zone_styles(columns, values, ges_labels, layer)) out.push_back(to_layer_style(s));
    return out;
}

std::vector<LayerStyle> site_layer_styles(const std::vector<FieldSpec>& fields, GeometryKind kind,
                                          const std::string& layer) {
    std::vector<std::string> names;
    for (const FieldSpec& f : fields) names.push_back(f.name);
    std::vector<LayerStyle> out;
    for (const report::StyleDoc& s : report::site_styles(names, kind == GeometryKind::point, layer))
        out.push_back(to_layer_style(s));
    return out;
}

fs::path raster_style_path(const fs::path& tif) {
    fs::path qml = tif;
    return qml.replace_extension(".qml");
}

fs::path write_raster_style(const fs::path& tif, bool overwrite) {
    const RasterSummary summary = read_raster_summary(tif);
    std::vector<report::BandInfo> bands;
    for (const BandDescription& b : summary.bands) bands.push_back({b.index, b.description, b.unit, b.metadata, b.min, b.max});
    const auto style = report::headline_raster_style(bands);
    if (!style) throw InputError(tif.string() + ": has no bands to style");
    const fs::path qml = raster_style_path(tif);
    AtomicOutput::write_text(qml, report::raster_pseudocolor_qml(*style), overwrite);
    return qml;
}

fs::path write_raster_qml(const fs::path& tif, int band, const report::ColorRamp& ramp, double min, double max,
                          bool overwrite) {
    const fs::path qml = raster_style_path(tif);
    AtomicOutput::write_text(qml, report::raster_pseudocolor_qml(report::continuous_raster_style(band, min, max, ramp, "")),
                          overwrite);
    return qml;
}

}  // namespace burdenmap

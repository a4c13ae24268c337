#include "burdenmap/io/VectorLayerSource.h"

#include <algorithm>
#include <cmath>
#include <gdal_alg.h>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/OgrCommon.h"
#include "burdenmap/io/RasterSource.h"

namespace burdenmap {

using namespace io_detail;

VectorLayerData read_vector_layer(const LayerConfig& layer, const std::string& target_wkt, Diagnostics& diagnostics) {
    GdalErrorScope gdal;  // GDAL's warnings while reading, reported after the layer's own
    OGRLayerH l = nullptr;
    DatasetPtr ds = open_vector(layer.path.string(), layer.vector_layer, &l);
    VectorLayerData data;
    data.description = layer.path.string() + " (layer " + OGR_L_GetName(l) + ", field " + layer.value_field + ")";
    OGRSpatialReferenceH srs = layer_srs(l);
    if (!srs) throw InputError(data.description + ": the layer has no CRS");
    TransformPtr transform = make_transform(srs, target_wkt, data.description);
    const int field = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(l), layer.value_field.c_str());
    if (field < 0)
        throw InputError(layer.path.string() + " (layer " + OGR_L_GetName(l) + "): field '" + layer.value_field +
                         "' not found; fields are: " + field_list(l));

    // Repairs and skips are counted and reported once each, naming the first feature ids.
    std::vector<std::string> no_geometry, no_value, repaired, no_area, not_polygon;
    const auto report = [&](const char* code, const std::vector<std::string>& fids, const std::string& what) {
        if (fids.empty()) return;
        diagnostics.warn(code, data.description + ": " + std::to_string(fids.size()) + " feature(s) " + what + " (FID " +
                                   first_ids(fids) + ")");
    };
    for_each_feature(l, data.description, [&](OGRFeatureH f) {
        ++data.features;
        const std::string fid = std::to_string(OGR_F_GetFID(f));
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        if (!g || OGR_G_IsEmpty(g)) {
            no_geometry.push_back(fid);
            return;
        }
        bool dropped_parts = false;
        GeometryPtr geom = polygonal_part(g, &dropped_parts);
        if (!geom) {
            not_polygon.push_back(fid);
            ++data.not_polygons[OGRGeometryTypeToName(wkbFlatten(OGR_G_GetGeometryType(g)))];
            return;
        }
        if (!OGR_F_IsFieldSetAndNotNull(f, field)) {
            no_value.push_back(fid);
            return;
        }
        const double value = OGR_F_GetFieldAsDouble(f, field);
        if (!std::isfinite(value)) throw InputError(data.description + ": feature " + fid + " has a non-finite value");
        if (transform && OGR_G_Transform(geom.get(), transform.get()) != OGRERR_NONE)
            throw InputError(data.description + ": feature " + fid + " cannot be transformed to the target CRS");
        if (!OGR_G_IsValid(geom.get())) {
            const GeometryPtr fixed(OGR_G_MakeValid(geom.get()));
            if (!fixed) throw InputError(data.description + ": feature " + fid + " has an invalid geometry that could not be repaired");
            // MakeValid keeps what collapses: a spike becomes a line beside the polygon, a flat
            // ring lines only. Rasterised, a line burns every cell along it, so only the
            // polygons of the repair are kept.
            geom = polygonal_part(fixed.get());
            if (!geom) {
                no_area.push_back(fid);
                return;
            }
            repaired.push_back(fid);
        }
        // A collection's points and lines are left out beside its polygons: counted once the
        // feature is kept, so a layer that keeps no shape has only wholly non-polygon ones here.
        if (dropped_parts) {
            not_polygon.push_back(fid);
            ++data.not_polygons["Geometry Collection with non-polygon parts"];
        }
        VectorLayerData::Shape shape;
        OGREnvelope env;
        OGR_G_GetEnvelope(geom.get(), &env);
        shape.bounds = Box{env.MinX, env.MinY, env.MaxX, env.MaxY};
        shape.value = value;
        shape.wkb = iso_wkb(geom.get());
        data.shapes.push_back(std::move(shape));
    });
    data.without_geometry = no_geometry.size();
    data.without_value = no_value.size();
    data.without_area = no_area.size();
    report("geometry-repaired", repaired, "had an invalid geometry, repaired with GEOS MakeValid");
    report("feature-no-area", no_area, "had an invalid geometry whose repair leaves no polygon area (it collapses to lines or "
                                       "points); skipped");
    report("feature-empty-geometry", no_geometry, "have no geometry (NULL or empty); skipped");
    report("feature-null-value", no_value, "have no value; skipped");
    // Only polygons are burned. A layer with none is a config error (plan_job: require_polygons);
    // beside polygons, the points and lines are left out and counted.
    if (!data.shapes.empty())
        report("feature-not-polygon", not_polygon,
               "are not polygons or have non-polygon parts (" + data.not_polygons_text() +
                   "); those are left out, only polygons are burned");
    gdal.report_warnings(diagnostics, data.description);
    // Stable: equal values keep file order, so the result never depends on sorting details.
    std::stable_sort(data.shapes.begin(), data.shapes.end(),
                     [](const VectorLayerData::Shape& a, const VectorLayerData::Shape& b) { return a.value < b.value; });
    return data;
}

std::string VectorLayerData::not_polygons_text() const {
    std::string out;
    for (const auto& [type, count] : not_polygons) out += (out.empty() ? "" : ", ") + std::to_string(count) + " " + type;
    return out;
}

std::string VectorLayerData::why_no_shapes() const {
    if (features == 0) return "it has 0 features";
    const std::string all = "all " + std::to_string(features) + " feature(s) ";
    if (without_geometry == features) return all + "have no geometry (NULL or empty)";
    if (without_value == features) return all + "have a NULL value";
    if (without_area == features) return all + "have no polygon area (invalid, repaired to lines or points)";
    std::string out;
    const auto part = [&](std::size_t n, const char* what) {
        if (n > 0) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + what;
    };
    part(without_geometry, "without geometry");
    part(without_value, "with a NULL value");
    part(without_area, "without polygon area");
    return "of its " + std::to_string(features) + " feature(s), " + out;
}

struct VectorBurner::Impl {
    std::shared_ptr<const VectorLayerData> data;
    Grid target;
    std::string target_wkt;
    double background = 0;
    std::vector<GeometryPtr> geometries;  // this thread's own copies, parallel to data->shapes
    GdalWarningLog warnings;
};

VectorBurner::VectorBurner(std::shared_ptr<const VectorLayerData> data, const Grid& target, const std::string& target_wkt,
                           double background)
    : impl_(std::make_unique<Impl>()) {
    gdal_init();
    impl_->data = std::move(data);
    impl_->target = target;
    impl_->target_wkt = target_wkt;
    impl_->background = background;
    for (const auto& shape : impl_->data->shapes) impl_->geometries.push_back(geometry_from_wkb(shape.wkb));
}

VectorBurner::~VectorBurner() = default;

const std::vector<GdalErrorScope::Warning>& VectorBurner::gdal_warnings() const { return impl_->warnings.warnings(); }

void VectorBurner::read(const Window& window, float* out) {
    const Grid grid = impl_->target.subgrid(window);
    std::fill(out, out + window.size(), static_cast<float>(impl_->background));
    std::vector<OGRGeometryH> geoms;
    std::vector<double> values;
    const Box box = grid.extent();
    for (std::size_t i = 0; i < impl_->geometries.size(); ++i) {
        if (!impl_->data->shapes[i].bounds.intersects(box) || !impl_->geometries[i]) continue;
        geoms.push_back(impl_->geometries[i].get());
        values.push_back(impl_->data->shapes[i].value);
    }
    if (geoms.empty()) return;

    // Burn into a MEM dataset wrapping `out` directly: no copy.
    GdalErrorScope errors;  // this worker thread's: pushed handlers are per thread
    GDALDriverH mem = GDALGetDriverByName("MEM");
    const DatasetPtr dataset(GDALCreate(mem, "", window.cols, window.rows, 0, GDT_Float32, nullptr));
    GDALDatasetH ds = dataset.get();
    char pointer_option[64];
    std::snprintf(pointer_option, sizeof pointer_option, "DATAPOINTER=%p", static_cast<void*>(out));
    char* options[] = {pointer_option, nullptr};
    GDALAddBand(ds, GDT_Float32, options);
    double gt[6];
    grid.geotransform(gt);
    GDALSetGeoTransform(ds, gt);
    int band = 1;
    // Burned in ascending value order: where contours overlap, the highest value is left.
    const CPLErr err = GDALRasterizeGeometries(ds, 1, &band, static_cast<int>(geoms.size()), geoms.data(), nullptr,
                                               nullptr, values.data(), nullptr, nullptr, nullptr);
    if (err != CE_None) throw InputError(impl_->data->description + ": rasterising failed: " + errors.take_error());
    impl_->warnings.keep(errors);
}

}  // namespace burdenmap

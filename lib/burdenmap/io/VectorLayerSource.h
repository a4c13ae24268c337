#pragma once
// A vector input layer (e.g. external-safety risk contours) burned onto the target grid window by
// window. Rule: a cell takes the highest value among the polygons that cover its centre, and the
// layer's background value where none does. Centre sampling matches how a contour map is read
// ("inside the 10⁻⁶ contour or not"); exact geometric tests for sites use the polygons themselves.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "burdenmap/config/Config.h"
#include "burdenmap/core/Box.h"
#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/core/Grid.h"
#include "burdenmap/core/Window.h"
#include "burdenmap/io/GdalSession.h"

namespace burdenmap {

// The polygons and their values, read once and shared read-only between threads.
struct VectorLayerData {
    std::string description;  // "file (layer L, field F)"
    std::string crs_name;
    struct Shape {
        std::vector<unsigned char> wkb;  // in the target CRS
        Box bounds;
        double value;
    };
    std::vector<Shape> shapes;  // sorted by value, ascending: later (higher) burns win
    // Features left out because they have no area (points, lines), by OGR type name ("Point",
    // "Line String"), and kept collections whose points or lines were left out ("Geometry
    // Collection with non-polygon parts"). A layer of the former only is refused by the plan:
    // burning a point's cell gives a zone mean of mostly background, silently wrong.
    std::map<std::string, std::size_t> not_polygons;
    std::string not_polygons_text() const;  // "8 Point, 1 Line String"
    // The features read and those skipped for having no geometry, no value, or no polygon area
    // after repair: for a layer that keeps no shape, why (layer-without-features).
    std::size_t features = 0, without_geometry = 0, without_value = 0, without_area = 0;
    std::string why_no_shapes() const;  // "it has 0 features", "all 3 feature(s) have a NULL value", ...
};

// Throws InputError naming the file, layer and field.
VectorLayerData read_vector_layer(const LayerConfig& layer, const std::string& target_wkt, Diagnostics& diagnostics);

class VectorBurner {
public:
    VectorBurner(std::shared_ptr<const VectorLayerData> data, const Grid& target, const std::string& target_wkt,
                 double background);
    ~VectorBurner();
    VectorBurner(const VectorBurner&) = delete;
    VectorBurner& operator=(const VectorBurner&) = delete;
    void read(const Window& window, float* out);
    // GDAL's warnings while burning, as AlignedReader::gdal_warnings.
    const std::vector<GdalErrorScope::Warning>& gdal_warnings() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace burdenmap

#include "burdenmap/io/SiteContours.h"

#include <algorithm>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/OgrCommon.h"

namespace burdenmap {

using namespace io_detail;

struct ContourTester::Impl {
    std::shared_ptr<const VectorLayerData> data;
    std::vector<GeometryPtr> polygons;  // parallel to data->shapes

    GeometryPtr site(const std::vector<unsigned char>& wkb) const {
        GeometryPtr g = geometry_from_wkb(wkb);
        if (!g) throw InputError(data->description + ": a site geometry could not be read back for the contour test");
        return g;
    }
};

ContourTester::ContourTester(std::shared_ptr<const VectorLayerData> data) : impl_(std::make_unique<Impl>()) {
    gdal_init();
    impl_->data = std::move(data);
    for (const auto& shape : impl_->data->shapes) impl_->polygons.push_back(geometry_from_wkb(shape.wkb));
}

ContourTester::~ContourTester() = default;

std::vector<ContourContact> ContourTester::contacts(const std::vector<unsigned char>& site_wkb) const {
    const GeometryPtr site = impl_->site(site_wkb);
    const OGRGeometryH s = site.get();
    OGREnvelope env;
    OGR_G_GetEnvelope(s, &env);
    const Box box{env.MinX, env.MinY, env.MaxX, env.MaxY};
    std::vector<ContourContact> out;
    for (std::size_t i = 0; i < impl_->polygons.size(); ++i) {
        const auto& shape = impl_->data->shapes[i];
        const OGRGeometryH p = impl_->polygons[i].get();
        // Box::intersects is strict; a site that only touches a polygon's bounding box edge must
        // still be tested, so compare closed intervals here.
        if (!p || box.xmin > shape.bounds.xmax || shape.bounds.xmin > box.xmax || box.ymin > shape.bounds.ymax ||
            shape.bounds.ymin > box.ymax)
            continue;
        if (!OGR_G_Intersects(s, p)) continue;
        out.push_back({shape.value, !OGR_G_Touches(s, p)});
    }
    return out;
}

std::optional<double> ContourTester::distance(const std::vector<unsigned char>& site_wkb, double level) const {
    const GeometryPtr site = impl_->site(site_wkb);
    GdalErrorScope errors;
    std::optional<double> best;
    for (std::size_t i = 0; i < impl_->polygons.size(); ++i) {
        // At Float32 precision, as sites::compare() decides "at or above".
        if (static_cast<float>(impl_->data->shapes[i].value) < static_cast<float>(level) || !impl_->polygons[i]) continue;
        const double d = OGR_G_Distance(site.get(), impl_->polygons[i].get());
        if (d < 0) throw InputError(impl_->data->description + ": distance from a site to a contour failed: " + errors.take_error());
        best = best ? std::min(*best, d) : d;
    }
    return best;
}

}  // namespace burdenmap

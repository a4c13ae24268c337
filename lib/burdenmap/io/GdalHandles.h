#pragma once
// Owning handles for the GDAL/OGR C API objects the io code creates (internal to
// lib/burdenmap/io): each is a std::unique_ptr whose deleter is the matching GDAL destroy call,
// so a throw between creation and use cannot leak a dataset, feature or geometry. `get()` gives
// the C handle itself. (The C API, not GDAL's C++ classes: GDALDatasetUniquePtr and friends would
// pull GDAL's C++ headers, and their ABI, into every io file for no gain.)
#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <memory>
#include <type_traits>

namespace burdenmap::io_detail {

// A unique_ptr to what the C handle `Handle` points to, freed by `destroy`.
template <class Handle, auto destroy>
struct GdalDeleter {
    void operator()(Handle h) const { destroy(h); }
};
template <class Handle, auto destroy>
using GdalPtr = std::unique_ptr<std::remove_pointer_t<Handle>, GdalDeleter<Handle, destroy>>;

// GDALClose returns void in GDAL 3.6 (a failed final write only shows as an error report): the
// writers close explicitly inside an error scope when the close is where a full disk shows.
using DatasetPtr = GdalPtr<GDALDatasetH, GDALClose>;
using FeaturePtr = GdalPtr<OGRFeatureH, OGR_F_Destroy>;
using GeometryPtr = GdalPtr<OGRGeometryH, OGR_G_DestroyGeometry>;
using SrsPtr = GdalPtr<OGRSpatialReferenceH, OSRDestroySpatialReference>;
using TransformPtr = GdalPtr<OGRCoordinateTransformationH, OCTDestroyCoordinateTransformation>;
using FieldDefnPtr = GdalPtr<OGRFieldDefnH, OGR_Fld_Destroy>;
// Text GDAL allocates for the caller (OSRExportToWkt, VSIGetMemFileBuffer) and string lists (CSL).
using CplTextPtr = GdalPtr<char*, VSIFree>;
using StringListPtr = GdalPtr<char**, CSLDestroy>;

}  // namespace burdenmap::io_detail

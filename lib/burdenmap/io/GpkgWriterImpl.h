#pragma once
// GpkgWriter's state and the steps its parts share (internal to lib/burdenmap/io): the feature
// layers and tables (GpkgWriter.cpp), the saved styles and the run manifest
// (GpkgStylesAndMetadata.cpp). GDAL calls are made in a GdalErrorScope of the calling function,
// never one kept in the writer: the job may call the writer from another thread than it was
// made on, and GDAL's pushed error handlers are per thread. The scopes' warnings are let go: the
// writer has no Diagnostics, and on the demo run GDAL gives two, neither about the results: the
// temp name does not end in .gpkg (the final name does), and a styleName is longer than the 30
// characters QGIS declares for that column (SQLite stores it whole; QGIS shows it whole).
#include <gdal.h>
#include <ogr_api.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "burdenmap/core/Errors.h"
#include "burdenmap/io/AtomicOutput.h"
#include "burdenmap/io/GdalSession.h"
#include "burdenmap/io/GpkgWriter.h"

namespace burdenmap {

struct GpkgWriter::Impl {
    struct Written {
        std::string layer;
        std::vector<FieldSpec> fields;
    };

    AtomicOutput output;
    GDALDatasetH ds = nullptr;
    std::vector<Written> written;  // for the codebook

    Impl(const std::filesystem::path& final_path, bool overwrite) : output(final_path, overwrite) {}
    ~Impl() {
        if (ds) GDALClose(ds);
        if (output.committed()) return;
        // SQLite's companions of a database closed mid-transaction (AtomicOutput removes the file).
        std::error_code ec;
        for (const char* suffix : {"-journal", "-wal", "-shm"})
            std::filesystem::remove(output.temp_path().string() + suffix, ec);
    }

    std::string where(const std::string& layer, const std::string& field = "") const {
        std::string out = output.final_path().string();
        if (!layer.empty()) out += ": layer '" + layer + "'";
        if (!field.empty()) out += ", field '" + field + "'";
        return out;
    }
    // Throws OutputError "<place>: <what>: <GDAL's error>", with a hint when the disk is full.
    [[noreturn]] void fail(GdalErrorScope& errors, const std::string& place, const std::string& what) const {
        throw OutputError(errors.with_error(place + ": " + what) +
                          AtomicOutput::disk_full_hint(output.temp_path().parent_path()));
    }

    void open();
    void require_open(const std::string& layer) const {
        if (!ds) throw OutputError(where(layer) + ": the GeoPackage is already finished");
    }
    OGRLayerH create_layer(const std::string& name, const std::string& description, OGRSpatialReferenceH srs,
                           OGRwkbGeometryType type);
    void add_fields(OGRLayerH layer, const std::string& name, const std::vector<FieldSpec>& fields);
    // GDAL 3.6 defers CREATE TABLE to the first insert. Inside our transaction a rollback would
    // then undo the table while GDAL still believes in it, and closing the file fails ("no such
    // table"). Syncing runs the deferred creation now, outside any transaction.
    void create_table_now(OGRLayerH layer, const std::string& name);
    void set_value(OGRFeatureH feature, int index, const FieldValue& value, const FieldSpec& field,
                   const std::string& layer) const;
    void set_geometry(OGRFeatureH feature, const std::vector<unsigned char>& wkb, OGRwkbGeometryType type,
                      const std::string& layer, std::size_t row, GdalErrorScope& errors) const;
    void insert(OGRLayerH layer, const std::string& name, const std::vector<FieldSpec>& fields,
                const std::vector<FieldValue>& values, const std::vector<unsigned char>* wkb, std::size_t row);
    void execute(const std::string& sql, const std::string& what);
    // Runs `body` in one transaction, rolled back when it throws: a layer is written whole or not
    // at all, and SQLite would otherwise sync to disk after every insert (thousands of times slower).
    template <class Body>
    void in_transaction(const std::string& layer, Body body);
    void write_rows(const std::string& name, const std::vector<FieldSpec>& fields,
                    const std::vector<std::vector<FieldValue>>& rows);
};

template <class Body>
void GpkgWriter::Impl::in_transaction(const std::string& layer, Body body) {
    GdalErrorScope errors;
    if (GDALDatasetStartTransaction(ds, FALSE) != OGRERR_NONE) fail(errors, where(layer), "cannot start a transaction");
    try {
        body();
    } catch (...) {
        GDALDatasetRollbackTransaction(ds);
        throw;
    }
    if (GDALDatasetCommitTransaction(ds) != OGRERR_NONE) fail(errors, where(layer), "cannot commit");
}

}  // namespace burdenmap

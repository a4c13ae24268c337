#include "burdenmap/io/MosaicVrt.h"

#include <cpl_string.h>

#include <fstream>
#include <sstream>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/io/AtomicOutput.h"

namespace burdenmap {
namespace fs = std::filesystem;
namespace {

std::string xml(const std::string& text) {
    char* escaped = CPLEscapeString(text.c_str(), -1, CPLES_XML);
    std::string out(escaped);
    CPLFree(escaped);
    return out;
}

std::string metadata_xml(const std::map<std::string, std::string>& items, const std::string& indent) {
    if (items.empty()) return "";
    std::string out = indent + "<Metadata>\n";
    for (const auto& [key, value] : items) out += indent + "  <MDI key=\"" + xml(key) + "\">" + xml(value) + "</MDI>\n";
    return out + indent + "</Metadata>\n";
}

std::string rect(const char* tag, const Window& w) {
    return std::string("<") + tag + " xOff=\"" + std::to_string(w.col_off) + "\" yOff=\"" + std::to_string(w.row_off) + "\" xSize=\"" +
           std::to_string(w.cols) + "\" ySize=\"" + std::to_string(w.rows) + "\"/>";
}

// The source's name as the VRT writes it: relative to the VRT's folder when the source lies in
// it or below, so the folder can move as a whole; absolute otherwise.
std::pair<std::string, bool> source_name(const fs::path& vrt_dir, const fs::path& file) {
    const fs::path abs = fs::absolute(file).lexically_normal();
    const fs::path rel = abs.lexically_relative(fs::absolute(vrt_dir).lexically_normal());
    if (!rel.empty() && *rel.begin() != "..") return {rel.generic_string(), true};
    return {abs.string(), false};
}

}  // namespace

void write_mosaic_vrt(const fs::path& final_path, bool overwrite, const Grid& grid, const std::string& crs_wkt,
                      const std::vector<BandSpec>& bands, const std::map<std::string, std::string>& dataset_metadata,
                      const std::vector<MosaicSource>& sources, const std::vector<BandStatistics>& statistics) {
    double gt[6];
    grid.geotransform(gt);
    std::string text = "<VRTDataset rasterXSize=\"" + std::to_string(grid.cols()) + "\" rasterYSize=\"" + std::to_string(grid.rows()) + "\">\n";
    if (!crs_wkt.empty()) text += "  <SRS dataAxisToSRSAxisMapping=\"1,2\">" + xml(crs_wkt) + "</SRS>\n";
    text += "  <GeoTransform>";
    for (int i = 0; i < 6; ++i) text += (i ? ", " : " ") + round_trip_number(gt[i]);
    text += "</GeoTransform>\n";
    text += metadata_xml(dataset_metadata, "  ");
    const fs::path dir = final_path.parent_path().empty() ? fs::path(".") : final_path.parent_path();
    for (std::size_t b = 0; b < bands.size(); ++b) {
        text += "  <VRTRasterBand dataType=\"Float32\" band=\"" + std::to_string(b + 1) + "\">\n";
        text += "    <Description>" + xml(bands[b].description) + "</Description>\n";
        text += "    <NoDataValue>nan</NoDataValue>\n";
        if (!bands[b].unit.empty()) text += "    <UnitType>" + xml(bands[b].unit) + "</UnitType>\n";
        std::map<std::string, std::string> md = bands[b].metadata;
        if (b < statistics.size())
            for (const auto& [key, value] : statistics_metadata(statistics[b], static_cast<double>(grid.size()))) md[key] = value;
        text += metadata_xml(md, "    ");
        for (const MosaicSource& s : sources) {
            if (s.source.cols != s.target.cols || s.source.rows != s.target.rows)
                throw OutputError(final_path.string() + ": a source rectangle of " + s.file.string() + " differs in size from its target");
            const auto [name, relative] = source_name(dir, s.file);
            text += "    <SimpleSource>\n      <SourceFilename relativeToVRT=\"" + std::string(relative ? "1" : "0") + "\">" + xml(name) +
                    "</SourceFilename>\n      <SourceBand>" + std::to_string(b + 1) + "</SourceBand>\n      " + rect("SrcRect", s.source) +
                    "\n      " + rect("DstRect", s.target) + "\n    </SimpleSource>\n";
        }
        text += "  </VRTRasterBand>\n";
    }
    text += "</VRTDataset>\n";
    AtomicOutput::write_text(final_path, text, overwrite);
}

}  // namespace burdenmap

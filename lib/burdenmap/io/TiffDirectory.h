#pragma once
// The tags of a TIFF directory as bytes, for copying them into a file we lay out ourselves
// (io/CogFile): GDAL writes the georeferencing and metadata tags of a small template GeoTIFF,
// and the COG assembly copies them verbatim, so the CRS, nodata, band descriptions and
// statistics are encoded by GDAL exactly as its own COG driver would, without our writing a
// GeoKey encoder. Little-endian classic TIFF and BigTIFF (GDAL writes little-endian).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace burdenmap {

// TIFF field types we meet (TIFF 6.0 and BigTIFF numbering).
enum class TiffType : std::uint16_t {
    Byte = 1, Ascii = 2, Short = 3, Long = 4, Rational = 5, SByte = 6, Undefined = 7, SShort = 8,
    SLong = 9, SRational = 10, Float = 11, Double = 12, Long8 = 16, SLong8 = 17, Ifd8 = 18,
};

// Bytes per value of `type`; 0 for a type TIFF does not define.
std::size_t tiff_type_size(std::uint16_t type);

struct TiffEntry {
    std::uint16_t tag = 0;
    std::uint16_t type = 0;
    std::uint64_t count = 0;
    std::vector<std::uint8_t> bytes;  // count * tiff_type_size(type) bytes, little-endian
};

// The entries of the first directory of `file`, in file order (ascending tag). Throws
// OutputError naming the file when it is not a little-endian TIFF or is cut short.
std::vector<TiffEntry> read_first_tiff_directory(const std::filesystem::path& file);

// The same from bytes in memory (the pure part, unit-tested on hand-made files).
std::vector<TiffEntry> parse_first_tiff_directory(const std::vector<std::uint8_t>& file, const std::string& name);

}  // namespace burdenmap

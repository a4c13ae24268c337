#include "burdenmap/io/CogFile.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <string>

#include "burdenmap/core/Cancellation.h"
#include "burdenmap/core/Errors.h"
#include "burdenmap/io/PosixFile.h"

namespace burdenmap {

namespace {

// GDAL's structural metadata, byte for byte as its COG driver writes it: GDAL reads it back as
// LAYOUT=COG and uses the leaders to fetch a tile and its neighbour in one request.
const std::string kGhostBody =
    "LAYOUT=IFDS_BEFORE_DATA\nBLOCK_ORDER=ROW_MAJOR\nBLOCK_LEADER=SIZE_AS_UINT4\n"
    "BLOCK_TRAILER=LAST_4_BYTES_REPEATED\nKNOWN_INCOMPATIBLE_EDITION=NO\n ";

std::string ghost() {
    char size[64];
    std::snprintf(size, sizeof size, "GDAL_STRUCTURAL_METADATA_SIZE=%06zu bytes\n", kGhostBody.size());
    return size + kGhostBody;
}

constexpr std::uint16_t kTileOffsets = 324, kTileByteCounts = 325;

void put(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}
void put_at(std::vector<std::uint8_t>& out, std::size_t at, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(value >> (8 * i));
}

TiffEntry number(std::uint16_t tag, TiffType type, std::uint64_t value) {
    TiffEntry e{tag, static_cast<std::uint16_t>(type), 1, {}};
    put(e.bytes, value, static_cast<int>(tiff_type_size(e.type)));
    return e;
}

TiffEntry array(std::uint16_t tag, TiffType type, std::size_t count) {
    return TiffEntry{tag, static_cast<std::uint16_t>(type), count, std::vector<std::uint8_t>(count * tiff_type_size(static_cast<std::uint16_t>(type)))};
}

// One directory's entries, sorted by tag as TIFF requires.
std::vector<TiffEntry> directory(const CogImage& image, std::size_t level, bool big, std::size_t tiles) {
    const CogLevelSize& size = image.levels[level];
    std::vector<TiffEntry> entries;
    if (level > 0) entries.push_back(number(254, TiffType::Long, 1));  // a reduced-resolution image
    entries.push_back(number(256, TiffType::Long, static_cast<std::uint64_t>(size.cols)));
    entries.push_back(number(257, TiffType::Long, static_cast<std::uint64_t>(size.rows)));
    entries.push_back(number(259, TiffType::Short, 8));  // DEFLATE (zlib stream)
    entries.push_back(number(284, TiffType::Short, 2));  // planar: band-interleaved
    entries.push_back(number(317, TiffType::Short, 1));  // no predictor
    entries.push_back(number(322, TiffType::Short, static_cast<std::uint64_t>(image.tile)));
    entries.push_back(number(323, TiffType::Short, static_cast<std::uint64_t>(image.tile)));
    entries.push_back(array(kTileOffsets, big ? TiffType::Long8 : TiffType::Long, tiles));
    entries.push_back(array(kTileByteCounts, TiffType::Long, tiles));
    for (const TiffEntry& e : level == 0 ? image.main_tags : image.overview_tags) {
        if (cog_layout_tag(e.tag)) throw OutputError("COG layout: the template brings tag " + std::to_string(e.tag) + ", which the layout sets");
        entries.push_back(e);
    }
    std::sort(entries.begin(), entries.end(), [](const TiffEntry& a, const TiffEntry& b) { return a.tag < b.tag; });
    for (std::size_t i = 1; i < entries.size(); ++i)
        if (entries[i].tag == entries[i - 1].tag) throw OutputError("COG layout: tag " + std::to_string(entries[i].tag) + " twice");
    return entries;
}

// The head for one TIFF flavour; fills plan.tile_offsets and file_size.
void lay_out(const CogImage& image, const std::vector<std::vector<std::uint32_t>>& sizes, bool big, CogFilePlan& plan) {
    const int offset_bytes = big ? 8 : 4;
    const std::size_t count_bytes = big ? 8 : 2, entry_bytes = big ? 20 : 12, inline_bytes = big ? 8 : 4;
    std::vector<std::vector<TiffEntry>> dirs;
    for (std::size_t l = 0; l < image.levels.size(); ++l) dirs.push_back(directory(image, l, big, sizes[l].size()));

    // Positions: header and ghost, then each directory followed by its out-of-line values.
    const std::string ghost_text = ghost();
    std::uint64_t pos = (big ? 16 : 8) + ghost_text.size();
    pos += pos % 2;
    std::vector<std::uint64_t> dir_at(dirs.size());
    std::vector<std::vector<std::uint64_t>> value_at(dirs.size());
    for (std::size_t d = 0; d < dirs.size(); ++d) {
        dir_at[d] = pos;
        pos += count_bytes + dirs[d].size() * entry_bytes + static_cast<std::uint64_t>(offset_bytes);
        for (const TiffEntry& e : dirs[d]) {
            value_at[d].push_back(0);
            if (e.bytes.size() <= inline_bytes) continue;
            pos += pos % 2;  // values start on a word boundary
            value_at[d].back() = pos;
            pos += e.bytes.size();
        }
        pos += pos % 2;
    }
    const std::uint64_t head_size = pos;

    // Tile data: smallest overview first, full resolution last; per level band-major, row-major;
    // each tile as leader (4) + data + trailer (4).
    plan.tile_offsets.assign(image.levels.size(), {});
    for (std::size_t l = image.levels.size(); l-- > 0;) {
        plan.tile_offsets[l].resize(sizes[l].size());
        for (std::size_t t = 0; t < sizes[l].size(); ++t) {
            plan.tile_offsets[l][t] = pos + 4;
            pos += 4 + std::uint64_t{sizes[l][t]} + 4;
        }
    }
    plan.file_size = pos;
    plan.bigtiff = big;

    // Now the strile arrays can be filled, then everything serialised.
    std::vector<std::uint8_t>& out = plan.head;
    out.clear();
    out.reserve(head_size);
    out.push_back('I');
    out.push_back('I');
    if (big) {
        put(out, 43, 2);
        put(out, 8, 2);
        put(out, 0, 2);
        put(out, dir_at[0], 8);
    } else {
        put(out, 42, 2);
        put(out, dir_at[0], 4);
    }
    out.insert(out.end(), ghost_text.begin(), ghost_text.end());
    for (std::size_t d = 0; d < dirs.size(); ++d) {
        for (TiffEntry& e : dirs[d]) {
            if (e.tag == kTileOffsets)
                for (std::size_t t = 0; t < e.count; ++t) put_at(e.bytes, t * static_cast<std::size_t>(offset_bytes), plan.tile_offsets[d][t], offset_bytes);
            if (e.tag == kTileByteCounts)
                for (std::size_t t = 0; t < e.count; ++t) put_at(e.bytes, t * 4, sizes[d][t], 4);
        }
        out.resize(dir_at[d], 0);
        put(out, dirs[d].size(), static_cast<int>(count_bytes));
        for (std::size_t i = 0; i < dirs[d].size(); ++i) {
            const TiffEntry& e = dirs[d][i];
            put(out, e.tag, 2);
            put(out, e.type, 2);
            put(out, e.count, offset_bytes);
            if (e.bytes.size() <= inline_bytes) {
                out.insert(out.end(), e.bytes.begin(), e.bytes.end());
                put(out, 0, static_cast<int>(inline_bytes - e.bytes.size()));
            } else {
                put(out, value_at[d][i], offset_bytes);
            }
        }
        put(out, d + 1 < dirs.size() ? dir_at[d + 1] : 0, offset_bytes);
        for (std::size_t i = 0; i < dirs[d].size(); ++i) {
            if (value_at[d][i] == 0) continue;
            out.resize(value_at[d][i], 0);
            out.insert(out.end(), dirs[d][i].bytes.begin(), dirs[d][i].bytes.end());
        }
    }
    out.resize(head_size, 0);
}

// Buffered writes: tiles are small, the file is large.
class FileSink {
public:
    explicit FileSink(const std::filesystem::path& path) : file_(path, PosixFile::Mode::WriteOnly, 0644) { buffer_.reserve(kBuffer); }
    void write(const std::uint8_t* data, std::size_t size) {
        if (buffer_.size() + size > kBuffer) flush();
        if (size >= kBuffer) {
            file_.write_all(data, size);
            return;
        }
        buffer_.insert(buffer_.end(), data, data + size);
    }
    void close() {
        flush();
        file_.close();
    }

private:
    static constexpr std::size_t kBuffer = std::size_t{8} << 20;
    void flush() {
        file_.write_all(buffer_.data(), buffer_.size());
        buffer_.clear();
    }
    PosixFile file_;
    std::vector<std::uint8_t> buffer_;
};

}  // namespace

bool cog_layout_tag(std::uint16_t tag) {
    static const std::set<std::uint16_t> layout = {254, 256, 257, 259, 273, 278, 279, 284, 317, 322, 323, 324, 325};
    return layout.count(tag) > 0;
}

long long cog_tiles_per_band(const CogLevelSize& level, int tile) {
    return ((level.cols + tile - 1) / tile) * ((level.rows + tile - 1) / tile);
}

CogFilePlan plan_cog_file(const CogImage& image, const std::vector<std::vector<std::uint32_t>>& tile_sizes, bool force_bigtiff) {
    if (image.levels.empty() || image.bands < 1 || image.tile < 16 || image.tile % 16 != 0)
        throw OutputError("COG layout: no levels, no bands or a tile size TIFF does not allow");
    if (tile_sizes.size() != image.levels.size()) throw OutputError("COG layout: tile sizes for a different number of levels");
    for (std::size_t l = 0; l < image.levels.size(); ++l)
        if (tile_sizes[l].size() != static_cast<std::size_t>(cog_tiles_per_band(image.levels[l], image.tile) * image.bands))
            throw OutputError("COG layout: level " + std::to_string(l) + " has " + std::to_string(tile_sizes[l].size()) +
                              " tiles, not one per tile and band");
    CogFilePlan plan;
    lay_out(image, tile_sizes, force_bigtiff, plan);
    if (!plan.bigtiff && plan.file_size > 0xFFFFFFFFull) lay_out(image, tile_sizes, true, plan);
    return plan;
}

void write_cog_file(const std::filesystem::path& path, const CogFilePlan& plan,
                    const std::vector<std::vector<std::uint32_t>>& tile_sizes,
                    const std::function<void(std::size_t, std::size_t, std::vector<std::uint8_t>&)>& read_tile) {
    FileSink sink(path);
    sink.write(plan.head.data(), plan.head.size());
    std::vector<std::uint8_t> tile, frame(4);
    for (std::size_t l = tile_sizes.size(); l-- > 0;) {
        for (std::size_t t = 0; t < tile_sizes[l].size(); ++t) {
            throw_if_stop_requested();
            const std::uint32_t size = tile_sizes[l][t];
            tile.resize(size);
            read_tile(l, t, tile);
            if (tile.size() != size) throw OutputError(path.string() + ": a tile changed size between plan and write");
            frame.clear();
            put(frame, size, 4);
            sink.write(frame.data(), 4);
            sink.write(tile.data(), size);
            // GDAL's trailer: the tile's last 4 bytes again, so a reader can tell the tile is whole.
            std::uint8_t trailer[4] = {0, 0, 0, 0};
            for (std::size_t i = 0; i < 4 && i < size; ++i) trailer[4 - 1 - i] = tile[size - 1 - i];
            sink.write(trailer, 4);
        }
    }
    sink.close();
}

}  // namespace burdenmap

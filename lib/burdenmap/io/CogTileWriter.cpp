#include "burdenmap/io/CogTileWriter.h"

#include <cpl_compressor.h>
#include <cpl_conv.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <string>

#include "burdenmap/core/Errors.h"
#include "burdenmap/core/Raster.h"
#include "burdenmap/io/CogFile.h"
#include "burdenmap/io/PosixFile.h"

namespace fs = std::filesystem;

namespace burdenmap {

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "CogTileWriter writes cells as they lie in memory into a little-endian TIFF"
#endif

// Named (not anonymous) because CogTileWriter::Impl, declared in the header, holds them.
namespace cog_tiles_detail {

struct TileRef {
    std::uint64_t offset = 0;
    std::uint32_t size = 0;
    bool written = false;
};

// Compressed tiles, appended in the order they come; read back once by finish().
class TileStore {
public:
    explicit TileStore(const fs::path& path) : file_(path, PosixFile::Mode::ReadWrite, 0600) {}
    ~TileStore() {  // a temporary: removed (the descriptor closes after)
        std::error_code ec;
        fs::remove(file_.path(), ec);
    }
    TileRef append(const std::vector<std::uint8_t>& bytes) {
        const TileRef ref{size_, static_cast<std::uint32_t>(bytes.size()), true};
        file_.write_all(bytes.data(), bytes.size());
        size_ += bytes.size();
        return ref;
    }
    void read(const TileRef& ref, std::vector<std::uint8_t>& out) const { file_.read_at(ref.offset, out.data(), ref.size); }

private:
    PosixFile file_;
    std::uint64_t size_ = 0;
};

// The overview rows of one level not yet cut into tiles: rows row0 .. row0 + rows, per band.
struct Strip {
    long long row0 = 0;
    long long rows = 0;
    std::vector<std::vector<float>> bands;
};

long long tiles_across(long long cols) { return (cols + CogTileWriter::kTile - 1) / CogTileWriter::kTile; }

// A tile's worth of cells, one per thread, for tiles that must be cut (edges, overview strips).
float* tile_buffer() {
    thread_local std::vector<float> cells;
    cells.resize(static_cast<std::size_t>(CogTileWriter::kTile) * CogTileWriter::kTile);
    return cells.data();
}

}  // namespace cog_tiles_detail


struct CogTileWriter::Impl {
    cog_tiles_detail::TileStore store;
    std::size_t bands;
    std::vector<CogLevelSize> levels;  // 0: full resolution
    std::vector<int> factors;          // per overview level (levels[k] has factor factors[k - 1])
    std::vector<std::vector<cog_tiles_detail::TileRef>> tiles;  // per level, band-major, row-major
    std::vector<cog_tiles_detail::Strip> strips;                // per level; [0] unused
    long long current_row = -1;               // row_off of the windows being added
    std::size_t written_full = 0;             // full-resolution tiles written so far

    Impl(const fs::path& path, long long cols, long long rows, std::size_t band_count, std::vector<int> f)
        : store(path), bands(band_count), factors(std::move(f)) {
        levels.push_back({cols, rows});
        for (int factor : factors) levels.push_back({(cols + factor - 1) / factor, (rows + factor - 1) / factor});
        for (const CogLevelSize& l : levels)
            tiles.emplace_back(static_cast<std::size_t>(cog_tiles_per_band(l, kTile)) * bands);
        strips.resize(levels.size());
        for (cog_tiles_detail::Strip& s : strips) s.bands.resize(bands);
    }

    void record(std::size_t level, std::size_t band, long long tile_row, long long tile_col, const std::vector<std::uint8_t>& bytes) {
        const long long across = cog_tiles_detail::tiles_across(levels[level].cols);
        const std::size_t per_band = tiles[level].size() / bands;
        cog_tiles_detail::TileRef& ref = tiles[level][band * per_band + static_cast<std::size_t>(tile_row * across + tile_col)];
        if (ref.written)
            throw OutputError("COG tiles: level " + std::to_string(level) + ", band " + std::to_string(band + 1) + ", tile " +
                              std::to_string(tile_col) + "," + std::to_string(tile_row) + " written twice");
        ref = store.append(bytes);
        if (level == 0) ++written_full;
    }

    // Once every full-resolution tile is in, every window has passed: the overview strips' last
    // tiles are cut and the strips freed (by their sizes up to ~146 MB on the national grid: 512
    // rows x 5312 cells x 7 bands at 1/2, half that at 1/4, ...), before finish() and whatever the
    // run does meanwhile.
    void close_strips() {
        if (strips.empty()) return;
        for (std::size_t k = 1; k < levels.size(); ++k) flush(k, levels[k].rows, true);
        strips.clear();
        strips.shrink_to_fit();
    }

    // Cuts the strip's complete tile rows of `level` (all of them when `last`) into tiles.
    void flush(std::size_t level, long long complete_rows, bool last) {
        cog_tiles_detail::Strip& s = strips[level];
        const CogLevelSize& size = levels[level];
        const int cols = static_cast<int>(size.cols);
        const long long across = cog_tiles_detail::tiles_across(size.cols);
        while (s.rows > 0 && (s.row0 + kTile <= complete_rows || (last && s.row0 < size.rows))) {
            const int rows = static_cast<int>(std::min<long long>(kTile, s.rows));
            // A third of all tiles are overview tiles, and they come due here, in the job's serial
            // stage: compressed by the run's threads together (TBB lets the other thread help
            // between its windows), then stored in a fixed order.
            std::vector<std::vector<std::uint8_t>> row_tiles(bands * static_cast<std::size_t>(across));
            tbb::parallel_for(std::size_t{0}, row_tiles.size(), [&](std::size_t i) {
                const std::size_t b = i / static_cast<std::size_t>(across);
                const long long tx = static_cast<long long>(i % static_cast<std::size_t>(across));
                float* tile = cog_tiles_detail::tile_buffer();
                cut_tile(s.bands[b].data(), cols, rows, static_cast<int>(tx * kTile), 0, kTile, tile);
                row_tiles[i] = deflate_cells(tile, static_cast<std::size_t>(kTile) * kTile);
            });
            for (std::size_t i = 0; i < row_tiles.size(); ++i)
                record(level, i / static_cast<std::size_t>(across), s.row0 / kTile,
                       static_cast<long long>(i % static_cast<std::size_t>(across)), row_tiles[i]);
            for (auto& cells : s.bands) cells.erase(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(rows) * cols);
            s.row0 += rows;
            s.rows -= rows;
        }
    }

    void place_overview(std::size_t level, std::size_t band, const Window& w, int ocols, int orows, const std::vector<float>& cells) {
        cog_tiles_detail::Strip& s = strips[level];
        const long long cols = levels[level].cols;
        const int f = factors[level - 1];
        const long long r0 = w.row_off / f, c0 = w.col_off / f;
        if (r0 < s.row0) throw OutputError("COG tiles: overview rows arrive after their tiles were written");
        const long long need = r0 + orows - s.row0;
        if (need > s.rows) {
            for (auto& b : s.bands) b.resize(static_cast<std::size_t>(need * cols), kNoData);
            s.rows = need;
        }
        std::vector<float>& dst = s.bands[band];
        for (int r = 0; r < orows; ++r)
            std::copy_n(cells.begin() + static_cast<std::ptrdiff_t>(r) * ocols, ocols,
                        dst.begin() + static_cast<std::ptrdiff_t>((r0 - s.row0 + r) * cols + c0));
    }
};

bool CogTileWriter::fits(int window_alignment, int coarsest_overview) {
    return window_alignment > 0 && window_alignment % kTile == 0 &&
           (coarsest_overview <= 1 || window_alignment % coarsest_overview == 0);
}

CogTileWriter::CogTileWriter(const fs::path& store, long long cols, long long rows, std::size_t bands,
                             std::vector<int> overview_factors)
    : impl_(std::make_unique<Impl>(store, cols, rows, bands, std::move(overview_factors))) {}

CogTileWriter::~CogTileWriter() = default;

void cut_tile(const float* values, int cols, int rows, int col0, int row0, int tile, float* out) {
    const int width = std::max(0, std::min(tile, cols - col0));
    const int height = std::max(0, std::min(tile, rows - row0));
    for (int r = 0; r < tile; ++r) {
        float* dst = out + static_cast<std::ptrdiff_t>(r) * tile;
        const int copied = r < height ? width : 0;
        if (copied > 0) std::copy_n(values + static_cast<std::ptrdiff_t>(row0 + r) * cols + col0, copied, dst);
        std::fill(dst + copied, dst + tile, kNoData);
    }
}

std::vector<std::uint8_t> deflate_cells(const float* cells, std::size_t count) {
    // GDAL's registered "zlib" compressor: libdeflate where GDAL was built with it, as GDAL's own
    // GeoTIFF writer uses, so the tiles are what `gdal_translate -co COMPRESS=DEFLATE` would make.
    static const CPLCompressor* const zlib = CPLGetCompressor("zlib");
    if (!zlib) throw OutputError("GDAL has no zlib compressor, which the GeoTIFF tiles need");
    const char* const options[] = {"LEVEL=1", nullptr};
    const std::size_t input = count * sizeof(float);
    // Compressed into a buffer each thread keeps (a zlib stream of n bytes never exceeds
    // n + n/1000 + a few hundred bytes), then copied out at its size: a fresh 1 MB buffer per
    // tile, zeroed, cost the national run more kernel time than the compression saved.
    thread_local std::vector<std::uint8_t> scratch;
    if (scratch.size() < input + input / 1000 + 1024) scratch.resize(input + input / 1000 + 1024);
    void* data = scratch.data();
    std::size_t size = scratch.size();
    if (!zlib->pfnFunc(cells, input, &data, &size, options, zlib->user_data)) throw OutputError("compressing a GeoTIFF tile failed");
    return std::vector<std::uint8_t>(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(size));
}

CogTileWriter::Tiles CogTileWriter::compress_window(const Window& w, const float* values) const {
    constexpr std::size_t cells = static_cast<std::size_t>(kTile) * kTile;
    // A window of exactly one tile (the default block size) is compressed where it lies.
    if (w.cols == kTile && w.rows == kTile) return {deflate_cells(values, cells)};
    Tiles out;
    float* tile = cog_tiles_detail::tile_buffer();
    for (int r = 0; r < w.rows; r += kTile)
        for (int c = 0; c < w.cols; c += kTile) {
            cut_tile(values, w.cols, w.rows, c, r, kTile, tile);
            out.push_back(deflate_cells(tile, cells));
        }
    return out;
}

void CogTileWriter::add(const Window& w, std::size_t band, const Tiles& compressed, const std::vector<std::vector<float>>& overviews) {
    Impl& m = *impl_;
    const CogLevelSize& full = m.levels[0];
    const auto where = [&] {
        return "window at column " + std::to_string(w.col_off) + ", row " + std::to_string(w.row_off) + " (" +
               std::to_string(w.cols) + " x " + std::to_string(w.rows) + ")";
    };
    if (band >= m.bands) throw OutputError("COG tiles: band " + std::to_string(band + 1) + " out of range");
    const bool whole_cols = w.cols % kTile == 0 || w.col_off + w.cols == full.cols;
    const bool whole_rows = w.rows % kTile == 0 || w.row_off + w.rows == full.rows;
    if (w.col_off % kTile != 0 || w.row_off % kTile != 0 || !whole_cols || !whole_rows)
        throw OutputError("COG tiles: the " + where() + " does not hold whole tiles of " + std::to_string(kTile));
    const long long across = cog_tiles_detail::tiles_across(w.cols), down = (w.rows + kTile - 1) / kTile;
    if (static_cast<long long>(compressed.size()) != across * down)
        throw OutputError("COG tiles: the " + where() + " came with " + std::to_string(compressed.size()) + " tiles");
    if (overviews.size() != m.factors.size())
        throw OutputError("COG tiles: the " + where() + " came without its overview cells");
    if (w.row_off < m.current_row) throw OutputError("COG tiles: the " + where() + " came after a later row of windows");
    if (w.row_off > m.current_row) {
        // Every window above this row has passed: their overview tiles can be cut.
        for (std::size_t k = 1; k < m.levels.size(); ++k) m.flush(k, w.row_off / m.factors[k - 1], false);
        m.current_row = w.row_off;
    }
    for (long long ty = 0; ty < down; ++ty)
        for (long long tx = 0; tx < across; ++tx)
            m.record(0, band, w.row_off / kTile + ty, w.col_off / kTile + tx, compressed[static_cast<std::size_t>(ty * across + tx)]);
    int ocols = w.cols, orows = w.rows;
    for (std::size_t k = 1; k < m.levels.size(); ++k) {
        ocols = (ocols + 1) / 2;
        orows = (orows + 1) / 2;
        if (overviews[k - 1].size() != static_cast<std::size_t>(ocols) * static_cast<std::size_t>(orows))
            throw OutputError("COG tiles: the " + where() + " has the wrong number of overview cells");
        m.place_overview(k, band, w, ocols, orows, overviews[k - 1]);
    }
    if (m.written_full == m.tiles[0].size()) m.close_strips();
}

void CogTileWriter::finish(const fs::path& path, const std::vector<TiffEntry>& main_tags, const std::vector<TiffEntry>& overview_tags) {
    Impl& m = *impl_;
    // A tile still missing is named below: cut what the strips hold so the message is about tiles.
    m.close_strips();
    std::vector<std::vector<std::uint32_t>> sizes(m.levels.size());
    for (std::size_t l = 0; l < m.levels.size(); ++l)
        for (const cog_tiles_detail::TileRef& ref : m.tiles[l]) {
            if (!ref.written)
                throw OutputError(path.string() + ": " + (l == 0 ? "a tile" : "an overview tile") +
                                  " was never written (the run stopped before its last window?)");
            sizes[l].push_back(ref.size);
        }
    CogImage image;
    image.levels = m.levels;
    image.bands = static_cast<int>(m.bands);
    image.tile = kTile;
    image.main_tags = main_tags;
    image.overview_tags = overview_tags;
    const CogFilePlan plan = plan_cog_file(image, sizes);
    write_cog_file(path, plan, sizes, [&](std::size_t level, std::size_t index, std::vector<std::uint8_t>& buffer) {
        m.store.read(m.tiles[level][index], buffer);
    });
}

}  // namespace burdenmap

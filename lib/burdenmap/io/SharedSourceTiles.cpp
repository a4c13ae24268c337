#include "burdenmap/io/SharedSourceTiles.h"

#include <gdal.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <list>
#include <mutex>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "burdenmap/core/Errors.h"

static_assert(std::is_same_v<GDALRasterBandH, burdenmap::SharedSourceTiles::GdalBand>, "GDALRasterBandH is a void*");

namespace burdenmap {

// Named (not anonymous) because SharedSourceTiles::Impl, declared in the header, holds them.
namespace shared_tiles_detail {

using Cells = std::vector<float>;

struct Entry {
    std::shared_ptr<const Cells> cells;  // null while a thread decodes it
    std::list<std::uint64_t>::iterator recent;  // in Impl::recent once decoded
};

}  // namespace shared_tiles_detail

struct SharedSourceTiles::Impl {
    std::string path;
    std::size_t budget = 0;
    std::mutex mutex;
    std::condition_variable decoded;  // a block finished decoding (or failed)
    bool sized = false;
    int block_cols = 0, block_rows = 0, raster_cols = 0, raster_rows = 0;
    long long blocks_across = 0;
    std::unordered_map<std::uint64_t, shared_tiles_detail::Entry> blocks;
    std::list<std::uint64_t> recent;  // decoded blocks, most recently used first
    std::size_t bytes = 0;
    std::size_t decodes = 0;

    // The valid cells of block (bx, by): blocks at the right and bottom edges are cut to the raster.
    int width(long long bx) const { return static_cast<int>(std::min<long long>(block_cols, raster_cols - bx * block_cols)); }
    int height(long long by) const { return static_cast<int>(std::min<long long>(block_rows, raster_rows - by * block_rows)); }

    // The block's cells, decoded by this thread if no other has or is decoding them.
    std::shared_ptr<const shared_tiles_detail::Cells> block(GDALRasterBandH band, long long bx, long long by, GdalErrorScope& errors) {
        const std::uint64_t key = static_cast<std::uint64_t>(by * blocks_across + bx);
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            auto it = blocks.find(key);
            if (it == blocks.end()) break;
            if (it->second.cells) {
                recent.splice(recent.begin(), recent, it->second.recent);
                return it->second.cells;
            }
            decoded.wait(lock);  // another thread is decoding it
        }
        blocks.emplace(key, shared_tiles_detail::Entry{});
        lock.unlock();
        std::shared_ptr<shared_tiles_detail::Cells> cells;
        try {
            const int w = width(bx), h = height(by);
            cells = std::make_shared<shared_tiles_detail::Cells>(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
            errors.take_error();
            const CPLErr err = GDALRasterIO(band, GF_Read, static_cast<int>(bx * block_cols), static_cast<int>(by * block_rows), w, h,
                                            cells->data(), w, h, GDT_Float32, 0, 0);
            if (err != CE_None) throw InputError(path + ": read failed: " + errors.take_error());
        } catch (...) {
            lock.lock();
            blocks.erase(key);  // a waiting thread decodes it again and meets the error itself
            decoded.notify_all();
            throw;
        }
        lock.lock();
        try {
            recent.push_front(key);  // first: the entry is published only once it is in `recent`
        } catch (...) {
            blocks.erase(key);
            decoded.notify_all();
            throw;
        }
        shared_tiles_detail::Entry& entry = blocks.at(key);
        entry.recent = recent.begin();
        entry.cells = cells;
        bytes += cells->size() * sizeof(float);
        ++decodes;
        // Least recently used blocks leave; a thread still copying from one keeps it alive.
        while (bytes > budget && recent.size() > 1) {
            const std::uint64_t oldest = recent.back();
            recent.pop_back();
            auto gone = blocks.find(oldest);
            bytes -= gone->second.cells->size() * sizeof(float);
            blocks.erase(gone);
        }
        decoded.notify_all();
        return cells;
    }
};

SharedSourceTiles::SharedSourceTiles(std::string path, std::size_t budget_bytes) : impl_(std::make_unique<Impl>()) {
    impl_->path = std::move(path);
    impl_->budget = budget_bytes;
}

SharedSourceTiles::~SharedSourceTiles() = default;

void SharedSourceTiles::read(GdalBand band, int c0, int r0, int cols, int rows, float* out, GdalErrorScope& errors) {
    Impl& m = *impl_;
    {
        const std::lock_guard<std::mutex> lock(m.mutex);
        if (!m.sized) {
            GDALGetBlockSize(band, &m.block_cols, &m.block_rows);
            m.raster_cols = GDALGetRasterBandXSize(band);
            m.raster_rows = GDALGetRasterBandYSize(band);
            if (m.block_cols < 1 || m.block_rows < 1) throw InputError(m.path + ": the raster reports no block size");
            m.blocks_across = (static_cast<long long>(m.raster_cols) + m.block_cols - 1) / m.block_cols;
            m.sized = true;
        }
    }
    // One cache per source band: a band of another size was given by mistake.
    if (GDALGetRasterBandXSize(band) != m.raster_cols || GDALGetRasterBandYSize(band) != m.raster_rows)
        throw InputError(m.path + ": shared blocks read through a band of another raster");
    if (cols <= 0 || rows <= 0) return;
    if (c0 < 0 || r0 < 0 || static_cast<long long>(c0) + cols > m.raster_cols || static_cast<long long>(r0) + rows > m.raster_rows)
        throw InputError(m.path + ": cells " + std::to_string(c0) + "," + std::to_string(r0) + " + " + std::to_string(cols) + " x " +
                         std::to_string(rows) + " lie outside the raster");
    const long long bx0 = c0 / m.block_cols, bx1 = (static_cast<long long>(c0) + cols - 1) / m.block_cols;
    const long long by0 = r0 / m.block_rows, by1 = (static_cast<long long>(r0) + rows - 1) / m.block_rows;
    for (long long by = by0; by <= by1; ++by)
        for (long long bx = bx0; bx <= bx1; ++bx) {
            const std::shared_ptr<const shared_tiles_detail::Cells> cells = m.block(band, bx, by, errors);
            // The part of the block inside the rectangle, in raster cells.
            const long long x0 = std::max<long long>(c0, bx * m.block_cols), x1 = std::min<long long>(c0 + cols, bx * m.block_cols + m.width(bx));
            const long long y0 = std::max<long long>(r0, by * m.block_rows), y1 = std::min<long long>(r0 + rows, by * m.block_rows + m.height(by));
            const int w = m.width(bx);
            for (long long y = y0; y < y1; ++y)
                std::copy_n(cells->data() + (y - by * m.block_rows) * w + (x0 - bx * m.block_cols), x1 - x0,
                            out + (y - r0) * cols + (x0 - c0));
        }
}

std::size_t SharedSourceTiles::blocks_decoded() const {
    const std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->decodes;
}

}  // namespace burdenmap

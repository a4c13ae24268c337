// read_floor: the time to decode every block of every band of the given rasters once through
// GDAL, the floor under any pipeline that reads them. Used by scripts/bench.
//
//   read_floor [--threads N] FILE...
//
// The blocks of all files are listed, then split between N threads, which take them in turn
// (an atomic counter); each thread opens its own dataset handles (GDAL 3.6 datasets are not
// thread-safe) and decodes blocks with GDALRasterBand::ReadBlock, which bypasses the block
// cache, so every block is decoded exactly once. Opening the files is timed too.
// Prints one JSON line: {"threads":N,"files":F,"blocks":B,"cells":C,"bytes_decoded":D,"seconds":S}
#include <gdal_priv.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Block {
    std::size_t file;
    int band;
    int bx, by;
};

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

DatasetPtr open_raster(const std::string& path) {
    DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!ds) throw std::runtime_error("read_floor: cannot open " + path);
    return ds;
}

std::vector<Block> list_blocks(const std::vector<std::string>& paths, long long& cells) {
    std::vector<Block> blocks;
    cells = 0;
    for (std::size_t f = 0; f < paths.size(); ++f) {
        DatasetPtr ds = open_raster(paths[f]);
        for (int b = 1; b <= ds->GetRasterCount(); ++b) {
            GDALRasterBand* band = ds->GetRasterBand(b);
            int bw = 0, bh = 0;
            band->GetBlockSize(&bw, &bh);
            const int nbx = (band->GetXSize() + bw - 1) / bw;
            const int nby = (band->GetYSize() + bh - 1) / bh;
            for (int by = 0; by < nby; ++by)
                for (int bx = 0; bx < nbx; ++bx) blocks.push_back({f, b, bx, by});
            cells += static_cast<long long>(band->GetXSize()) * band->GetYSize();
        }
    }
    return blocks;
}

// One thread: its own handles, blocks taken from the shared counter. Returns bytes decoded.
long long decode_blocks(const std::vector<std::string>& paths, const std::vector<Block>& blocks,
                        std::atomic<std::size_t>& next, std::string& error) {
    long long bytes = 0;
    try {
        std::vector<DatasetPtr> handles;
        for (const std::string& p : paths) handles.push_back(open_raster(p));
        std::vector<unsigned char> buffer;
        for (std::size_t i = next++; i < blocks.size(); i = next++) {
            const Block& b = blocks[i];
            GDALRasterBand* band = handles[b.file]->GetRasterBand(b.band);
            int bw = 0, bh = 0;
            band->GetBlockSize(&bw, &bh);
            const std::size_t size = static_cast<std::size_t>(bw) * bh * GDALGetDataTypeSizeBytes(band->GetRasterDataType());
            if (buffer.size() < size) buffer.resize(size);
            if (band->ReadBlock(b.bx, b.by, buffer.data()) != CE_None)
                throw std::runtime_error("read_floor: cannot decode a block of " + paths[b.file]);
            bytes += static_cast<long long>(size);
        }
    } catch (const std::exception& e) {
        error = e.what();
    }
    return bytes;
}

int usage() {
    std::fprintf(stderr, "usage: read_floor [--threads N] FILE...\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    int threads = 1;
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
            threads = std::atoi(argv[++i]);
            if (threads < 1) return usage();
        } else if (argv[i][0] == '-') {
            return usage();
        } else {
            paths.emplace_back(argv[i]);
        }
    }
    if (paths.empty()) return usage();
    GDALAllRegister();
    try {
        const auto start = std::chrono::steady_clock::now();
        long long cells = 0;
        const std::vector<Block> blocks = list_blocks(paths, cells);
        std::atomic<std::size_t> next{0};
        std::vector<long long> bytes(static_cast<std::size_t>(threads), 0);
        std::vector<std::string> errors(static_cast<std::size_t>(threads));
        std::vector<std::thread> pool;
        for (std::size_t t = 0; t < static_cast<std::size_t>(threads); ++t)
            pool.emplace_back([&, t] { bytes[t] = decode_blocks(paths, blocks, next, errors[t]); });
        for (std::thread& th : pool) th.join();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        for (const std::string& e : errors)
            if (!e.empty()) throw std::runtime_error(e);
        long long total = 0;
        for (long long b : bytes) total += b;
        std::printf("{\"threads\":%d,\"files\":%zu,\"blocks\":%zu,\"cells\":%lld,\"bytes_decoded\":%lld,\"seconds\":%.3f}\n",
                    threads, paths.size(), blocks.size(), cells, total, seconds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}

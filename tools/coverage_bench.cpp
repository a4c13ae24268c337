// coverage_bench: the time of one coverage_fraction call on a fixed polygon, best of N runs, for
// measuring changes to the coverage core (issue 18: a 2,000-vertex ring over 512 x 512 cells).
//
//   coverage_bench [--runs N] [--vertices V] [--cells C]
//
// The ring is a wavy star around the centre of a C x C grid of 10 m cells at Dutch RD
// coordinates, reaching from about a quarter to nearly the whole half-width of the grid, so its
// boundary crosses some thousands of cells and the grid has cells inside, outside and cut. No
// randomness: every build measures the same polygon. The best (shortest) run is the figure, since
// the others only add noise from the machine; the median is printed beside it.
//
// Two figures, because the call's two arrays (cells, and the per-column sums: 4 MB at 512 x 512)
// cost as much as the arithmetic when their pages are new:
//   cold: each run's result freed before the next, as a caller going through zones does; glibc
//         gives the memory back to the system, so every run starts on fresh pages;
//   warm: then the same with glibc told to keep freed memory (mallopt), so runs reuse pages and
//         the figure is the algorithm's own time.
// The fractions' bit pattern is hashed (FNV-1a), so builds that must give identical results can be
// compared too. Prints one JSON line:
//   {"vertices":V,"cells":C,"runs":N,"cold_best_ms":..,"cold_median_ms":..,"warm_best_ms":..,
//    "warm_median_ms":..,"sum":S,"hash":"H"}
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/core/CoverageFraction.h"

using namespace burdenmap;

namespace {

Ring wavy_star(int vertices, double cx, double cy, double radius) {
    Ring ring;
    ring.reserve(static_cast<std::size_t>(vertices));
    for (int i = 0; i < vertices; ++i) {
        const double a = 2 * M_PI * i / vertices;
        const double r = radius * (0.7 + 0.2 * std::sin(9 * a) + 0.08 * std::sin(97 * a));
        ring.push_back({cx + r * std::cos(a), cy + r * std::sin(a)});
    }
    return ring;
}

std::uint64_t fnv1a(const std::vector<double>& values) {
    std::uint64_t h = 1469598103934665603ull;
    for (double v : values) {
        unsigned char bytes[sizeof v];
        std::memcpy(bytes, &v, sizeof v);
        for (unsigned char b : bytes) h = (h ^ b) * 1099511628211ull;
    }
    return h;
}

int usage() {
    std::fprintf(stderr, "usage: coverage_bench [--runs N] [--vertices V] [--cells C]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 30, vertices = 2000, cells = 512;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) return usage();
        const int value = std::atoi(argv[++i]);
        if (value < 1) return usage();
        if (arg == "--runs") runs = value;
        else if (arg == "--vertices") vertices = std::max(3, value);
        else if (arg == "--cells") cells = value;
        else return usage();
    }
    const double res = 10, x0 = 155000, y0 = 463000 + cells * res;
    const Grid grid(x0, y0, res, res, cells, cells);
    const MultiPolygon zone{Polygon{wavy_star(vertices, x0 + cells * res / 2, y0 - cells * res / 2, cells * res / 2), {}}};

    double sum = 0;
    std::uint64_t hash = 0;
    const auto measure = [&] {
        std::vector<double> ms;
        for (int i = 0; i < runs; ++i) {
            const auto t = std::chrono::steady_clock::now();
            const Raster<double> cov = coverage_fraction(zone, grid);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
            if (i + 1 < runs) continue;
            sum = 0;
            for (double v : cov.values()) sum += v;
            hash = fnv1a(cov.values());
        }
        std::sort(ms.begin(), ms.end());
        return std::pair{ms.front(), ms[ms.size() / 2]};
    };
    const auto cold = measure();
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest: arrays up to 32 MB come from the heap
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
    const auto warm = measure();
    std::printf("{\"vertices\":%d,\"cells\":%d,\"runs\":%d,\"cold_best_ms\":%.3f,\"cold_median_ms\":%.3f,"
                "\"warm_best_ms\":%.3f,\"warm_median_ms\":%.3f,\"sum\":%.17g,\"hash\":\"%016llx\"}\n",
                vertices, cells, runs, cold.first, cold.second, warm.first, warm.second, sum, static_cast<unsigned long long>(hash));
    return 0;
}

// coverage_bench: the time of one coverage_fraction call on a fixed polygon, best of N runs, for
// measuring changes to the coverage core (issue 18: a 2,000-vertex ring over 512 x 512 cells).
//
//   coverage_bench [--runs N] [--vertices V] [--cells C]
//
// The ring is a wavy star around the centre of a C x C grid of 10 m cells at Dutch RD
// coordinates, reaching from about a quarter to nearly the whole half-width of the grid, so its
// boundary crosses some thousands of cells and the grid has cells inside, outside and cut. No
// randomness: every build measures the same polygon. The best (shortest) run is the figure, since
// the others only add noise from the machine. The fractions' bit pattern is hashed (FNV-1a), so
// two builds that claim to give identical results can be compared too.
// Prints one JSON line: {"vertices":V,"cells":C,"runs":N,"best_ms":B,"median_ms":M,"sum":S,"hash":"H"}
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
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

    std::vector<double> ms;
    Raster<double> cov;
    for (int i = 0; i < runs; ++i) {
        const auto t = std::chrono::steady_clock::now();
        cov = coverage_fraction(zone, grid);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
    }
    std::sort(ms.begin(), ms.end());
    double sum = 0;
    for (double v : cov.values()) sum += v;
    std::printf("{\"vertices\":%d,\"cells\":%d,\"runs\":%d,\"best_ms\":%.3f,\"median_ms\":%.3f,\"sum\":%.17g,\"hash\":\"%016llx\"}\n",
                vertices, cells, runs, ms.front(), ms[ms.size() / 2], sum, static_cast<unsigned long long>(fnv1a(cov.values())));
    return 0;
}

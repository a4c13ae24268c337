#include "burdenmap/report/ClassBreaks.h"

#include <algorithm>
#include <cmath>

namespace burdenmap::report {

namespace {

std::vector<double> finite_sorted(std::vector<double> values) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
                 values.end());
    std::sort(values.begin(), values.end());
    return values;
}

std::vector<double> merged(std::vector<double> edges) {
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    if (edges.size() == 1) edges.push_back(edges.front());  // one distinct value: one class [v, v]
    return edges;
}

}  // namespace

std::vector<double> quantile_breaks(std::vector<double> values, int classes) {
    const std::vector<double> v = finite_sorted(std::move(values));
    if (v.empty() || classes < 1) return {};
    std::vector<double> edges;
    const double last = static_cast<double>(v.size() - 1);
    for (int i = 0; i <= classes; ++i) {
        const double pos = last * i / classes;
        const auto lo = static_cast<std::size_t>(std::floor(pos));
        const std::size_t hi = std::min(lo + 1, v.size() - 1);
        edges.push_back(v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo)));
    }
    edges.front() = v.front();  // exact ends, free of interpolation rounding
    edges.back() = v.back();
    return merged(edges);
}

std::vector<double> few_distinct_values(std::vector<double> values, std::size_t at_most) {
    std::vector<double> v = finite_sorted(std::move(values));
    v.erase(std::unique(v.begin(), v.end()), v.end());
    if (v.size() > at_most) v.clear();
    return v;
}

std::vector<double> equal_interval_breaks(const std::vector<double>& values, int classes) {
    const std::vector<double> v = finite_sorted(values);
    if (v.empty() || classes < 1) return {};
    std::vector<double> edges;
    for (int i = 0; i <= classes; ++i) edges.push_back(v.front() + (v.back() - v.front()) * i / classes);
    edges.back() = v.back();
    return merged(edges);
}

}  // namespace burdenmap::report

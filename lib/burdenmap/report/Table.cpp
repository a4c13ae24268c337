#include "burdenmap/report/Table.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/report/NumberFormat.h"

namespace burdenmap::report {

std::optional<std::size_t> Table::column(const std::string& name) const {
    auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end()) return std::nullopt;
    return static_cast<std::size_t>(it - columns.begin());
}

std::optional<double> Table::number(std::size_t row, const std::string& name) const {
    const auto c = column(name);
    if (!c || row >= rows.size() || *c >= rows[row].size()) return std::nullopt;
    const Cell& v = rows[row][*c];
    if (const auto* i = std::get_if<long long>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v); d && std::isfinite(*d)) return *d;
    return std::nullopt;
}

std::string Table::text(std::size_t row, const std::string& name) const {
    const auto c = column(name);
    if (!c || row >= rows.size() || *c >= rows[row].size()) return "";
    const Cell& v = rows[row][*c];
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* i = std::get_if<long long>(&v)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v)) return format_number(*d);
    return "";
}

std::vector<double> Table::numbers(const std::string& name) const {
    std::vector<double> out;
    out.reserve(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(number(r, name).value_or(std::nan("")));
    return out;
}

}  // namespace burdenmap::report

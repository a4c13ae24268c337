#include "burdenmap/job/FairnessColumns.h"

#include <cmath>
#include <stdexcept>
#include <utility>
#include <variant>

namespace burdenmap {

fair::ZoneValues ZoneColumns::values(const std::string& name) const {
    const int i = index(name);
    if (i < 0) throw std::logic_error("fairness: no zones column '" + name + "' (plan_fairness should have refused it)");
    fair::ZoneValues out;
    for (const auto& row : rows_) {
        const FieldValue& v = row[static_cast<std::size_t>(i)];
        if (const double* d = std::get_if<double>(&v)) out.push_back(std::isnan(*d) ? std::nullopt : std::optional<double>(*d));
        else if (const long long* n = std::get_if<long long>(&v)) out.push_back(static_cast<double>(*n));
        else out.push_back(std::nullopt);
    }
    return out;
}

const FieldSpec* ZoneColumns::spec(const std::string& name) const {
    const int i = index(name);
    return i < 0 ? nullptr : &fields_[static_cast<std::size_t>(i)];
}

int ZoneColumns::index(const std::string& name) const {
    for (std::size_t i = 0; i < fields_.size(); ++i)
        if (fields_[i].name == name) return static_cast<int>(i);
    return -1;
}

void add_zone_column(FairnessResult& r, FieldSpec spec, const std::vector<FieldValue>& values) {
    r.zone_fields.push_back(std::move(spec));
    for (std::size_t z = 0; z < values.size(); ++z) r.zone_values[z].push_back(values[z]);
}

}  // namespace burdenmap

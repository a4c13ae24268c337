#pragma once
// What the fairness stage and its index presets share: the zones layer read by column name, and
// the columns they append to it. Internal to job/ (Fairness.cpp and the Preset*.cpp files).
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/fair/Indicator.h"
#include "burdenmap/job/Fairness.h"

namespace burdenmap {

// The zones layer by column name, as numbers (NULL, text and NaN → nullopt).
class ZoneColumns {
public:
    ZoneColumns(const std::vector<FieldSpec>& fields, const std::vector<std::vector<FieldValue>>& rows)
        : fields_(fields), rows_(rows) {}
    bool has(const std::string& name) const { return index(name) >= 0; }
    // plan_fairness checked every column the config names against the same zone_fields, so a
    // missing one is a logic error.
    fair::ZoneValues values(const std::string& name) const;
    const FieldSpec* spec(const std::string& name) const;  // nullptr when there is no such column

private:
    int index(const std::string& name) const;
    const std::vector<FieldSpec>& fields_;
    const std::vector<std::vector<FieldValue>>& rows_;
};

// A number or NULL as a field value.
inline FieldValue opt(const std::optional<double>& v) { return v ? FieldValue(*v) : FieldValue(); }
inline FieldValue opt_int(const std::optional<int>& v) { return v ? FieldValue(static_cast<long long>(*v)) : FieldValue(); }

// Appends a column (one value per zone) to the zones layer's fairness columns.
void add_zone_column(FairnessResult& r, FieldSpec spec, const std::vector<FieldValue>& values);

}  // namespace burdenmap

#include "burdenmap/compare/ClassShift.h"

#include <algorithm>

namespace burdenmap {

namespace {

ClassShiftRow shift_row(const ZoneTables& t, const std::string& measure, const std::string& kind, int cls,
                        const std::string& label, const std::string& column) {
    ClassShiftRow row;
    row.measure = measure;
    row.kind = kind;
    row.cls = cls;
    row.class_label = label;
    row.base = column_sum(t.base, column);
    for (const ZoneRows& plan : t.plans) row.plan.push_back(column_sum(plan, column));
    return row;
}

}  // namespace

std::vector<int> numbered_columns(const std::vector<std::string>& columns, const std::string& prefix) {
    std::vector<int> out;
    for (const std::string& c : columns) {
        if (c.size() <= prefix.size() || c.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string rest = c.substr(prefix.size());
        if (rest.size() > 6 || !std::all_of(rest.begin(), rest.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) continue;
        out.push_back(std::stoi(rest));
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<ClassShiftRow> class_shift(const ZoneTables& tables, const std::vector<ComparedMeasure>& measures) {
    std::vector<ClassShiftRow> out;
    for (const ComparedMeasure& m : measures) {
        if (m.kind == ComparedMeasure::Kind::layer_score) {
            const std::string prefix = m.layer + "_pop_class_";
            for (int k : numbered_columns(tables.base.columns, prefix)) {
                const std::size_t i = static_cast<std::size_t>(k);
                out.push_back(shift_row(tables, m.name, "class", k, i < m.class_labels.size() ? m.class_labels[i] : "",
                                        prefix + std::to_string(k)));
            }
        } else if (m.kind == ComparedMeasure::Kind::cumulation) {
            const std::string prefix = m.name + "_pop_ge";
            for (int k : numbered_columns(tables.base.columns, prefix))
                out.push_back(shift_row(tables, m.name, "at_least", k, "at least " + std::to_string(k), prefix + std::to_string(k)));
        }
    }
    return out;
}

}  // namespace burdenmap

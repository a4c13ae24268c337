#include "burdenmap/compare/StatisticColumns.h"

namespace burdenmap {

std::vector<std::vector<std::string>> statistic_columns(const std::vector<std::string>& columns, const std::vector<ColumnOwner>& owners,
                                                        const std::map<std::string, std::string>& codebook_method) {
    std::vector<std::vector<std::string>> out(owners.size());
    for (const std::string& column : columns) {
        std::size_t best = owners.size();
        for (std::size_t o = 0; o < owners.size(); ++o) {
            const std::string prefix = owners[o].name + "_";
            if (column.size() <= prefix.size() || column.compare(0, prefix.size(), prefix) != 0) continue;
            if (best == owners.size() || owners[o].name.size() > owners[best].name.size()) best = o;
        }
        if (best == owners.size()) continue;
        const auto method = codebook_method.find(column);
        if (method != codebook_method.end() && !owners[best].methods.count(method->second)) continue;
        out[best].push_back(column);
    }
    return out;
}

}  // namespace burdenmap

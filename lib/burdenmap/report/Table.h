#pragma once
// A table read back from the GeoPackage (zones, codebook, income_groups), as the report's pure
// code sees it. Cell is the same variant as the writer's FieldValue (core/FeatureTable.h): NULL,
// integer, real, text.
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace burdenmap::report {

using Cell = std::variant<std::monostate, long long, double, std::string>;

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;

    std::optional<std::size_t> column(const std::string& name) const;
    bool has(const std::string& name) const { return column(name).has_value(); }
    // The cell as a number (integers and reals; NaN, NULL and text give nullopt); nullopt for a
    // missing column.
    std::optional<double> number(std::size_t row, const std::string& column) const;
    // The cell as text ("" for NULL); numbers are printed.
    std::string text(std::size_t row, const std::string& column) const;
    // Every row's number in a column (NaN where there is none), e.g. for class breaks.
    std::vector<double> numbers(const std::string& column) const;
};

}  // namespace burdenmap::report

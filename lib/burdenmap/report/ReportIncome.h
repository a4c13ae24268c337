#pragma once
// The report's income section (internal to lib/burdenmap/report): the chart of the income_groups
// table, and the answer's sentence comparing the lowest- and highest-income groups.
#include <optional>
#include <string>

#include "burdenmap/report/ReportModel.h"
#include "burdenmap/report/ReportText.h"
#include "burdenmap/report/Table.h"

namespace burdenmap::report::detail {

// The statistic the report leads with, as the income section needs it.
struct HeadlineBurden {
    std::string column;  // the zones column, e.g. "stapeling_mean"
    bool count = false;  // a count_at_least cumulation: values read as "burdens"
    std::string unit;
};

// Fills the model's chart fields from income_groups (the quintiles, else the deciles; at most six
// burdens, the headline first), or says why there is no chart; returns the answer's sentence on
// income ("" when the groups cannot be compared).
std::string add_income_chart(ReportModel& model, const Table& zones, const Table& codebook,
                             const std::optional<Table>& groups, const std::optional<HeadlineBurden>& headline,
                             const Titles& titles);

}  // namespace burdenmap::report::detail

#pragma once
// The report's fairness section (internal to lib/burdenmap/report), when the run had [fairness]:
// the composite index with the zones it ranks highest and their reasons, and the concentration
// index of the headline burden with its 95 % confidence interval. From run.json and the zones.
#include "burdenmap/report/ReportModel.h"
#include "burdenmap/report/ReportText.h"

namespace burdenmap::report::detail {

// The zones column a fairness index preset ranks by, "" when the zones have none: the CES-style
// score (`<preset>_score`), `count_high`, `cejst_categories`, or the first EJScreen percentile.
std::string index_column(const std::string& preset, const Table& zones);

void add_fairness_section(ReportModel& model, const json& manifest, const Table& zones, const Titles& titles);

}  // namespace burdenmap::report::detail

#pragma once
// The compare report as one self-contained HTML page, in the run report's styles (HtmlPage.h):
// the question and the answers, a delta map per alternative side by side, the class-shift chart
// with its tables, the by-income chart and table, the zones that change most, warnings and what
// was compared. No scripts, nothing fetched.
#include <string>

#include "burdenmap/report/CompareReportBuilder.h"

namespace burdenmap::report {

std::string render_compare_report_html(const CompareReportModel& model);

}  // namespace burdenmap::report

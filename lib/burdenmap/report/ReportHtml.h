#pragma once
// The report as one self-contained HTML page: styles inline, the map as a data: URI, the chart as
// inline SVG; no scripts, fonts or anything else fetched from the network. Readable printed and on
// a phone (one column below 900 px).
#include <string>

#include "burdenmap/report/ReportModel.h"

namespace burdenmap::report {

std::string render_report_html(const ReportModel& model);

}  // namespace burdenmap::report

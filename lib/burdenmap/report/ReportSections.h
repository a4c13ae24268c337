#pragma once
// The report's reference sections, filled from the manifest and the zones table (internal to
// lib/burdenmap/report): each burden on its own, methods and sources with the placeholder rows
// that were used, warnings, provenance.
#include <string>

#include "burdenmap/report/ReportModel.h"
#include "burdenmap/report/ReportText.h"

namespace burdenmap::report::detail {

void add_layer_sections(ReportModel& model, const json& manifest, const Table& zones);
void add_method_sections(ReportModel& model, const json& manifest);
void add_provenance(ReportModel& model, const json& manifest, const std::string& output_dir);

}  // namespace burdenmap::report::detail

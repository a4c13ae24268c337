#pragma once
// Decides what the report says from a finished run's outputs: run.json (the manifest), the zones
// and codebook tables of burden.gpkg, its income_groups table when there is one, and the map
// drawn by the caller. Pure: the caller reads the files (ReportWriter.h).
//
// Without an income_groups table (outputs of runs before burdenmap wrote it) the report leaves
// the income chart out and says so, rather than forming income groups itself: the groups are
// part of the fairness method (population quintiles, ties, the income indicator's direction),
// which belongs to the run, and a second implementation here could disagree with it.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/report/ReportModel.h"
#include "burdenmap/report/Table.h"
#include "burdenmap/report/ZoneStyles.h"

namespace burdenmap::report {

struct ReportInputs {
    std::string manifest_json;  // run.json's text
    Table zones;                // the zones layer's attributes
    Table codebook;
    std::optional<Table> income_groups;
    std::string map_png_base64;  // empty: no map
    std::string map_legend;      // what the map's colours show, e.g. "stapeling (number of layers)"
    std::string map_problem;     // why there is no map, when there is none
    std::string bivariate_png_base64;  // the burden × income map (zones with bivariate_class); empty: none
    std::string output_dir;      // for the footer
};

// The zones layer's columns with what the codebook says of them (empty texts for columns the
// codebook does not list).
std::vector<ColumnInfo> zone_column_info(const Table& zones, const Table& codebook);

// Rows of the `count` zones with the highest headline value (headline_column), highest first;
// ties broken by the stated keys of core/ZoneRanking.h (share at the highest level, population-
// weighted mean, zone id); zones without a value are left out. Empty without a headline.
std::vector<std::size_t> most_burdened(const Table& zones, const std::vector<ColumnInfo>& columns, std::size_t count);

// `numbered`: the rows numbered on the map (1, 2, … in this order), from most_burdened().
// Throws std::invalid_argument when the manifest is not JSON.
ReportModel build_report_model(const ReportInputs& in, const std::vector<std::size_t>& numbered);

}  // namespace burdenmap::report

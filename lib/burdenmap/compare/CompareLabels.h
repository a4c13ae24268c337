#pragma once
// The column suffixes of the alternatives in compare's tables (road_noise_mean_<label>): short,
// lowercase, safe in every column-name world (GeoPackage, CSV, pandas, R, SQL without quoting).
#include <optional>
#include <string>
#include <vector>

namespace burdenmap {

// A study name as a label: lowercase ASCII letters and digits, every other run of characters one
// "_", no leading or trailing "_", cut to 24 characters (then no trailing "_"). May be invalid
// (empty, starting with a digit): see label_problem.
std::string label_slug(const std::string& name);

// Why `label` cannot be a column suffix, or nullopt when it can: 1 to 24 characters of [a-z0-9_]
// starting with a letter, and not "base" (the base run's own name in compare.json).
std::optional<std::string> label_problem(const std::string& label);

// The labels of `study_names.size()` alternatives: `given` when not empty (each must be valid, all
// distinct, one per alternative: else std::invalid_argument saying which); else the slug of each
// study name when all are valid and distinct; else a1, a2, ... (two plans of one study, names
// that give no letters).
std::vector<std::string> choose_labels(const std::vector<std::string>& study_names, const std::vector<std::string>& given);

}  // namespace burdenmap

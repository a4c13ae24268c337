#pragma once
// The [fairness] section resolved against the job before any pixel is read: the index preset and
// the keys it needs, each indicator's percentile rule and source column (a zones column, checked
// against the zones layer's field list; or a column of [fairness.table], checked against the
// table's header), the income, population and burden columns, and the joined table itself with
// what its join matched. plan_job builds it, so `validate` and `run` refuse the same configs with
// the same errors; compute_fairness (job/Fairness) only computes.
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/config/Config.h"
#include "burdenmap/core/Diagnostics.h"
#include "burdenmap/core/JoinReport.h"
#include "burdenmap/fair/Percentile.h"
#include "burdenmap/io/TableSource.h"
#include "burdenmap/job/TableJoin.h"
#include "burdenmap/score/IndexParameters.h"

namespace burdenmap {

struct JobPlan;

struct FairnessIndicatorPlan {
    std::string key;                          // "fairness.indicator[2]", for messages
    fair::PercentileRule rule = fair::PercentileRule::ces;
    std::string zones_column;                 // the zones column it reads, or empty when ...
    std::optional<std::size_t> table_column;  // ... it reads this column of the joined table
};

// [fairness.table], read and joined to the zones (ids and values: a table, never pixels).
using FairnessTable = TableJoin;

struct FairnessPlan {
    bool enabled = false;
    std::optional<IndexParameters> preset;  // none with index = "none"
    std::string headline_burden;            // zones column
    std::string population_column;          // zones column of residents; empty: the job has no population
    bool groups_of_zones = false;           // income_groups = "zones": every zone weighs 1 in the groups
    std::string low_income_share;           // zones column, or empty: no most-burdened share
    std::vector<FairnessIndicatorPlan> indicators;  // in [[fairness.indicator]] order
    std::optional<FairnessTable> table;
    std::vector<std::string> describe() const;  // lines for `validate`
};

// Throws ConfigError naming the [fairness] key (unknown preset, percentile rule or column, a CES
// group, a key the preset needs) and InputError for the table (missing file, field or id column,
// no id matching a zone). Warns (`join-partial`) when fewer than 95 % of the zones matched.
FairnessPlan plan_fairness(const JobPlan& plan, Diagnostics& diagnostics);

}  // namespace burdenmap

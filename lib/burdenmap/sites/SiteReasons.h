#pragma once
// The sentences that say why a site got its verdict and its health advisory, e.g. "road_noise
// 72.4 dB > limit value 70 dB (bkl.road_lden_grenswaarde)": the wording only; what decides is
// SiteVerdict's. Numbers get just enough digits to tell a value from its threshold, in the same
// text whatever the process locale.
#include <string>
#include <vector>

#include "burdenmap/sites/SiteVerdict.h"

namespace burdenmap::sites {

// Why layer `l` has verdict `v`, appended to `out`: the values above a limit or standard value,
// what is not known, or (meets) the legal value with the least room left.
void add_layer_reasons(const LayerCheck& l, Verdict v, std::vector<std::string>& out);

// A guideline value reached, or a future limit value exceeded, on a layer.
std::string advisory_reason(const LayerCheck& l, const Comparison& c);

// A cumulation at or above its advisory level (c.advisory_at is set).
std::string advisory_reason(const CumulationCheck& c);

}  // namespace burdenmap::sites

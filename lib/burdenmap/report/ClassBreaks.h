#pragma once
// Class breaks for graduated styles and legends, computed from the values being mapped (the
// zones' statistic).
#include <string>
#include <vector>

namespace burdenmap::report {

// Class edges e0 < e1 < … < ek for k classes: e0 is the minimum and ek the maximum of the finite
// values (NaN is left out). Quantiles put about as many zones in each class (robust to a few
// extreme zones: the usual choice for a ranking map); equal intervals make classes of equal width
// (better when the numbers themselves matter, e.g. counts of layers). Equal edges are merged, so
// fewer classes come back when the values have few distinct levels; no finite value gives no
// edges, one distinct value gives [v, v].
// Quantile i/k uses the "type 7" rule (R's default; numpy's linear): position (n − 1)·i/k in
// the sorted values, interpolated between neighbours.
std::vector<double> quantile_breaks(std::vector<double> values, int classes);
std::vector<double> equal_interval_breaks(const std::vector<double>& values, int classes);

}  // namespace burdenmap::report

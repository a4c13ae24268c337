#pragma once
// Class breaks for graduated styles and legends, computed from the values being mapped (the
// zones' statistic).
#include <cstddef>
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

// The distinct finite values, ascending, when there are at most `at_most` of them (NaN left
// out); empty when there are more, or none. A statistic with few levels (a count of 0, 1 or 2
// layers per zone) is then shown one class per value ("0", "1", "2"): quantile ranges over it
// share their edges ("0 – 1", "1 – 2"), and a value on a shared edge falls into the class below.
std::vector<double> few_distinct_values(std::vector<double> values, std::size_t at_most);

}  // namespace burdenmap::report

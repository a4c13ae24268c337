#pragma once
// A number in messages and metadata the way printf's %g writes it ("0.5", "1e-06", "65"), but
// the same text whatever the process locale (std::to_chars): an error that quotes a nodata value
// or an extent must not turn 0.5 into "0,5" under a Dutch locale. Report legends and tables use
// report/NumberFormat instead (rounded for readers).
#include <string>

namespace burdenmap {

// At most `significant` significant digits (1..17), trailing zeros dropped, an exponent for
// very large or small magnitudes: printf("%.{significant}g").
std::string plain_number(double v, int significant = 6);

}  // namespace burdenmap

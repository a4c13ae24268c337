#pragma once
// Numbers as people read them in legends, tables and sentences.
#include <string>

namespace burdenmap::report {

// At most `significant` significant digits but never more than 3 decimals for numbers from 0.01
// up, no exponent for ordinary magnitudes, trailing zeros dropped: "2.6", "0.00012", "63", "1200".
// Below 0.001 and from 1e16 up with an exponent: "1.8e-8", "1e100". The same text in any locale.
std::string format_number(double v, int significant = 3);

// "a – b" with both ends formatted as above.
std::string format_range(double lower, double upper, int significant = 3);

// At most `decimals` decimals, trailing zeros dropped: format_fixed(1.1e-7, 2) == "0".
std::string format_fixed(double v, int decimals);

// A change (a difference plan − base) with its sign as format_number writes the number: "+1.2",
// "−0.42" (a true minus sign), "0" for zero and for what rounds to zero.
std::string format_change(double v, int significant = 3);

// A change in residents: "+1,200", "−300", "0".
std::string format_count_change(double v);

// A count rounded to a whole number with thousands separated by commas: "52,100".
std::string format_count(double v);

// A share 0..1 as a percentage: "12%", "0.4%" (one decimal below 10 %), "<0.1%" for tiny shares.
std::string format_percent(double share);

}  // namespace burdenmap::report

#pragma once
// The one place where numbers become text and text becomes numbers, the same whatever the process
// locale (std::to_chars / std::from_chars): under a German or Dutch locale printf writes 0.5 as
// "0,5" and strtod stops reading "0.5" at the point, so an error message, a QML style, a column
// name or a CBS value read from a table would change with the machine. The texts are printf's and
// strtod's in the "C" locale, so swapping them in changes no output. Report legends and tables
// round for readers on top of these (report/NumberFormat).
#include <optional>
#include <string>
#include <string_view>

namespace burdenmap {

// At most `significant` significant digits (1..17), trailing zeros dropped, an exponent for
// very large or small magnitudes: printf("%.{significant}g"), e.g. "0.5", "1e-06", "65".
std::string plain_number(double v, int significant = 6);

// The shortest of printf's %.15g, %.16g and %.17g that reads back to the same double: "0.1"
// rather than "0.10000000000000001", "100000" rather than to_chars' shortest "1e+05".
std::string round_trip_number(double v);

// printf("%.{decimals}f") with 0..1074 decimals (fewer become 0): every digit of the integer part,
// however large (1e100 has 101 of them), so no fixed buffer can cut it.
std::string fixed_number(double v, int decimals);

// printf("%.{decimals}e") with 0..1074 decimals: "1.80e-08", "1e+100".
std::string scientific_number(double v, int decimals);

// The number that the whole of `text` writes, as strtod reads it in the "C" locale: an optional
// sign, digits with an optional decimal point, an optional exponent; "inf", "infinity" and "nan"
// in any case. Out of range reads as strtod's ±inf or ±0. nullopt for anything else: empty text,
// spaces (trim first), a decimal comma, a second number, hexadecimal ("0x10": no table or config
// writes numbers so).
std::optional<double> parse_number(std::string_view text);

}  // namespace burdenmap

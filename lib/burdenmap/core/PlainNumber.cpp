#include "burdenmap/core/PlainNumber.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace burdenmap {

namespace {

// A double has at most 1074 decimals that are not zero (the smallest subnormal is 2^-1074), so
// more would only pad with zeros.
constexpr int kMaxDecimals = 1074;

std::string write(double v, std::chars_format format, int precision, std::size_t longest) {
    std::string out(longest, '\0');
    const auto r = std::to_chars(out.data(), out.data() + out.size(), v, format, precision);
    out.resize(static_cast<std::size_t>(r.ptr - out.data()));  // `longest` fits every double: never errc
    return out;
}

// The decimal order of a finite text that from_chars found out of range (the value lies in
// [10^(order-1), 10^order): 3 for 123, -2 for 0.001), so > 0 for one that overflows (order 309 and
// up) and < 0 for one that underflows (order -323 and down): the integer digits from the first
// non-zero one, less the zeros after the point before it, plus the exponent (clamped: "1e99999999999").
long long decimal_order(std::string_view t) {
    std::size_t i = 0;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    long long order = 0;
    bool seen_point = false, seen_digit = false;
    for (; i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == '.'); ++i) {
        if (t[i] == '.') {
            seen_point = true;
        } else if (t[i] != '0' || seen_digit) {
            seen_digit = true;
            if (!seen_point) ++order;
        } else if (seen_point) {
            --order;
        }
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        const bool negative = i < t.size() && t[i] == '-';
        if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
        long long exponent = 0;
        for (; i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])); ++i)
            exponent = std::min(exponent * 10 + (t[i] - '0'), 1000000000LL);
        order += negative ? -exponent : exponent;
    }
    return order;
}

}  // namespace

std::string plain_number(double v, int significant) {
    // 17 significant digits hold any double; more would only pad. With at most 17, the longest
    // text is "-1.2345678901234567e-308".
    const int digits = std::clamp(significant, 1, 17);
    return write(v, std::chars_format::general, digits, 32);
}

std::string round_trip_number(double v) {
    std::string text;
    for (int digits = 15; digits <= 17; ++digits) {
        text = plain_number(v, digits);
        if (parse_number(text) == v) break;
    }
    return text;
}

std::string fixed_number(double v, int decimals) {
    const int d = std::clamp(decimals, 0, kMaxDecimals);
    // A sign, 309 integer digits at most (DBL_MAX), the point and the decimals.
    return write(v, std::chars_format::fixed, d, static_cast<std::size_t>(d) + 312);
}

std::string scientific_number(double v, int decimals) {
    const int d = std::clamp(decimals, 0, kMaxDecimals);
    return write(v, std::chars_format::scientific, d, static_cast<std::size_t>(d) + 16);  // "-1." + d + "e-308"
}

std::optional<double> parse_number(std::string_view text) {
    // strtod takes a leading '+', from_chars does not; "+-1" stays no number. A hexadecimal "0x10"
    // stops from_chars at the 'x', so it is no number either.
    std::string_view t = text;
    if (t.size() > 1 && t[0] == '+' && t[1] != '-' && t[1] != '+') t.remove_prefix(1);
    double v = 0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (r.ptr != t.data() + t.size()) return std::nullopt;  // nothing read, or more text after the number
    if (r.ec == std::errc::result_out_of_range) {
        const bool negative = t[0] == '-';
        const double magnitude = decimal_order(t) > 0 ? std::numeric_limits<double>::infinity() : 0.0;
        return negative ? -magnitude : magnitude;
    }
    if (r.ec != std::errc()) return std::nullopt;
    return v;
}

}  // namespace burdenmap

#include "burdenmap/report/NumberFormat.h"

#include <algorithm>
#include <cmath>

#include "burdenmap/core/PlainNumber.h"

namespace burdenmap::report {

namespace {

std::string trim_zeros(std::string s) {
    if (s.find('.') == std::string::npos) return s;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

// "1.8e-8", "1e100": the mantissa to `significant` digits without trailing zeros, the exponent
// without '+' or leading zeros (printf writes "1.80e-08", "1.00e+100").
std::string with_exponent(double v, int significant) {
    const std::string s = scientific_number(v, std::max(significant - 1, 0));
    const std::size_t e = s.find('e');
    std::string exponent = s.substr(e + 1);
    const bool negative = exponent[0] == '-';
    exponent.erase(0, std::min(exponent.find_first_not_of("+-0"), exponent.size() - 1));
    return trim_zeros(s.substr(0, e)) + "e" + (negative ? "-" : "") + exponent;
}

}  // namespace

std::string format_number(double v, int significant) {
    if (std::isnan(v)) return "–";
    if (std::isinf(v)) return v > 0 ? "∞" : "−∞";
    if (v == 0) return "0";
    // Risks per year and the like: "1.8e-8", not "0.000000018". From 1e16 up a double no longer
    // holds every integer, so its integer digits would be binary noise (1e100 is
    // 10000000000000000159…): the significant digits and an exponent say it.
    if (std::fabs(v) < 0.001 || std::fabs(v) >= 1e16) return with_exponent(v, significant);
    const double magnitude = std::floor(std::log10(std::fabs(v)));
    // Digits after the decimal point for `significant` significant digits, capped at 3 for
    // ordinary numbers; tiny magnitudes (risks per year) keep their significant digits.
    int decimals = std::max(0, significant - 1 - static_cast<int>(magnitude));
    if (std::fabs(v) >= 0.01) decimals = std::min(decimals, 3);
    std::string s = trim_zeros(fixed_number(v, decimals));
    if (s == "-0") s = "0";
    return s;
}

std::string format_range(double lower, double upper, int significant) {
    return format_number(lower, significant) + " – " + format_number(upper, significant);
}

std::string format_fixed(double v, int decimals) {
    if (!std::isfinite(v)) return format_number(v);
    const std::string s = trim_zeros(fixed_number(v, decimals));
    return s == "-0" ? "0" : s;
}

std::string format_count(double v) {
    if (!std::isfinite(v)) return "–";
    // Rounded half away from zero, as llround, but as text: no integer type holds 1e30.
    const double n = std::round(v);
    std::string digits = fixed_number(std::fabs(n), 0);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return (n < 0 ? "-" : "") + digits;
}

namespace {

std::string with_sign(const std::string& magnitude, bool negative) {
    if (magnitude == "0" || magnitude == "–" || magnitude == "∞") return negative && magnitude == "∞" ? "−∞" : magnitude;
    return (negative ? "−" : "+") + magnitude;
}

}  // namespace

std::string format_change(double v, int significant) {
    if (std::isnan(v)) return format_number(v);
    return with_sign(format_number(std::fabs(v), significant), v < 0);
}

std::string format_count_change(double v) {
    if (std::isnan(v)) return format_count(v);
    return with_sign(format_count(std::fabs(v)), v < 0);
}

std::string format_percent(double share) {
    if (!std::isfinite(share)) return "–";
    const double p = share * 100;
    if (p > 0 && p < 0.1) return "<0.1%";
    return trim_zeros(fixed_number(p, p < 10 ? 1 : 0)) + "%";
}

}  // namespace burdenmap::report

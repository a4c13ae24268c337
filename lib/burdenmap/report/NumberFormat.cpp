#include "burdenmap/report/NumberFormat.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace burdenmap::report {

namespace {

std::string trim_zeros(std::string s) {
    if (s.find('.') == std::string::npos) return s;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

}  // namespace

std::string format_number(double v, int significant) {
    if (std::isnan(v)) return "–";
    if (std::isinf(v)) return v > 0 ? "∞" : "−∞";
    if (v == 0) return "0";
    const double magnitude = std::floor(std::log10(std::fabs(v)));
    // Digits after the decimal point for `significant` significant digits, capped at 3 for
    // ordinary numbers; tiny magnitudes (risks per year) keep their significant digits.
    int decimals = std::max(0, significant - 1 - static_cast<int>(magnitude));
    if (std::fabs(v) >= 0.01) decimals = std::min(decimals, 3);
    if (std::fabs(v) < 0.001) {  // risks per year and the like: "1.8e-8", not "0.000000018"
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.*e", std::max(significant - 1, 0), v);
        std::string s = buf;
        const std::size_t e = s.find('e');
        std::string mantissa = trim_zeros(s.substr(0, e));
        int exponent = std::stoi(s.substr(e + 1));
        return mantissa + "e" + std::to_string(exponent);
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = trim_zeros(buf);
    if (s == "-0") s = "0";
    return s;
}

std::string format_range(double lower, double upper, int significant) {
    return format_number(lower, significant) + " – " + format_number(upper, significant);
}

std::string format_fixed(double v, int decimals) {
    if (!std::isfinite(v)) return format_number(v);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = trim_zeros(buf);
    return s == "-0" ? "0" : s;
}

std::string format_count(double v) {
    if (!std::isfinite(v)) return "–";
    const long long n = std::llround(v);
    std::string digits = std::to_string(n < 0 ? -n : n);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return (n < 0 ? "-" : "") + digits;
}

std::string format_percent(double share) {
    if (!std::isfinite(share)) return "–";
    const double p = share * 100;
    if (p > 0 && p < 0.1) return "<0.1%";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", p < 10 ? 1 : 0, p);
    return trim_zeros(buf) + "%";
}

}  // namespace burdenmap::report

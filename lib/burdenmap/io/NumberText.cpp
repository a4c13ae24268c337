#include "burdenmap/io/NumberText.h"

#include <algorithm>

#include "burdenmap/core/PlainNumber.h"

namespace burdenmap {

std::string trimmed(std::string s) {
    s.erase(0, s.find_first_not_of(" \t\r\n"));
    s.erase(s.find_last_not_of(" \t\r\n") + 1);
    return s;
}

std::optional<double> parse_number_text(std::string s, bool& ok, const std::vector<std::string>& missing_tokens) {
    ok = true;
    s = trimmed(std::move(s));
    if (s.empty() || s == "." || s == "-") return std::nullopt;
    for (const std::string& token : missing_tokens)
        if (s == trimmed(token)) return std::nullopt;
    // A decimal comma; CBS tables carry no thousands separators, so "1.234,5" is no number. Read
    // without the locale: under a Dutch one strtod would stop at the point of "0.5".
    std::replace(s.begin(), s.end(), ',', '.');
    const std::optional<double> v = parse_number(s);
    ok = v.has_value();
    return v;
}

}  // namespace burdenmap

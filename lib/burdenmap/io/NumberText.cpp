#include "burdenmap/io/NumberText.h"

#include <algorithm>
#include <cstdlib>

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
    // A decimal comma; CBS tables carry no thousands separators.
    std::replace(s.begin(), s.end(), ',', '.');
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0') {
        ok = false;
        return std::nullopt;
    }
    return v;
}

}  // namespace burdenmap

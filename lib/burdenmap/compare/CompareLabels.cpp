#include "burdenmap/compare/CompareLabels.h"

#include <set>
#include <stdexcept>

namespace burdenmap {

namespace {
constexpr std::size_t max_label_length = 24;

bool letter(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::string label_slug(const std::string& name) {
    std::string out;
    bool gap = false;
    for (char raw : name) {
        const char c = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw - 'A' + 'a') : raw;
        if (letter(c) || digit(c)) {
            if (gap && !out.empty()) out += '_';
            out += c;
            gap = false;
        } else {
            gap = true;  // spaces, punctuation and non-ASCII bytes alike
        }
    }
    if (out.size() > max_label_length) out.resize(max_label_length);
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out;
}

std::optional<std::string> label_problem(const std::string& label) {
    if (label.empty()) return "is empty";
    if (label.size() > max_label_length) return "is longer than 24 characters";
    if (!letter(label.front())) return "does not start with a lowercase letter";
    for (char c : label)
        if (!letter(c) && !digit(c) && c != '_') return "holds a character other than a-z, 0-9 and _";
    if (label == "base") return "is the base run's own name";
    return std::nullopt;
}

std::vector<std::string> choose_labels(const std::vector<std::string>& study_names, const std::vector<std::string>& given) {
    const std::size_t n = study_names.size();
    if (!given.empty()) {
        if (given.size() != n)
            throw std::invalid_argument(std::to_string(given.size()) + " label(s) given for " + std::to_string(n) + " alternative(s)");
        std::set<std::string> seen;
        for (const std::string& label : given) {
            if (auto problem = label_problem(label)) throw std::invalid_argument("label '" + label + "' " + *problem);
            if (!seen.insert(label).second) throw std::invalid_argument("label '" + label + "' is given twice");
        }
        return given;
    }
    std::vector<std::string> slugs;
    std::set<std::string> seen;
    bool usable = true;
    for (const std::string& name : study_names) {
        slugs.push_back(label_slug(name));
        usable = usable && !label_problem(slugs.back()) && seen.insert(slugs.back()).second;
    }
    if (usable) return slugs;
    std::vector<std::string> numbered;
    for (std::size_t i = 0; i < n; ++i) numbered.push_back("a" + std::to_string(i + 1));
    return numbered;
}

}  // namespace burdenmap

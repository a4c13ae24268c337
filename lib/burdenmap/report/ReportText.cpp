#include "burdenmap/report/ReportText.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace burdenmap::report::detail {

std::string display_name(const std::string& name) {
    std::string out;
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t end = std::min(name.find('_', start), name.size());
        std::string word = name.substr(start, end - start);
        if (word == "no2" || word == "pm10" || word == "so2" || word == "o3") {
            std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::toupper(c); });
        } else if (word == "pm25") {
            word = "PM2.5";
        } else if (word == "nox") {
            word = "NOx";  // nitrogen oxides: the x stays lower case
        }
        if (!word.empty()) out += (out.empty() ? "" : " ") + word;
        start = end + 1;
    }
    return out;
}

std::string zone_label_with_id(const Table& zones, std::size_t row) {
    const std::string id = zones.text(row, "zone_id");
    const std::string name = zones.text(row, "zone_name");
    return name.empty() || name == id ? id : name + " (" + id + ")";
}

std::string without_mean(const std::string& column) {
    const std::string suffix = "_mean";
    return column.size() > suffix.size() && column.compare(column.size() - suffix.size(), suffix.size(), suffix) == 0
               ? column.substr(0, column.size() - suffix.size())
               : column;
}

Titles titles_of(const json& manifest) {
    Titles out;
    for (const char* list : {"layers", "cumulations"})
        for (const json& item : manifest.value(list, json::array()))
            if (const std::string t = str(item, "title"); !t.empty()) out[str(item, "name")] = t;
    return out;
}

std::string display_name(const std::string& name, const Titles& titles) {
    const std::pair<const std::string, std::string>* best = nullptr;
    for (const auto& entry : titles)
        if ((name == entry.first || name.rfind(entry.first + "_", 0) == 0) && (!best || entry.first.size() > best->first.size()))
            best = &entry;
    if (!best) return display_name(name);
    if (name == best->first) return best->second;
    return best->second + " " + display_name(name.substr(best->first.size() + 1));
}

std::string rule_words(const std::string& rule, bool with_ges, bool raw_values) {
    if (raw_values && rule == "weighted_sum") return "weighted sum of the layers' raw values (layers without a method)";
    if (raw_values && rule == "max") return "the highest of the layers' raw values (layers without a method)";
    if (rule == "count_at_least")
        return std::string("number of layers at their burden level") +
               (with_ges ? " (scores are counted, never added: GES practice)" : " (scores are counted, never added)");
    if (rule == "energetic_sum") return "noise levels added as sound energy, 10·log10 Σ 10^(L/10) (GGD practice)";
    if (rule == "weighted_sum") return "weighted sum of the layers' scores";
    if (rule == "max") return "the highest of the layers' scores";
    if (rule == "health_burden") return "healthy life-years lost (DALY) per 1,000 residents per year (RIVM MGR practice)";
    return rule;
}

std::string codebook_text(const Table& codebook, const std::string& layer, const std::string& column,
                          const std::string& field) {
    for (std::size_t r = 0; r < codebook.rows.size(); ++r)
        if (codebook.text(r, "layer") == layer && codebook.text(r, "column_name") == column)
            return codebook.text(r, field);
    return "";
}

std::string zones_column_title(const Table& codebook, const std::string& column) {
    const std::string unit = codebook_text(codebook, "zones", column, "unit");
    return display_name(column) + (unit.empty() ? "" : " (" + unit + ")");
}

std::optional<int> burden_level(const Table& zones, const std::string& layer) {
    const std::string prefix = layer + "_score_share_ge";
    for (const std::string& c : zones.columns)
        if (c.rfind(prefix, 0) == 0) {
            const std::string k = c.substr(prefix.size());
            if (!k.empty() && std::all_of(k.begin(), k.end(), [](unsigned char ch) { return std::isdigit(ch); }))
                return std::stoi(k);
        }
    return std::nullopt;
}

const json* bin_with_score(const json& layer, int score) {
    if (!layer.contains("method") || !layer["method"].contains("bins")) return nullptr;
    for (const json& b : layer["method"]["bins"])
        if (b.contains("score") && b["score"].is_number() && std::lround(b["score"].get<double>()) == score) return &b;
    return nullptr;
}

std::optional<double> column_sum(const Table& zones, const std::string& column) {
    if (!zones.has(column)) return std::nullopt;
    double sum = 0;
    for (std::size_t r = 0; r < zones.rows.size(); ++r) sum += zones.number(r, column).value_or(0);
    return sum;
}

std::optional<double> column_median(const Table& zones, const std::string& column) {
    std::vector<double> v;
    for (std::size_t r = 0; r < zones.rows.size(); ++r)
        if (auto x = zones.number(r, column)) v.push_back(*x);
    if (v.empty()) return std::nullopt;
    std::sort(v.begin(), v.end());
    const std::size_t mid = v.size() / 2;
    return v.size() % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

std::string str(const json& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
    return j[key].get<std::string>();
}

}  // namespace burdenmap::report::detail

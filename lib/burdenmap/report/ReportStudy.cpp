#include "burdenmap/report/ReportStudy.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace burdenmap::report::detail {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool has(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

const char* const kNoise = "noise";
const char* const kAir = "air pollution";
const char* const kSafety = "external-safety risk";

// A group as people name it: the three kinds the methods know, else "".
std::string known_group(const std::string& group) {
    const std::string g = lower(group);
    if (g == "noise" || g == "geluid" || has(g, "noise")) return kNoise;
    if (g == "air" || g == "lucht" || g.rfind("air_", 0) == 0 || has(g, "air quality") || has(g, "luchtkwaliteit")) return kAir;
    if (has(g, "safety") || has(g, "veiligheid")) return kSafety;
    return "";
}

// A layer without a group: what its method measures.
std::string known_quantity(const json& layer) {
    const json& method = layer.contains("method") ? layer["method"] : json::object();
    const std::string q = lower(str(method, "quantity") + " " + str(layer, "unit") + " " + str(method, "unit"));
    if (has(q, "lden") || has(q, "lnight") || has(q, "noise") || q.rfind("db", 0) == 0 || has(q, " db")) return kNoise;
    for (const char* pollutant : {"µg/m³", "ug/m3", "no2", "nox", "pm2", "pm10", "o3", "so2", "ozone"})
        if (has(q, pollutant)) return kAir;
    if (has(q, "plaatsgebonden risico") || has(q, "individual risk") || has(q, "location-based risk")) return kSafety;
    return "";
}

// Legal values name themselves ("EU limit value", "Bkl grenswaarde"); GES classes and WHO
// guidelines do not.
bool is_legal_value(const json& layer, const std::string& level_label) {
    const json& method = layer.contains("method") ? layer["method"] : json::object();
    const std::string text = lower(level_label + " " + str(method, "title"));
    for (const char* word : {"limit", "grenswaarde", "standaardwaarde", "omgevingswaarde"})
        if (has(text, word)) return true;
    return false;
}

bool applies_here(const std::string& jurisdiction, const std::string& study) {
    if (study.empty()) return false;
    if (jurisdiction == study) return true;
    if (jurisdiction != "EU") return false;
    static const std::array<const char*, 28> members = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
                                                        "DE", "GR", "EL", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
                                                        "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"};
    const std::string country = study.substr(0, study.find('-'));
    return std::any_of(members.begin(), members.end(), [&](const char* m) { return country == m; });
}

}  // namespace

std::vector<std::string> study_topics(const json& manifest, const Titles& titles) {
    std::vector<std::string> known, other;
    for (const json& layer : manifest.value("layers", json::array())) {
        const std::string group = str(layer, "group");
        std::string topic = known_group(group);
        if (topic.empty() && group.empty()) topic = known_quantity(layer);
        if (!topic.empty()) {
            known.push_back(topic);
            continue;
        }
        const std::string name = group.empty() ? display_name(str(layer, "name"), titles) : display_name(group, titles);
        if (std::find(other.begin(), other.end(), name) == other.end()) other.push_back(name);
    }
    std::vector<std::string> out;
    for (const char* topic : {kNoise, kAir, kSafety})
        if (std::find(known.begin(), known.end(), topic) != known.end()) out.push_back(topic);
    out.insert(out.end(), other.begin(), other.end());
    return out;
}

std::string word_list(const std::vector<std::string>& words, const std::string& conjunction) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i)
        out += (i == 0 ? "" : i + 1 == words.size() ? " " + conjunction + " " : ", ") + words[i];
    return out;
}

bool uses_ges(const json& manifest) {
    for (const json& layer : manifest.value("layers", json::array()))
        if (layer.contains("method") && str(layer["method"], "id").rfind("ges.", 0) == 0) return true;
    return false;
}

std::string legal_standing(const json& layer, const std::string& level_label, const std::string& study_jurisdiction) {
    const std::string j = layer.contains("method") ? str(layer["method"], "jurisdiction") : "";
    if (j.empty()) return "–";
    if (j == "study") return "rule of this study";
    if (j == "WHO") return "WHO guideline, for reference";
    const bool here = applies_here(j, study_jurisdiction);
    if (is_legal_value(layer, level_label)) {
        // Adopted but not yet in force: said with its year, never as today's limit.
        const json& method = layer["method"];
        const std::string from = method.contains("applies_from") && method["applies_from"].is_number_integer()
                                     ? std::to_string(method["applies_from"].get<int>())
                                     : "";
        if (here) return "legal limit value here" + (from.empty() ? "" : " from " + from) + " (" + j + ")";
        return "for reference (" + j + (from.empty() ? "" : ", from " + from) + ")";
    }
    return here ? j + " method" : j + " method, for reference";
}

}  // namespace burdenmap::report::detail

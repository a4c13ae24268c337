#include "burdenmap/io/FieldAliases.h"

#include <algorithm>
#include <cctype>

namespace burdenmap {
namespace {

// From CBS, Toelichting Wijk- en Buurtkaart 2021 §1 and §5 (codes and the ≤2021 shapefile names;
// the 2022+ GeoPackage/PDOK long names as public code reads them) and the Kerncijfers wijken en
// buurten tables 84983NED, 85163NED, 85618NED (income fields: long name, short code, and the
// ≤2012 upper-case names, as public code reads them: secondary).
const std::vector<std::vector<std::string>> kGroups = {
    {"buurtcode", "BU_CODE"},
    {"buurtnaam", "BU_NAAM"},
    {"wijkcode", "WK_CODE"},
    {"wijknaam", "WK_NAAM"},
    {"gemeentecode", "GM_CODE"},
    {"gemeentenaam", "GM_NAAM"},
    {"gemiddeld_inkomen_per_inwoner", "g_ink_pi", "INK_INW2"},
    {"gemiddeld_inkomen_per_inkomensontvanger", "g_ink_po"},
    {"aantal_inkomensontvangers", "a_inkont"},
    {"percentage_personen_met_laag_inkomen", "p_ink_li", "P_LAAGINKP"},
    {"percentage_personen_met_hoog_inkomen", "p_ink_hi", "P_HOOGINKP"},
    {"gemiddeld_gestandaardiseerd_inkomen_van_huishoudens", "g_hh_sti"},
    {"percentage_huishoudens_met_laag_inkomen", "p_hh_li"},
    {"percentage_huishoudens_met_hoog_inkomen", "p_hh_hi"},
    {"percentage_huishoudens_met_lage_koopkracht", "p_hh_lkk"},
    {"percentage_huishoudens_onder_of_rond_sociaal_minimum", "p_hh_osm", "P_SOCMINH"},
    {"huishoudens_tot_110_percent_van_sociaal_minimum", "p_hh_110"},
    {"huishoudens_tot_120_percent_van_sociaal_minimum", "p_hh_120"},
    {"mediaan_vermogen_van_particuliere_huish", "m_hh_ver"},
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

std::vector<std::string> field_aliases(const std::string& name) {
    std::vector<std::string> out{name};
    const std::string key = lower(name);
    for (const auto& group : kGroups)
        if (std::any_of(group.begin(), group.end(), [&](const std::string& n) { return lower(n) == key; }))
            for (const std::string& n : group)
                if (lower(n) != key) out.push_back(n);
    return out;
}

int find_field_index(const std::vector<std::string>& available, const std::string& name) {
    for (const std::string& candidate : field_aliases(name)) {
        const std::string key = lower(candidate);
        for (std::size_t i = 0; i < available.size(); ++i)
            if (lower(available[i]) == key) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace burdenmap

// The income chart: well-formed, self-contained SVG with one bar per value and round axis ends.
#include <catch2/catch.hpp>

#include "XmlCheck.h"
#include "burdenmap/report/SvgChart.h"

using namespace burdenmap::report;

namespace {

// Well-formed UTF-8: every lead byte followed by as many continuation bytes as it announces.
bool is_valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

std::size_t characters(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// The lines of the (single) panel's title, as the chart writes them.
std::vector<std::string> title_lines(const std::string& svg) {
    std::vector<std::string> lines;
    const std::string tag = "font-weight=\"600\" fill=\"#222\">";
    for (std::size_t at = svg.find(tag); at != std::string::npos; at = svg.find(tag, at + 1)) {
        const std::size_t begin = at + tag.size();
        lines.push_back(svg.substr(begin, svg.find("</text>", begin) - begin));
    }
    return lines;
}

std::vector<std::string> wrapped(const std::string& title) {
    BarChart chart;
    chart.groups = {"1", "2"};
    chart.panels.push_back({title, "µg/m³", {1.0, 2.0}});
    const std::string svg = bar_chart_svg(chart);
    INFO(svg);
    CHECK(is_valid_utf8(svg));
    CHECK(xmlcheck::problems(svg) == "");
    return title_lines(svg);
}

}  // namespace

TEST_CASE("axis ends are round numbers at or above the maximum", "[report][chart]") {
    CHECK(nice_axis_max(1.62) == 2);
    CHECK(nice_axis_max(63.2) == 100);
    CHECK(nice_axis_max(23.6) == 25);
    CHECK(nice_axis_max(10.4) == 20);
    CHECK(nice_axis_max(4.1) == 5);
    CHECK(nice_axis_max(5) == 5);
    CHECK(nice_axis_max(0.0083) == Approx(0.01));
    CHECK(nice_axis_max(0) == 1);
    CHECK(nice_axis_max(-3) == 1);
}

TEST_CASE("the chart has one panel per burden and one bar per group with a value", "[report][chart]") {
    BarChart chart;
    chart.title = "Average burden per income group";
    chart.groups = {"1", "2", "3", "4", "5"};
    chart.x_title = "income group: 1 = lowest income";
    chart.panels.push_back({"stapeling", "number of layers", {1.62, 0.65, 0.056, 0.012, 0.0083}});
    chart.panels.push_back({"NO2 & <friends>", "µg/m³", {23.6, std::nullopt, 16.8, 16.9, 17.3}});
    const std::string svg = bar_chart_svg(chart);
    INFO(svg);
    CHECK(xmlcheck::problems(svg) == "");
    CHECK(xmlcheck::count_elements(svg, "rect") == 9);  // 5 + 4: a missing value draws no bar
    CHECK(svg.find("NO2 &amp; &lt;friends&gt;") != std::string::npos);
    CHECK(svg.find(">–</text>") != std::string::npos);  // and is shown as a dash
    CHECK(svg.find("<title>Average burden per income group</title>") != std::string::npos);
    CHECK(svg.find("1 = 1.62") != std::string::npos);  // the accessible description lists the values
    // Nothing to fetch: the only address is the SVG namespace.
    std::size_t links = 0;
    for (std::size_t at = svg.find("http"); at != std::string::npos; at = svg.find("http", at + 1)) ++links;
    CHECK(links == 1);
    CHECK(svg.find("href") == std::string::npos);
    CHECK(svg.find("<script") == std::string::npos);
}

TEST_CASE("panels wrap into rows", "[report][chart]") {
    BarChart chart;
    chart.groups = {"1", "2"};
    for (int i = 0; i < 4; ++i) chart.panels.push_back({"b" + std::to_string(i), "", {1.0, 2.0}});
    const std::string svg = bar_chart_svg(chart);
    CHECK(svg.find("viewBox=\"0 0 750 400\"") != std::string::npos);  // 3 per row: 3 × 250 wide, 2 × 200 high
}

TEST_CASE("titles wrap between characters, never inside one (UTF-8)", "[report][chart]") {
    // No space in the first 38 characters: the cut falls at the 38th character (byte 38 is inside 'µ').
    CHECK(wrapped("Grenzwertüberschreitungshäufigkeit-µg/m³-Jahresmittel") ==
          std::vector<std::string>{"Grenzwertüberschreitungshäufigkeit-µg/", "m³-Jahresmittel"});
    // A second line too long for the panel ends after 37 characters with "…" (byte 37 is inside 'ô').
    const auto lines = wrapped("NO2 in µg/m³ at Crèche Zoë-Ångström-Müller-Éénhoorn-Hôtel-Noordoost");
    CHECK(lines == std::vector<std::string>{"NO2 in µg/m³ at Crèche", "Zoë-Ångström-Müller-Éénhoorn-Hôtel-No…"});
    CHECK(characters(lines.at(1)) == 38);
    // Widths count characters: 38 of them fit on one line however many bytes they take.
    const std::string accented = "Zoë Crèche Ångström Müller Éénhoorn µ³";
    REQUIRE(characters(accented) == 38);
    CHECK(wrapped(accented) == std::vector<std::string>{accented});
    CHECK(wrapped("PM2.5 yearly mean near Ångström school") == std::vector<std::string>{"PM2.5 yearly mean near Ångström school"});
    // Plain ASCII titles wrap as before: at the last space within 38 characters.
    CHECK(wrapped("Average road traffic noise Lden in dB at the facade") ==
          std::vector<std::string>{"Average road traffic noise Lden in dB", "at the facade"});
}

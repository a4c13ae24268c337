// The income chart: well-formed, self-contained SVG with one bar per value and round axis ends.
#include <catch2/catch.hpp>

#include "XmlCheck.h"
#include "burdenmap/report/SvgChart.h"

using namespace burdenmap::report;

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

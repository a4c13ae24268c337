// Numbers without locale: every path where our numbers become text or text becomes numbers gives
// the same result under a German global locale (decimal comma, '.' between thousands) as under
// "C". A library user's program may call setlocale or std::locale::global before it calls us;
// printf, strtod and iostreams would then write "0,5" in a QML style and read CBS's "0.5" as 0.
// The test fails (it does not skip) when de_DE.UTF-8 is not installed: scripts/install-deps
// generates it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <clocale>
#include <cstdio>
#include <locale>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "burdenmap/core/Grid.h"
#include "burdenmap/core/PlainNumber.h"
#include "burdenmap/io/CsvWriter.h"
#include "burdenmap/io/NumberText.h"
#include "burdenmap/report/ColorRamp.h"
#include "burdenmap/report/NumberFormat.h"
#include "burdenmap/report/QmlStyle.h"
#include "burdenmap/report/StyleClasses.h"
#include "burdenmap/report/SvgChart.h"
#include "burdenmap/report/Xml.h"
#include "burdenmap/sites/SiteVerdict.h"

using namespace burdenmap;

namespace {

constexpr const char* kGerman = "de_DE.UTF-8";

// Sets both the C locale (printf, strtod) and the C++ global locale (new streams) for its
// lifetime, and restores what was there before.
class GlobalLocale {
public:
    explicit GlobalLocale(const char* name) : c_before_(std::setlocale(LC_ALL, nullptr)), cpp_before_(std::locale()) {
        std::locale::global(std::locale(name));  // throws when `name` is not installed: the test fails
        if (!std::setlocale(LC_ALL, name)) {
            std::locale::global(cpp_before_);
            throw std::runtime_error(std::string("setlocale(LC_ALL, \"") + name + "\") failed: run scripts/install-deps");
        }
    }
    ~GlobalLocale() {
        std::setlocale(LC_ALL, c_before_.c_str());
        std::locale::global(cpp_before_);
    }
    GlobalLocale(const GlobalLocale&) = delete;
    GlobalLocale& operator=(const GlobalLocale&) = delete;

private:
    std::string c_before_;
    std::locale cpp_before_;
};

std::string parsed(const std::string& text, const std::vector<std::string>& tokens = {}) {
    bool ok = false;
    const std::optional<double> v = parse_number_text(text, ok, tokens);
    return !ok ? "not a number" : v ? round_trip_number(*v) : "missing";
}

sites::StandardRef standard(sites::StandardKind kind, double value, const std::string& id) {
    sites::StandardRef s;
    s.kind = kind;
    s.value = value;
    s.method = id;
    return s;
}

// The number texts of each path, in one list so a difference names its entry.
std::vector<std::string> number_texts() {
    std::vector<std::string> out;
    const double values[] = {0.5, -273.15, 1234567.891, 1e-6, 6.02e23, 1e100, 0.1, 52100.4, 1.8e-8};
    for (const double v : values) {
        out.push_back("plain " + plain_number(v) + " " + plain_number(v, 17) + " " + round_trip_number(v));
        out.push_back("fixed " + fixed_number(v, 2) + " " + scientific_number(v, 3));
        out.push_back("report " + report::format_number(v) + " " + report::format_fixed(v, 2) + " " +
                      report::format_count(v) + " " + report::format_percent(v / 1e6) + " " + report::format_range(v, 2 * v));
        out.push_back("xml " + report::xml_number(v));
        out.push_back("parse " + std::to_string(parse_number(plain_number(v, 17)) == v));
    }
    // CBS text: a decimal comma or point, no thousands separators, "." for missing.
    for (const char* text : {"0.5", "0,5", " 1234,5 ", "1.234,5", "1,234.5", "-3,25e2", ".", "NA", "12 345", "+7"})
        out.push_back(std::string("cbs '") + text + "' " + parsed(text, {"NA"}));
    // CSV: shortest round trip for doubles, integers without separators.
    FieldSpec real, integer;
    real.name = "a";
    integer.name = "n";
    integer.type = FieldType::integer;
    out.push_back("csv " + csv_text({real, integer}, {{0.1, 1234567LL}, {-2.5e-7, -1000LL}}));
    // Styles and the chart.
    const auto classes = report::graduated_classes({0, 0.5, 1250.25, 2.6e6}, report::ColorRamp::yl_or_rd(), "µg/m³");
    for (const auto& c : classes) out.push_back("class " + c.label);
    out.push_back("qml " + report::graduated_polygon_qml("pm25_mean", classes, report::ClassMethod::quantile));
    report::BarChart chart;
    chart.groups = {"1", "2"};
    chart.panels.push_back({"NO₂ bij Zoë's crèche", "µg/m³", {23.65, 1234.5}});
    out.push_back("svg " + report::bar_chart_svg(chart));
    // Site reasons: values, thresholds, margins and shares.
    sites::LayerCheck road;
    road.layer = "road_noise";
    road.unit = "dB";
    road.value = 53.004;
    road.comparisons = sites::compare_values(road.value, 0, {standard(sites::StandardKind::standard, 53, "bkl.std"),
                                                             standard(sites::StandardKind::limit, 70, "bkl.limit")});
    sites::LayerCheck air = road;
    air.layer = "no2";
    air.unit = "µg/m³";
    air.value = 17.25;
    air.unknown_share = 0.125;
    air.comparisons = sites::compare_values(air.value, air.unknown_share, {standard(sites::StandardKind::limit, 40, "eu.no2")});
    for (const auto& layers : {std::vector<sites::LayerCheck>{road}, std::vector<sites::LayerCheck>{air}}) {
        const sites::Assessment a = sites::assess(layers, {});
        for (const std::string& r : a.reasons) out.push_back("site " + r);
        out.push_back("margin " + round_trip_number(layers[0].comparisons[0].margin));
    }
    out.push_back("grid " + Grid(1000.5, 2000.25, 0.5, 0.5, 1200, 3).describe());
    return out;
}

}  // namespace

TEST_CASE("number texts are the same under a German global locale as under C", "[number][locale]") {
    const std::vector<std::string> in_c = number_texts();
    std::vector<std::string> in_german;
    {
        GlobalLocale german(kGerman);
        // The locale is really in force: printf and streams would write a decimal comma.
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.1f", 0.5);
        REQUIRE(std::string(buf) == "0,5");
        std::ostringstream s;
        s << 1234.5;
        REQUIRE(s.str() == "1.234,5");
        in_german = number_texts();
    }
    REQUIRE(in_german.size() == in_c.size());
    for (std::size_t i = 0; i < in_c.size(); ++i) {
        INFO("entry " << i);
        CHECK(in_german[i] == in_c[i]);
    }
    // And the C texts are the ones we mean (not just equal to a German mistake).
    const char* const expected[] = {
        "plain 0.5 0.5 0.5",
        "report 1234568 1234567.89 1,234,568 123% 1234568 – 2469136",
        "xml 0.1",
        "cbs '0,5' 0.5",
        "cbs ' 1234,5 ' 1234.5",
        "cbs '1.234,5' not a number",  // no thousands separators in CBS tables
        "cbs '1,234.5' not a number",
        "cbs '-3,25e2' -325",
        "cbs '.' missing",
        "cbs 'NA' missing",
        "cbs '12 345' not a number",
        "cbs '+7' 7",
        "csv a,n\n0.1,1234567\n-2.5e-07,-1000\n",
        "class 1250 – 2600000 µg/m³",
        "site road_noise 53.004 dB > standard value 53 dB (bkl.std), not above the limit value 70 dB (bkl.limit)",
        "site no2: no data on 12.5% of the site (max 17.25 µg/m³ where known)",
        "margin -0.004",  // 53 − 53.004 to 12 digits, not -0.0039999999999977831
        "margin 22.75",
        "grid 1200 x 3 cells of 0.5 x 0.5, extent [1000.5, 1998.75, 1600.5, 2000.25]",
    };
    for (const char* text : expected) {
        INFO(text);
        CHECK(std::find(in_c.begin(), in_c.end(), text) != in_c.end());
    }
}

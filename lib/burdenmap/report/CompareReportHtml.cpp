#include "burdenmap/report/CompareReportHtml.h"

#include "burdenmap/report/HtmlPage.h"
#include "burdenmap/report/Xml.h"

namespace burdenmap::report {

using namespace detail;

namespace {

// One map per alternative, side by side where the page is wide enough.
const char* const compare_css = R"(
.subtitle { color: #444; margin: -6px 0 14px; }
.maps { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 20px; margin-top: 12px; }
.maps figure { margin: 0; background: #fff; padding: 8px; border-radius: 4px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.maps h3 { margin: 2px 0 6px; }
.maps img { width: 100%; height: auto; display: block; }
@media print { .maps figure { box-shadow: none; } }
)";

std::string question_and_answers(const CompareReportModel& m) {
    // The question is the page's title, right above.
    std::string out = "<section class=\"qa\" aria-label=\"The answer\">\n";
    for (const std::string& a : m.answers)
        out += "<p class=\"answer\"><span class=\"label\">Answer</span>" + xml_escape(a) + "</p>\n";
    return out + html_list(m.key_facts, "facts") + "</section>\n";
}

std::string maps(const CompareReportModel& m) {
    std::string out = "<h2 id=\"maps\">Where it changes</h2>\n" + html_paragraph(m.maps_intro) + "<div class=\"maps\">\n";
    for (const CompareMapModel& map : m.maps) {
        out += "<figure>\n<h3>" + xml_escape(map.title) + "</h3>\n";
        if (!map.png_base64.empty())
            out += "<img src=\"data:image/png;base64," + map.png_base64 + "\" alt=\"Map of the change per grid cell with " +
                   xml_escape(map.title) + ": blue lower, red higher than in the base\"/>\n";
        out += "<figcaption>" + xml_escape(map.caption) + "</figcaption>\n</figure>\n";
    }
    return out + "</div>\n";
}

std::string chart(const std::string& svg) {
    return svg.empty() ? "" : "<div class=\"chart\">" + svg + "</div>\n";  // our own SVG, escaped when built
}

}  // namespace

std::string render_compare_report_html(const CompareReportModel& m) {
    std::string out = page_start("Plan comparison: " + m.title, compare_css);
    out += "<header>\n<p class=\"kicker\">burdenmap compare report</p>\n<h1>" + xml_escape(m.title) +
           "</h1>\n<p class=\"subtitle\">Against the base: " + xml_escape(m.base_study) + "</p>\n</header>\n";
    out += question_and_answers(m);
    out += maps(m);
    out += "<h2 id=\"classes\">Residents per class: base and alternatives</h2>\n" + html_paragraph(m.class_shift_intro) +
           chart(m.class_shift_svg);
    for (const TitledTable& t : m.class_shift_tables) out += "<h3>" + xml_escape(t.title) + "</h3>\n" + html_table(t.table);
    out += "<h2 id=\"income\">Who gains and who loses: by income</h2>\n" + html_paragraph(m.income_intro) +
           chart(m.income_svg) + html_table(m.income_table);
    out += "<h2 id=\"zones\">The neighbourhoods that change most</h2>\n" + html_paragraph(m.zones_intro) +
           html_table(m.changed_zones);
    out += "<h2 id=\"warnings\">Warnings</h2>\n";
    if (m.warnings.empty()) out += "<p class=\"ok\">The comparison gave no warnings.</p>\n";
    for (const std::string& w : m.warnings) out += "<div class=\"warn\">" + xml_escape(w) + "</div>\n";
    out += "<h2 id=\"compared\">What was compared</h2>\n" + html_table(m.compared);
    if (!m.tolerances.empty()) out += "<h3>Tolerances: a change within them counts as the same</h3>\n" + html_table(m.tolerances);
    out += "<h3>Folders and outputs</h3>\n" + html_facts_table(m.run_facts);
    return out + page_end(m.footer);
}

}  // namespace burdenmap::report

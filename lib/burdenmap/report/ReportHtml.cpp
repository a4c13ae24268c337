#include "burdenmap/report/ReportHtml.h"

#include "burdenmap/report/HtmlPage.h"
#include "burdenmap/report/Xml.h"

namespace burdenmap::report {

using namespace detail;

namespace {

std::string question_and_answer(const ReportModel& m) {
    std::string out = "<section class=\"qa\" aria-label=\"Question and answer\">\n";
    out += "<p><span class=\"label\">Question</span>" + xml_escape(m.question) + "</p>\n";
    out += "<p class=\"answer\"><span class=\"label\">Answer</span>" + xml_escape(m.answer) + "</p>\n";
    return out + html_list(m.key_facts, "facts") + "</section>\n";
}

std::string map_block(const ReportModel& m) {
    std::string out = "<div class=\"mapblock\">\n<figure>\n";
    if (!m.map_png_base64.empty())
        out += "<img src=\"data:image/png;base64," + m.map_png_base64 +
               "\" alt=\"Map of the cumulative burden with neighbourhood outlines; the most burdened neighbourhoods "
               "are numbered\">\n";
    out += "<figcaption>" + xml_escape(m.map_caption) + "</figcaption>\n</figure>\n";
    if (!m.map_list.empty()) {
        out += "<div class=\"toplist\">\n<h3>" + xml_escape(m.map_list_title) + "</h3>\n<ol>\n";
        for (const auto& [n, text] : m.map_list)
            out += "<li><span class=\"n\">" + xml_escape(n) + "</span><span>" + xml_escape(text) + "</span></li>\n";
        out += "</ol>\n</div>\n";
    }
    return out + "</div>\n";
}

std::string chart_section(const ReportModel& m) {
    std::string out = "<h2 id=\"income\">" + xml_escape(m.chart_title) + "</h2>\n";
    if (m.chart_svg.empty()) return out + html_paragraph(m.chart_note, "note");
    out += html_paragraph(m.chart_caption);
    out += "<div class=\"chart\">" + m.chart_svg + "</div>\n";  // our own SVG, escaped when built
    return out + html_paragraph(m.chart_note, "note");
}

}  // namespace

std::string render_report_html(const ReportModel& m) {
    std::string out = page_start("Environmental burden: " + m.study);
    out += "<header>\n<p class=\"kicker\">burdenmap report</p>\n<h1>Environmental burden: " + xml_escape(m.study) +
           "</h1>\n</header>\n";
    out += question_and_answer(m);
    out += map_block(m);
    out += chart_section(m);
    if (!m.fairness_intro.empty()) {
        out += "<h2 id=\"fairness\">Fairness: index and concentration</h2>\n" + html_paragraph(m.fairness_intro);
        out += html_list(m.fairness_facts);
        out += html_table(m.fairness_top);
        if (!m.bivariate_png_base64.empty())
            out += "<figure>\n<img src=\"data:image/png;base64," + m.bivariate_png_base64 +
                   "\" alt=\"Map of the neighbourhoods by burden and income class\">\n<figcaption>" +
                   xml_escape(m.bivariate_caption) + "</figcaption>\n</figure>\n";
    }
    out += "<h2 id=\"zones\">The most burdened neighbourhoods, and why</h2>\n" + html_paragraph(m.zones_intro) + html_table(m.top_zones);
    if (!m.uncertainty_intro.empty()) {
        out += "<h2 id=\"uncertainty\">How sure is the ranking</h2>\n" + html_paragraph(m.uncertainty_intro);
        out += html_list(m.uncertainty_facts);
        if (!m.uncertainty_chart_svg.empty())
            out += html_paragraph(m.uncertainty_chart_caption) + "<div class=\"chart\">" + m.uncertainty_chart_svg +
                   "</div>\n";  // our own SVG, escaped when built
    }
    out += "<h2 id=\"layers\">Each burden on its own</h2>\n" + html_paragraph(m.burden_levels_intro) + html_table(m.burden_levels);
    for (const std::string& p : m.layer_summaries) out += html_paragraph(p);
    out += "<h2 id=\"methods\">Methods and sources</h2>\n" + html_table(m.methods);
    if (!m.cumulations.empty()) out += "<h3>How the burdens are combined</h3>\n" + html_table(m.cumulations);
    if (!m.placeholder_notes.empty()) {
        out += "<h3>Placeholder values used</h3>\n<p class=\"note\">Some class boundaries are placeholders: recalled, not "
               "yet confirmed in a primary source. Results in these classes are not verified.</p>\n<ul>\n";
        for (const std::string& n : m.placeholder_notes) out += "<li>" + xml_escape(n) + "</li>\n";
        out += "</ul>\n";
    }
    out += "<h2 id=\"warnings\">Warnings</h2>\n";
    if (m.warnings.empty()) out += "<p class=\"ok\">The run gave no warnings.</p>\n";
    for (const std::string& w : m.warnings) out += "<div class=\"warn\">" + xml_escape(w) + "</div>\n";
    out += "<h2 id=\"provenance\">Provenance</h2>\n" + html_facts_table(m.run_facts);
    if (!m.inputs.empty()) out += "<h3>Inputs</h3>\n" + html_table(m.inputs);
    if (!m.timings.empty()) out += "<h3>Timings</h3>\n" + html_table(m.timings);
    return out + page_end(m.footer);
}

}  // namespace burdenmap::report

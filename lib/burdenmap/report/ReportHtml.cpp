#include "burdenmap/report/ReportHtml.h"

#include "burdenmap/report/Xml.h"

namespace burdenmap::report {

namespace {

const char* const css = R"(
:root { color-scheme: light; }
body { margin: 0; background: #f6f5f1; color: #1d1d1d; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 20px 24px 48px; }
header .kicker { color: #6b6b6b; font-size: 13px; letter-spacing: .04em; text-transform: uppercase; margin: 0; }
h1 { font-size: 28px; line-height: 1.25; margin: 4px 0 14px; }
h2 { font-size: 21px; margin: 36px 0 10px; border-bottom: 2px solid #e2dfd6; padding-bottom: 4px; }
h3 { font-size: 17px; margin: 18px 0 6px; }
.qa { background: #fff; border-left: 6px solid #bd0026; padding: 14px 20px; border-radius: 4px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.qa p { margin: 4px 0; }
.qa .label { font-weight: 700; color: #bd0026; margin-right: 6px; }
.qa .answer { font-size: 18px; }
.facts { margin: 8px 0 0; padding-left: 20px; color: #333; }
.mapblock { display: grid; grid-template-columns: minmax(0, 3fr) minmax(240px, 1.2fr); gap: 20px; margin-top: 18px; align-items: start; }
.mapblock figure { margin: 0; background: #fff; padding: 8px; border-radius: 4px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.mapblock img { width: 100%; height: auto; display: block; image-rendering: auto; }
figcaption { font-size: 14px; color: #444; margin-top: 6px; }
.toplist { background: #fff; padding: 10px 16px; border-radius: 4px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.toplist h3 { margin-top: 4px; font-size: 16px; }
.toplist ol { list-style: none; padding: 0; margin: 0; }
.toplist li { display: flex; gap: 8px; padding: 4px 0; border-bottom: 1px solid #eee; font-size: 15px; }
.toplist .n { display: inline-block; min-width: 24px; text-align: center; border: 1px solid #222; background: #fff; font-weight: 700; }
.chart { background: #fff; padding: 12px; border-radius: 4px; box-shadow: 0 1px 3px rgba(0,0,0,.08); overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 14px; margin: 8px 0; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e6e3da; vertical-align: top; }
th { background: #efece4; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.note { color: #555; font-size: 14px; }
.warn { background: #fff7e0; border-left: 4px solid #e69f00; padding: 8px 14px; margin: 6px 0; }
.ok { color: #2b6e2b; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; word-break: break-all; }
footer { margin-top: 40px; color: #777; font-size: 13px; }
@media (max-width: 900px) { .mapblock { grid-template-columns: 1fr; } }
@media print { body { background: #fff; } .qa, figure, .toplist, .chart { box-shadow: none; } }
)";

bool is_link(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

// Addresses are shown as links to click, never fetched: the page loads nothing.
std::string cell_html(const std::string& text) {
    if (is_link(text)) return "<a href=\"" + xml_escape(text) + "\" rel=\"noreferrer\">" + xml_escape(text) + "</a>";
    return xml_escape(text);
}

std::string table(const TextTable& t) {
    if (t.empty()) return "";
    std::string out = "<table>\n<thead><tr>";
    for (const std::string& h : t.headers) out += "<th>" + xml_escape(h) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i) {
            const bool num = i < t.numeric.size() && t.numeric[i];
            out += std::string(num ? "<td class=\"num\">" : "<td>") + cell_html(row[i]) + "</td>";
        }
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

std::string paragraph(const std::string& text, const char* cls = nullptr) {
    if (text.empty()) return "";
    return std::string("<p") + (cls ? std::string(" class=\"") + cls + "\"" : "") + ">" + xml_escape(text) + "</p>\n";
}

std::string question_and_answer(const ReportModel& m) {
    std::string out = "<section class=\"qa\" aria-label=\"Question and answer\">\n";
    out += "<p><span class=\"label\">Question</span>" + xml_escape(m.question) + "</p>\n";
    out += "<p class=\"answer\"><span class=\"label\">Answer</span>" + xml_escape(m.answer) + "</p>\n";
    if (!m.key_facts.empty()) {
        out += "<ul class=\"facts\">\n";
        for (const std::string& f : m.key_facts) out += "<li>" + xml_escape(f) + "</li>\n";
        out += "</ul>\n";
    }
    return out + "</section>\n";
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
    if (m.chart_svg.empty()) return out + paragraph(m.chart_note, "note");
    out += paragraph(m.chart_caption);
    out += "<div class=\"chart\">" + m.chart_svg + "</div>\n";  // our own SVG, escaped when built
    return out + paragraph(m.chart_note, "note");
}

std::string facts_table(const std::vector<std::pair<std::string, std::string>>& facts) {
    TextTable t;
    t.headers = {"", ""};
    for (const auto& [k, v] : facts) t.rows.push_back({k, v});
    std::string html = table(t);
    // A key–value table needs no header row.
    const std::string head = "<thead><tr><th></th><th></th></tr></thead>\n";
    if (auto at = html.find(head); at != std::string::npos) html.erase(at, head.size());
    return html;
}

}  // namespace

std::string render_report_html(const ReportModel& m) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      // No request may leave the page: a policy that allows only inline content.
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
                      "style-src 'unsafe-inline'\">\n"
                      "<title>Environmental burden: " + xml_escape(m.study) + "</title>\n<style>" + css +
                      "</style>\n</head>\n<body>\n<main>\n";
    out += "<header>\n<p class=\"kicker\">burdenmap report</p>\n<h1>Environmental burden: " + xml_escape(m.study) +
           "</h1>\n</header>\n";
    out += question_and_answer(m);
    out += map_block(m);
    out += chart_section(m);
    if (!m.fairness_intro.empty()) {
        out += "<h2 id=\"fairness\">Fairness: index and concentration</h2>\n" + paragraph(m.fairness_intro);
        if (!m.fairness_facts.empty()) {
            out += "<ul>\n";
            for (const std::string& f : m.fairness_facts) out += "<li>" + xml_escape(f) + "</li>\n";
            out += "</ul>\n";
        }
        out += table(m.fairness_top);
        if (!m.bivariate_png_base64.empty())
            out += "<figure>\n<img src=\"data:image/png;base64," + m.bivariate_png_base64 +
                   "\" alt=\"Map of the neighbourhoods by burden and income class\">\n<figcaption>" +
                   xml_escape(m.bivariate_caption) + "</figcaption>\n</figure>\n";
    }
    out += "<h2 id=\"zones\">The most burdened neighbourhoods, and why</h2>\n" + paragraph(m.zones_intro) + table(m.top_zones);
    out += "<h2 id=\"layers\">Each burden on its own</h2>\n" + paragraph(m.burden_levels_intro) + table(m.burden_levels);
    for (const std::string& p : m.layer_summaries) out += paragraph(p);
    out += "<h2 id=\"methods\">Methods and sources</h2>\n" + table(m.methods);
    if (!m.cumulations.empty()) out += "<h3>How the burdens are combined</h3>\n" + table(m.cumulations);
    if (!m.placeholder_notes.empty()) {
        out += "<h3>Placeholder values used</h3>\n<p class=\"note\">Some class boundaries are placeholders: recalled, not "
               "yet confirmed in a primary source. Results in these classes are not verified.</p>\n<ul>\n";
        for (const std::string& n : m.placeholder_notes) out += "<li>" + xml_escape(n) + "</li>\n";
        out += "</ul>\n";
    }
    out += "<h2 id=\"warnings\">Warnings</h2>\n";
    if (m.warnings.empty()) out += "<p class=\"ok\">The run gave no warnings.</p>\n";
    for (const std::string& w : m.warnings) out += "<div class=\"warn\">" + xml_escape(w) + "</div>\n";
    out += "<h2 id=\"provenance\">Provenance</h2>\n" + facts_table(m.run_facts);
    if (!m.inputs.empty()) out += "<h3>Inputs</h3>\n" + table(m.inputs);
    if (!m.timings.empty()) out += "<h3>Timings</h3>\n" + table(m.timings);
    out += "<footer>" + xml_escape(m.footer) + "</footer>\n</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace burdenmap::report

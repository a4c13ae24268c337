#include "burdenmap/report/HtmlPage.h"

#include "burdenmap/report/Xml.h"

namespace burdenmap::report::detail {

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

}  // namespace

std::string page_start(const std::string& title, const std::string& extra_css) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           // No request may leave the page: a policy that allows only inline content.
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
           "style-src 'unsafe-inline'\">\n"
           "<title>" + xml_escape(title) + "</title>\n<style>" + css + extra_css + "</style>\n</head>\n<body>\n<main>\n";
}

std::string page_end(const std::string& footer) {
    return "<footer>" + xml_escape(footer) + "</footer>\n</main>\n</body>\n</html>\n";
}

std::string html_table(const TextTable& t) {
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

std::string html_paragraph(const std::string& text, const char* cls) {
    if (text.empty()) return "";
    return std::string("<p") + (cls ? std::string(" class=\"") + cls + "\"" : "") + ">" + xml_escape(text) + "</p>\n";
}

std::string html_list(const std::vector<std::string>& items, const char* cls) {
    if (items.empty()) return "";
    std::string out = std::string("<ul") + (cls ? std::string(" class=\"") + cls + "\"" : "") + ">\n";
    for (const std::string& item : items) out += "<li>" + xml_escape(item) + "</li>\n";
    return out + "</ul>\n";
}

std::string html_facts_table(const std::vector<std::pair<std::string, std::string>>& facts) {
    TextTable t;
    t.headers = {"", ""};
    for (const auto& [k, v] : facts) t.rows.push_back({k, v});
    std::string html = html_table(t);
    // A key–value table needs no header row.
    const std::string head = "<thead><tr><th></th><th></th></tr></thead>\n";
    if (auto at = html.find(head); at != std::string::npos) html.erase(at, head.size());
    return html;
}

}  // namespace burdenmap::report::detail

#pragma once
// The pieces of a self-contained report page shared by the run report (ReportHtml.h) and the
// compare report (CompareReportHtml.h), internal to lib/burdenmap/report: the page's head with its
// styles and the policy that lets nothing be fetched, tables, paragraphs, the closing lines.
#include <string>
#include <utility>
#include <vector>

#include "burdenmap/report/ReportModel.h"

namespace burdenmap::report::detail {

// From <!DOCTYPE html> to the opening <main>: `title` in the tab, the shared styles followed by
// `extra_css`.
std::string page_start(const std::string& title, const std::string& extra_css = "");

// </main> … </html>, with the footer's text.
std::string page_end(const std::string& footer);

// A table (cells that are web addresses as links, numeric columns right-aligned); "" when empty.
std::string html_table(const TextTable& t);

// <p> with the text escaped (and a class, if given); "" for empty text.
std::string html_paragraph(const std::string& text, const char* cls = nullptr);

// <ul> of the items escaped (with a class, if given); "" for no items.
std::string html_list(const std::vector<std::string>& items, const char* cls = nullptr);

// A key–value table without a header row.
std::string html_facts_table(const std::vector<std::pair<std::string, std::string>>& facts);

}  // namespace burdenmap::report::detail

#pragma once
// What the report says, already worded and formatted: the builder (ReportBuilder.h) decides the
// content from a run's outputs, the renderer (ReportHtml.h) only lays it out. Text is plain (the
// renderer escapes it); a cell that is a web address is shown as a link.
#include <string>
#include <utility>
#include <vector>

namespace burdenmap::report {

struct TextTable {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> numeric;  // per column: right-aligned (numbers); may be shorter than headers
    bool empty() const { return rows.empty(); }
};

struct ReportModel {
    std::string study;       // the study's name, in the title
    std::string question;    // one sentence
    std::string answer;      // two sentences at most
    std::vector<std::string> key_facts;  // short lines under the answer

    std::string map_png_base64;  // empty: no map (the caption then says why)
    std::string map_caption;
    std::vector<std::pair<std::string, std::string>> map_list;  // "1" → "Vestinghof — 2.6": the numbered zones
    std::string map_list_title;

    std::string chart_title;
    std::string chart_svg;   // empty: `chart_note` says why there is no chart
    std::string chart_caption;
    std::string chart_note;

    std::string fairness_intro;  // empty: the run had no [fairness]
    std::vector<std::string> fairness_facts;  // the concentration index with its interval
    TextTable fairness_top;      // the zones the fairness index ranks highest, with their reasons
    std::string bivariate_png_base64;  // the burden × income map; empty: none
    std::string bivariate_caption;

    std::string zones_intro;
    TextTable top_zones;

    std::string uncertainty_intro;  // empty: the run had no [uncertainty] (no rank columns)
    std::vector<std::string> uncertainty_facts;  // per ranked measure: how sure its top tenth is
    std::string uncertainty_chart_svg;  // the headline's rank intervals; empty: no headline measure
    std::string uncertainty_chart_caption;

    std::string burden_levels_intro;
    TextTable burden_levels;  // what counts as a burden, per layer
    std::vector<std::string> layer_summaries;  // one paragraph per layer

    TextTable methods;
    TextTable cumulations;
    std::vector<std::string> placeholder_notes;

    std::vector<std::string> warnings;

    std::vector<std::pair<std::string, std::string>> run_facts;  // label → value
    TextTable inputs;
    TextTable timings;

    std::string footer;
};

}  // namespace burdenmap::report

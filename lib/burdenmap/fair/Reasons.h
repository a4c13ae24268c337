#pragma once
// Plain-language reasons that travel with every flag and score (DESIGN.md §4 "Explanations travel
// with results"; what CEJST's users asked for in the usds/justice40-tool issue threads: say why a
// zone qualifies, which thresholds it exceeds and how far). A reason is kept as parts (for columns: which
// indicator, its value, its percentile, the threshold crossed) and rendered as one text that
// states the quantity and which way it points, so it cannot be read upside down:
//     "NO2: at least as high as 94 % of areas; low income: at least as poor as 81 % of areas"
// (a bare "income at the 94th percentile" was written for one of the poorest areas, because the
// percentile runs in the burden direction while readers take it in the income's own direction).
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/fair/Indicator.h"

namespace burdenmap::fair {

// How a percentile part compares the zone with the others. Percentiles run in the burden
// direction, so the word says what a high percentile means for the quantity itself: a
// higher_is_worse indicator is at least as "high" as N % of areas, a higher_is_better one as
// "low" (its percentile ranks the negated values), an income indicator as "poor" whichever its order.
enum class Comparison { higher, lower, poorer };
Comparison comparison_for(Direction d);

struct ReasonPart {
    enum class Kind {
        percentile,  // "<label>: at least as <high|low|poor> as <N> % of areas"
        value,       // "<label> <value>[ <unit>], at or above <threshold>" (or "at or below")
        note         // free text, e.g. "all 8 neighbouring zones disadvantaged"
    };
    Kind kind = Kind::percentile;
    std::string label;                 // "NO2", "low income"
    std::optional<double> value;       // the raw value, where known
    std::optional<double> percent;     // the percentile on 0–100 (Kind::percentile)
    Comparison comparison = Comparison::higher;  // Kind::percentile: the direction in words
    std::optional<double> threshold;   // the threshold crossed: percent points for percentile
                                       // parts, raw units for value parts
    bool at_or_below = false;          // value parts: the threshold is crossed from above
    std::string unit;                  // value parts: "dB", "µg/m³"; may be empty
    std::string text;                  // note parts

    static ReasonPart at_percentile(std::string label, std::optional<double> value, double percent,
                                    Comparison comparison, std::optional<double> threshold_percent = std::nullopt);
    static ReasonPart at_value(std::string label, double value, double threshold, bool at_or_below = false,
                               std::string unit = "");
    static ReasonPart note(std::string text);
};

// English ordinal: 1st 2nd 3rd 4th … 11th 12th 13th … 21st 22nd 23rd … 101st 111th.
std::string ordinal(long n);

// The whole percentile shown in text: the percent rounded down (so a shown "90th" never
// overstates a value below 90), after a 1e-9 allowance for binary rounding (0.29 × 100 =
// 28.999999999999996 shows as 29), clamped to 0..100.
int whole_percentile(double percent);

// A number for text: at most 3 decimals, trailing zeros dropped ("63.2", "0.001", "60").
std::string format_number(double v);

std::string reason_text(const ReasonPart& part);
// The parts joined with "; ". Empty when there are none.
std::string reasons_text(const std::vector<ReasonPart>& parts);

}  // namespace burdenmap::fair

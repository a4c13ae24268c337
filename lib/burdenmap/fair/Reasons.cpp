#include "burdenmap/fair/Reasons.h"

#include <algorithm>
#include <cmath>
#include <charconv>
#include <utility>

namespace burdenmap::fair {

namespace {

struct ComparisonWords {
    const char* adjective;    // (at least as) "high" (as N % of areas)
    const char* superlative;  // (among the) "highest"
};

ComparisonWords words(Comparison c) {
    switch (c) {
        case Comparison::higher: return {"high", "highest"};
        case Comparison::lower: return {"low", "lowest"};
        case Comparison::poorer: return {"poor", "poorest"};
    }
    return {"", ""};
}

// "NO2: at least as high as 94 % of areas". The percentile counts the zone itself and its ties
// (CES: the share at or below it), so "higher than 94 %" would be false, and plainly so in a small
// study: of 4 areas the richest has 25 % and is poorer than none. At 100 the zone is among the
// highest.
std::string percentile_text(const ReasonPart& part) {
    const int pct = whole_percentile(part.percent.value_or(0));
    const ComparisonWords w = words(part.comparison);
    if (pct >= 100) return part.label + ": among the " + w.superlative + " of all areas";
    return part.label + ": at least as " + w.adjective + " as " + std::to_string(pct) + " % of areas";
}

// What every part about a quantity has: its kind, its label, its raw value and the threshold crossed.
ReasonPart quantity_part(ReasonPart::Kind kind, std::string label, std::optional<double> value,
                         std::optional<double> threshold) {
    ReasonPart p;
    p.kind = kind;
    p.label = std::move(label);
    p.value = value;
    p.threshold = threshold;
    return p;
}

}  // namespace

Comparison comparison_for(Direction d) { return d == Direction::higher_is_better ? Comparison::lower : Comparison::higher; }

ReasonPart ReasonPart::at_percentile(std::string label, std::optional<double> value, double percent,
                                     Comparison comparison, std::optional<double> threshold_percent) {
    ReasonPart p = quantity_part(Kind::percentile, std::move(label), value, threshold_percent);
    p.percent = percent;
    p.comparison = comparison;
    return p;
}

ReasonPart ReasonPart::at_value(std::string label, double value, double threshold, bool at_or_below,
                                std::string unit) {
    ReasonPart p = quantity_part(Kind::value, std::move(label), value, threshold);
    p.at_or_below = at_or_below;
    p.unit = std::move(unit);
    return p;
}

ReasonPart ReasonPart::note(std::string text) {
    ReasonPart p;
    p.kind = Kind::note;
    p.text = std::move(text);
    return p;
}

std::string ordinal(long n) {
    const long last_two = std::labs(n) % 100;
    const long last = std::labs(n) % 10;
    const char* suffix = "th";
    if (last_two < 11 || last_two > 13) {
        if (last == 1) suffix = "st";
        else if (last == 2) suffix = "nd";
        else if (last == 3) suffix = "rd";
    }
    return std::to_string(n) + suffix;
}

int whole_percentile(double percent) {
    const double floored = std::floor(percent + 1e-9);
    return static_cast<int>(std::clamp(floored, 0.0, 100.0));
}

std::string format_number(double v) {
    // std::to_chars: the same text whatever the process locale.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
    std::string s(buf, res.ptr);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
}

std::string reason_text(const ReasonPart& part) {
    switch (part.kind) {
        case ReasonPart::Kind::percentile: return percentile_text(part);
        case ReasonPart::Kind::value: {
            std::string s = part.label + " " + format_number(part.value.value_or(0));
            if (!part.unit.empty()) s += " " + part.unit;
            if (part.threshold)
                s += std::string(part.at_or_below ? ", at or below " : ", at or above ") + format_number(*part.threshold);
            return s;
        }
        case ReasonPart::Kind::note: return part.text;
    }
    return {};
}

std::string reasons_text(const std::vector<ReasonPart>& parts) {
    std::string s;
    for (const auto& p : parts) {
        if (!s.empty()) s += "; ";
        s += reason_text(p);
    }
    return s;
}

}  // namespace burdenmap::fair

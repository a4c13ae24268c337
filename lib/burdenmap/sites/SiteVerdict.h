#pragma once
// The verdict for one candidate housing site from its values and the standards that apply to them
// (Omgevingswet / Bkl art. 5.7, 5.78t–5.78z; EU limit values; data/methods cites each). Pure logic: no GDAL, no files; every number comes in from the
// method tables through the caller.
//
// Dutch legal logic (Omgevingswet / Bkl), per layer and then over all layers:
//  - not above any standard value (standaardwaarde) → "meets standard values";
//  - above a standard value but not above the limit value (grenswaarde) → "needs weighing": the
//    municipality may allow it with reasons (afwegingsruimte);
//  - above a limit value (Bkl grenswaarde, EU limit in force, PR 10⁻⁶ contour) → "exceeds limit value";
//  - a legal value that cannot be checked (no data on all or part of the site) → "unknown", never
//    "meets". A limit value known to be exceeded still decides: the site cannot pass either way.
// Legal values are exceeded only by a *higher* value: the law says "niet hoger dan" / "shall not
// be exceeded", so a value exactly at a standard value meets it. Guideline values (WHO) and
// advisory levels are reached *at or above* them (the method tables' threshold convention; WHO
// recommends levels "below" its value): they raise the separate health advisory, which never
// changes the verdict. A future limit value (EU 2030) is a limit, exceeded only when higher, and
// advisory until it applies.
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "burdenmap/score/ScoringMethod.h"

namespace burdenmap::sites {

enum class StandardKind { standard, limit, future_limit, guideline };
// "standard value", "limit value", "future limit value", "guideline value".
const char* to_string(StandardKind k);
bool is_legal(StandardKind k);  // standard and limit decide the verdict

// One value from a threshold method that a layer is compared with.
struct StandardRef {
    StandardKind kind = StandardKind::standard;
    std::string method;  // the method id, e.g. "bkl.rail_lden_grenswaarde"
    double value = 0;    // the method's standard, in the layer's unit
    Confidence confidence = Confidence::verified;
};

enum class Status { below, at, above, unknown };
const char* to_string(Status s);

// A value against a threshold, compared at Float32 precision (the precision of raster cells, as
// in scoring): a cell holding float(1e-6) is "at" 1e-6. NaN is unknown.
Status compare(double value, double threshold);

// One polygon of a contour layer that a site reaches: its value, and whether the site reaches its
// inside (true) or only touches its edge (false).
struct ContourReach {
    double value = 0;
    bool interior = false;
};

// A site against the contours of a vector layer (e.g. plaatsgebonden-risico contours). Inside a
// contour of value v the quantity is higher than v, on its line it equals v. So a threshold t is
//  - above when the site reaches the inside of a contour with v >= t, or the line of one with v > t;
//  - at when it only touches lines of contours with v == t;
//  - below otherwise (with `background` below t; a background at or above t decides by itself).
Status contour_status(const std::vector<ContourReach>& reached, double background, double threshold);

// threshold − value (room left; negative: above), rounded to 12 significant digits so 53 − 43.7
// reads 9.3 rather than 9.299999999999997; the values carry Float32's 7 digits. NaN stays NaN.
double margin(double threshold, double value);

struct Comparison {
    StandardRef standard;
    Status status = Status::unknown;
    double margin = std::numeric_limits<double>::quiet_NaN();  // standard − value; NaN for contours or no data
};

// Compares a value with each standard. On a site partly without data (unknown_share > 0) a value
// that is below a threshold, or at a legal one, becomes unknown: the part without data could be
// higher. (At a guideline value the guideline is reached whatever the rest holds.)
std::vector<Comparison> compare_values(double value, double unknown_share, const std::vector<StandardRef>& standards);

// What is known of one layer at one site.
struct LayerCheck {
    std::string layer;
    std::string unit;
    bool polygon_site = false;  // the value is the site's maximum (else a point's value)
    double value = std::numeric_limits<double>::quiet_NaN();
    double mean = std::numeric_limits<double>::quiet_NaN();
    double unknown_share = 0;   // share of the site without data (nodata or outside the grid)
    bool contour = false;       // a vector layer tested on its polygons
    std::string contour_relation;  // "inside", "touches", "outside" (of the decisive contour)
    double contour_level = std::numeric_limits<double>::quiet_NaN();     // the decisive contour's value
    double contour_distance = std::numeric_limits<double>::quiet_NaN();  // metres (map units) to it
    std::vector<Comparison> comparisons;
};

// A cumulation at the site, and the level that raises an advisory (if configured).
struct CumulationCheck {
    std::string name;
    std::string unit;
    bool polygon_site = false;
    double value = std::numeric_limits<double>::quiet_NaN();  // the point's cell or the polygon's maximum
    double mean = std::numeric_limits<double>::quiet_NaN();
    double unknown_share = 0;
    double percentile = std::numeric_limits<double>::quiet_NaN();  // of the mean among the zones' means
    std::optional<double> advisory_at;
    std::string advisory_source;  // the method id, or a note that the level is the config's own
    Confidence advisory_confidence = Confidence::verified;
    Status status = Status::unknown;  // value against advisory_at
    // Methods whose placeholder rows scored the site's cells that make up `value` (as named in
    // reports: an inline method is labelled so); they are placeholders behind the advisory too.
    std::vector<std::string> placeholder_methods;
};

enum class Verdict { meets, needs_weighing, exceeds_limit, unknown };
// "meets standard values", "needs weighing", "exceeds limit value", "unknown".
const char* to_string(Verdict v);

enum class Advisory { no, yes, unknown };
const char* to_string(Advisory a);  // "no", "yes", "unknown"

// One layer's legal outcome; nullopt when the layer has no standard or limit value.
std::optional<Verdict> layer_verdict(const LayerCheck& layer);

struct Assessment {
    Verdict verdict = Verdict::unknown;
    Advisory advisory = Advisory::unknown;
    std::vector<std::string> reasons;           // which layers and values decided the verdict
    std::vector<std::string> advisory_reasons;  // guidelines, future limits and levels reached
    // Placeholder values the site was compared with, and methods whose placeholder rows scored
    // the cells behind an advisory level it was checked against.
    std::vector<std::string> placeholders;
};

// The verdict over all layers (worst first: exceeds limit value, unknown, needs weighing, meets)
// and the health advisory. `layers` must contain at least one legal value; without any the verdict
// is unknown.
Assessment assess(const std::vector<LayerCheck>& layers, const std::vector<CumulationCheck>& cumulations);

// `--fail-on`: the verdicts that count as failing. "unknown" fails at every level but never: a
// site that cannot be checked is not passed.
enum class FailLevel { never, standard, limit };
bool fails(FailLevel level, Verdict verdict);

}  // namespace burdenmap::sites

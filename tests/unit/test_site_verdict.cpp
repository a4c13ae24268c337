// The check-sites verdict logic (lib/burdenmap/sites/SiteVerdict.h) on hand-made values: each
// branch of the Dutch legal logic exactly at a value, just above and just below it; partial data;
// the worst layer deciding; contours (inside, touching the line, outside); the health advisory;
// --fail-on. The standards here are numbers typed into the test (53/70 as the Bkl municipal-road
// values, 1e-6 as the PR limit) so the logic is tested without the method tables.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "burdenmap/core/NaN.h"
#include "burdenmap/sites/SiteVerdict.h"
#include "burdenmap/sites/ZonePercentile.h"

using namespace burdenmap;
using namespace burdenmap::sites;
using Catch::Matchers::Contains;

namespace {

StandardRef ref(StandardKind kind, double value, const std::string& id,
                Confidence confidence = Confidence::verified) {
    StandardRef s;
    s.kind = kind;
    s.method = id;
    s.value = value;
    s.confidence = confidence;
    return s;
}

// Road noise with the Bkl municipal-road standard (53) and limit (70, a placeholder in our
// tables), and the WHO guideline (53).
std::vector<StandardRef> road() {
    return {ref(StandardKind::standard, 53, "bkl.std"), ref(StandardKind::limit, 70, "bkl.limit", Confidence::placeholder),
            ref(StandardKind::guideline, 53, "who.road")};
}

LayerCheck layer(double value, double unknown_share = 0, bool polygon = false,
                 const std::vector<StandardRef>& standards = road()) {
    LayerCheck l;
    l.layer = "road_noise";
    l.unit = "dB";
    l.polygon_site = polygon;
    l.value = value;
    l.mean = value;
    l.unknown_share = unknown_share;
    l.comparisons = compare_values(value, unknown_share, standards);
    return l;
}

Verdict verdict_of(double value) { return assess({layer(value)}, {}).verdict; }

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += s + "\n";
    return out;
}

}  // namespace

TEST_CASE("compare: legal values are exceeded only by a higher value, at Float32 precision", "[sites]") {
    CHECK(compare(53.0, 53.0) == Status::at);
    CHECK(compare(53.1, 53.0) == Status::above);
    CHECK(compare(52.9, 53.0) == Status::below);
    CHECK(compare(kNaN, 53.0) == Status::unknown);
    // A risk raster cell holding float(1e-6) is at 1e-6, although float(1e-6) < 1e-6 in double.
    CHECK(compare(static_cast<double>(1e-6f), 1e-6) == Status::at);
}

TEST_CASE("verdict branches at, just above and just below the standard and the limit", "[sites]") {
    CHECK(verdict_of(52.9) == Verdict::meets);
    CHECK(verdict_of(53.0) == Verdict::meets);           // at the standard value: "niet hoger dan"
    CHECK(verdict_of(53.1) == Verdict::needs_weighing);
    CHECK(verdict_of(69.9) == Verdict::needs_weighing);
    CHECK(verdict_of(70.0) == Verdict::needs_weighing);  // at the limit value: within it
    CHECK(verdict_of(70.1) == Verdict::exceeds_limit);
    CHECK(verdict_of(kNaN) == Verdict::unknown);
    CHECK(std::string(to_string(Verdict::meets)) == "meets standard values");
    CHECK(std::string(to_string(Verdict::needs_weighing)) == "needs weighing");
    CHECK(std::string(to_string(Verdict::exceeds_limit)) == "exceeds limit value");
}

TEST_CASE("reasons name the layer, the value, the standard and the method, and placeholders", "[sites]") {
    const Assessment exceeds = assess({layer(70.1)}, {});
    REQUIRE(exceeds.reasons.size() == 1);
    CHECK_THAT(exceeds.reasons[0], Contains("road_noise 70.1 dB > limit value 70 dB"));
    CHECK_THAT(exceeds.reasons[0], Contains("bkl.limit, placeholder value: not verified"));
    CHECK(exceeds.placeholders == std::vector<std::string>{"bkl.limit"});

    const Assessment weighing = assess({layer(61)}, {});
    CHECK_THAT(weighing.reasons[0], Contains("road_noise 61 dB > standard value 53 dB (bkl.std)"));
    CHECK_THAT(weighing.reasons[0], Contains("not above the limit value 70 dB"));

    // Enough digits to tell a value just above from the standard.
    CHECK_THAT(assess({layer(53.004)}, {}).reasons[0], Contains("53.004 dB > standard value 53 dB"));

    const Assessment at = assess({layer(53)}, {});
    CHECK_THAT(at.reasons[0], Contains("= standard value 53 dB"));
    CHECK_THAT(at.reasons[0], Contains("not above it"));
    const Assessment meets = assess({layer(50)}, {});
    CHECK_THAT(meets.reasons[0], Contains("3 dB below the standard value 53 dB"));
    CHECK_THAT(assess({layer(50, 0, true)}, {}).reasons[0], Contains("road_noise max 50 dB"));
}

TEST_CASE("a site partly without data is unknown unless a limit is already exceeded", "[sites]") {
    CHECK(assess({layer(52, 0.1, true)}, {}).verdict == Verdict::unknown);
    CHECK(assess({layer(53, 0.1, true)}, {}).verdict == Verdict::unknown);  // at the standard: the rest may be higher
    CHECK(assess({layer(60, 0.1, true)}, {}).verdict == Verdict::unknown);  // the rest may be above the limit
    CHECK(assess({layer(71, 0.1, true)}, {}).verdict == Verdict::exceeds_limit);
    CHECK_THAT(assess({layer(52, 0.25, true)}, {}).reasons[0], Contains("no data on 25% of the site"));
    CHECK_THAT(assess({layer(kNaN)}, {}).reasons[0], Contains("road_noise: no data at the site"));
}

TEST_CASE("the worst layer decides: exceeds, then unknown, then needs weighing", "[sites]") {
    LayerCheck other = layer(kNaN);
    other.layer = "rail_noise";
    CHECK(assess({layer(71), other}, {}).verdict == Verdict::exceeds_limit);
    CHECK(assess({layer(60), other}, {}).verdict == Verdict::unknown);
    LayerCheck quiet = layer(40);
    quiet.layer = "rail_noise";
    const Assessment a = assess({quiet, layer(60)}, {});
    CHECK(a.verdict == Verdict::needs_weighing);
    REQUIRE(a.reasons.size() == 1);  // only the deciding layer
    CHECK_THAT(a.reasons[0], Contains("road_noise"));
    // Meets: every legal layer says why.
    CHECK(assess({quiet, layer(50)}, {}).reasons.size() == 2);
}

TEST_CASE("a layer with only a limit value (EU air) exceeds it or meets", "[sites]") {
    const std::vector<StandardRef> no2{ref(StandardKind::limit, 40, "eu2008.no2"), ref(StandardKind::future_limit, 20, "eu2030.no2"),
                                       ref(StandardKind::guideline, 10, "who2021.no2")};
    CHECK(assess({layer(40, 0, false, no2)}, {}).verdict == Verdict::meets);
    CHECK(assess({layer(40.01, 0, false, no2)}, {}).verdict == Verdict::exceeds_limit);
    const Assessment a = assess({layer(20, 0, false, no2)}, {});
    CHECK(a.verdict == Verdict::meets);
    // A future limit is a limit: not exceeded at its value. The WHO guideline is reached at 10.
    CHECK(a.advisory == Advisory::yes);
    REQUIRE(a.advisory_reasons.size() == 1);
    CHECK_THAT(a.advisory_reasons[0], Contains("guideline value 10"));
    CHECK(assess({layer(9.9, 0, false, no2)}, {}).advisory == Advisory::no);
    CHECK(assess({layer(10, 0, false, no2)}, {}).advisory == Advisory::yes);
    CHECK_THAT(joined(assess({layer(20.5, 0, false, no2)}, {}).advisory_reasons), Contains("> future limit value 20"));
}

TEST_CASE("no legal value at all: unknown, never meets", "[sites]") {
    const Assessment a = assess({layer(40, 0, false, {ref(StandardKind::guideline, 53, "who")})}, {});
    CHECK(a.verdict == Verdict::unknown);
    CHECK_THAT(a.reasons[0], Contains("no layer has a standard or limit value"));
}

TEST_CASE("the health advisory: guidelines and cumulation levels at or above, unknown when unchecked", "[sites]") {
    CHECK(assess({layer(52.9)}, {}).advisory == Advisory::no);
    CHECK(assess({layer(53)}, {}).advisory == Advisory::yes);  // WHO 53 reached at 53
    CHECK(assess({layer(kNaN)}, {}).advisory == Advisory::unknown);

    CumulationCheck count;
    count.name = "stapeling";
    count.unit = "number of layers";
    count.value = 3;
    count.advisory_at = 3;
    count.advisory_source = "config";
    count.status = compare(count.value, *count.advisory_at);
    const Assessment a = assess({layer(40)}, {count});
    CHECK(a.verdict == Verdict::meets);  // the advisory never changes the verdict
    CHECK(a.advisory == Advisory::yes);
    CHECK_THAT(a.advisory_reasons[0], Contains("stapeling 3 number of layers >= advisory level 3"));
    count.value = 2;
    count.status = compare(count.value, *count.advisory_at);
    CHECK(assess({layer(40)}, {count}).advisory == Advisory::no);
}

TEST_CASE("contour_status: inside, on the line, on a higher contour's line, outside", "[sites]") {
    const double t = 1e-6;
    CHECK(contour_status({}, 0.0, t) == Status::below);
    CHECK(contour_status({{1e-7, true}}, 0.0, t) == Status::below);
    CHECK(contour_status({{1e-6, true}}, 0.0, t) == Status::above);   // inside the 1e-6 contour
    CHECK(contour_status({{1e-6, false}}, 0.0, t) == Status::at);     // touches its line only
    CHECK(contour_status({{1e-7, true}, {1e-6, false}}, 0.0, t) == Status::at);
    CHECK(contour_status({{1e-6, false}, {1e-5, false}}, 0.0, t) == Status::above);  // a 1e-5 line lies inside
    CHECK(contour_status({}, 2e-6, t) == Status::above);               // a background above the level
    CHECK(contour_status({}, kNaN, t) == Status::unknown);
}

TEST_CASE("a site touching the 1e-6 contour's edge meets the limit and says so", "[sites]") {
    LayerCheck risk;
    risk.layer = "risk";
    risk.unit = "per year";
    risk.contour = true;
    risk.value = 1e-6;
    risk.contour_relation = "touches";
    risk.contour_level = 1e-6;
    risk.contour_distance = 0;
    Comparison c;
    c.standard = ref(StandardKind::limit, 1e-6, "bkl.pr_grenswaarde");
    c.status = contour_status({{1e-6, false}}, 0.0, 1e-6);
    risk.comparisons = {c};
    const Assessment touching = assess({risk}, {});
    CHECK(touching.verdict == Verdict::meets);
    CHECK_THAT(touching.reasons[0], Contains("touches the line of the 1e-06 per year contour"));
    risk.comparisons[0].status = contour_status({{1e-6, true}}, 0.0, 1e-6);
    const Assessment inside = assess({risk}, {});
    CHECK(inside.verdict == Verdict::exceeds_limit);
    CHECK_THAT(inside.reasons[0], Contains("reaches inside the 1e-06 per year contour of the limit value (bkl.pr_grenswaarde)"));
    risk.comparisons[0].status = Status::below;
    risk.contour_distance = 240;
    CHECK_THAT(assess({risk}, {}).reasons[0], Contains("240 m outside the 1e-06 per year contour"));
}

TEST_CASE("fail levels (--fail-on): unknown fails every level but never", "[sites]") {
    for (Verdict v : {Verdict::meets, Verdict::needs_weighing, Verdict::exceeds_limit, Verdict::unknown})
        CHECK_FALSE(fails(FailLevel::never, v));
    CHECK_FALSE(fails(FailLevel::standard, Verdict::meets));
    CHECK(fails(FailLevel::standard, Verdict::needs_weighing));
    CHECK(fails(FailLevel::standard, Verdict::exceeds_limit));
    CHECK(fails(FailLevel::standard, Verdict::unknown));
    CHECK_FALSE(fails(FailLevel::limit, Verdict::meets));
    CHECK_FALSE(fails(FailLevel::limit, Verdict::needs_weighing));
    CHECK(fails(FailLevel::limit, Verdict::exceeds_limit));
    CHECK(fails(FailLevel::limit, Verdict::unknown));
}

TEST_CASE("percent_at_or_below: the share of zones at or below, ties counted in", "[sites]") {
    const std::vector<double> zones{1, 2, 2, 3, kNaN};
    CHECK(percent_at_or_below(zones, 0.5) == 0);
    CHECK(percent_at_or_below(zones, 2) == 75);  // 3 of the 4 zones with a value
    CHECK(percent_at_or_below(zones, 3) == 100);
    CHECK(std::isnan(percent_at_or_below(zones, kNaN)));
    CHECK(std::isnan(percent_at_or_below({kNaN}, 1)));
}

TEST_CASE("margins read as decimals: 53 - 43.7 is 9.3", "[sites]") {
    CHECK(margin(53, 43.7) == 9.3);
    CHECK(margin(70, 70.1) == -0.1);
    CHECK(std::isnan(margin(53, kNaN)));
}

TEST_CASE("placeholders: methods whose placeholder rows scored the cells behind an advisory level are listed",
          "[sites][inline_placeholders]") {
    CumulationCheck count;
    count.name = "stapeling";
    count.value = 1;
    count.advisory_at = 1;
    count.advisory_source = "config";
    count.status = compare(count.value, *count.advisory_at);
    count.placeholder_methods = {"inline.noise [a method of this study (not published)]"};
    const LayerCheck verified = layer(52, 0, false, {ref(StandardKind::standard, 53, "bkl.std")});
    const Assessment a = assess({verified}, {count});
    CHECK(a.advisory == Advisory::yes);
    CHECK(a.placeholders == std::vector<std::string>{"inline.noise [a method of this study (not published)]"});
    // Without an advisory level the cumulation decides nothing, so it adds no placeholder.
    count.advisory_at.reset();
    CHECK(assess({verified}, {count}).placeholders.empty());
}

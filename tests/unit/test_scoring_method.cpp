// ClassTable: class lookup with [lower, upper) semantics, NaN handling, row hits, thresholds
// and the checks the constructor makes on a class table. All tables here are made up for the
// test; the shipped tables are tested in test_method_tables.cpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "burdenmap/core/Raster.h"
#include "burdenmap/score/ClassTable.h"

using namespace burdenmap;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

ClassRow row(double lower, double upper, int score, Confidence confidence = Confidence::verified) {
    ClassRow r;
    r.lower = lower;
    r.upper = upper;
    r.score = score;
    r.label = "score " + std::to_string(score);
    r.provenance.source = "hand-made test table";
    r.provenance.confidence = confidence;
    return r;
}

MethodInfo info(const std::string& id) {
    MethodInfo i;
    i.id = id;
    i.family = "class_table";
    i.provenance.source = "hand-made test table";
    return i;
}

// (-inf, 10) → 0, [10, 20) → 1, [20, 35.5) → 3 (placeholder), [35.5, +inf) → 5.
// Scores skip 2 and 4 on purpose (like GES road noise, which has no score 3). 35.5 is exactly
// representable in float and double, so the float path (score()) sees the same boundary.
ClassTable hand_table() {
    return ClassTable(info("test.hand"), {row(-kInf, 10.0, 0), row(10.0, 20.0, 1),
                                             row(20.0, 35.5, 3, Confidence::placeholder), row(35.5, kInf, 5)});
}

// Scores a single float through score() and returns the score (NaN stays NaN).
float score_one(const ClassTable& m, float value) {
    std::vector<std::uint64_t> hits(m.rows().size(), 0);
    float out = -1.0f;
    m.score(&value, &out, 1, hits);
    return out;
}

}  // namespace

TEST_CASE("row_for: a value exactly at a boundary gets the upper class, nextafter below the lower",
          "[scoring]") {
    const ClassTable m = hand_table();
    // boundary b between row i-1 and row i: b → i, nextafter(b, -inf) → i-1, nextafter(b, +inf) → i.
    const std::vector<double> boundaries{10.0, 20.0, 35.5};
    for (std::size_t i = 0; i < boundaries.size(); ++i) {
        const double b = boundaries[i];
        INFO("boundary " << b);
        CHECK(m.row_for(b) == i + 1);
        CHECK(m.row_for(std::nextafter(b, -kInf)) == i);
        CHECK(m.row_for(std::nextafter(b, kInf)) == i + 1);
    }
    // Inside the rows.
    CHECK(m.row_for(0.0) == 0);
    CHECK(m.row_for(15.0) == 1);
    CHECK(m.row_for(30.0) == 2);
    CHECK(m.row_for(100.0) == 3);
}

TEST_CASE("score(): boundaries in float go the same way as in double", "[scoring]") {
    const ClassTable m = hand_table();
    CHECK(score_one(m, 10.0f) == 1.0f);
    CHECK(score_one(m, std::nextafter(10.0f, -std::numeric_limits<float>::infinity())) == 0.0f);
    CHECK(score_one(m, 20.0f) == 3.0f);
    CHECK(score_one(m, std::nextafter(20.0f, -std::numeric_limits<float>::infinity())) == 1.0f);
    CHECK(score_one(m, 35.5f) == 5.0f);
    CHECK(score_one(m, std::nextafter(35.5f, -std::numeric_limits<float>::infinity())) == 3.0f);
}

TEST_CASE("row_for: huge and infinite values fall in the open-ended rows", "[scoring]") {
    const ClassTable m = hand_table();
    const std::size_t last = m.rows().size() - 1;
    CHECK(m.row_for(-1e300) == 0);
    CHECK(m.row_for(-std::numeric_limits<double>::max()) == 0);
    CHECK(m.row_for(-kInf) == 0);
    CHECK(m.row_for(1e300) == last);
    CHECK(m.row_for(std::numeric_limits<double>::max()) == last);
    CHECK(m.row_for(kInf) == last);
    CHECK(score_one(m, -std::numeric_limits<float>::max()) == 0.0f);
    CHECK(score_one(m, std::numeric_limits<float>::max()) == 5.0f);
    CHECK(score_one(m, std::numeric_limits<float>::infinity()) == 5.0f);
    CHECK(score_one(m, -std::numeric_limits<float>::infinity()) == 0.0f);
}

TEST_CASE("score(): NaN stays NaN and is not counted; row_hits counts every other value", "[scoring]") {
    const ClassTable m = hand_table();
    // values          row: 0    0     1     1     2     3     nodata  3
    const std::vector<float> values{-5.0f, 9.99f, 10.0f, 19.0f, 20.0f, 35.5f, kNoData, 1e6f};
    std::vector<float> scores(values.size(), -1.0f);
    std::vector<std::uint64_t> hits(m.rows().size(), 0);
    m.score(values.data(), scores.data(), values.size(), hits);

    const std::vector<float> expected{0, 0, 1, 1, 3, 5, kNoData, 5};
    for (std::size_t i = 0; i < values.size(); ++i) {
        INFO("value " << values[i]);
        if (std::isnan(expected[i])) CHECK(std::isnan(scores[i]));
        else CHECK(scores[i] == expected[i]);
    }
    // 8 values, 1 NaN: 7 hits, 2 + 2 + 1 + 2 per row.
    CHECK(hits == std::vector<std::uint64_t>{2, 2, 1, 2});

    // Hits accumulate over calls (a run scores many windows into the same counters).
    m.score(values.data(), scores.data(), values.size(), hits);
    CHECK(hits == std::vector<std::uint64_t>{4, 4, 2, 4});

    // All NaN: no hit at all.
    const std::vector<float> nodata(5, kNoData);
    std::vector<float> out(5, 0.0f);
    std::vector<std::uint64_t> none(m.rows().size(), 0);
    m.score(nodata.data(), out.data(), nodata.size(), none);
    CHECK(none == std::vector<std::uint64_t>{0, 0, 0, 0});
    for (float v : out) CHECK(std::isnan(v));
}

TEST_CASE("threshold: at the standard scores 1, the next double below scores 0", "[scoring]") {
    Provenance p;
    p.source = "made-up standard";
    const ClassTable t = ClassTable::threshold(info("test.threshold"), 40.0, p);
    REQUIRE(t.rows().size() == 2);
    CHECK(t.rows()[0].score == 0);
    CHECK(t.rows()[1].score == 1);
    CHECK(std::isinf(t.rows()[0].lower));
    CHECK(t.rows()[0].upper == 40.0);
    CHECK(t.rows()[1].lower == 40.0);
    CHECK(std::isinf(t.rows()[1].upper));
    CHECK(t.rows()[1].provenance.source == "made-up standard");

    CHECK(t.rows()[t.row_for(40.0)].score == 1);
    CHECK(t.rows()[t.row_for(std::nextafter(40.0, -kInf))].score == 0);
    CHECK(t.rows()[t.row_for(1e9)].score == 1);
    CHECK(t.rows()[t.row_for(-1e9)].score == 0);
    CHECK(score_one(t, 40.0f) == 1.0f);
    CHECK(score_one(t, std::nextafter(40.0f, 0.0f)) == 0.0f);
    CHECK(std::isnan(score_one(t, kNoData)));
    CHECK(t.max_score() == 1);
    CHECK_FALSE(t.uses_placeholders());
}

TEST_CASE("the constructor rejects tables that do not cover the real line exactly once", "[scoring]") {
    using Catch::Matchers::Contains;
    SECTION("a gap between rows") {
        // [10, 20) then [21, ...): values in [20, 21) would have no score.
        CHECK_THROWS_AS(ClassTable(info("t.gap"), {row(-kInf, 10, 0), row(10, 20, 1), row(21, kInf, 2)}),
                        std::invalid_argument);
        CHECK_THROWS_WITH(ClassTable(info("t.gap"), {row(-kInf, 10, 0), row(10, 20, 1), row(21, kInf, 2)}),
                          Contains("t.gap") && Contains("class 2 ends at 20") && Contains("class 3 starts at 21") &&
                              Contains("contiguous"));
    }
    SECTION("overlapping rows") {
        // [10, 20) and [19, ...) both claim [19, 20).
        CHECK_THROWS_WITH(ClassTable(info("t.overlap"), {row(-kInf, 10, 0), row(10, 20, 1), row(19, kInf, 2)}),
                          Contains("class 2 ends at 20") && Contains("class 3 starts at 19") &&
                              Contains("contiguous"));
    }
    SECTION("an empty or reversed row") {
        CHECK_THROWS_WITH(ClassTable(info("t.reversed"), {row(-kInf, 10, 0), row(10, 10, 1), row(10, kInf, 2)}),
                          Contains("class 2 has lower >= upper"));
    }
    SECTION("no -infinity start") {
        CHECK_THROWS_WITH(ClassTable(info("t.nolower"), {row(0, 10, 0), row(10, kInf, 1)}),
                          Contains("first class") && Contains("-infinity"));
    }
    SECTION("no +infinity end") {
        CHECK_THROWS_WITH(ClassTable(info("t.noupper"), {row(-kInf, 10, 0), row(10, 100, 1)}),
                          Contains("last class") && Contains("+infinity"));
    }
    SECTION("+infinity as the first lower bound, -infinity as the last upper bound") {
        CHECK_THROWS_WITH(ClassTable(info("t.wrongsign"), {row(kInf, 10, 0), row(10, kInf, 1)}),
                          Contains("first class"));
        CHECK_THROWS_WITH(ClassTable(info("t.wrongsign"), {row(-kInf, 10, 0), row(10, -kInf, 1)}),
                          Contains("last class"));
    }
    SECTION("no rows at all") {
        CHECK_THROWS_WITH(ClassTable(info("t.empty"), {}), Contains("no classes"));
    }
    SECTION("a single row covering everything is fine") {
        const ClassTable one(info("t.one"), {row(-kInf, kInf, 7)});
        CHECK(one.row_for(-1e300) == 0);
        CHECK(one.row_for(1e300) == 0);
        CHECK(one.max_score() == 7);
    }
}

TEST_CASE("uses_placeholders and max_score", "[scoring]") {
    const ClassTable m = hand_table();
    CHECK(m.uses_placeholders());  // row [20, 35.5) is a placeholder
    CHECK(m.max_score() == 5);     // max of {0, 1, 3, 5}

    // Scores need not be sorted: the max is the max, not the last row's.
    const ClassTable unsorted(info("t.unsorted"),
                                 {row(-kInf, 0, 2), row(0, 1, 9), row(1, kInf, 4)});
    CHECK(unsorted.max_score() == 9);
    CHECK_FALSE(unsorted.uses_placeholders());

    // Negative scores only: the max is negative (not 0).
    const ClassTable negative(info("t.negative"), {row(-kInf, 0, -3), row(0, kInf, -1)});
    CHECK(negative.max_score() == -1);
}

TEST_CASE("confidence words round-trip and anything else is rejected", "[scoring]") {
    for (Confidence c : {Confidence::verified, Confidence::secondary, Confidence::placeholder})
        CHECK(confidence_from_string(to_string(c)) == c);
    CHECK_THROWS_WITH(confidence_from_string("Verified"), Catch::Matchers::Contains("'Verified'"));
    CHECK_THROWS_AS(confidence_from_string(""), std::invalid_argument);
}

// Regression: boundaries were compared in double while cell values arrive as float, and a
// boundary that float cannot represent (1e-8, 1e-6, 1e-5: every PR contour value) was not reached
// by the float nearest to it (float(1e-6) = 9.9999999747524271e-07 < 1e-6). score() now compares
// cells with the boundaries rounded to float.
TEST_CASE("a float value equal to float(boundary) scores in the upper class (PR decades)", "[scoring]") {
    // Decade classes as in es.pr_class: < 1e-8 → 0, [1e-8, 1e-7) → 1, ..., >= 1e-5 → 4.
    const ClassTable pr(info("t.pr"), {row(-kInf, 1e-8, 0), row(1e-8, 1e-7, 1), row(1e-7, 1e-6, 2),
                                          row(1e-6, 1e-5, 3), row(1e-5, kInf, 4)});
    CHECK(score_one(pr, static_cast<float>(1e-8)) == 1.0f);
    CHECK(score_one(pr, static_cast<float>(1e-7)) == 2.0f);  // passes: float(1e-7) > 1e-7
    CHECK(score_one(pr, static_cast<float>(1e-6)) == 3.0f);
    CHECK(score_one(pr, static_cast<float>(1e-5)) == 4.0f);
}

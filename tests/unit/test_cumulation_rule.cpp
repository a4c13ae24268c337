// CumulationRule: count_at_least, energetic_sum, weighted_sum and max on hand-made cells, with
// the nodata rule of each (CumulationRule.h): count/energetic/max use the layers with data,
// weighted_sum is NaN when any term is missing.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <vector>

#include "burdenmap/core/Raster.h"
#include "burdenmap/score/CumulationRule.h"

using namespace burdenmap;
using Catch::Matchers::Contains;

namespace {

// The layers of a job, each a column of n cells; raw values and scores are separate arrays.
struct Layers {
    std::vector<std::vector<float>> raw, scores;
    std::vector<const float*> raw_ptrs() const {
        std::vector<const float*> p;
        for (const auto& v : raw) p.push_back(v.data());
        return p;
    }
    std::vector<const float*> score_ptrs() const {
        std::vector<const float*> p;
        for (const auto& v : scores) p.push_back(v.data());
        return p;
    }
};

std::vector<float> apply(const CumulationRule& rule, const Layers& layers, std::size_t n) {
    std::vector<float> out(n, -12345.0f);
    rule.apply(layers.raw_ptrs(), layers.score_ptrs(), out.data(), n);
    return out;
}

CumulationRule rule_of(CumulationKind kind, std::vector<std::size_t> layers) {
    CumulationRule r;
    r.name = "test";
    r.kind = kind;
    r.layers = std::move(layers);
    return r;
}

}  // namespace

TEST_CASE("energetic sum of two equal sources is L + 10·log10(2)", "[cumulation]") {
    // 10·log10(10^(L/10) + 10^(L/10)) = 10·log10(2·10^(L/10)) = L + 10·log10(2) ≈ L + 3.0103 dB.
    Layers l;
    l.raw = {{60.0f, 0.0f, 45.5f}, {60.0f, 0.0f, 45.5f}};
    l.scores = {{0, 0, 0}, {0, 0, 0}};  // ignored by energetic_sum, which uses the raw dB values
    const auto out = apply(rule_of(CumulationKind::energetic_sum, {0, 1}), l, 3);
    const double plus = 10.0 * std::log10(2.0);
    CHECK(plus == Approx(3.0103).margin(1e-4));
    CHECK(out[0] == Approx(60.0 + plus).margin(1e-4));
    CHECK(out[1] == Approx(0.0 + plus).margin(1e-4));
    CHECK(out[2] == Approx(45.5 + plus).margin(1e-4));
}

TEST_CASE("energetic sum of 60 and 50 dB is 10·log10(10^6 + 10^5)", "[cumulation]") {
    Layers l;
    l.raw = {{60.0f}, {50.0f}};
    l.scores = {{0}, {0}};
    const auto out = apply(rule_of(CumulationKind::energetic_sum, {0, 1}), l, 1);
    // 10^(60/10) = 10^6 and 10^(50/10) = 10^5.
    const double expected = 10.0 * std::log10(std::pow(10.0, 6.0) + std::pow(10.0, 5.0));
    CHECK(expected == Approx(60.41392685).margin(1e-6));
    // The output is float: compare at float precision (~4e-6 at 60).
    CHECK(out[0] == Approx(expected).margin(1e-5));
    CHECK(out[0] == Approx(60.41392685).margin(1e-5));
    CHECK(out[0] == static_cast<float>(expected));
}

TEST_CASE("energetic sum skips nodata layers; all nodata gives NaN", "[cumulation]") {
    Layers l;
    //          cell:  0      1      2      3
    l.raw = {{60.0f, kNoData, kNoData, 55.0f},
             {kNoData, 50.0f, kNoData, 55.0f},
             {kNoData, kNoData, kNoData, 55.0f}};
    l.scores = {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
    const auto out = apply(rule_of(CumulationKind::energetic_sum, {0, 1, 2}), l, 4);
    CHECK(out[0] == Approx(60.0).margin(1e-5));  // only 60 has data: 10·log10(10^6) = 60
    CHECK(out[1] == Approx(50.0).margin(1e-5));  // only 50 has data
    CHECK(std::isnan(out[2]));                   // no layer has data
    // Three equal sources: 55 + 10·log10(3) ≈ 59.7712 dB.
    CHECK(out[3] == Approx(55.0 + 10.0 * std::log10(3.0)).margin(1e-4));
}

TEST_CASE("energetic sum: the same bits as exp and log10 per cell, for repeated and for distinct levels", "[cumulation]") {
    // The rule remembers each level's energy (score/CumulationRule.cpp); whatever it finds there
    // must be what exp() gives. Levels in 0.1 dB steps repeat (hits); continuous levels, more of
    // them than the rule remembers, collide and evict (misses); NaN cells are skipped.
    const std::size_t n = 30000;
    Layers l;
    l.raw.assign(3, std::vector<float>(n));
    l.scores.assign(3, std::vector<float>(n, 0.0f));
    std::uint32_t state = 12345;
    const auto next = [&state] {  // a fixed LCG: the same cells on every platform
        state = state * 1664525u + 1013904223u;
        return state / 4294967296.0;
    };
    for (std::size_t k = 0; k < 3; ++k)
        for (std::size_t i = 0; i < n; ++i) {
            const double level = 30.0 + 50.0 * next();
            if (i % 97 == k) l.raw[k][i] = kNoData;
            else if (i < n / 2) l.raw[k][i] = static_cast<float>(std::round(level * 10.0) / 10.0);
            else l.raw[k][i] = static_cast<float>(level);
        }
    const auto out = apply(rule_of(CumulationKind::energetic_sum, {0, 1, 2}), l, n);
    std::size_t same = 0;
    for (std::size_t i = 0; i < n; ++i) {
        double acc = 0.0;
        bool any = false;
        for (std::size_t k = 0; k < 3; ++k)
            if (!std::isnan(l.raw[k][i])) {
                acc += std::exp(double(l.raw[k][i]) * 0.23025850929940456840);
                any = true;
            }
        const float expected = any ? static_cast<float>(10.0 * std::log10(acc)) : kNoData;
        if (std::memcmp(&expected, &out[i], sizeof expected) == 0) ++same;
    }
    CHECK(same == n);
}

TEST_CASE("energetic sum uses only the listed layers", "[cumulation]") {
    Layers l;
    l.raw = {{60.0f}, {90.0f}, {60.0f}};
    l.scores = {{0}, {0}, {0}};
    const auto out = apply(rule_of(CumulationKind::energetic_sum, {0, 2}), l, 1);  // layer 1 not listed
    CHECK(out[0] == Approx(60.0 + 10.0 * std::log10(2.0)).margin(1e-4));
}

TEST_CASE("count_at_least counts layers at or above each layer's own level", "[cumulation]") {
    CumulationRule r = rule_of(CumulationKind::count_at_least, {0, 1, 2});
    r.at_least = {6, 1, 3};
    Layers l;
    // cell 0: scores {6, 1, 2} vs levels {6, 1, 3}: 6>=6 yes, 1>=1 yes, 2>=3 no → 2.
    // cell 1: scores {5, 0, 3}: no, no, yes → 1.
    // cell 2: scores {8, 4, 9}: all → 3.
    // cell 3: scores {NaN, 1, NaN}: only layer 1 has data, and it counts → 1.
    // cell 4: scores {NaN, 0, NaN}: layer 1 has data but is below → 0 (not NaN).
    // cell 5: all NaN → NaN.
    l.scores = {{6, 5, 8, kNoData, kNoData, kNoData}, {1, 0, 4, 1, 0, kNoData}, {2, 3, 9, kNoData, kNoData, kNoData}};
    // Raw values are irrelevant to the count; make them disagree with the scores on purpose.
    l.raw = {std::vector<float>(6, 100.0f), std::vector<float>(6, 100.0f), std::vector<float>(6, kNoData)};
    const auto out = apply(r, l, 6);
    CHECK(out[0] == 2.0f);
    CHECK(out[1] == 1.0f);
    CHECK(out[2] == 3.0f);
    CHECK(out[3] == 1.0f);
    CHECK(out[4] == 0.0f);
    CHECK(std::isnan(out[5]));
    CHECK(r.is_count());
    CHECK(r.unit() == "number of layers");
}

TEST_CASE("count_at_least maps its levels to the listed layers by position", "[cumulation]") {
    // Layers listed out of order: at_least[k] belongs to layers[k], not to job layer k.
    CumulationRule r = rule_of(CumulationKind::count_at_least, {2, 0});
    r.at_least = {5, 1};  // job layer 2 needs 5, job layer 0 needs 1
    Layers l;
    l.scores = {{1}, {99}, {4}};  // layer 0: 1 >= 1 yes; layer 2: 4 >= 5 no → 1
    l.raw = {{0}, {0}, {0}};
    CHECK(apply(r, l, 1)[0] == 1.0f);
}

TEST_CASE("count_at_least with missing layers: skip counts the rest, nodata leaves the cell out", "[cumulation][count-incomplete]") {
    // Layers 0 and 2 counted (layer 1 is not in the rule, so its gaps do not matter).
    CumulationRule r = rule_of(CumulationKind::count_at_least, {0, 2});
    r.at_least = {1, 1};
    Layers l;
    // cell 0: complete, both burdened → 2.
    // cell 1: layer 2 missing (partial), layer 0 burdened → skip 1, nodata NaN.
    // cell 2: layer 0 missing, layer 2 not burdened → skip 0, nodata NaN.
    // cell 3: both missing (all nodata) → NaN either way.
    // cell 4: complete, none burdened, layer 1 (not counted) missing → 0 either way.
    l.scores = {{3, 2, kNoData, kNoData, 0}, {kNoData, kNoData, kNoData, kNoData, kNoData}, {1, kNoData, 0, kNoData, 0}};
    l.raw = l.scores;
    const auto skip = apply(r, l, 5);
    CHECK(skip[0] == 2.0f);
    CHECK(skip[1] == 1.0f);
    CHECK(skip[2] == 0.0f);
    CHECK(std::isnan(skip[3]));
    CHECK(skip[4] == 0.0f);

    r.incomplete_is_nodata = true;
    const auto nodata = apply(r, l, 5);
    CHECK(nodata[0] == 2.0f);
    CHECK(std::isnan(nodata[1]));
    CHECK(std::isnan(nodata[2]));
    CHECK(std::isnan(nodata[3]));
    CHECK(nodata[4] == 0.0f);

    // Completeness, from the same fold, is the same in both modes: 1 where every counted layer
    // has a score.
    std::vector<float> complete(5, -1.0f), out(5);
    r.apply(l.raw_ptrs(), l.score_ptrs(), out.data(), 5, complete.data());
    CHECK(complete == std::vector<float>{1, 0, 0, 0, 1});
    r.incomplete_is_nodata = false;
    std::vector<float> again(5, -1.0f);
    r.apply(l.raw_ptrs(), l.score_ptrs(), out.data(), 5, again.data());
    CHECK(again == complete);
}

TEST_CASE("weighted_sum is NaN when any input is NaN", "[cumulation]") {
    CumulationRule r = rule_of(CumulationKind::weighted_sum, {0, 1});
    r.weights = {0.5, 2.0};
    Layers l;
    l.scores = {{4, kNoData, 4, kNoData}, {3, 3, kNoData, kNoData}};
    l.raw = {{0, 0, 0, 0}, {0, 0, 0, 0}};
    const auto out = apply(r, l, 4);
    CHECK(out[0] == Approx(0.5 * 4 + 2.0 * 3));  // = 8
    CHECK(std::isnan(out[1]));
    CHECK(std::isnan(out[2]));
    CHECK(std::isnan(out[3]));
    CHECK_FALSE(r.is_count());
    CHECK(r.unit() == "weighted score");
}

TEST_CASE("max takes the highest score among layers with data", "[cumulation]") {
    CumulationRule r = rule_of(CumulationKind::max, {0, 1, 2});
    Layers l;
    // Negative scores check that the first value seeds the max (not 0).
    l.scores = {{1, kNoData, -3, kNoData}, {7, 2, -5, kNoData}, {3, kNoData, kNoData, kNoData}};
    l.raw = {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
    const auto out = apply(r, l, 4);
    CHECK(out[0] == 7.0f);
    CHECK(out[1] == 2.0f);
    CHECK(out[2] == -3.0f);
    CHECK(std::isnan(out[3]));
    CHECK(r.unit() == "score");
}

TEST_CASE("max and weighted_sum of layers without a method combine raw values, in the layers' unit", "[cumulation][unscored]") {
    Layers l;
    // Scores NaN everywhere (no method): only the raw values can give a result.
    l.raw = {{40.5f, kNoData, 12}, {38, 22, kNoData}};
    l.scores = {{kNoData, kNoData, kNoData}, {kNoData, kNoData, kNoData}};
    CumulationRule m = rule_of(CumulationKind::max, {0, 1});
    m.raw_values = true;
    m.raw_unit = "ug/m3";
    const auto highest = apply(m, l, 3);
    CHECK(highest[0] == 40.5f);
    CHECK(highest[1] == 22.0f);
    CHECK(highest[2] == 12.0f);
    CHECK(m.unit() == "ug/m3");

    CumulationRule w = rule_of(CumulationKind::weighted_sum, {0, 1});
    w.weights = {0.5, 0.25};
    w.raw_values = true;
    const auto sum = apply(w, l, 3);
    CHECK(sum[0] == Approx(0.5 * 40.5 + 0.25 * 38));
    CHECK(std::isnan(sum[1]));  // as for scores: a missing term leaves the cell without a value
    CHECK(std::isnan(sum[2]));
    CHECK(w.unit() == "weighted value");  // no common unit given
}

TEST_CASE("cumulation kinds round-trip by name; unknown names list the known rules", "[cumulation]") {
    for (CumulationKind k : {CumulationKind::count_at_least, CumulationKind::energetic_sum,
                             CumulationKind::weighted_sum, CumulationKind::max})
        CHECK(cumulation_kind_from_string(to_string(k)) == k);
    CHECK_THROWS_AS(cumulation_kind_from_string("sum"), std::invalid_argument);
    CHECK_THROWS_WITH(cumulation_kind_from_string("sum"),
                      Contains("'sum'") && Contains("count_at_least") && Contains("energetic_sum") &&
                          Contains("weighted_sum") && Contains("max"));
    CHECK_THROWS_WITH(cumulation_kind_from_string("Max"), Contains("'Max'"));
    CHECK(rule_of(CumulationKind::energetic_sum, {}).unit() == "dB");
}

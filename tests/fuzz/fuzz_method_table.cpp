// Fuzz target: the method-table parser, then every method it accepts scores a fixed set of awkward
// values. Oracles: only ConfigError escapes the parser; NaN stays NaN and counts in no bin; every
// other value counts in exactly one bin; class and threshold scores are integers in 0..max_score.
#include "FuzzCheck.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <typeinfo>

#include "burdenmap/config/MethodTableParser.h"
#include "burdenmap/core/Errors.h"

namespace burdenmap::fuzz {

namespace {

void check_scores(const ScoringMethod& m) {
    const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> values{nan, -inf, inf, -3.4e38f, 3.4e38f, -1, 0, 1e-6f, 1e-5f, 0.5f, 1, 5, 10, 20, 25,
                                    40, 45, 53, 55, 60, 65, 70, 75, 100, 1e6f, -0.0f, 1.17549435e-38f};
    std::vector<float> scores(values.size());
    const auto bins = m.bins();
    std::vector<std::uint64_t> hits(bins.size(), 0);
    m.score(values.data(), scores.data(), values.size(), hits);
    const std::string who = "method '" + m.info().id + "': ";
    // A run makes a column and a population class per score, 0..max_score: it must stay small.
    if (m.integer_scores())
        check(m.max_score() >= 0 && m.max_score() <= 100, who + "max_score() " + std::to_string(m.max_score()) + " outside 0..100");
    check(std::isnan(scores[0]), who + "NaN did not stay NaN");
    std::uint64_t scored = 0;
    for (std::size_t i = 1; i < values.size(); ++i) {
        if (std::isnan(scores[i])) continue;
        ++scored;
        if (m.integer_scores()) {
            check(scores[i] == std::floor(scores[i]), who + "a non-integer class score");
            check(scores[i] >= 0, who + "a negative class score");
            check(scores[i] <= static_cast<float>(m.max_score()), who + "a score above max_score()");
        }
    }
    const std::uint64_t counted = std::accumulate(hits.begin(), hits.end(), std::uint64_t{0});
    check(counted == scored || !m.integer_scores(), who + "bins counted " + std::to_string(counted) + " of " +
                                                        std::to_string(scored) + " scored values");
}

}  // namespace

int fuzz_method_table(const std::uint8_t* data, std::size_t size) {
    const std::string path = scratch_file(data, size, ".toml");
    MethodRegistry registry;
    try {
        load_method_file(path, registry);
    } catch (const ConfigError& e) {
        check(std::string(e.what()).size() > 0, "an empty ConfigError message");
        return 0;
    } catch (const std::exception& e) {
        throw FuzzFailure(std::string("load_method_file threw ") + typeid(e).name() + " instead of ConfigError: " + e.what());
    }
    for (const auto& m : registry.all()) check_scores(*m);
    return 0;
}

}  // namespace burdenmap::fuzz

BURDENMAP_FUZZ_ENTRY(fuzz_method_table)

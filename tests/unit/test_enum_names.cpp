// Enum names (core/EnumNames.h): every value of the fair/ and score/ enums has a name, the name
// reads back as the value, and an unknown name is refused with the list of known ones. A value
// added to an enum but not to its table shows up here as "?".
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>

#include "burdenmap/core/EnumNames.h"
#include "burdenmap/fair/Ces.h"
#include "burdenmap/fair/IndexPreset.h"
#include "burdenmap/fair/Indicator.h"
#include "burdenmap/fair/Percentile.h"
#include "burdenmap/score/CumulationRule.h"
#include "burdenmap/score/ScoringMethod.h"
#include "burdenmap/score/UnitDimension.h"

using namespace burdenmap;
using Catch::Matchers::Equals;

namespace {
template <class Enum, class Parse>
void require_round_trip(std::initializer_list<Enum> all, Parse parse) {
    for (Enum v : all) {
        const std::string name = to_string(v);
        INFO(name);
        CHECK(name != "?");
        CHECK(parse(name) == v);
    }
}
}  // namespace

TEST_CASE("enum names: every value has a name that reads back as the value", "[enum_names]") {
    using namespace burdenmap::fair;
    require_round_trip({IndexPreset::ces4, IndexPreset::ces3draft, IndexPreset::cejst, IndexPreset::ejscreen,
                        IndexPreset::count_high, IndexPreset::nl_default},
                       index_preset_from_string);
    require_round_trip({PercentileRule::ces, PercentileRule::cejst, PercentileRule::ejscreen, PercentileRule::given},
                       percentile_rule_from_string);
    require_round_trip({CesComponent::exposures, CesComponent::environmental_effects, CesComponent::sensitive_populations,
                        CesComponent::socioeconomic_factors},
                       ces_component_from_string);
    require_round_trip({Direction::higher_is_worse, Direction::higher_is_better}, direction_from_string);
    require_round_trip({IncomeOrder::higher_is_richer, IncomeOrder::higher_is_poorer}, income_order_from_string);
    require_round_trip({Confidence::verified, Confidence::secondary, Confidence::placeholder}, confidence_from_string);
    require_round_trip({CumulationKind::count_at_least, CumulationKind::energetic_sum, CumulationKind::weighted_sum,
                        CumulationKind::max, CumulationKind::health_burden},
                       cumulation_kind_from_string);
}

TEST_CASE("enum names: the parts a health rule is split into have names no config may use", "[enum_names]") {
    CHECK(std::string(to_string(CumulationKind::health_cases)) == "health_cases");
    CHECK(std::string(to_string(CumulationKind::health_daly)) == "health_daly");
    CHECK_THROWS_WITH(cumulation_kind_from_string("health_cases"),
                      Equals("unknown cumulation rule 'health_cases' (known: count_at_least, energetic_sum, weighted_sum, "
                             "max, health_burden)"));
}

TEST_CASE("enum names: an unknown name is refused with every known name, in the words of each enum", "[enum_names]") {
    CHECK_THROWS_WITH(fair::index_preset_from_string("ces5"),
                      Equals("unknown index preset 'ces5' (known: ces4, ces3draft, cejst, ejscreen, count_high, nl_default)"));
    CHECK_THROWS_WITH(fair::direction_from_string("up"),
                      Equals("unknown direction 'up' (known: higher_is_worse, higher_is_better)"));
    CHECK_THROWS_WITH(confidence_from_string("sure"), Equals("confidence must be verified, secondary or placeholder, not 'sure'"));
    CHECK(std::string(to_string(UnitDimension::risk_per_year)) == "risks per year");
    CHECK(std::string(fair::describe(fair::PercentileRule::given)) == "given: the indicator is already a percentile 0-100");
}

TEST_CASE("enum names: the table helpers", "[enum_names]") {
    enum class Colour { red, green, blue };
    static constexpr EnumName<Colour> kColours[] = {{Colour::red, "red"}, {Colour::green, "green"}};
    static_assert(enum_name(kColours, Colour::green)[0] == 'g', "enum_name is usable at compile time");
    CHECK(std::string(enum_name(kColours, Colour::blue)) == "?");
    CHECK(std::string(enum_name(kColours, Colour::blue, "")) == "");
    CHECK(enum_value(kColours, "red") == Colour::red);
    CHECK_FALSE(enum_value(kColours, "Red").has_value());
    CHECK(enum_names(kColours) == "red, green");
    CHECK_THROWS_WITH(enum_value_or_throw(kColours, "blue", "colour"), Equals("unknown colour 'blue' (known: red, green)"));
}

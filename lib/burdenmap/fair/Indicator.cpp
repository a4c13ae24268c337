#include "burdenmap/fair/Indicator.h"

#include <stdexcept>

#include "burdenmap/core/EnumNames.h"

namespace burdenmap::fair {

namespace {
constexpr EnumName<Direction> kDirectionNames[] = {{Direction::higher_is_worse, "higher_is_worse"},
                                                   {Direction::higher_is_better, "higher_is_better"}};
constexpr EnumName<IncomeOrder> kIncomeOrderNames[] = {{IncomeOrder::higher_is_richer, "higher_is_richer"},
                                                       {IncomeOrder::higher_is_poorer, "higher_is_poorer"}};
}  // namespace

const char* to_string(Direction d) { return enum_name(kDirectionNames, d); }

Direction direction_from_string(const std::string& s) { return enum_value_or_throw(kDirectionNames, s, "direction"); }

const char* to_string(IncomeOrder o) { return enum_name(kIncomeOrderNames, o); }

IncomeOrder income_order_from_string(const std::string& s) { return enum_value_or_throw(kIncomeOrderNames, s, "income order"); }

std::optional<double> usable(const std::optional<double>& v) {
    if (!v || std::isnan(*v)) return std::nullopt;
    if (std::isinf(*v)) throw std::invalid_argument("infinite value where a finite number or NULL was expected");
    return v;
}

void require_zone_count(std::size_t expected, std::size_t got, const char* what) {
    if (expected != got)
        throw std::invalid_argument(std::string(what) + ": expected " + std::to_string(expected) +
                                    " zones, got " + std::to_string(got));
}

}  // namespace burdenmap::fair

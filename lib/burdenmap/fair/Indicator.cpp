#include "burdenmap/fair/Indicator.h"

#include <stdexcept>

namespace burdenmap::fair {

const char* to_string(Direction d) {
    return d == Direction::higher_is_worse ? "higher_is_worse" : "higher_is_better";
}

Direction direction_from_string(const std::string& s) {
    if (s == "higher_is_worse") return Direction::higher_is_worse;
    if (s == "higher_is_better") return Direction::higher_is_better;
    throw std::invalid_argument("unknown direction '" + s + "' (known: higher_is_worse, higher_is_better)");
}

const char* to_string(IncomeOrder o) {
    return o == IncomeOrder::higher_is_richer ? "higher_is_richer" : "higher_is_poorer";
}

IncomeOrder income_order_from_string(const std::string& s) {
    if (s == "higher_is_richer") return IncomeOrder::higher_is_richer;
    if (s == "higher_is_poorer") return IncomeOrder::higher_is_poorer;
    throw std::invalid_argument("unknown income order '" + s + "' (known: higher_is_richer, higher_is_poorer)");
}

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

#include "burdenmap/core/PlainNumber.h"

#include <charconv>
#include <system_error>

namespace burdenmap {

std::string plain_number(double v, int significant) {
    char buf[64];
    // 17 significant digits hold any double; more would only pad (and could overflow buf).
    const int digits = significant < 1 ? 1 : significant > 17 ? 17 : significant;
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, digits);
    return res.ec == std::errc() ? std::string(buf, res.ptr) : std::string("?");
}

}  // namespace burdenmap

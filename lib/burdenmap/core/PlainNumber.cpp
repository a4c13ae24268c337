#include "burdenmap/core/PlainNumber.h"

#include <charconv>

namespace burdenmap {

std::string plain_number(double v, int significant) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, significant);
    return std::string(buf, res.ptr);
}

}  // namespace burdenmap

#include "burdenmap/core/PlainNumber.h"

#include <charconv>

namespace burdenmap {

std::string plain_number(double v, int significant) {
    char buf[64];
    // 17 significant digits hold any double; more would only pad. With at most 17, the longest
    // text ("-1.2345678901234567e-308") fits buf, so to_chars cannot fail.
    const int digits = significant < 1 ? 1 : significant > 17 ? 17 : significant;
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, digits).ptr);
}

}  // namespace burdenmap

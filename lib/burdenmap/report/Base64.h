#pragma once
// Base64 (RFC 4648, with padding) for images inlined in the report as data: URIs.
#include <cstdint>
#include <string>
#include <vector>

namespace burdenmap::report {

std::string base64(const std::vector<std::uint8_t>& bytes);

}  // namespace burdenmap::report

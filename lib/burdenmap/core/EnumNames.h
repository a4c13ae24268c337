#pragma once
// The name of an enumerator from a list in the enum's declaration order: one line per enum where
// a switch per enum repeated the same eight lines. "" for a value outside the list.
#include <cstddef>

namespace burdenmap {

template <typename Enum, std::size_t N>
constexpr const char* enum_name(Enum e, const char* const (&names)[N]) {
    const auto i = static_cast<std::size_t>(e);
    return i < N ? names[i] : "";
}

}  // namespace burdenmap

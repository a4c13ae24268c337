#pragma once
// An enum's names as one table of {value, "name"} pairs that serves both directions, so the config
// words, the output words and the "known: …" list of an error cannot drift apart. Lookups walk the
// table: these enums have a handful of values and are parsed once per config, not per cell.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

namespace burdenmap {

template <class Enum>
struct EnumName {
    Enum value;
    const char* name;
};

// The name of `value`, or `fallback` when the table does not list it.
template <class Enum, std::size_t N>
constexpr const char* enum_name(const EnumName<Enum> (&table)[N], Enum value, const char* fallback = "?") {
    for (const EnumName<Enum>& e : table)
        if (e.value == value) return e.name;
    return fallback;
}

// The value called `name`, or nullopt.
template <class Enum, std::size_t N>
std::optional<Enum> enum_value(const EnumName<Enum> (&table)[N], const std::string& name) {
    for (const EnumName<Enum>& e : table)
        if (name == e.name) return e.value;
    return std::nullopt;
}

// Every name in table order: "a, b, c".
template <class Enum, std::size_t N>
std::string enum_names(const EnumName<Enum> (&table)[N]) {
    std::string out;
    for (const EnumName<Enum>& e : table) out += (out.empty() ? "" : ", ") + std::string(e.name);
    return out;
}

// The value called `name`; else throws std::invalid_argument("unknown <what> '<name>' (known: a, b, c)").
template <class Enum, std::size_t N>
Enum enum_value_or_throw(const EnumName<Enum> (&table)[N], const std::string& name, const char* what) {
    if (const std::optional<Enum> v = enum_value(table, name)) return *v;
    throw std::invalid_argument("unknown " + std::string(what) + " '" + name + "' (known: " + enum_names(table) + ")");
}

}  // namespace burdenmap

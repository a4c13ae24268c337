#pragma once
// The published parameters of a composite screening index preset (ces4, cejst, ...), read from
// data/methods/screening-indices.toml: the numbers the formulas in lib/burdenmap/fair use, with
// their source and confidence, so none of them is hard-coded.
#include <map>
#include <stdexcept>
#include <string>

#include "burdenmap/score/ScoringMethod.h"

namespace burdenmap {

struct IndexParameters {
    std::string id;
    std::string title;
    std::string description;
    std::string percentile;   // "ces", "cejst", "ejscreen", "given" or "none"
    std::string aggregation;  // CES presets: "component_means" or "indicator_weighted"
    std::map<std::string, double> values;
    Provenance provenance;
    std::string defined_in;

    // Throws std::invalid_argument naming the preset and the missing parameter.
    double at(const std::string& name) const {
        auto it = values.find(name);
        if (it == values.end()) throw std::invalid_argument("index preset '" + id + "' (" + defined_in + ") has no parameter '" + name + "'");
        return it->second;
    }
};

}  // namespace burdenmap

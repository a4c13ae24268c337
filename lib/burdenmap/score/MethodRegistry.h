#pragma once
// All scoring methods known to a run, by id: the tables in data/methods/ plus any inline ones.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "burdenmap/score/IndexParameters.h"
#include "burdenmap/score/ScoringMethod.h"

namespace burdenmap {

class MethodRegistry {
public:
    // Throws std::invalid_argument when the id is already taken (naming both files).
    void add(std::shared_ptr<const ScoringMethod> method);
    // nullptr when unknown.
    std::shared_ptr<const ScoringMethod> find(const std::string& id) const;
    // All methods, sorted by id.
    std::vector<std::shared_ptr<const ScoringMethod>> all() const;
    std::vector<std::string> ids() const;
    // The known ids closest to `id` (same prefix or small edit distance), for "did you mean".
    std::vector<std::string> suggestions(const std::string& id) const;

    // Composite-index presets ([[index]] in the method tables).
    void add_index(IndexParameters index);  // throws std::invalid_argument for a duplicate id
    const IndexParameters* find_index(const std::string& id) const;
    std::vector<const IndexParameters*> indexes() const;

private:
    std::map<std::string, std::shared_ptr<const ScoringMethod>> methods_;
    std::map<std::string, IndexParameters> indexes_;
};

}  // namespace burdenmap

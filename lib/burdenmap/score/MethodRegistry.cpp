#include "burdenmap/score/MethodRegistry.h"

#include <algorithm>
#include <stdexcept>

namespace burdenmap {
namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace

void MethodRegistry::add(std::shared_ptr<const ScoringMethod> method) {
    const std::string id = method->info().id;
    auto it = methods_.find(id);
    if (it != methods_.end())
        throw std::invalid_argument("method id '" + id + "' is defined twice (" + it->second->info().defined_in +
                                    " and " + method->info().defined_in + ")");
    methods_.emplace(id, std::move(method));
}

void MethodRegistry::add_index(IndexParameters index) {
    auto it = indexes_.find(index.id);
    if (it != indexes_.end())
        throw std::invalid_argument("index preset '" + index.id + "' is defined twice (" + it->second.defined_in + " and " +
                                    index.defined_in + ")");
    const std::string id = index.id;
    indexes_.emplace(id, std::move(index));
}

const IndexParameters* MethodRegistry::find_index(const std::string& id) const {
    auto it = indexes_.find(id);
    return it == indexes_.end() ? nullptr : &it->second;
}

std::vector<const IndexParameters*> MethodRegistry::indexes() const {
    std::vector<const IndexParameters*> out;
    for (const auto& kv : indexes_) out.push_back(&kv.second);
    return out;
}

std::shared_ptr<const ScoringMethod> MethodRegistry::find(const std::string& id) const {
    auto it = methods_.find(id);
    return it == methods_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const ScoringMethod>> MethodRegistry::all() const {
    std::vector<std::shared_ptr<const ScoringMethod>> out;
    for (const auto& kv : methods_) out.push_back(kv.second);
    return out;
}

std::vector<std::string> MethodRegistry::ids() const {
    std::vector<std::string> out;
    for (const auto& kv : methods_) out.push_back(kv.first);
    return out;
}

std::vector<std::string> MethodRegistry::suggestions(const std::string& id) const {
    std::vector<std::pair<std::size_t, std::string>> scored;
    const std::string prefix = id.substr(0, id.find('.'));
    for (const auto& kv : methods_) {
        const std::size_t d = edit_distance(id, kv.first);
        if (d <= 3 || kv.first.rfind(prefix + ".", 0) == 0) scored.emplace_back(d, kv.first);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && i < 5; ++i) out.push_back(scored[i].second);
    return out;
}

}  // namespace burdenmap

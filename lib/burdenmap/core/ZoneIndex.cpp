#include "burdenmap/core/ZoneIndex.h"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <utility>

namespace burdenmap {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using BgPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BgBox = bg::model::box<BgPoint>;
using Entry = std::pair<BgBox, std::size_t>;

struct ZoneIndex::Impl {
    bgi::rtree<Entry, bgi::rstar<16>> tree;
};

ZoneIndex::ZoneIndex(const std::vector<Box>& zone_bounds) : impl_(std::make_unique<Impl>()) {
    std::vector<Entry> entries;
    entries.reserve(zone_bounds.size());
    for (std::size_t i = 0; i < zone_bounds.size(); ++i) {
        const Box& b = zone_bounds[i];
        if (b.xmin > b.xmax || b.ymin > b.ymax) continue;  // empty geometry: never touches anything
        entries.emplace_back(BgBox(BgPoint(b.xmin, b.ymin), BgPoint(b.xmax, b.ymax)), i);
    }
    impl_->tree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());  // packed bulk load
}

ZoneIndex::~ZoneIndex() = default;
ZoneIndex::ZoneIndex(ZoneIndex&&) noexcept = default;
ZoneIndex& ZoneIndex::operator=(ZoneIndex&&) noexcept = default;

std::vector<std::size_t> ZoneIndex::query(const Box& box) const {
    std::vector<Entry> hits;
    impl_->tree.query(bgi::intersects(BgBox(BgPoint(box.xmin, box.ymin), BgPoint(box.xmax, box.ymax))),
                      std::back_inserter(hits));
    std::vector<std::size_t> ids;
    ids.reserve(hits.size());
    for (const Entry& e : hits) ids.push_back(e.second);
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace burdenmap

#pragma once
// Residents per band value over one zone: the population-weighted mean, and for integer-valued
// bands (scores, counts) the residents per class — the GES "woningscore" table: how many people
// live in each class of each factor. Mergeable like ZonalAccumulator (sums only, so merging in
// any order gives the same value up to rounding, and in window order the same bits).
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "burdenmap/zonal/ZonalAccumulator.h"

namespace burdenmap {

class PopulationAccumulator {
public:
    PopulationAccumulator() = default;
    // `classes`: the number of integer classes 0..classes-1 to count residents for (0: none).
    explicit PopulationAccumulator(int classes) : per_class_(static_cast<std::size_t>(classes), 0.0) {}

    // The same statistics when every unit of coverage weight holds `residents_per_weight`
    // residents (a zone's population spread evenly over its area): Σ(ρw)·v = ρ·Σw·v, so they
    // follow from the area statistics without a second pass over the cells. `area` must keep
    // weights per class for `classes` > 0.
    static PopulationAccumulator uniform_density(const ZonalAccumulator& area, double residents_per_weight, int classes) {
        if (classes > 0 && area.classes() != static_cast<std::size_t>(classes))
            throw std::logic_error("PopulationAccumulator::uniform_density: the area statistics keep no class weights");
        PopulationAccumulator p(classes);
        p.total_ = residents_per_weight * area.valid_weight();
        p.nodata_ = residents_per_weight * area.nodata_weight();
        p.weighted_sum_ = residents_per_weight * area.weighted_sum();
        for (std::size_t k = 0; k < p.per_class_.size(); ++k) p.per_class_[k] = residents_per_weight * area.weight_in_class(k);
        return p;
    }

    // `residents` in a cell part with `value` (NaN: nodata, counted apart).
    void add(double value, double residents) {
        if (std::isnan(value)) {
            nodata_ += residents;
            return;
        }
        total_ += residents;
        weighted_sum_ += residents * value;
        // Scores are integers; a fractional value (never from a class table) goes to its floor
        // (for 0 <= value < n, truncation is the floor).
        if (value >= 0 && value < static_cast<double>(per_class_.size())) per_class_[static_cast<std::size_t>(value)] += residents;
    }

    // As if every resident counted so far (with data or not) had lived at `value` (a zone-table
    // layer). The mean is then the value itself: kept as such, since Σr·v / Σr may round off it.
    void set_constant(double value) {
        const double residents = total_ + nodata_;
        *this = PopulationAccumulator(static_cast<int>(per_class_.size()));
        add(value, residents);
        if (!std::isnan(value)) constant_ = value;
    }

    void merge(const PopulationAccumulator& o) {
        // Parts of one zone-table value stay that value; anything else is a sum again. An empty
        // part (no residents) changes nothing.
        if (o.total_ > 0) constant_ = total_ == 0 ? o.constant_ : (constant_ == o.constant_ ? constant_ : std::nullopt);
        total_ += o.total_;
        nodata_ += o.nodata_;
        weighted_sum_ += o.weighted_sum_;
        for (std::size_t i = 0; i < per_class_.size() && i < o.per_class_.size(); ++i) per_class_[i] += o.per_class_[i];
    }

    // Everything it holds, as plain numbers (see ZonalAccumulator::State).
    struct State {
        double total = 0, nodata = 0, weighted_sum = 0;
        std::vector<double> per_class;
        std::optional<double> constant;
    };
    State state() const { return {total_, nodata_, weighted_sum_, per_class_, constant_}; }
    explicit PopulationAccumulator(State s)
        : total_(s.total), nodata_(s.nodata), weighted_sum_(s.weighted_sum), per_class_(std::move(s.per_class)), constant_(s.constant) {}

    double residents() const { return total_; }
    double residents_without_data() const { return nodata_; }
    double mean() const {
        if (!(total_ > 0)) return std::numeric_limits<double>::quiet_NaN();
        return constant_ ? *constant_ : weighted_sum_ / total_;
    }
    double residents_in_class(std::size_t k) const { return per_class_[k]; }
    double residents_at_least(std::size_t k) const {
        double s = 0;
        for (std::size_t i = k; i < per_class_.size(); ++i) s += per_class_[i];
        return s;
    }
    std::size_t classes() const { return per_class_.size(); }

private:
    double total_ = 0, nodata_ = 0, weighted_sum_ = 0;
    std::vector<double> per_class_;
    std::optional<double> constant_;  // set_constant: every resident at this value
};

}  // namespace burdenmap

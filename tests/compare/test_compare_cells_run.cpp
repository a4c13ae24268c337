// compare_cells against a real run: the bad-input catalogue's small job (tests/bad_input), its
// noise varying cell by cell and scored in GES classes, zones cut through cells at odd places, run
// in-process (plan_job + run_job). Compared with itself, the transitions' rows must give the
// zones table's residents per class (<layer>_pop_class_K summed over the zones): residents per
// cell are placed exactly as the run placed them.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <variant>
#include <vector>

#include "../bad_input/BadInputSupport.h"
#include "burdenmap/compare/CellComparison.h"
#include "burdenmap/config/ConfigParser.h"
#include "burdenmap/io/OutputReader.h"
#include "burdenmap/job/JobPlan.h"
#include "burdenmap/job/RunJob.h"

using namespace burdenmap;

namespace {

double number(const FieldValue& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<long long>(&v)) return static_cast<double>(*i);
    return std::nan("");
}

// The zones' population spread as the run spread it, from its zones table (population, area_m2,
// shapes in the run's CRS): what `compare` gives compare_cells for a run with a population field.
ResidentsPerCell residents_of(const TableData& zones) {
    ResidentsPerCell r;
    r.kind = ResidentsPerCell::Kind::zones;
    const std::size_t population = *zones.column("population"), area = *zones.column("area_m2");
    for (std::size_t z = 0; z < zones.rows.size(); ++z) {
        r.zone_shapes.push_back(zones.shapes[z]);
        r.zone_population.push_back(number(zones.rows[z][population]));
        r.zone_area.push_back(number(zones.rows[z][area]));
    }
    return r;
}

}  // namespace

TEST_CASE("compare_cells on a run compared with itself: transitions give the zones table's residents per class") {
    bad::Job job("compare-cells-run");
    // Noise 41..79 dB in steps that cross the GES class edges (45, 50, ... 75) in both directions.
    bad::RasterSpec noise;
    noise.value = [](int col, int row) { return 41.0 + ((col * 7 + row * 3) % 20) * 2.0; };
    bad::write_raster(job / "noise.tif", noise);
    // Zones cut through cells: a square off the lattice by 3.3 m, a triangle, and one partly outside the grid.
    bad::ZoneSpec zones = bad::standard_zones();
    const double y0 = bad::kY0 - 200;
    zones.features = {
        {bad::square(bad::kX0 + 3.3, y0 + 96.7, 91.1), {"BU01", "Vierkant", "1234", "25000"}},
        {"POLYGON ((155104.5 462801.2,155197.9 462822.4,155151.3 462993.8,155104.5 462801.2))", {"BU02", "Driehoek", "987", "30000"}},
        {bad::square(bad::kX0 + 150.5, y0 + 150.5, 80), {"BU03", "Rand", "311", "35000"}},
    };
    bad::write_zones(job / "zones.gpkg", zones);
    job.replace("method = \"who2018.road_lden\"", "method = \"ges.road_noise\"");
    job.write_config();

    PlanOptions plan_options;
    plan_options.block_size = 8;
    const JobPlan plan = plan_job(parse_config(job.config_path()), plan_options);
    RunOptions run_options;
    run_options.output_dir = job.out();
    run_options.threads = 1;
    const RunResult run = run_job(plan, run_options);

    const auto table = read_table(run.geopackage, "zones", true, plan.crs_wkt);
    REQUIRE(table);
    std::vector<std::size_t> class_columns;
    for (int k = 0;; ++k) {
        const auto column = table->column("noise_pop_class_" + std::to_string(k));
        if (!column) break;
        class_columns.push_back(*column);
    }
    REQUIRE(class_columns.size() == 9);  // GES classes 0..8

    ComparedMeasure score;
    score.kind = ComparedMeasure::Kind::layer_score;
    score.name = "noise_score";
    score.layer = "noise";
    score.unit = "class";
    score.classes = static_cast<int>(class_columns.size());
    CellComparisonInput in;
    in.grid = plan.grid;
    in.crs_wkt = plan.crs_wkt;
    in.base = {run.geotiff, "base"};
    in.plans = {{run.geotiff, "same"}};
    in.plan_residents = {residents_of(*table)};
    in.delta_measures = {score};
    in.transition_measures = {score};

    // The run's block size, and another that cuts the zones elsewhere: equal to ~1e-9 either way.
    for (const int block_size : {8, 5}) {
        INFO("block size " << block_size);
        in.block_size = block_size;
        in.overwrite = true;
        const CellComparisonResult r = compare_cells(in, job / "compare/delta.tif", job / "compare/delta.qml", nullptr);
        std::vector<double> moved(class_columns.size(), 0.0);
        for (const TransitionRow& t : r.transitions) {
            CHECK(t.from == t.to);
            if (t.from >= 0) moved[static_cast<std::size_t>(t.from)] += t.residents;
        }
        int classes_with_residents = 0;
        for (std::size_t k = 0; k < class_columns.size(); ++k) {
            double expected = 0;
            for (const auto& row : table->rows) expected += number(row[class_columns[k]]);
            INFO("class " << k << ": run " << expected << ", transitions " << moved[k]);
            CHECK(std::fabs(moved[k] - expected) <= 1e-9 * expected);
            if (expected > 0) ++classes_with_residents;
        }
        CHECK(classes_with_residents >= 5);  // the check is not about one class
    }
}

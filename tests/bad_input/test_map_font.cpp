// The report's map font (DejaVu Sans, Debian fonts-dejavu-core) missing: `report` and
// `run --report` refuse before any work, naming the font and the package, instead of drawing the
// map in whatever font fontconfig offers (or boxes for µ and ³).
#include <catch2/catch.hpp>

#include <fstream>

#include "BadInputSupport.h"

using namespace bad;

namespace {

// A fontconfig configuration that knows no fonts at all: what a machine without fonts-dejavu-core
// (and any other font) gives.
std::string without_fonts(const Job& job) {
    const fs::path conf = job / "no-fonts.conf";
    std::ofstream(conf) << "<?xml version=\"1.0\"?>\n<fontconfig><cachedir>" << (job / "fc-cache").string()
                        << "</cachedir></fontconfig>\n";
    return "FONTCONFIG_FILE=" + shell_quote(conf.string()) + " ";
}

void require_font_named(const CommandResult& r) {
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "DejaVu Sans"));
    CHECK(contains(r.err, "fonts-dejavu-core"));
    CHECK(r.out.empty());
}

}  // namespace

TEST_CASE("map font missing: report refuses and writes nothing", "[bad_input][report][font]") {
    Job job("font-report");
    REQUIRE(job.run().exit_code == 0);
    const CommandResult r = run_shell(without_fonts(job) + shell_quote(burdenmap_binary()) + " --quiet report " +
                                      shell_quote(job.out().string()));
    require_font_named(r);
    CHECK_FALSE(fs::exists(job.out() / "report.html"));
    CHECK_FALSE(fs::exists(job.out() / "map.png"));
    CHECK(temp_files(job.out()).empty());
}

TEST_CASE("map font missing: run --report refuses before the run", "[bad_input][report][font]") {
    Job job("font-run");
    job.write_config();
    const CommandResult r = run_shell(without_fonts(job) + shell_quote(burdenmap_binary()) + " --quiet run " +
                                      shell_quote(job.config_path().string()) + " --output-dir " +
                                      shell_quote(job.out().string()) + " --report");
    require_font_named(r);
    require_nothing_written(job.out());
}

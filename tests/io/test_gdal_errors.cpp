// GdalErrorScope (io/GdalSession.h): GDAL's reports on this thread while a scope lives, the last
// error for our exception messages, warnings collected for the plan; per thread, and nested.
#include <catch2/catch.hpp>
#include <cpl_error.h>

#include <string>
#include <thread>

#include "burdenmap/io/GdalSession.h"

using namespace burdenmap;

namespace {

void warn(const char* message) { CPLError(CE_Warning, CPLE_AppDefined, "%s", message); }
void fail(const char* message) { CPLError(CE_Failure, CPLE_AppDefined, "%s", message); }

}  // namespace

TEST_CASE("gdal errors: a scope keeps the last error until it is taken", "[gdal-errors]") {
    gdal_init();
    GdalErrorScope errors;
    CHECK(errors.take_error().empty());
    fail("first");
    fail("second");
    CHECK(errors.take_error() == "second");
    CHECK(errors.take_error().empty());
    CHECK(CPLGetLastErrorType() == CE_None);  // taking resets GDAL's own state too
    fail("third");
    CHECK(errors.with_error("x.tif: cannot open") == "x.tif: cannot open: third");
    CHECK(errors.with_error("x.tif: cannot open") == "x.tif: cannot open");
}

TEST_CASE("gdal errors: a scope clears GDAL's error state on entry", "[gdal-errors]") {
    gdal_init();
    fail("before any scope");  // goes to the quiet process-wide handler
    GdalErrorScope errors;
    CHECK(CPLGetLastErrorType() == CE_None);
    CHECK(errors.take_error().empty());
}

TEST_CASE("gdal errors: warnings are collected once each, with how often, and reported with the file", "[gdal-errors]") {
    gdal_init();
    GdalErrorScope errors;
    warn("Unknown field with tag 42");
    warn("Unknown field with tag 42");
    warn("Another");
    CHECK(errors.take_error().empty());  // warnings are not errors
    Diagnostics diagnostics;
    errors.report_warnings(diagnostics, "in.tif");
    const auto all = diagnostics.all();
    REQUIRE(all.size() == 2);
    CHECK(all[0].code == "gdal-warning");
    CHECK(all[0].message == "in.tif: Unknown field with tag 42 (2 times)");
    CHECK(all[1].message == "in.tif: Another");
    CHECK(errors.take_warnings().empty());  // reported once
}

TEST_CASE("gdal errors: an inner scope's untaken error and its warnings pass to the scope around it", "[gdal-errors]") {
    gdal_init();
    GdalErrorScope outer;
    warn("w");
    {
        GdalErrorScope inner;
        warn("w");
        fail("inner failure");
        fail("taken");
        CHECK(inner.take_error() == "taken");
        fail("left");
        CHECK(outer.take_error().empty());  // GDAL reports to the innermost scope only
    }
    CHECK(outer.take_error() == "left");
    const auto warnings = outer.take_warnings();
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].message == "w");
    CHECK(warnings[0].times == 2);
}

TEST_CASE("gdal errors: scopes are per thread", "[gdal-errors]") {
    gdal_init();
    GdalErrorScope here;
    std::string seen_there;
    std::thread worker([&] {
        fail("outside any scope in a worker");  // the quiet handler: nothing printed, nothing kept
        GdalErrorScope there;
        fail("in the worker");
        warn("worker warning");
        seen_there = there.take_error();
        GdalWarningLog log;
        log.keep(there);
        log.keep(there);  // taken once
        REQUIRE(log.warnings().size() == 1);
        CHECK(log.warnings()[0].times == 1);
    });
    worker.join();
    CHECK(seen_there == "in the worker");
    CHECK(here.take_error().empty());
    CHECK(here.take_warnings().empty());
}

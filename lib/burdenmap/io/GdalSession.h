#pragma once
// GDAL set-up and error capture. GDAL reports errors through a handler and return codes; a
// GdalErrorScope turns them into our exceptions with the file (and layer, field) named, and keeps
// GDAL's warnings for the plan's Diagnostics.
#include <cstddef>
#include <string>
#include <vector>

#include "burdenmap/core/Diagnostics.h"

namespace burdenmap {

// Registers the drivers once and routes GDAL's messages away from stderr (library code never
// prints): a quiet process-wide handler for threads and calls outside any GdalErrorScope (GDAL's
// own worker threads, closing a dataset in a destructor), whose messages are dropped.
void gdal_init();

// What GDAL reports on this thread while the scope lives (RAII around CPLPushErrorHandlerEx /
// CPLPopErrorHandler; GDAL keeps pushed handlers per thread, so a scope is made and destroyed on
// one thread, and one in a worker thread sees only that thread's calls). On entry GDAL's error
// state is cleared. Errors: the last one is kept for the exception message. Warnings: collected,
// each distinct message once with how often it came. Scopes nest: GDAL reports to the innermost
// one only (take errors from the scope that is innermost at the failing call); when an inner
// scope ends, the error nobody took and its warnings pass to the scope around it.
// Warnings nobody takes go with the outermost scope: where no Diagnostics is at hand (the
// writers) they are let go on purpose (see GpkgWriterImpl.h); readers in worker threads keep
// them in a GdalWarningLog.
class GdalErrorScope {
public:
    GdalErrorScope();
    ~GdalErrorScope();
    GdalErrorScope(const GdalErrorScope&) = delete;
    GdalErrorScope& operator=(const GdalErrorScope&) = delete;

    // The last error reported since the scope began or since the last take_error() ("" if none);
    // forgets it and resets GDAL's error state. Call it to discard errors before a call whose own
    // failure is to be named.
    std::string take_error();
    // `what` + ": " + the error taken, or `what` alone when GDAL reported none.
    std::string with_error(const std::string& what);

    struct Warning {
        std::string message;
        std::size_t times = 1;
    };
    // The warnings so far, in the order first seen; forgets them.
    std::vector<Warning> take_warnings();
    // Adds the warnings to `diagnostics` as "gdal-warning", each "<where>: <GDAL's message>"
    // (" (N times)" when repeated), and forgets them.
    void report_warnings(Diagnostics& diagnostics, const std::string& where);
    void report_warnings(std::vector<Diagnostic>& diagnostics, const std::string& where);

    // Called by the handler (internal).
    void record(bool is_error, const char* message);

private:
    void add_warning(const std::string& message, std::size_t times);
    GdalErrorScope* outer_ = nullptr;
    std::string error_;
    std::vector<Warning> warnings_;
};

// A "gdal-warning" message: "<where>: <GDAL's message>", with " (N times)" when repeated.
std::string gdal_warning_text(const std::string& where, const std::string& message, std::size_t times);

// The warnings GDAL raised in a reader's scopes over its life (each distinct message once, with
// how often), for readers that run in worker threads without a Diagnostics at hand.
class GdalWarningLog {
public:
    void keep(GdalErrorScope& scope);  // takes the scope's warnings
    const std::vector<GdalErrorScope::Warning>& warnings() const { return warnings_; }

private:
    std::vector<GdalErrorScope::Warning> warnings_;
};

// Versions of GDAL, PROJ and GEOS as seen at run time, e.g. "GDAL 3.6.2".
std::string gdal_version();
std::string proj_version();
std::string geos_version();

}  // namespace burdenmap

#include "burdenmap/io/GdalSession.h"

#include <cpl_error.h>
#include <cpl_conv.h>
#include <gdal.h>
#include <geos_c.h>
#include <proj.h>

#include <mutex>

namespace burdenmap {

namespace {

// GDAL's own last-error slot is overwritten by any later call that reports (even a warning), so
// errors are also kept here, per thread, until the call site that failed asks for them.
thread_local std::string last_error;

// Library code never prints (DESIGN.md §2): GDAL's default handler writes to stderr, this one
// only remembers failures so they can be put into our exceptions.
void CPL_STDCALL capture_error(CPLErr error_class, CPLErrorNum /*number*/, const char* message) {
    if (error_class == CE_Failure || error_class == CE_Fatal) last_error = message ? message : "";
}

}  // namespace

void gdal_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // GDAL's block cache defaults to 5 % of physical memory (1.2 GB on a 24 GB machine) and
        // fills up on a national run, although the pipeline reads every block once, in window
        // order. 256 MB is plenty for the windows in flight; GDAL_CACHEMAX in the environment or
        // --config still wins.
        if (!CPLGetConfigOption("GDAL_CACHEMAX", nullptr)) GDALSetCacheMax64(256LL * 1024 * 1024);
        // Global, not CPLPushErrorHandler: the job's worker threads must be quiet too.
        CPLSetErrorHandler(capture_error);
    });
}

std::string gdal_last_error() {
    std::string message;
    message.swap(last_error);
    // Fall back on GDAL's slot for errors raised before gdal_init() installed the handler.
    if (message.empty() && CPLGetLastErrorType() >= CE_Failure) message = CPLGetLastErrorMsg();
    CPLErrorReset();
    return message;
}

std::string gdal_version() { return std::string("GDAL ") + GDALVersionInfo("RELEASE_NAME"); }

// proj_info().release is "Rel. 9.1.1, December 1st, 2022"; the bare number reads like the others.
std::string proj_version() { return std::string("PROJ ") + proj_info().version; }

std::string geos_version() {
    // GEOSversion() is "3.11.1-CAPI-1.17.1": keep the library version, drop the C API's.
    const std::string full = GEOSversion();
    return "GEOS " + full.substr(0, full.find('-'));
}

}  // namespace burdenmap

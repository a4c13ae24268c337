#include "burdenmap/io/GdalSession.h"

#include <cpl_error.h>
#include <cpl_conv.h>
#include <gdal.h>
#include <geos_c.h>
#include <proj.h>

#include <algorithm>
#include <mutex>

namespace burdenmap {

namespace {

// Library code never prints (DESIGN.md §2): GDAL's default handler writes to stderr. Messages
// raised outside any scope have nobody to go to; the calls whose failure matters run in a scope.
void CPL_STDCALL stay_quiet(CPLErr, CPLErrorNum, const char*) {}

// The innermost scope of this thread, for nesting.
thread_local GdalErrorScope* innermost = nullptr;

void CPL_STDCALL to_scope(CPLErr error_class, CPLErrorNum /*number*/, const char* message) {
    auto* scope = static_cast<GdalErrorScope*>(CPLGetErrorHandlerUserData());
    if (!scope) return;
    if (error_class == CE_Failure || error_class == CE_Fatal) scope->record(true, message);
    else if (error_class == CE_Warning) scope->record(false, message);
    // CE_Debug (only with CPL_DEBUG set) and CE_None: not ours to keep.
}

}  // namespace

void gdal_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // GDAL's block cache defaults to 5 % of physical memory (1.2 GB on a 24 GB machine) and
        // fills up on a national run, although the pipeline reads every block once, in window
        // order. 64 MB holds the blocks of the windows in flight: on the national benchmark it
        // halved the peak memory against 256 MB (360 vs 750 MiB) and made a run 2-4 % and a
        // shard 12 % faster (fewer first-touch page faults per process). GDAL_CACHEMAX in the
        // environment or --config still wins.
        if (!CPLGetConfigOption("GDAL_CACHEMAX", nullptr)) GDALSetCacheMax64(64LL * 1024 * 1024);
        // Process-wide, for the threads and calls no scope covers (see GdalSession.h).
        CPLSetErrorHandler(stay_quiet);
    });
}

GdalErrorScope::GdalErrorScope() : outer_(innermost) {
    CPLErrorReset();
    CPLPushErrorHandlerEx(to_scope, this);
    innermost = this;
}

GdalErrorScope::~GdalErrorScope() {
    CPLPopErrorHandler();
    innermost = outer_;
    if (!outer_) return;
    if (!error_.empty()) outer_->error_ = std::move(error_);
    for (const Warning& w : warnings_) outer_->add_warning(w.message, w.times);
}

void GdalErrorScope::record(bool is_error, const char* message) {
    const std::string text = message ? message : "";
    if (is_error) error_ = text;
    else add_warning(text, 1);
}

void GdalErrorScope::add_warning(const std::string& message, std::size_t times) {
    for (Warning& w : warnings_) {
        if (w.message == message) {
            w.times += times;
            return;
        }
    }
    warnings_.push_back({message, times});
}

std::string GdalErrorScope::take_error() {
    std::string message;
    message.swap(error_);
    CPLErrorReset();
    return message;
}

std::string GdalErrorScope::with_error(const std::string& what) {
    const std::string reason = take_error();
    return reason.empty() ? what : what + ": " + reason;
}

std::vector<GdalErrorScope::Warning> GdalErrorScope::take_warnings() {
    std::vector<Warning> out;
    out.swap(warnings_);
    return out;
}

std::string gdal_warning_text(const std::string& where, const std::string& message, std::size_t times) {
    return where + ": " + message + (times > 1 ? " (" + std::to_string(times) + " times)" : "");
}

void GdalErrorScope::report_warnings(std::vector<Diagnostic>& diagnostics, const std::string& where) {
    for (const Warning& w : take_warnings()) diagnostics.push_back({"gdal-warning", gdal_warning_text(where, w.message, w.times)});
}

void GdalErrorScope::report_warnings(Diagnostics& diagnostics, const std::string& where) {
    std::vector<Diagnostic> found;
    report_warnings(found, where);
    for (Diagnostic& d : found) diagnostics.warn(std::move(d.code), std::move(d.message));
}

void GdalWarningLog::keep(GdalErrorScope& scope) {
    for (GdalErrorScope::Warning& w : scope.take_warnings()) {
        const auto same = std::find_if(warnings_.begin(), warnings_.end(),
                                       [&](const GdalErrorScope::Warning& k) { return k.message == w.message; });
        if (same != warnings_.end()) same->times += w.times;
        else warnings_.push_back(std::move(w));
    }
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

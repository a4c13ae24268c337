#include "Progress.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <unistd.h>

#include "burdenmap/core/Cancellation.h"
#include "burdenmap/core/PlainNumber.h"

namespace burdenmap::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;
// The first signal asks the run to stop cleanly (temp files removed, exit 130); a second one
// ends the process at once, the signal's default action (hidden temp files may then remain).
// SIGPIPE (whoever read stdout or stderr went away, as in `burdenmap run ... | head`) only ever
// asks: every later write to that pipe raises it again, and none of them may kill the process
// before it has cleaned up.
void on_signal(int sig) {
    if (g_stop && sig != SIGPIPE) {
        std::signal(sig, SIG_DFL);
        std::raise(sig);
        return;
    }
    g_stop = 1;
    burdenmap::request_stop();
}

struct ProgressState {
    ProgressStyle style;
    std::string stage;
    int last_percent = -1;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
};

void draw(ProgressState& s, double fraction, const std::string& stage) {
    const int percent = static_cast<int>(fraction * 100.0);
    const bool new_stage = stage != s.stage;
    if (!new_stage && percent == s.last_percent) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - s.start).count();
    switch (s.style) {
        case ProgressStyle::none: break;
        case ProgressStyle::json:
            // JSON wants a decimal point whatever the locale: fixed_number, not printf's %f.
            std::fprintf(stderr, "{\"progress\":%s,\"stage\":\"%s\",\"elapsed_s\":%s}\n", fixed_number(fraction, 3).c_str(),
                         stage.c_str(), fixed_number(elapsed, 2).c_str());
            break;
        case ProgressStyle::lines:
            // Batch logs: one line per stage and per 10 %.
            if (new_stage || percent / 10 != s.last_percent / 10)
                std::fprintf(stderr, "%3d%% %s (%s s)\n", percent, stage.c_str(), fixed_number(elapsed, 1).c_str());
            break;
        case ProgressStyle::bar: {
            const int width = 30, filled = static_cast<int>(fraction * width);
            std::fprintf(stderr, "\r[%.*s%*s] %3d%% %-24s %6s s", filled, "==============================", width - filled, "",
                         percent, stage.c_str(), fixed_number(elapsed, 1).c_str());
            if (fraction >= 1.0) std::fprintf(stderr, "\n");
            break;
        }
    }
    std::fflush(stderr);
    s.stage = stage;
    s.last_percent = percent;
}

}  // namespace

ProgressStyle choose_progress_style(bool quiet, bool json) {
    if (quiet) return ProgressStyle::none;
    if (json) return ProgressStyle::json;
    return isatty(STDERR_FILENO) ? ProgressStyle::bar : ProgressStyle::lines;
}

ProgressFn make_progress(ProgressStyle style) {
    auto state = std::make_shared<ProgressState>();
    state->style = style;
    return [state](double fraction, const std::string& stage) {
        draw(*state, fraction, stage);
        return g_stop == 0;
    };
}

void install_stop_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) {
        // A signal the parent ignores stays ignored, as shells do: `nohup burdenmap run ...` must
        // survive the terminal closing (SIGHUP), and a background job of a script Ctrl-C (SIGINT).
        struct sigaction old {};
        if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        sigaction(sig, &sa, nullptr);
    }
}

void outputs_done() {
    // The outputs are in place: a reader of the summary that went away (`| head`) is no reason
    // to cancel what follows or to exit 130; writes to the closed pipe just fail.
    std::signal(SIGPIPE, SIG_IGN);
}

bool stop_requested() { return g_stop != 0; }

}  // namespace burdenmap::cli

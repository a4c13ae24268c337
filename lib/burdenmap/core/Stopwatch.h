#pragma once
// Seconds of wall time for the stage timings run.json and the terminal report. A steady clock, so
// a system clock adjusted mid-run cannot make a stage last a negative time.
#include <chrono>

namespace burdenmap {

using SteadyClock = std::chrono::steady_clock;

inline double seconds_since(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

}  // namespace burdenmap

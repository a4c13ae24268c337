#include "burdenmap/core/Cancellation.h"

#include <atomic>

#include "burdenmap/core/Errors.h"

namespace burdenmap {
namespace {

std::atomic<bool> stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the stop flag is set from a signal handler");

}  // namespace

void request_stop() noexcept { stop.store(true, std::memory_order_relaxed); }
bool stop_requested() noexcept { return stop.load(std::memory_order_relaxed); }
void throw_if_stop_requested() {
    if (stop_requested()) throw Cancelled();
}

}  // namespace burdenmap

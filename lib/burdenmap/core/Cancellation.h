#pragma once
// A process-wide stop request. The CLI's SIGINT/SIGTERM handler sets it (async-signal-safe: a
// lock-free atomic store); long operations that have no progress callback of their own (the COG
// copy, writing the GeoPackage, reading many zones) poll it and throw Cancelled, so a run stops
// within moments whatever stage it is in. The block pipeline also stops through its progress
// callback, which the CLI ties to the same signal.
namespace burdenmap {

void request_stop() noexcept;
bool stop_requested() noexcept;
// Throws Cancelled when a stop was requested.
void throw_if_stop_requested();

}  // namespace burdenmap

#pragma once
// Hidden temporary files that a burdenmap process could not clean up (SIGKILL, a crash, a power
// cut) stay in the output folder: ".NAME.tmp-PID", ".NAME.tiled-PID", ".NAME.probe-PID", with the
// companions GDAL or SQLite put beside them (".aux.xml", ".ovr.tmp", "-journal", ...). A new run
// into that folder removes those of its own output names whose process is gone.
#include <filesystem>
#include <vector>

#include "burdenmap/core/Diagnostics.h"

namespace burdenmap {

// Removes, in the folder of each of `outputs`, the temporary files of those output names whose
// PID is no running process on this host (kill(pid, 0) fails with ESRCH). Files of a live
// process (another run writing there now) and every file that does not match the pattern exactly
// are kept. Returns one "stale-temporaries-removed" warning naming what was removed, or nothing.
std::vector<Diagnostic> remove_stale_temporaries(const std::vector<std::filesystem::path>& outputs);

}  // namespace burdenmap

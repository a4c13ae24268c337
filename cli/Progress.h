#pragma once
// Progress on the terminal: a bar when stderr is a terminal, JSON lines with --json-progress,
// stage lines otherwise (logs of batch jobs), nothing with --quiet. Also installs the SIGINT /
// SIGTERM / SIGHUP / SIGPIPE handler whose flag cancels the run at the next window.
#include <string>

#include "burdenmap/job/RunJob.h"

namespace burdenmap::cli {

enum class ProgressStyle { none, bar, lines, json };
ProgressStyle choose_progress_style(bool quiet, bool json);

// A ProgressFn that draws in `style` and returns false once a stop signal arrived.
ProgressFn make_progress(ProgressStyle style);

void install_stop_handlers();
// After a command's outputs are committed: a closed stdout/stderr pipe no longer cancels (SIGPIPE ignored).
void outputs_done();
bool stop_requested();

}  // namespace burdenmap::cli

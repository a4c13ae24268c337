"""What every PyQGIS test shares: one throw-away folder for all it writes, headless Qt, and a
verdict that a crash in Qt's teardown cannot change.

Import it before qgis: it sets QT_QPA_PLATFORM and, when none is usable, XDG_RUNTIME_DIR.
"""
import atexit
import os
import shutil
import sys
import tempfile

# Everything a test writes (QGIS's runtime folder when none is given, its profile, outputs) goes
# in one folder, removed in finish() (os._exit skips Python's own clean-up) or at exit otherwise.
WORK = tempfile.mkdtemp(prefix="burdenmap-qgis-")
atexit.register(shutil.rmtree, WORK, True)  # an uncaught error exits through the interpreter


def fail(message):
    finish(1, "FAIL: " + message)


def finish(code, message):
    # os._exit, not sys.exit: tearing PyQGIS down through the interpreter's exit can crash (a
    # segfault in Qt's destructors would hide the test's own verdict).
    print(message)
    sys.stdout.flush()
    sys.stderr.flush()
    shutil.rmtree(WORK, ignore_errors=True)
    os._exit(code)


# Headless Qt, and QGIS's settings and caches in a throw-away folder (never in $HOME).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_runtime = os.environ.get("XDG_RUNTIME_DIR", "")
if not _runtime or not os.path.isdir(_runtime):
    os.environ["XDG_RUNTIME_DIR"] = os.path.join(WORK, "xdg")
    os.mkdir(os.environ["XDG_RUNTIME_DIR"], 0o700)

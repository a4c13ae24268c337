"""Which burdenmap binary the algorithms run.

Order: the environment variable BURDENMAP_BIN (scripts and tests point it at a build), then the
provider's setting "burdenmap binary" (Settings > Options > Processing > Providers > burdenmap),
whose default "burdenmap" is looked up on PATH.
"""
import os
import shutil

from qgis.core import QgsProcessingException

SETTING = "BURDENMAP_BINARY"
DEFAULT = "burdenmap"


def configured():
    """The binary as set, before the PATH look-up."""
    if os.environ.get("BURDENMAP_BIN"):
        return os.environ["BURDENMAP_BIN"]
    try:
        from processing.core.ProcessingConfig import ProcessingConfig

        value = ProcessingConfig.getSetting(SETTING)
    except ImportError:  # the Processing plugin is not loaded (a bare PyQGIS script)
        value = None
    return value or DEFAULT


def find():
    """The binary's path; a Processing error that says how to set it when it cannot be run."""
    name = configured()
    path = shutil.which(name)
    if path is None:
        raise QgsProcessingException(
            "the burdenmap binary '%s' is not found or not executable: install burdenmap, or set its path in "
            "Settings > Options > Processing > Providers > burdenmap (or the environment variable BURDENMAP_BIN)" % name)
    return path

#!/usr/bin/env python3
"""Loads the installed plugin the way QGIS does, headless, and lists its algorithms.

usage: load_installed_plugin.py PLUGINS_DIR ALGORITHM_ID...

PLUGINS_DIR is a profile's python/plugins folder into which scripts/install-qgis-plugin (or
QGIS's own "Install from ZIP" extraction) put burdenmap_processing. qgis.utils finds it there
(updateAvailablePlugins reads metadata.txt), loadPlugin imports the package, and
startProcessingPlugin calls classFactory(None) and initProcessing(): what qgis_process does, with
no QGIS interface. The provider "burdenmap" must then offer exactly ALGORITHM_ID... .
Exit 0 when it does; 1 naming what went wrong (a QGIS that cannot start is a failure too).
"""
import os
import sys

import headless_qgis  # before qgis: headless Qt, a throw-away folder, a verdict Qt's teardown cannot change

PLUGIN = "burdenmap_processing"
log = []  # the message log, where qgis.utils reports a plugin's import or start errors


def fail(message):
    headless_qgis.fail("\n".join(log + [message]))


if len(sys.argv) < 3:
    headless_qgis.finish(2, "usage: load_installed_plugin.py PLUGINS_DIR ALGORITHM_ID...")
plugins_dir, expected = os.path.abspath(sys.argv[1]), sorted(sys.argv[2:])
if not os.path.isfile(os.path.join(plugins_dir, PLUGIN, "metadata.txt")):
    fail("%s/%s/metadata.txt: no such file (the plugin is not installed there)" % (plugins_dir, PLUGIN))
# QGIS's own profile in the throw-away folder: loading must not depend on the user's settings.
os.environ["QGIS_CUSTOM_CONFIG_PATH"] = os.path.join(headless_qgis.WORK, "config")
try:
    from qgis.core import QgsApplication
    import qgis.utils
except ImportError as error:
    fail("PyQGIS is not installed (%s): install the Debian packages python3-qgis and qgis-providers "
         "(scripts/install-deps does)." % error)

app = QgsApplication([], False)
app.initQgis()
# No message bar here: qgis.utils's errors go to the message log, shown with any failure.
QgsApplication.messageLog().messageReceived.connect(lambda message, tag, level: log.append("%s: %s" % (tag, message)))
# QGIS's Python start-up puts the profile's plugin folder on sys.path and in plugin_paths; a
# standalone interpreter has neither, so do the same for PLUGINS_DIR.
sys.path.insert(0, plugins_dir)
qgis.utils.plugin_paths = [plugins_dir]
qgis.utils.updateAvailablePlugins()
if PLUGIN not in qgis.utils.available_plugins:
    fail("qgis.utils does not see %s in %s (available: %s)" % (PLUGIN, plugins_dir, qgis.utils.available_plugins))
if qgis.utils.pluginMetadata(PLUGIN, "hasProcessingProvider").strip().lower() not in ("yes", "true"):
    fail("metadata.txt lacks hasProcessingProvider=yes: qgis_process would not load the plugin")
if not qgis.utils.loadPlugin(PLUGIN):
    fail("qgis.utils.loadPlugin(%r) failed (the import raised; the log is above)" % PLUGIN)
if not qgis.utils.startProcessingPlugin(PLUGIN):
    fail("qgis.utils.startProcessingPlugin(%r) failed (classFactory or initProcessing; the log is above)" % PLUGIN)
module = sys.modules.get(PLUGIN)
if module is None or not os.path.realpath(module.__file__).startswith(os.path.realpath(plugins_dir) + os.sep):
    fail("%s was not imported from %s but from %s" % (PLUGIN, plugins_dir, module and module.__file__))

provider = QgsApplication.processingRegistry().providerById("burdenmap")
if provider is None:
    fail("no Processing provider 'burdenmap' after startProcessingPlugin")
listed = sorted(a.id() for a in provider.algorithms())
if listed != expected:
    fail("the provider lists %s, expected %s" % (listed, expected))
print("%s loaded from %s: provider '%s' with %s" % (PLUGIN, plugins_dir, provider.name(), ", ".join(listed)))
qgis.utils.unloadPlugin(PLUGIN)
headless_qgis.finish(0, "OK")

"""burdenmap's Processing provider as a QGIS plugin.

QGIS calls classFactory(iface) when the plugin is enabled. The provider itself
(burdenmap_processing.provider.BurdenmapProvider) needs no interface, so scripts, tests and
qgis_process add it headless with QgsApplication.processingRegistry().addProvider(...).
"""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .plugin import BurdenmapPlugin

    return BurdenmapPlugin(iface)

"""The plugin QGIS loads: it only adds the provider to the Processing registry and removes it."""
from qgis.core import QgsApplication

from .provider import BurdenmapProvider


class BurdenmapPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):  # noqa: N802 (QGIS calls it by this name, also for qgis_process)
        self.provider = BurdenmapProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None

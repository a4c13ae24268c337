"""The Processing provider `burdenmap`: its algorithms and its one setting, the binary.

Importable without a QGIS interface, so scripts, tests and qgis_process add it headless:
    QgsApplication.processingRegistry().addProvider(BurdenmapProvider())
"""
import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from . import binary, methods
from .algorithms.check_sites import CheckSitesAlgorithm
from .algorithms.compare import CompareAlgorithm
from .algorithms.run import RunAlgorithm
from .algorithms.validate import ValidateAlgorithm

ICON = os.path.join(os.path.dirname(__file__), "icon.svg")


class BurdenmapProvider(QgsProcessingProvider):
    def id(self):
        return "burdenmap"

    def name(self):
        return "burdenmap"

    def longName(self):  # noqa: N802 (QGIS's names)
        return "burdenmap: cumulative environmental burden"

    def icon(self):
        return QIcon(ICON)

    def load(self):
        # The binary setting lives with Processing's other provider settings (GRASS, SAGA do the
        # same). Without the Processing plugin (a bare PyQGIS script) BURDENMAP_BIN or PATH decide.
        try:
            from processing.core.ProcessingConfig import ProcessingConfig, Setting
        except ImportError:
            ProcessingConfig = None
        if ProcessingConfig is not None:
            ProcessingConfig.settingIcons[self.name()] = self.icon()
            ProcessingConfig.addSetting(Setting(self.name(), binary.SETTING, "burdenmap binary (a path, or a name on PATH)",
                                                binary.DEFAULT, valuetype=Setting.FILE))
            ProcessingConfig.readSettings()
        self.refreshAlgorithms()
        return True

    def unload(self):
        try:
            from processing.core.ProcessingConfig import ProcessingConfig

            ProcessingConfig.removeSetting(binary.SETTING)
        except ImportError:
            pass

    def loadAlgorithms(self):  # noqa: N802
        # Called again on refreshAlgorithms() (after the settings change): the method list of
        # burdenmap:run's form is read anew from the binary now set.
        methods.forget()
        for algorithm in (ValidateAlgorithm(), RunAlgorithm(), CheckSitesAlgorithm(), CompareAlgorithm()):
            self.addAlgorithm(algorithm)

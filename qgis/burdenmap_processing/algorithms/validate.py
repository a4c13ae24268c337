"""burdenmap:validate — a config's plan (grid, CRS, layers, methods, warnings) in the log."""
from qgis.core import QgsProcessingOutputString, QgsProcessingParameterFile

from .. import cli_runner
from .base import BurdenmapAlgorithm

CONFIG, PLAN = "CONFIG", "PLAN"


class ValidateAlgorithm(BurdenmapAlgorithm):
    NAME = "validate"
    DISPLAY = "Validate a config (show the plan)"
    HELP = ("Checks a burdenmap config without reading pixels and shows the plan in the log: the grid, the CRS, "
            "how each layer is aligned, the methods, the fairness plan, the standards check-sites would compare "
            "with, and warnings. A config error names its key (e.g. zones.idd). Runs `burdenmap validate CONFIG`.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS's names)
        self.addParameter(QgsProcessingParameterFile(CONFIG, "Config (TOML)", extension="toml"))
        self.addOutput(QgsProcessingOutputString(PLAN, "Plan"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        config = self.parameterAsFile(parameters, CONFIG, context)
        result = cli_runner.run(["validate", config], feedback)
        return {PLAN: "\n".join(result.stdout)}

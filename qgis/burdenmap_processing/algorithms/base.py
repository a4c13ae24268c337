"""What every burdenmap algorithm shares: its group and instance, the output folder, threads and
overwrite parameters with their command-line options, and the cancelled result."""
import os

from qgis.core import (QgsProcessingAlgorithm, QgsProcessingOutputBoolean, QgsProcessingParameterBoolean,
                       QgsProcessingParameterDefinition, QgsProcessingParameterFolderDestination,
                       QgsProcessingParameterNumber)

CANCELLED, THREADS, OVERWRITE, OUTPUT_FOLDER = "CANCELLED", "THREADS", "OVERWRITE", "OUTPUT_FOLDER"


class BurdenmapAlgorithm(QgsProcessingAlgorithm):
    """Subclasses give NAME, DISPLAY, HELP and initAlgorithm / processAlgorithm."""

    NAME = ""
    DISPLAY = ""
    HELP = ""

    def name(self):
        return self.NAME

    def displayName(self):  # noqa: N802 (QGIS's names)
        return self.DISPLAY

    def group(self):
        return "burdenmap"

    def groupId(self):  # noqa: N802
        return "burdenmap"

    def shortHelpString(self):  # noqa: N802
        return self.HELP

    def createInstance(self):  # noqa: N802
        return type(self)()

    def add_output_folder_params(self, threads):
        """Worker threads (advanced; when the command has --threads), overwrite, output folder."""
        if threads:
            count = QgsProcessingParameterNumber(THREADS, "Worker threads (0: all cores)",
                                                 QgsProcessingParameterNumber.Integer, defaultValue=0, minValue=0,
                                                 maxValue=1024)
            count.setFlags(count.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(count)
        # Off by default, as in the CLI: outputs of an earlier run are replaced only when asked.
        self.addParameter(QgsProcessingParameterBoolean(OVERWRITE, "Replace outputs already in the output folder",
                                                        defaultValue=False))
        self.addParameter(QgsProcessingParameterFolderDestination(OUTPUT_FOLDER, "Output folder"))

    def output_folder_args(self, parameters, context):
        """(folder, ["--output-dir", folder, --threads N, --overwrite]) from those parameters."""
        folder = self.parameterAsString(parameters, OUTPUT_FOLDER, context)
        os.makedirs(folder, exist_ok=True)
        args = ["--output-dir", folder]
        if self.parameterDefinition(THREADS) is not None and self.parameterAsInt(parameters, THREADS, context) > 0:
            args += ["--threads", self.parameterAsInt(parameters, THREADS, context)]
        if self.parameterAsBool(parameters, OVERWRITE, context):
            args.append("--overwrite")
        return folder, args

    def option_args(self, parameters, context, values=(), flags=()):
        """[OPTION, value] for each (parameter, OPTION) of `values` that is set, [FLAG] for each
        (parameter, FLAG) of `flags` that is true."""
        args = []
        for name, option in values:
            value = self.parameterAsString(parameters, name, context)
            if value:
                args += [option, value]
        for name, flag in flags:
            if self.parameterAsBool(parameters, name, context):
                args.append(flag)
        return args

    def add_cancelled_output(self):
        self.addOutput(QgsProcessingOutputBoolean(CANCELLED, "Cancelled (no outputs were written)"))

    @staticmethod
    def cancelled_result(folder, **more):
        # A cancel is a result, not an error: the folder named, no layer outputs, CANCELLED true.
        return dict(more, **{OUTPUT_FOLDER: folder, CANCELLED: True})

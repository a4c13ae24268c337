"""burdenmap:compare — plan alternatives against the base run: what changes, and for whom.

The runs are folders of finished `burdenmap run`s (burdenmap:run's output folders); compare never
re-runs them. QGIS 3.22 has no parameter for several folders, so the plans take PLAN_SLOTS folder
parameters (the first required), each with a folder browser.
"""
import os

from qgis.core import (QgsProcessing, QgsProcessingOutputRasterLayer, QgsProcessingOutputVectorLayer,
                       QgsProcessingParameterBoolean, QgsProcessingParameterFile, QgsProcessingParameterString)

from .. import cli_runner, outputs
from .base import CANCELLED, OUTPUT_FOLDER, BurdenmapAlgorithm

PLAN_SLOTS = 3
BASE, LABELS, REPORT = "BASE", "LABELS", "REPORT"
COMPARE_LAYER, DELTA = "COMPARE_LAYER", "DELTA"


def plan_param(i):
    return "PLAN_%d" % i


class CompareAlgorithm(BurdenmapAlgorithm):
    NAME = "compare"
    DISPLAY = "Compare plan alternatives"
    HELP = ("Compares up to %d plan alternatives with the base: per zone the plan values and their change (better, "
            "same, worse), residents per score class (the GES comparison), and who gains and who loses by income. "
            "Give the output folders of finished runs (the base, then each plan's: a scenario config that extends "
            "the base). Writes compare.gpkg and delta.tif (per alternative, plan minus base) and loads them, styled. "
            "Runs `burdenmap compare BASE_OUT PLAN_OUT... --output-dir OUT`." % PLAN_SLOTS)

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS's names)
        self.addParameter(QgsProcessingParameterFile(BASE, "Base run folder", behavior=QgsProcessingParameterFile.Folder))
        for i in range(1, PLAN_SLOTS + 1):
            self.addParameter(QgsProcessingParameterFile(plan_param(i), "Plan run folder %d" % i,
                                                         behavior=QgsProcessingParameterFile.Folder, optional=i > 1))
        self.addParameter(QgsProcessingParameterString(LABELS, "Labels of the plans, comma-separated (default: the slugs "
                                                               "of their study names)", optional=True))
        self.addParameter(QgsProcessingParameterBoolean(REPORT, "Also write compare-report.html", defaultValue=False))
        self.add_output_folder_params(threads=False)
        self.addOutput(QgsProcessingOutputVectorLayer(COMPARE_LAYER, "Zones compared", QgsProcessing.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputRasterLayer(DELTA, "Change per cell (plan minus base)"))
        self.add_cancelled_output()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        runs = [self.parameterAsFile(parameters, BASE, context)]
        runs += [p for p in (self.parameterAsFile(parameters, plan_param(i), context) for i in range(1, PLAN_SLOTS + 1)) if p]
        folder, folder_args = self.output_folder_args(parameters, context)
        args = ["compare"] + runs + folder_args
        args += self.option_args(parameters, context, values=[(LABELS, "--labels")], flags=[(REPORT, "--report")])
        result = cli_runner.run(args, feedback)
        if result.cancelled:
            return self.cancelled_result(folder)
        written = cli_runner.outputs_of(result.stdout)
        gpkg = outputs.vector_layer(os.path.abspath(os.path.join(folder, "compare.gpkg")), "zones")
        outputs.load_on_completion(context, gpkg, "compared zones", COMPARE_LAYER, outputs.LayerType.Vector)
        results = {COMPARE_LAYER: gpkg, OUTPUT_FOLDER: folder, CANCELLED: False}
        # delta.tif is listed only when the runs have cells to compare (compare prints its outputs).
        delta = next((os.path.abspath(p) for p in written if p.endswith(".tif")), None)
        if delta:
            outputs.load_on_completion(context, delta, "change per cell", DELTA, outputs.LayerType.Raster)
            results[DELTA] = delta
        return results

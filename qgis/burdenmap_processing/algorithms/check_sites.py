"""burdenmap:check_sites — candidate housing sites against the standards, a verdict per site.

The sites may be any vector layer, also a scratch layer drawn by hand: a layer that is not a file
burdenmap can read is written to a temporary GeoPackage first (inputs.vector).
"""
import os

from qgis.core import (QgsProcessing, QgsProcessingOutputVectorLayer, QgsProcessingParameterBoolean,
                       QgsProcessingParameterDefinition, QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterFile)

from .. import cli_runner, inputs, outputs
from .base import CANCELLED, OUTPUT_FOLDER, BurdenmapAlgorithm

CONFIG, SITES, SITE_ID, BILINEAR = "CONFIG", "SITES", "SITE_ID", "BILINEAR"
SITES_LAYER = "SITES_LAYER"


class CheckSitesAlgorithm(BurdenmapAlgorithm):
    NAME = "check_sites"
    DISPLAY = "Check candidate housing sites"
    HELP = ("Checks candidate housing sites (points or polygons, any layer, also a scratch layer drawn by hand) against "
            "the standard and limit values the config's layers name: a verdict per site (meets standard values, needs "
            "weighing, exceeds limit value, unknown), a health advisory, and the reasons. Writes sites.gpkg and "
            "sites.csv into the output folder and loads the sites layer, coloured by verdict. Runs "
            "`burdenmap check-sites CONFIG --sites FILE`.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS's names)
        self.addParameter(QgsProcessingParameterFile(CONFIG, "Config (TOML)", extension="toml"))
        self.addParameter(QgsProcessingParameterFeatureSource(SITES, "Sites (points or polygons)",
                                                              [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(SITE_ID, "Site id field (default: the feature id)",
                                                      parentLayerParameterName=SITES, optional=True))
        bilinear = QgsProcessingParameterBoolean(BILINEAR, "Points: interpolate between the four cell centres around "
                                                           "the point", defaultValue=False)
        bilinear.setFlags(bilinear.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(bilinear)
        self.add_output_folder_params(threads=True)
        self.addOutput(QgsProcessingOutputVectorLayer(SITES_LAYER, "Sites with their verdict"))
        self.add_cancelled_output()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        config = self.parameterAsFile(parameters, CONFIG, context)
        path, layer = inputs.vector(self, parameters, SITES, context, feedback)
        folder, folder_args = self.output_folder_args(parameters, context)
        args = ["check-sites", config, "--sites", "%s:%s" % (path, layer) if layer else path] + folder_args
        args += self.option_args(parameters, context, values=[(SITE_ID, "--id")], flags=[(BILINEAR, "--bilinear")])
        result = cli_runner.run(args, feedback)
        if result.cancelled:
            return self.cancelled_result(folder)
        # check-sites writes fixed names (sites.gpkg, sites.csv), whatever the config's [output].
        sites = outputs.vector_layer(os.path.abspath(os.path.join(folder, "sites.gpkg")), "sites")
        outputs.load_on_completion(context, sites, "sites checked", SITES_LAYER, outputs.LayerType.Vector)
        return {SITES_LAYER: sites, OUTPUT_FOLDER: folder, CANCELLED: False}

"""burdenmap:run — a burden map from a config file, or from a form that writes the config.

The form (QGIS 3.22 has no parameter with rows to add): a zones layer with its id, name and
population fields, up to RASTER_SLOTS raster layers each with a method chosen from the list
`burdenmap methods --json` gives, and cumulation rules. It writes burdenmap-config.toml into the
output folder and runs that, so the run can be repeated and extended outside QGIS.
"""
import os

from qgis.core import (QgsProcessing, QgsProcessingException, QgsProcessingOutputFile, QgsProcessingOutputRasterLayer,
                       QgsProcessingOutputVectorLayer, QgsProcessingParameterBoolean,
                       QgsProcessingParameterEnum, QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterFile,
                       QgsProcessingParameterRasterLayer, QgsProcessingParameterString)

from .. import cli_runner, form_config, inputs, methods, outputs
from .base import CANCELLED, OUTPUT_FOLDER, BurdenmapAlgorithm

RASTER_SLOTS = 4
CONFIG, STUDY_NAME, ZONES, ZONE_ID, ZONE_NAME, ZONE_POPULATION = ("CONFIG", "STUDY_NAME", "ZONES", "ZONE_ID", "ZONE_NAME",
                                                                  "ZONE_POPULATION")
CUMULATIONS, REPORT = "CUMULATIONS", "REPORT"
ZONES_LAYER, GEOTIFF, CONFIG_USED = "ZONES_LAYER", "GEOTIFF", "CONFIG_USED"
FORM_CONFIG = "burdenmap-config.toml"


def raster_param(i):
    return "RASTER_%d" % i


def method_param(i):
    return "METHOD_%d" % i


class RunAlgorithm(BurdenmapAlgorithm):
    NAME = "run"
    DISPLAY = "Run a burden map"
    HELP = ("Maps cumulative burden per grid cell and per zone: burden.tif (a band per layer score and per "
            "cumulation) and burden.gpkg (zones with their statistics, styled), loaded into the project.\n\n"
            "Give either a config file, or fill in the form: the zones layer with its id (and optionally name and "
            "population) field, up to %d raster layers each with a method, and the cumulation rules. The form writes "
            "%s into the output folder and runs it; rules with weights or health outcomes, vector layers and "
            "fairness need a config file.\n\nCancel stops burdenmap cleanly: no outputs are written and the result "
            "says Cancelled. Errors name the config key (e.g. layer[0].method)." % (RASTER_SLOTS, FORM_CONFIG))

    def shortHelpString(self):  # noqa: N802 (QGIS's names)
        return self.HELP + "\n\nMethods (burdenmap methods):\n" + "\n".join(methods.described())

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS's names)
        self.addParameter(QgsProcessingParameterFile(CONFIG, "Config (TOML); leave empty to use the form below",
                                                     extension="toml", optional=True))
        self.addParameter(QgsProcessingParameterString(STUDY_NAME, "Form: study name", defaultValue="Study from QGIS",
                                                       optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(ZONES, "Form: zones (polygons)",
                                                              [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(ZONE_ID, "Form: zone id field (unique)", parentLayerParameterName=ZONES,
                                                      optional=True))
        self.addParameter(QgsProcessingParameterField(ZONE_NAME, "Form: zone name field", parentLayerParameterName=ZONES,
                                                      optional=True))
        self.addParameter(QgsProcessingParameterField(ZONE_POPULATION, "Form: zone population field",
                                                      parentLayerParameterName=ZONES,
                                                      type=QgsProcessingParameterField.Numeric, optional=True))
        choices = methods.choices()
        for i in range(1, RASTER_SLOTS + 1):
            self.addParameter(QgsProcessingParameterRasterLayer(raster_param(i), "Form: raster layer %d" % i, optional=True))
            self.addParameter(QgsProcessingParameterEnum(method_param(i), "Form: method of raster layer %d (none: raw "
                                                         "statistics only)" % i, choices, defaultValue=methods.NO_METHOD,
                                                         optional=True, usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterEnum(CUMULATIONS, "Form: cumulations",
                                                     [text for _, _, text in form_config.RULES], allowMultiple=True,
                                                     defaultValue=[0], optional=True))
        self.addParameter(QgsProcessingParameterBoolean(REPORT, "Also write the report (report.html, map.png)",
                                                        defaultValue=False))
        self.add_output_folder_params(threads=True)
        self.addOutput(QgsProcessingOutputVectorLayer(ZONES_LAYER, "Zones with burden statistics", QgsProcessing.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputRasterLayer(GEOTIFF, "Burden raster"))
        self.addOutput(QgsProcessingOutputFile(CONFIG_USED, "Config that was run"))
        self.add_cancelled_output()

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if ok:
            message = self._form_problem(parameters, context)
            ok = message is None
        return ok, message or ""

    def _form_problem(self, parameters, context):
        """Why the parameters are neither a config nor a complete form (None when they are one)."""
        config = self.parameterAsFile(parameters, CONFIG, context)
        form_given = parameters.get(ZONES) or any(parameters.get(raster_param(i)) for i in range(1, RASTER_SLOTS + 1))
        if config and form_given:
            return "Give a config file or fill in the form (zones, rasters), not both."
        if config:
            return None
        if not parameters.get(ZONES):
            return "Give a config file, or a zones layer and at least one raster layer in the form."
        if not self.parameterAsString(parameters, ZONE_ID, context):
            return "Form: choose the zone id field."
        if not any(parameters.get(raster_param(i)) for i in range(1, RASTER_SLOTS + 1)):
            return "Form: give at least one raster layer."
        return None

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        problem = self._form_problem(parameters, context)
        if problem:
            raise QgsProcessingException(problem)
        folder, folder_args = self.output_folder_args(parameters, context)
        config = self.parameterAsFile(parameters, CONFIG, context) or self._write_form_config(parameters, context, feedback,
                                                                                              folder)
        args = ["run", config] + folder_args + self.option_args(parameters, context, flags=[(REPORT, "--report")])
        result = cli_runner.run(args, feedback)
        if result.cancelled:
            return self.cancelled_result(folder, **{CONFIG_USED: config})

        written = cli_runner.outputs_of(result.stdout)
        tif = next((p for p in written if p.endswith(".tif")), os.path.join(folder, "burden.tif"))
        gpkg = next((p for p in written if p.endswith(".gpkg")), os.path.join(folder, "burden.gpkg"))
        zones = outputs.vector_layer(os.path.abspath(gpkg), "zones")
        outputs.load_on_completion(context, zones, "burden zones", ZONES_LAYER, outputs.LayerType.Vector)
        outputs.load_on_completion(context, os.path.abspath(tif), "burden raster", GEOTIFF, outputs.LayerType.Raster)
        return {ZONES_LAYER: zones, GEOTIFF: os.path.abspath(tif), OUTPUT_FOLDER: folder, CONFIG_USED: config,
                CANCELLED: False}

    def _write_form_config(self, parameters, context, feedback, folder):
        zones_path, zones_layer = inputs.vector(self, parameters, ZONES, context, feedback)
        zones = {"path": zones_path, "layer": zones_layer, "id": self.parameterAsString(parameters, ZONE_ID, context),
                 "name": self.parameterAsString(parameters, ZONE_NAME, context),
                 "population": self.parameterAsString(parameters, ZONE_POPULATION, context)}
        layers, taken = [], set()
        for i in range(1, RASTER_SLOTS + 1):
            raster = self.parameterAsRasterLayer(parameters, raster_param(i), context)
            if raster is None:
                continue
            name = form_config.layer_name(raster.name(), taken)
            taken.add(name)
            method = methods.chosen(self.parameterAsEnumString(parameters, method_param(i), context))
            layers.append({"name": name, "path": inputs.raster(raster, "Form: raster layer %d" % i),
                           "method": method["id"] if method else "", "unit": method.get("unit", "") if method else ""})
        rules = [form_config.RULES[k][0] for k in self.parameterAsEnums(parameters, CUMULATIONS, context)]
        if "energetic_sum" in rules and not form_config.cumulation_layers("energetic_sum", layers):
            raise QgsProcessingException("Form: energetic_sum sums layers in dB, and no layer has a method in dB: choose "
                                         "a noise method for a noise raster, or leave energetic_sum out.")
        path = os.path.join(folder, FORM_CONFIG)
        with open(path, "w", encoding="utf-8") as f:
            f.write(form_config.config_text(self.parameterAsString(parameters, STUDY_NAME, context) or "Study from QGIS",
                                            zones, layers, rules))
        feedback.pushInfo("Config written from the form: " + path)
        return path

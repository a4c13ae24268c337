"""The outputs as layers of the project, with the styles burdenmap stored for them.

Processing loads result layers without their default style (it loads them with
loadDefaultStyle off, then applies its own default style settings), so a post-processor loads
the stored one: for a GeoPackage layer the default in its layer_styles table, for a GeoTIFF the
.qml beside it (burden.qml, delta.qml).
"""
from qgis.core import QgsProcessingContext, QgsProcessingLayerPostProcessorInterface, QgsProcessingUtils


class StoredStyle(QgsProcessingLayerPostProcessorInterface):
    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS's name)
        message, ok = layer.loadDefaultStyle()
        if not ok:
            feedback.pushWarning("%s: its stored style did not load (%s)" % (layer.name(), message))


# QGIS keeps only a pointer to a post-processor: the Python object must outlive the algorithm
# (a local one is collected before the layers are loaded), so each load keeps its own here, a few
# bytes each for the session.
_keep = []


def load_on_completion(context, source, name, output_name, layer_type):
    """Asks QGIS to add `source` to the project when the algorithm has finished (not in
    qgis_process, which has no project)."""
    if context.project() is None:
        return
    details = QgsProcessingContext.LayerDetails(name, context.project(), output_name, layer_type)
    style = StoredStyle()
    _keep.append(style)
    details.setPostProcessor(style)
    context.addLayerToLoadOnCompletion(source, details)


def vector_layer(gpkg, table):
    return "%s|layername=%s" % (gpkg, table)


LayerType = QgsProcessingUtils.LayerHint

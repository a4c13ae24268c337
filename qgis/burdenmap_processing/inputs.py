"""Input layers as files the burdenmap binary can read.

A layer that is already a GeoPackage or shapefile layer is passed as it is; any other (a scratch
layer drawn by hand, a PostGIS table, a layer with a subset filter, "selected features only") is
written to a GeoPackage in Processing's temporary folder first.
"""
import os

from qgis.core import QgsProcessingException


def vector(algorithm, parameters, name, context, feedback):
    """FILE:LAYER (or FILE) for the feature-source parameter `name`."""
    path, layer = algorithm.parameterAsCompatibleSourceLayerPathAndLayerName(
        parameters, name, context, ["gpkg", "shp"], "gpkg", feedback)
    if not path:
        raise QgsProcessingException("%s: no layer given" % name)
    return path, layer


def raster(layer, what):
    """The file of a raster layer read by GDAL (the binary reads rasters through GDAL too)."""
    if layer is None:
        raise QgsProcessingException("%s: no layer given" % what)
    if layer.providerType() != "gdal":
        raise QgsProcessingException("%s: layer '%s' is not a GDAL raster (provider %s); save it as a GeoTIFF first "
                                     "(Export > Save As...)" % (what, layer.name(), layer.providerType()))
    source = layer.source()
    if not os.path.exists(source):
        raise QgsProcessingException("%s: layer '%s' is not a file: %s" % (what, layer.name(), source))
    return source

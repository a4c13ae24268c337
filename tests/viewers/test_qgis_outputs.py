#!/usr/bin/env python3
"""The outputs in a real QGIS (PyQGIS, headless): every layer of burden.gpkg loads; zones opens with
the default style stored in its layer_styles table (and every stored style is listed and loads,
as QML and as SLD); sites, when present, is styled by verdict; burden.tif loads with band names,
its .qml style (pseudocolour) and statistics; a map rendered by QGIS is not blank and shows the
style's colours.

Usage: test_qgis_outputs.py OUTPUT_DIR [RENDERED_PNG]
Needs Debian's python3-qgis and qgis-providers (scripts/install-deps). Where they are missing the
test fails and says so: a skipped test would hide that the styles were never checked.
"""
import os
import sqlite3
import sys
import tempfile
import xml.etree.ElementTree as ET

# One throw-away folder (WORK) for the runtime folder and the SLD probes, headless Qt, fail/finish.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "qgis"))
from headless_qgis import WORK, fail, finish  # noqa: E402

try:
    from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsRasterBandStats,
                           QgsRasterLayer, QgsRectangle, QgsVectorLayer)
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor
except ImportError as error:
    fail("PyQGIS is not installed (%s), so the outputs cannot be checked in QGIS. Install the Debian packages "
         "python3-qgis and qgis-providers (scripts/install-deps does)." % error)


def stored_styles(gpkg, table):
    """(name, useAsDefault, qml, sld) of a table's rows in layer_styles, as QGIS will find them."""
    with sqlite3.connect("file:%s?mode=ro" % gpkg, uri=True) as db:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'layer_styles'").fetchone():
            return []
        return db.execute("SELECT styleName, useAsDefault, styleQML, styleSLD FROM layer_styles WHERE "
                          "f_table_name = ? AND f_table_schema = ''", (table,)).fetchall()


def check_sld(gpkg, name, qml, sld):
    """The SLD copy of a style loads in QGIS as one rule per class of the QML."""
    renderer = ET.fromstring(qml.split("\n", 1)[1]).find("renderer-v2")
    classes = len(renderer.find("ranges") if renderer.find("ranges") is not None else renderer.find("categories"))
    path = os.path.join(tempfile.mkdtemp(prefix="sld-", dir=WORK), "style.sld")
    with open(path, "w", encoding="utf-8") as f:
        f.write(sld)
    probe = QgsVectorLayer(gpkg + "|layername=zones", "probe", "ogr")
    message, ok = probe.loadSldStyle(path)
    rules = probe.renderer().rootRule().children() if ok and probe.renderer().type() == "RuleRenderer" else []
    if len(rules) != classes:
        fail("the SLD of style '%s' does not load as %d rules in QGIS (%s)" % (name, classes, message))


def layer_names(gpkg):
    with sqlite3.connect("file:%s?mode=ro" % gpkg, uri=True) as db:
        return [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents ORDER BY table_name")]


def columns(layer):
    return [f.name() for f in layer.fields()]


def check_zones(gpkg):
    zones = QgsVectorLayer(gpkg + "|layername=zones", "zones", "ogr")
    if not zones.isValid():
        fail("QGIS cannot load the zones layer")
    styles = stored_styles(gpkg, "zones")
    defaults = [s for s in styles if s[1]]
    if len(defaults) != 1:
        fail("zones should have exactly one default style in layer_styles, found %d "
             "(run_job must call GpkgWriter::write_layer_styles)" % len(defaults))
    name, _, qml, _ = defaults[0]
    stored = ET.fromstring(qml.split("\n", 1)[1]).find("renderer-v2")  # after the DOCTYPE line
    renderer = zones.renderer()
    print("zones: %d features, renderer %s on %s (stored default '%s')"
          % (zones.featureCount(), renderer.type(), renderer.classAttribute(), name))
    if renderer.type() != stored.get("type") or renderer.classAttribute() != stored.get("attr"):
        fail("zones did not open with its stored default style '%s' (%s on %s), but %s"
             % (name, stored.get("type"), stored.get("attr"), renderer.type()))
    stored_colours = [s.find("layer/Option/Option[@name='color']").get("value")
                      for s in stored.find("symbols").findall("symbol")]
    # Graduated (a run's burden classes) or categorized (compare.gpkg's better / same / worse).
    categorized = renderer.type() == "categorizedSymbol"
    classes = renderer.categories() if categorized else renderer.ranges()
    stored_classes = stored.find("categories" if categorized else "ranges")
    shown = ["%d,%d,%d,255" % (r.symbol().color().red(), r.symbol().color().green(), r.symbol().color().blue())
             for r in classes]
    if shown != stored_colours[: len(shown)] or len(shown) != len(stored_classes):
        fail("the class colours differ from the stored style: %s vs %s" % (shown, stored_colours))

    # Every stored style is listed by QGIS and loads.
    count, ids, names, _descriptions, error = zones.listStylesInDatabase()
    if count != len(styles) or sorted(names[:count]) != sorted(s[0] for s in styles):
        fail("QGIS lists the styles %s, layer_styles holds %s (%s)" % (names, [s[0] for s in styles], error))
    for style_id, style_name in zip(ids[:count], names[:count]):
        probe = QgsVectorLayer(gpkg + "|layername=zones", "probe", "ogr")
        qml_text = probe.getStyleFromDatabase(style_id)
        if isinstance(qml_text, tuple):  # PyQGIS returns (qml, error message)
            qml_text = qml_text[0]
        ok, message = probe.importNamedStyle(_document(qml_text))
        if not ok or probe.renderer() is None:
            fail("stored style '%s' does not load: %s" % (style_name, message))
        if "bivariate_class" in columns(probe) and "bivariate" in style_name:
            if probe.renderer().type() != "categorizedSymbol" or len(probe.renderer().categories()) != 9:
                fail("the bivariate style does not have the 9 classes")
    for style_name, _, style_qml, style_sld in styles:
        check_sld(gpkg, style_name, style_qml, style_sld)
    if "bivariate_class" in columns(zones) and not any("bivariate" in n for n in names):
        fail("zones has bivariate_class but no bivariate style")
    print("zones: %d stored styles load, as QML and as SLD: %s" % (count, ", ".join(names[:count])))
    return zones, renderer


def _document(qml_text):
    from qgis.PyQt.QtXml import QDomDocument

    doc = QDomDocument("qgis")
    doc.setContent(qml_text)
    return doc


def check_other_layers(gpkg):
    for name in layer_names(gpkg):
        if name in ("zones", "layer_styles"):
            continue
        layer = QgsVectorLayer(gpkg + "|layername=" + name, name, "ogr")
        if not layer.isValid():
            fail("QGIS cannot load layer '%s'" % name)
        if name == "sites" and "verdict" in columns(layer):
            if layer.renderer().type() != "categorizedSymbol" or layer.renderer().classAttribute() != "verdict":
                fail("sites did not open styled by verdict")
        print("%s: loads (%d rows)" % (name, layer.featureCount()))


def check_raster(tif):
    raster = QgsRasterLayer(tif, "burden")
    if not raster.isValid():
        fail("QGIS cannot load " + tif)
    from osgeo import gdal

    ds = gdal.Open(tif)
    for b in range(1, raster.bandCount() + 1):
        description = ds.GetRasterBand(b).GetDescription()
        if not description or description not in raster.bandName(b):
            fail("band %d is shown as '%s', not by its name '%s'" % (b, raster.bandName(b), description))
    if ds.GetRasterBand(1).GetOverviewCount() < 1:
        fail("%s has no overviews" % os.path.basename(tif))
    renderer = raster.renderer()
    qml = os.path.splitext(tif)[0] + ".qml"
    if not os.path.exists(qml):
        fail("no %s beside the GeoTIFF (run_job must call write_raster_style)" % os.path.basename(qml))
    if renderer.type() != "singlebandpseudocolor":
        fail("%s did not open with its .qml style (renderer %s)" % (os.path.basename(tif), renderer.type()))
    band = renderer.band()
    stats = raster.dataProvider().bandStatistics(band, QgsRasterBandStats.Min | QgsRasterBandStats.Max)
    stored_max = ds.GetRasterBand(band).GetMetadataItem("STATISTICS_MAXIMUM")
    if stored_max is None or abs(stats.maximumValue - float(stored_max)) > 1e-6:
        fail("band %d has no stored statistics matching QGIS's (%s vs %s)" % (band, stored_max, stats.maximumValue))
    print("%s: %d bands named %s; style %s on band %d ('%s'), %d overview(s), max %g"
          % (os.path.basename(tif), raster.bandCount(), [raster.bandName(b) for b in range(1, raster.bandCount() + 1)], renderer.type(),
             band, raster.bandName(band), ds.GetRasterBand(1).GetOverviewCount(), stats.maximumValue))
    return raster


def render(layers, extent, path):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(600, 600))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    if path:
        image.save(path, "PNG")
    return image


def check_not_blank(image, what, must_show=(), min_colours=5):
    colours, coloured, samples = set(), 0, 0
    for y in range(0, image.height(), 6):
        for x in range(0, image.width(), 6):
            c = image.pixelColor(x, y)
            rgb = (c.red(), c.green(), c.blue())
            colours.add(rgb)
            samples += 1
            coloured += rgb != (255, 255, 255)
    print("%s: %.0f%% of sampled pixels coloured, %d colours" % (what, 100.0 * coloured / samples, len(colours)))
    if coloured < samples * 0.5 or len(colours) < min_colours:
        fail(what + " looks blank")
    for rgb in must_show:
        if not any(sum(abs(a - b) for a, b in zip(rgb, c)) < 12 for c in colours):
            fail("%s does not show the style's colour %s" % (what, rgb))


def run_checks(gpkg, tif, rendered):
    zones, renderer = check_zones(gpkg)
    check_other_layers(gpkg)
    raster = check_raster(tif)
    extent = QgsRectangle(zones.extent())
    extent.grow(50)
    if renderer.type() == "categorizedSymbol":
        # Only the categories that occur (a plan that makes nothing worse shows no "worse" colour).
        present = {f[renderer.classAttribute()] for f in zones.getFeatures()}
        classes = [c for c in renderer.categories() if c.value() in present]
    else:
        classes = renderer.ranges()
    zone_colours = [(r.symbol().color().red(), r.symbol().color().green(), r.symbol().color().blue())
                    for r in classes]
    check_not_blank(render([zones], extent, rendered), "zones rendered by QGIS", [zone_colours[0], zone_colours[-1]])
    if os.path.basename(tif) == "delta.tif":
        # Mostly "no change": the ramp's middle colour (#f7f7f7) must show, and some change beside it.
        check_not_blank(render([raster], extent, ""), "delta.tif rendered by QGIS", [(247, 247, 247)], min_colours=2)
    else:
        check_not_blank(render([raster], extent, ""), os.path.basename(tif) + " rendered by QGIS")


def main():
    # OUTPUT_DIR [RENDERED_PNG] [--raster=NAME] [--gpkg=NAME]: the raster is burden.tif, or
    # burden.vrt for a merged sharded run (a VRT over the shards' COGs, opened the same way), or
    # delta.tif of a comparison, whose GeoPackage is compare.gpkg.
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    option = lambda key, default: next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith(key + "=")), default)
    raster, gpkg = option("--raster", "burden.tif"), option("--gpkg", "burden.gpkg")
    if len(args) not in (1, 2):
        fail("usage: test_qgis_outputs.py OUTPUT_DIR [RENDERED_PNG] [--raster=burden.vrt|delta.tif] [--gpkg=compare.gpkg]")
    out = args[0]
    rendered = args[1] if len(args) == 2 else ""
    for name in (gpkg, raster):
        if not os.path.exists(os.path.join(out, name)):
            fail("no %s in %s" % (name, out))
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    try:
        run_checks(os.path.join(out, gpkg), os.path.join(out, raster), rendered)
    except Exception as error:  # an unexpected PyQGIS error is a failure with its message, not a crash
        fail("%s: %s" % (type(error).__name__, error))
    app.exitQgis()
    finish(0, "OK: QGIS opens the outputs styled (%s, %s)" % (gpkg, raster))


if __name__ == "__main__":
    main()

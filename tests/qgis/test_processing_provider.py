#!/usr/bin/env python3
"""The Processing provider (qgis/burdenmap_processing) in a real QGIS, headless: its algorithms
run with processing.run() on the demo, each running the burdenmap binary under test.

Usage: test_processing_provider.py BURDENMAP_BINARY SOURCE_DIR CHECK
CHECK is one of:
  demo    burdenmap:validate shows the plan; burdenmap:run from demo.toml maps --json-progress to the
          progress bar and loads zones and burden.tif into the project with their stored styles;
          burdenmap:check_sites on a scratch layer of two hand-made points loads sites styled by
          verdict; burdenmap:compare of the demo and its noise-screen plan loads compare.gpkg and delta.tif
  form    burdenmap:run's form writes a config equal (as TOML) to a hand-written one, and gives the
          same zone statistics as the CLI run on the hand-written config
  cancel  Cancel during a long run stops it within seconds, the result says cancelled and no file
          appears in the output folder; a config error is a QgsProcessingException naming the key
Needs Debian's python3-qgis and qgis-providers (scripts/install-deps). Where they are missing the
test fails and says so: a skipped test would hide that the plugin was never run in QGIS.
"""
import os
import sqlite3
import subprocess
import sys
import time
import tomllib

# One throw-away folder (WORK) for QGIS's profile, the runtime folder and the outputs, headless
# Qt, fail/finish (beside this file).
from headless_qgis import WORK, fail, finish

if len(sys.argv) != 4 or sys.argv[3] not in ("demo", "form", "cancel"):
    fail("usage: test_processing_provider.py BURDENMAP_BINARY SOURCE_DIR demo|form|cancel")
BINARY, SOURCE, CHECK = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
DEMO = os.path.join(SOURCE, "data", "demo")

# The provider runs the binary under test (BURDENMAP_BIN wins over its setting and PATH).
os.environ["BURDENMAP_BIN"] = BINARY
try:
    from qgis.core import (QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException,
                           QgsProcessingFeedback, QgsProject, QgsRasterLayer, QgsVectorLayer)
except ImportError as error:
    fail("PyQGIS is not installed (%s), so the plugin cannot be run in QGIS. Install the Debian packages "
         "python3-qgis and qgis-providers (scripts/install-deps does)." % error)


class Feedback(QgsProcessingFeedback):
    """Records what the algorithm reports; cancels itself `cancel_after` seconds into the run."""

    def __init__(self, cancel_after=None):
        super().__init__()
        self.progress_values, self.stages, self.warnings = [], [], []
        self.cancel_after, self.started, self.cancelled_at = cancel_after, None, None

    def setProgress(self, value):  # noqa: N802 (QGIS's names)
        self.progress_values.append(value)
        self.started = self.started or time.monotonic()
        if self.cancel_after is not None and self.cancelled_at is None and time.monotonic() - self.started > self.cancel_after:
            self.cancelled_at = time.monotonic()
            self.cancel()
        super().setProgress(value)

    def setProgressText(self, text):  # noqa: N802
        self.stages.append(text)
        super().setProgressText(text)

    def pushWarning(self, text):  # noqa: N802
        self.warnings.append(text)
        super().pushWarning(text)


def start_qgis():
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False, os.path.join(WORK, "profile"))
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")  # Processing, as QGIS ships it
    sys.path.insert(0, os.path.join(SOURCE, "qgis"))  # the plugin from this source tree
    from processing.core.Processing import Processing

    Processing.initialize()
    from burdenmap_processing.provider import BurdenmapProvider

    provider = BurdenmapProvider()
    if not QgsApplication.processingRegistry().addProvider(provider):
        fail("QGIS did not add the burdenmap provider")
    ids = sorted(a.id() for a in provider.algorithms())
    expected = ["burdenmap:check_sites", "burdenmap:compare", "burdenmap:run", "burdenmap:validate"]
    if ids != expected:
        fail("the provider has the algorithms %s, expected %s" % (ids, expected))
    return app, provider


def folder(name):
    return os.path.join(WORK, name)


def loaded(name):
    layers = QgsProject.instance().mapLayersByName(name)
    if len(layers) != 1:
        fail("'%s' was not loaded into the project once (%d layers of that name; the project has %s)"
             % (name, len(layers), [l.name() for l in QgsProject.instance().mapLayers().values()]))
    return layers[0]


def check_validate(processing):
    feedback = Feedback()
    result = processing.run("burdenmap:validate", {"CONFIG": os.path.join(DEMO, "demo.toml")}, feedback=feedback)
    plan = result["PLAN"]
    for expected in ("road_noise", "ges.road_noise", "EPSG:28992"):
        if expected not in plan:
            fail("burdenmap:validate's plan does not mention %s:\n%s" % (expected, plan))
    if plan.splitlines()[0] not in feedback.textLog():
        fail("burdenmap:validate did not show the plan in the log")
    print("validate: the plan (%d lines) is in the result and the log" % len(plan.splitlines()))


def check_run_from_config(processing):
    feedback = Feedback()
    out = folder("demo")
    result = processing.runAndLoadResults("burdenmap:run", {"CONFIG": os.path.join(DEMO, "demo.toml"), "OUTPUT_FOLDER": out,
                                                            "THREADS": 2}, feedback=feedback)
    if result is None or result["CANCELLED"]:
        fail("burdenmap:run from demo.toml gave no result: %s" % result)
    for name in ("burden.tif", "burden.gpkg", "burden.qml", "run.json"):
        if not os.path.exists(os.path.join(out, name)):
            fail("burdenmap:run wrote no %s into its output folder" % name)
    # --json-progress became the progress bar (0..100, rising to 100) and the stage texts.
    values = feedback.progress_values
    if len(values) < 3 or values[-1] != 100 or any(v < 0 or v > 100 for v in values):
        fail("the progress bar did not go from 0 to 100: %s" % values[:20])
    if not feedback.stages or not all(feedback.stages):
        fail("no stage text reached the progress bar: %s" % feedback.stages)
    # The demo's placeholder methods give "warning: ..." lines, which belong in the log as warnings.
    if not any(w.startswith("warning: ") and "placeholder" in w for w in feedback.warnings):
        fail("the run's warnings did not reach the log as warnings: %s" % feedback.warnings)
    zones = loaded("burden zones")
    if zones.renderer().type() != "graduatedSymbol" or zones.renderer().classAttribute() != "stapeling_mean":
        fail("the zones layer was loaded without its stored default style (graduated on stapeling_mean), renderer %s"
             % zones.renderer().type())
    raster = loaded("burden raster")
    if raster.renderer().type() != "singlebandpseudocolor":
        fail("burden.tif was loaded without burden.qml (renderer %s)" % raster.renderer().type())
    print("run: %d progress values, stages %s, %d warnings; zones (%d) and burden.tif loaded styled"
          % (len(values), sorted(set(feedback.stages)), len(feedback.warnings), zones.featureCount()))
    return out


def check_check_sites(processing, base):
    # A scratch layer of two points drawn "by hand": one in the demo town, one far outside the grid.
    zones = QgsVectorLayer(os.path.join(base, "burden.gpkg") + "|layername=zones", "z", "ogr")
    centre = zones.extent().center()
    sites = QgsVectorLayer("Point?crs=EPSG:28992&field=naam:string", "drawn sites", "memory")
    features = []
    for name, x, y in (("hand-in-town", centre.x(), centre.y()), ("hand-far-away", centre.x() + 100000, centre.y())):
        f = QgsFeature(sites.fields())
        f.setAttribute("naam", name)
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        features.append(f)
    sites.dataProvider().addFeatures(features)
    out = folder("sites")
    result = processing.runAndLoadResults("burdenmap:check_sites", {
        "CONFIG": os.path.join(DEMO, "demo.toml"), "SITES": sites, "SITE_ID": "naam", "OUTPUT_FOLDER": out},
        feedback=Feedback())
    if result is None or result["CANCELLED"]:
        fail("burdenmap:check_sites gave no result: %s" % result)
    checked = loaded("sites checked")
    verdicts = {f["site_id"]: f["verdict"] for f in checked.getFeatures()}
    if sorted(verdicts) != ["hand-far-away", "hand-in-town"]:
        fail("the sites layer holds %s, not the two hand-made points" % verdicts)
    if verdicts["hand-far-away"] != "unknown" or verdicts["hand-in-town"] == "unknown":
        fail("a point outside the grid must be unknown and one in town known: %s" % verdicts)
    if checked.renderer().type() != "categorizedSymbol" or checked.renderer().classAttribute() != "verdict":
        fail("sites was not loaded styled by verdict (renderer %s)" % checked.renderer().type())
    print("check_sites: a scratch layer of 2 points, verdicts %s, loaded styled by verdict" % verdicts)


def check_compare(processing, base):
    plan = folder("plan-screen")
    result = processing.run("burdenmap:run", {"CONFIG": os.path.join(DEMO, "plan-screen.toml"), "OUTPUT_FOLDER": plan},
                            feedback=Feedback())
    if result["CANCELLED"]:
        fail("the plan run was cancelled")
    out = folder("compare")
    result = processing.runAndLoadResults("burdenmap:compare", {"BASE": base, "PLAN_1": plan, "OUTPUT_FOLDER": out},
                                          feedback=Feedback())
    if result is None or result["CANCELLED"]:
        fail("burdenmap:compare gave no result: %s" % result)
    compared = loaded("compared zones")
    change = [f.name() for f in compared.fields() if f.name().startswith("change_stapeling_")]
    if change != ["change_stapeling_noise_screen_a99"]:
        fail("compare.gpkg has no change column of the plan: %s" % change)
    if compared.renderer().type() != "categorizedSymbol":
        fail("compare.gpkg was loaded without its stored style (renderer %s)" % compared.renderer().type())
    delta = loaded("change per cell")
    if not isinstance(delta, QgsRasterLayer) or delta.renderer().type() != "singlebandpseudocolor":
        fail("delta.tif was not loaded with delta.qml")
    print("compare: compare.gpkg (%d zones, %s) and delta.tif loaded styled" % (compared.featureCount(), change[0]))


def zone_rows(gpkg):
    with sqlite3.connect("file:%s?mode=ro" % gpkg, uri=True) as db:
        columns = [r[1] for r in db.execute("PRAGMA table_info(zones)") if r[1] not in ("fid", "geom")]
        rows = db.execute("SELECT %s FROM zones ORDER BY 1" % ", ".join('"%s"' % c for c in columns)).fetchall()
    return columns, rows


def check_form(processing):
    from burdenmap_processing import methods

    ids = [m["id"] for m in methods.all_methods()]
    for needed in ("ges.road_noise", "bkl.rail_lden_standaardwaarde"):
        if needed not in ids:
            fail("the form's method list (from burdenmap methods --json) lacks %s: %s" % (needed, ids))
    zones = QgsVectorLayer(os.path.join(DEMO, "buurten.gpkg") + "|layername=buurten", "buurten", "ogr")
    road = QgsRasterLayer(os.path.join(DEMO, "lden_road.tif"), "Road noise (Lden)")
    rail = QgsRasterLayer(os.path.join(DEMO, "lden_rail.tif"), "lden_rail")
    if not (zones.isValid() and road.isValid() and rail.isValid()):
        fail("QGIS cannot open the demo's buurten.gpkg, lden_road.tif or lden_rail.tif")
    out = folder("form")
    result = processing.run("burdenmap:run", {
        "STUDY_NAME": "Form test", "ZONES": zones, "ZONE_ID": "buurtcode", "ZONE_NAME": "buurtnaam",
        "ZONE_POPULATION": "aantal_inwoners",
        "RASTER_1": road, "METHOD_1": "ges.road_noise",
        "RASTER_2": rail, "METHOD_2": "bkl.rail_lden_standaardwaarde",
        "CUMULATIONS": [0, 2],  # count_at_least and energetic_sum
        "OUTPUT_FOLDER": out}, feedback=Feedback())
    if result["CANCELLED"]:
        fail("the form run was cancelled")
    written = os.path.join(out, "burdenmap-config.toml")
    if result["CONFIG_USED"] != written or not os.path.exists(written):
        fail("the form did not keep the config it ran as %s (result: %s)" % (written, result["CONFIG_USED"]))

    # What a user would write by hand for the same study.
    by_hand = os.path.join(WORK, "by-hand.toml")
    with open(by_hand, "w", encoding="utf-8") as f:
        f.write("""[study]
name = "Form test"
[zones]
path = "{demo}/buurten.gpkg"
layer = "buurten"
id = "buurtcode"
name = "buurtnaam"
population = "aantal_inwoners"
[[layer]]
name = "road_noise_lden"
path = "{demo}/lden_road.tif"
unit = "dB"
method = "ges.road_noise"
[[layer]]
name = "lden_rail"
path = "{demo}/lden_rail.tif"
unit = "dB"
method = "bkl.rail_lden_standaardwaarde"
[[cumulation]]
name = "burden_count"
rule = "count_at_least"
[[cumulation]]
name = "noise_sum"
rule = "energetic_sum"
layers = ["road_noise_lden", "lden_rail"]
""".format(demo=DEMO))
    with open(written, "rb") as f:
        form = tomllib.load(f)
    with open(by_hand, "rb") as f:
        hand = tomllib.load(f)
    if form != hand:
        fail("the form's config differs from the hand-written one:\nform: %s\nhand: %s" % (form, hand))

    cli_out = folder("cli")
    done = subprocess.run([BINARY, "--quiet", "run", by_hand, "--output-dir", cli_out], capture_output=True, text=True)
    if done.returncode != 0:
        fail("the CLI run of the hand-written config failed (%d): %s" % (done.returncode, done.stderr))
    form_columns, form_rows = zone_rows(os.path.join(out, "burden.gpkg"))
    cli_columns, cli_rows = zone_rows(os.path.join(cli_out, "burden.gpkg"))
    if form_columns != cli_columns or form_rows != cli_rows or len(form_rows) < 10:
        fail("the form run's zone statistics differ from the CLI's on the same config (%d vs %d columns, %d vs %d zones)"
             % (len(form_columns), len(cli_columns), len(form_rows), len(cli_rows)))
    print("form: burdenmap-config.toml equals the hand-written config; %d zones x %d columns equal to the CLI's"
          % (len(form_rows), len(form_columns)))


def check_cancel(processing):
    # The demo on a 60 x 60 km extent of 10 m cells (36 million cells): several seconds of work.
    slow = os.path.join(WORK, "slow.toml")
    with open(slow, "w", encoding="utf-8") as f:
        f.write('extends = "%s"\n[study]\nextent = [125000, 433200, 185000, 493200]\n' % os.path.join(DEMO, "demo.toml"))
    out = folder("cancelled")
    os.mkdir(out)
    feedback = Feedback(cancel_after=1.0)
    started = time.monotonic()
    result = processing.run("burdenmap:run", {"CONFIG": slow, "OUTPUT_FOLDER": out, "THREADS": 2}, feedback=feedback)
    ended = time.monotonic()
    if feedback.cancelled_at is None:
        fail("the long run ended after %.1f s before it could be cancelled: make it longer" % (ended - started))
    if result.get("CANCELLED") is not True or result.get("ZONES_LAYER") or result.get("GEOTIFF"):
        fail("a cancelled run's result does not say cancelled without outputs: %s" % result)
    if ended - feedback.cancelled_at > 5.0:
        fail("the run took %.1f s to stop after Cancel" % (ended - feedback.cancelled_at))
    left = os.listdir(out)
    if left:
        fail("a cancelled run left files in its output folder: %s" % left)
    if not any("Cancelled" in w for w in feedback.warnings):
        fail("the log does not say the run was cancelled: %s" % feedback.warnings)
    print("cancel: stopped %.2f s after Cancel (%.1f s into the run); the result says cancelled; the folder is empty"
          % (ended - feedback.cancelled_at, feedback.cancelled_at - started))


def check_config_error(processing):
    bad = os.path.join(WORK, "bad.toml")
    with open(os.path.join(DEMO, "demo.toml"), encoding="utf-8") as f:
        text = f.read()
    with open(bad, "w", encoding="utf-8") as f:
        # Paths stay the demo's: the error must be the unknown key, not a missing file.
        f.write(text.replace('path = "', 'path = "%s/' % DEMO).replace('id = "buurtcode"', 'id = "buurtcode"\nidd = "buurtcode"'))
    for algorithm in ("burdenmap:validate", "burdenmap:run"):
        try:
            processing.run(algorithm, {"CONFIG": bad, "OUTPUT_FOLDER": folder("bad")}, feedback=Feedback())
        except QgsProcessingException as error:
            message = str(error)
            if "zones.idd" not in message or "unknown key" not in message:
                fail("%s's error does not name the key zones.idd: %s" % (algorithm, message))
            print("config error: %s raises QgsProcessingException: %s" % (algorithm, message.splitlines()[0]))
        else:
            fail("%s ran a config with an unknown key without an error" % algorithm)
    if os.path.exists(folder("bad")) and os.listdir(folder("bad")):
        fail("a refused config left files: %s" % os.listdir(folder("bad")))


def main():
    if not os.access(BINARY, os.X_OK):
        fail("%s is not an executable burdenmap binary" % BINARY)
    app, _provider = start_qgis()
    import processing

    try:
        if CHECK == "demo":
            check_validate(processing)
            base = check_run_from_config(processing)
            check_check_sites(processing, base)
            check_compare(processing, base)
        elif CHECK == "form":
            check_form(processing)
        else:
            check_cancel(processing)
            check_config_error(processing)
    except QgsProcessingException as error:  # an algorithm that failed: its message is the reason
        fail("QgsProcessingException: %s" % error)
    except Exception as error:  # an unexpected PyQGIS error is a failure with its message, not a crash
        import traceback

        traceback.print_exc()
        fail("%s: %s" % (type(error).__name__, error))
    QgsProject.instance().clear()
    app.exitQgis()
    finish(0, "OK: the burdenmap Processing provider (%s)" % CHECK)


if __name__ == "__main__":
    main()

"""The method list of burdenmap:run's form, from `burdenmap methods --json`.

Read once per provider load (each dialog and each processing.run() builds the algorithm again, and
the list only changes with the binary). When the binary cannot be run the list is empty and the
log says why; the form then offers "no method" only, and a config file still works.
"""
from qgis.core import Qgis, QgsMessageLog

from . import cli_runner

# The enum's values are the method ids themselves (usesStaticStrings): a saved model, a batch
# or a qgis_process call names the method, and keeps naming it when the list grows.
NO_METHOD = "none"
_cache = None


def forget():
    global _cache
    _cache = None


def all_methods():
    """[{id, family, title, unit, ...}] as `burdenmap methods --json` lists them."""
    global _cache
    if _cache is None:
        try:
            _cache = cli_runner.methods_json().get("methods", [])
        except Exception as error:  # noqa: BLE001: any failure leaves the form usable with a config
            QgsMessageLog.logMessage("burdenmap: the method list is empty: %s" % error, "burdenmap", Qgis.Warning)
            _cache = []
    return _cache


def choices():
    """The enum's options: "none" (raw statistics only), then the method ids."""
    return [NO_METHOD] + [m["id"] for m in all_methods()]


def described():
    """One line per method for the help: "id: title [unit]"."""
    return ["%s: %s [%s]" % (m["id"], m.get("title", ""), m.get("unit", "")) for m in all_methods()]


def chosen(method_id):
    """The method of an enum value: None for "none" (or nothing), else the method's dict."""
    return next((m for m in all_methods() if m["id"] == method_id), None)

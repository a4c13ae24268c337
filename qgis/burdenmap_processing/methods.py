"""The method list of burdenmap:run's form, from `burdenmap methods --json`.

Read once per provider load (each dialog and each processing.run() builds the algorithm again, and
the list only changes with the binary). When the binary cannot be run the list is empty and the
log says why; the form then offers "no method" only, and a config file still works.
"""
from qgis.core import Qgis, QgsMessageLog

from . import cli_runner

NO_METHOD = "(no method: raw statistics only)"
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
    """The enum's options: "no method" first, then "id: title [unit]" per method."""
    return [NO_METHOD] + ["%s: %s [%s]" % (m["id"], m.get("title", ""), m.get("unit", "")) for m in all_methods()]


def chosen(index):
    """The method of an enum index: None for "no method", else the method's dict."""
    if index is None or index <= 0 or index > len(all_methods()):
        return None
    return all_methods()[index - 1]

"""The config TOML that burdenmap:run writes from its form (and keeps beside the outputs, so the
run can be repeated, or the config grown by hand, outside QGIS).

Plain Python, no QGIS: the form's values in, TOML text out.
"""
import json
import re

# The cumulation rules the form offers: (rule, column name, what it does). Rules that need more
# than a list of layers (weighted_sum's weights, health_burden's outcomes) need a config file.
RULES = [
    ("count_at_least", "burden_count", "count_at_least: the number of layers at their method's burden level"),
    ("max", "burden_max", "max: the highest layer score"),
    ("energetic_sum", "noise_sum", "energetic_sum: the layers in dB summed energetically (10·log10 Σ 10^(L/10))"),
]


def toml_string(text):
    # A JSON string is a valid TOML basic string: the same quotes and backslash escapes
    # (\" \\ \b \f \n \r \t \uXXXX), and Python's json never writes the one TOML lacks (\/).
    return json.dumps(text, ensure_ascii=False)


def layer_name(title, taken):
    """A layer name as burdenmap wants column names (lowercase letters, digits, underscores),
    from the QGIS layer's name; a name already taken gets _2, _3, ..."""
    name = re.sub(r"[^a-z0-9_]+", "_", title.lower()).strip("_") or "layer"
    if name[0].isdigit():
        name = "l_" + name
    unique, n = name, 2
    while unique in taken:
        unique, n = "%s_%d" % (name, n), n + 1
    return unique


def cumulation_layers(rule, layers):
    """The names of the layers a rule combines (None: all layers, the config's default)."""
    if rule == "energetic_sum":
        # Only layers in a dB unit can be summed as sound energy.
        return [l["name"] for l in layers if l.get("unit", "").startswith("dB")]
    if rule == "max":
        # max never mixes scores with raw values: the scored layers, or all when none is scored.
        scored = [l["name"] for l in layers if l.get("method")]
        return scored if scored and len(scored) < len(layers) else None
    return None  # count_at_least leaves layers without a method out by itself


def config_text(study_name, zones, layers, rules):
    """zones: {path, layer, id, name, population}; layers: [{name, path, method, unit}] (method and
    unit may be empty); rules: rule names from RULES."""
    out = ["# Written by the burdenmap:run form in QGIS. Paths are absolute: this file can be run from anywhere,",
           "# e.g. burdenmap run burdenmap-config.toml --output-dir OUT",
           "", "[study]", "name = %s" % toml_string(study_name), "", "[zones]"]
    for key in ("path", "layer", "id", "name", "population"):
        if zones.get(key):
            out.append("%s = %s" % (key, toml_string(zones[key])))
    for layer in layers:
        out += ["", "[[layer]]"]
        for key in ("name", "path", "unit", "method"):
            if layer.get(key):
                out.append("%s = %s" % (key, toml_string(layer[key])))
    names = dict((rule, name) for rule, name, _ in RULES)
    for rule in rules:
        out += ["", "[[cumulation]]", "name = %s" % toml_string(names[rule]), "rule = %s" % toml_string(rule)]
        chosen = cumulation_layers(rule, layers)
        if chosen is not None:
            out.append("layers = [%s]" % ", ".join(toml_string(n) for n in chosen))
    return "\n".join(out) + "\n"

#!/usr/bin/env bash
# ctest "qgis: qgis_process.bin runs burdenmap:run on the demo" (issue 20): QGIS's command-line
# runner with the plugin as a user installs it, in a temp QGIS profile (never the user's):
#   1. scripts/install-qgis-plugin --profile-dir into QGIS_CUSTOM_CONFIG_PATH/profiles, then
#      `qgis_process.bin plugins enable burdenmap_processing` (qgis_process loads only enabled
#      plugins with hasProcessingProvider=yes); `list` shows the four algorithms;
#   2. `qgis_process.bin --json run burdenmap:run -- CONFIG=demo.toml OUTPUT_FOLDER=...` with
#      BURDENMAP_BIN at the binary under test: exit 0, the results name burden.gpkg and
#      burden.tif, and the outputs equal a direct `burdenmap run` of the demo (every CSV table,
#      every zone's attributes, every raster cell: tests/shards/compare_runs.py's comparisons);
#   3. a config with an unknown key: qgis_process exits non-zero with the key in its message and
#      writes no outputs.
# Debian's `qgis_process` wrapper script is not used: the binary qgis_process.bin (Debian package
# qgis, from scripts/install-deps) is what works. Without it the test fails and says so.
# usage: tests/qgis/test_qgis_process.sh BURDENMAP SOURCE_DIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BURDENMAP SOURCE_DIR" >&2; exit 2; }
bin="$1" src="$(cd "$2" && pwd)"
plugin=burdenmap_processing
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
show() { sed 's/^/    /' "$1" >&2; }
[ -x "$bin" ] || fail "$bin is not an executable (the burdenmap binary)"
qgis_process="$(command -v qgis_process.bin)" \
  || fail "qgis_process.bin is not installed: install the Debian package qgis (scripts/install-deps does)"

# QGIS's settings, profile and runtime files in the temp folder; headless.
export QGIS_CUSTOM_CONFIG_PATH="$tmp/qgis-config" QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$tmp/xdg"
export BURDENMAP_BIN="$bin"
mkdir -p "$QGIS_CUSTOM_CONFIG_PATH/profiles/default" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# 1. Installed and enabled as a user would.
"$src/scripts/install-qgis-plugin" --profile-dir "$QGIS_CUSTOM_CONFIG_PATH/profiles" > "$tmp/install.out" 2>&1 \
  || { show "$tmp/install.out"; fail "scripts/install-qgis-plugin failed (its output is above)"; }
"$qgis_process" plugins enable "$plugin" > "$tmp/enable.out" 2>&1 \
  || { show "$tmp/enable.out"; fail "qgis_process.bin plugins enable $plugin failed (its output is above)"; }
"$qgis_process" plugins > "$tmp/plugins.out" 2>&1 || { show "$tmp/plugins.out"; fail "qgis_process.bin plugins failed (its output is above)"; }
grep -q "^\* $plugin\$" "$tmp/plugins.out" \
  || { show "$tmp/plugins.out"; fail "qgis_process.bin does not list $plugin as loaded (* $plugin)"; }
"$qgis_process" list > "$tmp/list.out" 2>&1 || { show "$tmp/list.out"; fail "qgis_process.bin list failed (its output is above)"; }
for algorithm in run validate check_sites compare; do
  grep -q "burdenmap:$algorithm\b" "$tmp/list.out" \
    || { show "$tmp/list.out"; fail "qgis_process.bin list does not show burdenmap:$algorithm"; }
done

# 2. The demo through qgis_process equals the demo run directly.
"$bin" --quiet run "$src/data/demo/demo.toml" --output-dir "$tmp/cli" > "$tmp/cli.out" 2>&1 \
  || { show "$tmp/cli.out"; fail "the direct run of the demo failed (its output is above)"; }
if ! "$qgis_process" --json run burdenmap:run -- CONFIG="$src/data/demo/demo.toml" OUTPUT_FOLDER="$tmp/qgis" \
    > "$tmp/run.json" 2> "$tmp/run.err"; then
  code=$?
  show "$tmp/run.err"; show "$tmp/run.json"; fail "qgis_process.bin run burdenmap:run exited $code"
fi
/usr/bin/python3 - "$tmp/run.json" "$tmp/cli" "$tmp/qgis" "$src/tests/shards" <<'EOF' \
  || { show "$tmp/run.err"; fail "qgis_process.bin's run of the demo differs from the direct run (above)"; }
import json, os, sys
result_path, cli, qgis_out, shards = sys.argv[1:5]
sys.path.insert(0, shards)
import compare_runs   # the comparisons of a merged run against a single one: CSV, zones, cells
with open(result_path) as f:
    text = f.read()
try:
    results = json.loads(text[text.index("{"):])["results"]   # qgis_process may print lines before the JSON
except (ValueError, KeyError) as error:
    sys.exit("qgis_process --json printed no results (%s):\n%s" % (error, text))
named = [str(v) for v in results.values()]
problems = []
for output in ("burden.gpkg", "burden.tif"):
    path = os.path.join(qgis_out, output)
    if not os.path.isfile(path):
        problems.append("%s: not written" % path)
    if not any(os.path.basename(v.split("|")[0]) == output for v in named):
        problems.append("the results do not name %s: %s" % (output, results))
if not problems:
    compare_runs.compare_csv(cli, qgis_out, problems)
    compare_runs.compare_gpkg(cli, qgis_out, problems)
    compare_runs.compare_raster(os.path.join(cli, "burden.tif"), os.path.join(qgis_out, "burden.tif"), problems)
    zones = len(compare_runs.zone_rows(os.path.join(qgis_out, "burden.gpkg"))[1])
    if zones != 86:   # data/demo/buurten.gpkg: the demo town's 86 buurten
        problems.append("burden.gpkg zones: %d rows, the demo has 86 zones" % zones)
for p in problems:
    print("  " + p, file=sys.stderr)
if not problems:
    print("qgis_process run equals the direct run: %d zones, CSV tables, raster cells" % zones)
sys.exit(1 if problems else 0)
EOF

# 3. A config error: a Processing error with the key, nothing written.
mkdir "$tmp/bad"
cp "$src"/data/demo/* "$tmp/bad/"
sed -i '0,/^\[study\]$/s//[study]\nthreshhold = 3/' "$tmp/bad/demo.toml"
grep -q '^threshhold = 3$' "$tmp/bad/demo.toml" || fail "could not add the unknown key to the copy of demo.toml"
if "$qgis_process" run burdenmap:run -- CONFIG="$tmp/bad/demo.toml" OUTPUT_FOLDER="$tmp/bad-out" > "$tmp/bad.out" 2>&1; then
  show "$tmp/bad.out"; fail "qgis_process.bin run exited 0 on a config with an unknown key"
fi
grep -q "study.threshhold" "$tmp/bad.out" \
  || { show "$tmp/bad.out"; fail "qgis_process.bin's error does not name the unknown key study.threshhold"; }
[ -z "$(find "$tmp/bad-out" -name 'burden.*' 2>/dev/null)" ] || fail "a failed run left outputs in $tmp/bad-out"
echo "OK: qgis_process.bin runs burdenmap:run on the demo (equal to the CLI) and reports a config error by its key"

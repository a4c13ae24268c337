#!/usr/bin/env bash
# ctest "qgis: the plugin packages and installs" (issue 20):
#   1. scripts/package-qgis-plugin twice, from copies of the sources with other timestamps and a
#      stray __pycache__: the same bytes; the zip is burdenmap_processing-<version>.zip with
#      burdenmap_processing/metadata.txt and __init__.py one level deep, nothing outside that
#      folder, no byte-code, every file of the sources, sorted, timestamps fixed;
#   2. scripts/install-qgis-plugin --profile-dir into a temp profiles folder: the files are there,
#      another plugin beside it is untouched; a second install replaces the first (a file left
#      in the old copy is gone); a missing profile is an error naming the path;
#   3. the zip extracted by QGIS's own "Install from ZIP" code (pyplugin_installer.unzip) gives
#      the same files as the script;
#   4. headless PyQGIS loads the installed plugin from that folder (qgis.utils, as qgis_process
#      does) and its provider lists the four algorithms.
# usage: tests/qgis/test_plugin_install.sh SOURCE_DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 SOURCE_DIR" >&2; exit 2; }
src="$(cd "$1" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
plugin=burdenmap_processing
algorithms=(burdenmap:check_sites burdenmap:compare burdenmap:run burdenmap:validate)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# QGIS's own settings and runtime files (steps 3 and 4) in the temp folder; headless.
export QGIS_CUSTOM_CONFIG_PATH="$tmp/qgis-config" XDG_RUNTIME_DIR="$tmp/xdg" QT_QPA_PLATFORM=offscreen
mkdir -m 700 "$XDG_RUNTIME_DIR"
fail() { echo "FAIL: $*" >&2; exit 1; }
show() { sed 's/^/    /' "$1" >&2; }
[ -f "$src/qgis/$plugin/metadata.txt" ] || fail "$src/qgis/$plugin/metadata.txt: no such file"
version="$(sed -n 's/^version=[[:space:]]*//p' "$src/qgis/$plugin/metadata.txt" | head -n1 | tr -d '[:space:]')"
[ -n "$version" ] || fail "$src/qgis/$plugin/metadata.txt has no version= line"

# The scripts find the sources beside themselves: each packaging runs in its own copy, made at
# another time and with byte-code in it, so equal zips mean timestamps and caches do not count.
copy() {  # copy DIR: the scripts and the plugin's sources, with a __pycache__ and a stray .pyc
  mkdir -p "$1/scripts" "$1/qgis"
  cp "$src/scripts/package-qgis-plugin" "$src/scripts/install-qgis-plugin" "$1/scripts/"
  cp -R "$src/qgis/$plugin" "$1/qgis/"
  mkdir -p "$1/qgis/$plugin/__pycache__"
  echo "byte-code" > "$1/qgis/$plugin/__pycache__/provider.cpython-311.pyc"
  echo "byte-code" > "$1/qgis/$plugin/stray.pyc"
}
copy "$tmp/a"
sleep 1.1   # a second later: zip timestamps have 2-second steps, the mtimes below differ by days
copy "$tmp/b"
find "$tmp/b/qgis" -exec touch -d "2001-02-03 04:05:06" {} +

# 1. Package twice: the same bytes, the layout QGIS's plugin manager expects.
for c in a b; do
  "$tmp/$c/scripts/package-qgis-plugin" --output-dir "$tmp/dist-$c" > "$tmp/package-$c.out" 2>&1 \
    || { show "$tmp/package-$c.out"; fail "scripts/package-qgis-plugin failed (its output is above)"; }
  zip="$tmp/dist-$c/$plugin-$version.zip"
  [ "$(tail -n1 "$tmp/package-$c.out")" = "$zip" ] || { show "$tmp/package-$c.out"; fail "package-qgis-plugin did not print the zip's path $zip"; }
  [ -f "$zip" ] || fail "package-qgis-plugin wrote no $zip"
done
cmp "$tmp/dist-a/$plugin-$version.zip" "$tmp/dist-b/$plugin-$version.zip" \
  || fail "two packagings of the same sources differ (not deterministic)"
zip="$tmp/dist-a/$plugin-$version.zip"
/usr/bin/python3 - "$zip" "$src/qgis" "$plugin" <<'EOF' || fail "the zip's layout is wrong (above)"
import os, sys, zipfile
zip_path, parent, plugin = sys.argv[1:4]
problems = []
with zipfile.ZipFile(zip_path) as zf:
    if zf.testzip() is not None:
        problems.append("a corrupt member: %s" % zf.testzip())
    infos = zf.infolist()
names = [i.filename for i in infos]
expected = sorted(os.path.relpath(os.path.join(d, n), parent)
                  for d, dirs, files in os.walk(os.path.join(parent, plugin))
                  for n in files if "__pycache__" not in d.split(os.sep) and not n.endswith(".pyc"))
for required in (plugin + "/metadata.txt", plugin + "/__init__.py"):
    if required not in names:
        problems.append("no %s" % required)
metadata = sorted(n for n in names if n.endswith("metadata.txt"))
if metadata[:1] != [plugin + "/metadata.txt"]:   # QGIS's rule: the plugin is the folder of the first
    problems.append("QGIS would take the plugin's folder from %s" % metadata[:1])
outside = [n for n in names if not n.startswith(plugin + "/")]
if outside:
    problems.append("entries outside %s/: %s" % (plugin, outside))
cached = [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
if cached:
    problems.append("byte-code in the zip: %s" % cached)
if names != sorted(names):
    problems.append("entries not sorted: %s" % names)
if sorted(names) != expected:
    problems.append("entries %s, the sources have %s" % (sorted(names), expected))
stamps = {i.date_time for i in infos}
if stamps != {(1980, 1, 1, 0, 0, 0)}:
    problems.append("timestamps not fixed: %s" % stamps)
for p in problems:
    print("  " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF

# 2. Install into a temp profiles folder, beside another plugin; then again over it.
profiles="$tmp/profiles"
other="$profiles/default/python/plugins/other_plugin"
mkdir -p "$other"
echo "not ours" > "$other/keep.txt"
installed="$profiles/default/python/plugins/$plugin"
"$tmp/a/scripts/install-qgis-plugin" --profile-dir "$profiles" > "$tmp/install-1.out" 2>&1 \
  || { show "$tmp/install-1.out"; fail "scripts/install-qgis-plugin --profile-dir failed (its output is above)"; }
[ -f "$installed/metadata.txt" ] && [ -f "$installed/__init__.py" ] \
  || { show "$tmp/install-1.out"; fail "no $plugin/metadata.txt and __init__.py in $profiles/default/python/plugins"; }
diff -r -x __pycache__ -x '*.pyc' "$src/qgis/$plugin" "$installed" > "$tmp/diff.out" \
  || { show "$tmp/diff.out"; fail "the installed copy differs from the sources"; }
[ -z "$(find "$installed" -name __pycache__ -o -name '*.pyc')" ] || fail "byte-code was installed"
grep -q "Manage and Install Plugins" "$tmp/install-1.out" && grep -q "BURDENMAP_BIN" "$tmp/install-1.out" \
  || { show "$tmp/install-1.out"; fail "install-qgis-plugin did not print how to enable the plugin and set the binary"; }
echo "left from an older version" > "$installed/old_module.py"
"$tmp/b/scripts/install-qgis-plugin" --profile-dir "$profiles" --profile default > "$tmp/install-2.out" 2>&1 \
  || { show "$tmp/install-2.out"; fail "the second install failed (its output is above)"; }
[ ! -e "$installed/old_module.py" ] || fail "the second install did not replace the older copy (old_module.py is still there)"
grep -q "replacing" "$tmp/install-2.out" || { show "$tmp/install-2.out"; fail "the second install did not say it replaced a copy"; }
[ "$(cat "$other/keep.txt")" = "not ours" ] || fail "the install touched another plugin ($other)"
[ -z "$(find "$profiles/default/python/plugins" -mindepth 1 -maxdepth 1 -name ".*")" ] \
  || fail "the install left a staging folder in the plugins folder"
if "$tmp/a/scripts/install-qgis-plugin" --profile-dir "$profiles" --profile nosuch > "$tmp/install-3.out" 2>&1; then
  fail "installing into a profile that does not exist exited 0"
fi
grep -q "$profiles/nosuch: no such QGIS profile (profiles there: default)" "$tmp/install-3.out" \
  || { show "$tmp/install-3.out"; fail "the error for a missing profile does not name its path and the profiles there"; }

# 3. QGIS's own "Install from ZIP" extraction gives the same files as the script.
mkdir "$tmp/from-zip"
/usr/bin/python3 - "$zip" "$tmp/from-zip" <<'EOF' || fail "QGIS's pyplugin_installer could not extract the zip (above)"
import importlib.util, os, sys
from qgis.core import QgsApplication
app = QgsApplication([], False)   # sets the paths; its settings go to QGIS_CUSTOM_CONFIG_PATH
# The plugin manager's unzip(), from QGIS's Python folder (not on sys.path; its package needs a GUI).
path = os.path.join(QgsApplication.pkgDataPath(), "python", "pyplugin_installer", "unzip.py")
spec = importlib.util.spec_from_file_location("qgis_plugin_unzip", path)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
module.unzip(sys.argv[1], sys.argv[2])
sys.stdout.flush()
os._exit(0)   # not through Qt's destructors (they can crash at exit)
EOF
diff -r "$tmp/from-zip/$plugin" "$installed" > "$tmp/diff-zip.out" \
  || { show "$tmp/diff-zip.out"; fail "the zip installed by QGIS's code differs from scripts/install-qgis-plugin's copy"; }

# 4. PyQGIS loads the installed plugin and lists the algorithms.
/usr/bin/python3 "$here/load_installed_plugin.py" "$profiles/default/python/plugins" "${algorithms[@]}" \
  || fail "headless QGIS did not load the installed plugin (above)"
echo "OK: $plugin-$version.zip is deterministic and installs; QGIS loads it with ${algorithms[*]}"

#!/usr/bin/env bash
# QGIS zonal statistics (native:zonalstatisticsfb, Debian 12's QGIS 3.22) on one raster band and
# one zone layer: count, sum, mean, st dev, min, max. A peer in scripts/bench.
#   qgis_zonal.sh RASTER ZONES.gpkg OUT.gpkg PREFIX
# Debian's qgis_process wrapper passes --noversioncheck, which QGIS 3.22 rejects: call
# qgis_process.bin directly, headless (offscreen Qt platform, a private XDG_RUNTIME_DIR).
set -euo pipefail
raster="$1" zones="$2" out="$3" prefix="$4"
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR" 2>/dev/null || true
rm -f "$out"
exec qgis_process.bin run native:zonalstatisticsfb -- \
  "INPUT=$zones|layername=zones" "INPUT_RASTER=$raster" RASTER_BAND=1 "COLUMN_PREFIX=$prefix" \
  STATISTICS=0,1,2,4,5,6 "OUTPUT=$out"

#!/usr/bin/python3
"""Compare burdenmap's per-zone means (exact coverage) with a peer's (cell centres).

  compare_means.py BURDEN.gpkg LAYER PEER KIND [PREFIX]
    KIND csv:  PEER is analyst_mean.py's CSV (zone_id, cells, mean)
    KIND qgis: PEER is a GeoPackage from qgis_zonal.sh; PREFIX its column prefix
Prints one JSON object: zones compared, |difference| median / p95 / max (with the zone and its
cell count), the median by zone size, and the zones that the peer leaves empty (no cell centre
inside) although burdenmap has a value (cells partly covered).
"""
import csv
import json
import sys

import numpy as np
from osgeo import ogr

ogr.UseExceptions()


def read_gpkg(path, id_field, fields):
    ds = ogr.Open(path)
    lyr = ds.GetLayer(0)
    out = {}
    for f in lyr:
        out[f.GetFieldAsString(id_field)] = [None if f.IsFieldNull(k) else f.GetFieldAsDouble(k) for k in fields]
    return out


def main():
    burden, layer, peer, kind = sys.argv[1:5]
    ours = read_gpkg(burden, "zone_id", [f"{layer}_mean", "area_m2"])
    if kind == "csv":
        with open(peer) as f:
            theirs = {r["zone_id"]: (float(r["mean"]) if r["mean"] else None, int(r["cells"])) for r in csv.DictReader(f)}
    else:
        prefix = sys.argv[5]
        theirs = {k: (v[0], int(v[1] or 0)) for k, v in read_gpkg(peer, "zone_id", [prefix + "mean", prefix + "count"]).items()}
    ids, diffs, cells = [], [], []
    peer_empty = 0
    for zid, (mean, _area) in ours.items():
        if zid not in theirs or mean is None:
            continue
        pmean, pcells = theirs[zid]
        if pmean is None or pmean != pmean:
            peer_empty += 1
            continue
        ids.append(zid)
        diffs.append(abs(pmean - mean))
        cells.append(pcells)
    d = np.array(diffs)
    c = np.array(cells)
    worst = int(np.argmax(d))
    by_size = {}
    for label, lo, hi in (("<100 cells", 0, 100), ("100-1000 cells", 100, 1000), (">=1000 cells", 1000, 1 << 62)):
        sel = (c >= lo) & (c < hi)
        if sel.any():
            by_size[label] = {"zones": int(sel.sum()), "median_abs_diff": round(float(np.median(d[sel])), 4)}
    print(json.dumps({
        "zones_compared": len(ids), "median_abs_diff": round(float(np.median(d)), 4),
        "p95_abs_diff": round(float(np.percentile(d, 95)), 4), "max_abs_diff": round(float(d[worst]), 4),
        "max_zone": ids[worst], "max_zone_cells": int(c[worst]), "by_size": by_size,
        "peer_empty_zones": peer_empty}))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The straightforward analyst's zonal mean: what a Python user writes with rasterio,
geopandas and numpy (Debian: python3-rasterio python3-geopandas). A peer in scripts/bench.

  analyst_mean.py RASTER OUT_CSV ZONES.gpkg [ZONES.gpkg ...]

The whole band is read into memory; each zone file is burned into a label raster with
rasterio.features.rasterize (a cell belongs to the zone that covers its centre; zones of one
file must not overlap, so overlapping files are done one by one), and np.bincount sums the
valid cells per label. Writes zone_id,cells,mean (mean empty where no cell centre falls inside).
"""
import csv
import sys

import geopandas as gpd
import numpy as np
import rasterio
from rasterio import features


def main():
    raster, out_csv, zone_files = sys.argv[1], sys.argv[2], sys.argv[3:]
    with rasterio.open(raster) as src:
        band = src.read(1, masked=True)
        transform, shape, crs = src.transform, src.shape, src.crs
    values = band.filled(np.nan)
    valid = np.isfinite(values)
    rows = []
    for path in zone_files:
        zones = gpd.read_file(path, layer="zones").to_crs(crs)
        labels = features.rasterize(zip(zones.geometry, range(1, len(zones) + 1)), out_shape=shape,
                                    transform=transform, fill=0, dtype="int32")
        inside = valid & (labels > 0)
        counts = np.bincount(labels[inside], minlength=len(zones) + 1)
        sums = np.bincount(labels[inside], weights=values[inside], minlength=len(zones) + 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            means = sums / counts
        for i, zone_id in enumerate(zones["zone_id"], start=1):
            rows.append((zone_id, int(counts[i]), "" if counts[i] == 0 else repr(float(means[i]))))
    with open(out_csv, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["zone_id", "cells", "mean"])
        w.writerows(rows)


if __name__ == "__main__":
    main()

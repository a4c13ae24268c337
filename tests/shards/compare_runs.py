#!/usr/bin/env python3
"""Checks that a merged sharded run equals a single run, bit for bit.

usage: compare_runs.py SINGLE_OUT MERGED_OUT

SINGLE_OUT is the folder of `burdenmap run CONFIG` (burden.tif, burden.gpkg, *.csv); MERGED_OUT the
folder of `burdenmap merge PARTS` (burden.vrt, burden.gpkg, *.csv). Compared:
  - every CSV table the single run wrote (run.json's outputs): byte-equal (numbers are written as the shortest text that
    reads back to the same double, so equal text is equal bits);
  - every table of the GeoPackage's zones layer: every attribute equal (doubles compared as bits,
    NaN equal to NaN);
  - every band of burden.tif against burden.vrt (and burden.tif of the merge, when --cog wrote one):
    the same size, geotransform and cells (as bytes, so NaN nodata compares equal).
Exit 0 when all match; otherwise 1, naming the first differences.
"""
import json
import os
import struct
import sys

from osgeo import gdal, ogr

gdal.UseExceptions()


def bits(v):
    """A value as comparable bits: doubles by their IEEE bytes, anything else as is."""
    if isinstance(v, float):
        return struct.pack("<d", v)
    return v


def run_csv_tables(folder):
    """The CSV tables the run wrote (run.json "outputs" *_csv): a folder may also hold other
    commands' CSVs (check-sites' sites.csv), which a merge does not write."""
    manifest = os.path.join(folder, "run.json")
    if not os.path.exists(manifest):
        return sorted(n for n in os.listdir(folder) if n.endswith(".csv"))
    with open(manifest) as f:
        outputs = json.load(f).get("outputs", {})
    return sorted(os.path.basename(path) for key, path in outputs.items() if key.endswith("_csv"))


def compare_csv(single, merged, problems):
    names = run_csv_tables(single)
    if not names:
        problems.append(f"{single}: no CSV tables to compare")
    for name in names:
        a, b = os.path.join(single, name), os.path.join(merged, name)
        if not os.path.exists(b):
            problems.append(f"{b}: missing (the single run wrote {name})")
            continue
        with open(a, "rb") as fa, open(b, "rb") as fb:
            la, lb = fa.read().splitlines(), fb.read().splitlines()
        if la != lb:
            first = next((i for i, (x, y) in enumerate(zip(la, lb)) if x != y), min(len(la), len(lb)))
            problems.append(f"{name}: differs from line {first + 1} ({len(la)} vs {len(lb)} lines)")


def zone_rows(path):
    ds = ogr.Open(path)
    layer = ds.GetLayerByName("zones")
    if layer is None:
        raise SystemExit(f"{path}: no layer 'zones'")
    defn = layer.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    rows = []
    for f in layer:
        rows.append(tuple(bits(f.GetField(i)) if f.IsFieldSetAndNotNull(i) else None for i in range(len(names))))
    return names, rows


def compare_gpkg(single, merged, problems):
    na, ra = zone_rows(os.path.join(single, "burden.gpkg"))
    nb, rb = zone_rows(os.path.join(merged, "burden.gpkg"))
    if na != nb:
        problems.append(f"burden.gpkg zones: columns differ ({len(na)} vs {len(nb)})")
        return
    if len(ra) != len(rb):
        problems.append(f"burden.gpkg zones: {len(ra)} vs {len(rb)} rows")
        return
    for r, (x, y) in enumerate(zip(ra, rb)):
        for c, (u, v) in enumerate(zip(x, y)):
            if u != v:
                problems.append(f"burden.gpkg zones row {r + 1} column {na[c]}: {u!r} vs {v!r}")
                return


def compare_raster(a_path, b_path, problems):
    for p in (a_path, b_path):
        if not os.path.exists(p):
            problems.append(f"{p}: missing")
            return
    a, b = gdal.Open(a_path), gdal.Open(b_path)
    if (a.RasterXSize, a.RasterYSize, a.RasterCount) != (b.RasterXSize, b.RasterYSize, b.RasterCount):
        problems.append(f"{b_path}: {b.RasterXSize}x{b.RasterYSize}x{b.RasterCount}, "
                        f"single run {a.RasterXSize}x{a.RasterYSize}x{a.RasterCount}")
        return
    if a.GetGeoTransform() != b.GetGeoTransform():
        problems.append(f"{b_path}: geotransform {b.GetGeoTransform()} vs {a.GetGeoTransform()}")
    for i in range(1, a.RasterCount + 1):
        ba, bb = a.GetRasterBand(i), b.GetRasterBand(i)
        if ba.GetDescription() != bb.GetDescription():
            problems.append(f"{b_path} band {i}: '{bb.GetDescription()}' vs '{ba.GetDescription()}'")
        if ba.ReadRaster() != bb.ReadRaster():
            problems.append(f"{b_path} band {i} ({ba.GetDescription()}): cells differ")


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    single, merged = argv[1], argv[2]
    problems = []
    compare_csv(single, merged, problems)
    compare_gpkg(single, merged, problems)
    compare_raster(os.path.join(single, "burden.tif"), os.path.join(merged, "burden.vrt"), problems)
    if os.path.exists(os.path.join(merged, "burden.tif")):
        compare_raster(os.path.join(single, "burden.tif"), os.path.join(merged, "burden.tif"), problems)
    if problems:
        for p in problems[:20]:
            print("compare_runs: " + p, file=sys.stderr)
        return 1
    print(f"compare_runs: {merged} equals {single} (CSV tables, zones layer, raster cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

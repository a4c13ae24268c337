#!/usr/bin/env bash
# ctest "shards: scripts/run-sharded demo in 3 shards equals one run" (issue 15):
#   1. the demo run once with --block-size 128 (49 windows), and as 3 shards plus the merge by
#      scripts/run-sharded with the same block size: compare_runs.py finds the same bits;
#   2. the demo with one input tile corrupted (the bottom-right tile of the road noise, which only
#      the last shard reads): run-sharded exits 1, names shard 2/3 with the log's error, the other
#      shards still finish, and nothing is merged.
# usage: tests/shards/test_run_sharded.sh BURDENMAP SOURCE_DIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BURDENMAP SOURCE_DIR" >&2; exit 2; }
bin="$1" src="$2"
[ -x "$bin" ] || { echo "FAIL: $bin is not an executable (the burdenmap binary)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
show() { sed 's/^/    /' "$1" >&2; }

# 1. Three shards and the merge equal one run.
"$bin" --quiet run "$src/data/demo/demo.toml" --output-dir "$tmp/single" --block-size 128 --threads 2 \
  || fail "the single run exited $?"
if ! BURDENMAP_BIN="$bin" "$src/scripts/run-sharded" "$src/data/demo/demo.toml" 3 "$tmp/sharded" \
    --block-size 128 > "$tmp/sharded.out" 2>&1; then
  show "$tmp/sharded.out"; fail "scripts/run-sharded of the demo in 3 shards failed"
fi
for i in 0 1 2; do
  grep -Eq "^shard $i/3 done \([0-9]+\.[0-9] s\)$" "$tmp/sharded.out" || { show "$tmp/sharded.out"; fail "no line 'shard $i/3 done (... s)'"; }
  [ -s "$tmp/sharded/parts/shard-$i-of-3.log" ] || fail "no log of shard $i: $tmp/sharded/parts/shard-$i-of-3.log"
  [ -d "$tmp/sharded/parts/shard-$i-of-3" ] || fail "no part of shard $i"
done
[ -f "$tmp/sharded/burden.vrt" ] || fail "the merge wrote no burden.vrt"
/usr/bin/python3 "$src/tests/shards/compare_runs.py" "$tmp/single" "$tmp/sharded" \
  || fail "the demo in 3 shards merged differs from the single run (compare_runs.py above)"

# 2. One shard fails: it is named, the others finish, nothing is merged.
mkdir "$tmp/corrupt"
cp "$src"/data/demo/* "$tmp/corrupt/"
/usr/bin/python3 - "$tmp/corrupt/lden_road.tif" <<'EOF'
import sys
from osgeo import gdal
path = sys.argv[1]
ds = gdal.Open(path)
band = ds.GetRasterBand(1)
bx, by = band.GetBlockSize()
col, row = (ds.RasterXSize - 1) // bx, (ds.RasterYSize - 1) // by   # the bottom-right tile
offset = int(band.GetMetadataItem(f"BLOCK_OFFSET_{col}_{row}", "TIFF"))
size = int(band.GetMetadataItem(f"BLOCK_SIZE_{col}_{row}", "TIFF"))
ds = None
with open(path, "r+b") as f:   # the tile's DEFLATE stream becomes garbage, the header stays valid
    f.seek(offset)
    f.write(b"\xff" * size)
EOF
if BURDENMAP_BIN="$bin" "$src/scripts/run-sharded" "$tmp/corrupt/demo.toml" 3 "$tmp/failed" \
    --block-size 128 > "$tmp/failed.out" 2>&1; then
  show "$tmp/failed.out"; fail "scripts/run-sharded exited 0 although the road noise has a corrupt tile"
else
  code=$?
fi
[ "$code" -eq 1 ] || { show "$tmp/failed.out"; fail "scripts/run-sharded exited $code, not 1, when a shard failed"; }
grep -Eq "^run-sharded: shard 2/3 failed \(exit code 1\)" "$tmp/failed.out" \
  || { show "$tmp/failed.out"; fail "the failed shard 2/3 is not named with its exit code"; }
grep -q "lden_road.tif" "$tmp/failed.out" \
  || { show "$tmp/failed.out"; fail "the last lines of the failed shard's log (naming lden_road.tif) are not shown"; }
grep -Eq "^shard 0/3 done" "$tmp/failed.out" \
  || { show "$tmp/failed.out"; fail "shard 0/3, which does not read the corrupt tile, did not finish"; }
merged="$(find "$tmp/failed" -mindepth 1 -maxdepth 1 ! -name parts)"
[ -z "$merged" ] || fail "a merge output appeared although a shard failed: $merged"
echo "ok: 3 shards merged equal the single run; a failed shard is named and nothing is merged"

#!/usr/bin/env python3
"""report.html in a real browser: headless Chromium renders it to a PNG that is not blank, every
image on the page loads, and the page requests nothing from the network.

Usage: test_report_chromium.py OUTPUT_DIR SCREENSHOT_PNG [REPORT]
OUTPUT_DIR holds a finished run with report.html (the demo, run with --report); the first screen
(1280 x 900) is saved as SCREENSHOT_PNG (docs/report-first-screen.png is a copy of it). REPORT
names another page in OUTPUT_DIR, e.g. compare-report.html of `burdenmap compare --report`, checked
the same way (the map.png beside report.html is only checked for report.html).

How "no requests" is checked: the page is loaded through a local proxy that records every request
it is sent (and answers none), with its Content-Security-Policy taken out so that nothing is
blocked before it would show; a script added to that copy reports the images and the resources the
page fetched. The report has no scripts, so it can only request addresses written in it: a request
for one of those hosts fails the test; requests for other hosts are Chromium's own background
traffic (its flags do not silence all of it) and are only listed. Needs Debian's `chromium`, python3-gdal and python3-numpy (scripts/install-deps).
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def chromium_binary():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    fail("Chromium is not installed, so report.html cannot be checked in a browser. "
         "Install it with scripts/install-deps (Debian package 'chromium').")


class RecordingProxy:
    """A proxy that answers nothing: it records the first line of every request it is sent."""

    def __init__(self):
        self.requests = []
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    line = conn.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
                except OSError:
                    line = "(unreadable request)"
                if line:
                    self.requests.append(line)
                try:
                    conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    def close(self):
        self.server.close()


def run_chromium(binary, profile, proxy_port, extra):
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--hide-scrollbars", "--window-size=1280,900",
        "--proxy-server=http://127.0.0.1:%d" % proxy_port, "--proxy-bypass-list=<-loopback>",
    ]
    result = subprocess.run([binary] + flags + extra, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        fail("chromium exited with %d: %s" % (result.returncode, result.stderr[-2000:]))
    return result.stdout


def check_not_blank(png, what, min_colours):
    from osgeo import gdal
    import numpy as np

    ds = gdal.Open(png)
    if ds is None:
        fail("%s is not a readable PNG: %s" % (what, png))
    pixels = np.dstack([ds.GetRasterBand(i + 1).ReadAsArray() for i in range(min(3, ds.RasterCount))])
    flat = pixels.reshape(-1, pixels.shape[2])
    background = np.median(flat, axis=0)
    differs = np.any(np.abs(flat.astype(int) - background.astype(int)) > 16, axis=1).mean()
    colours = len(np.unique(flat[:: max(1, len(flat) // 20000)], axis=0))
    print("%s: %dx%d, %.0f%% of pixels differ from the background, %d colours in a sample"
          % (what, ds.RasterXSize, ds.RasterYSize, 100 * differs, colours))
    if differs < 0.05 or colours < min_colours:
        fail("%s looks blank" % what)


CHECKER = """<script>
window.addEventListener('load', function () {
  var images = Array.prototype.slice.call(document.images);
  var broken = images.filter(function (i) { return !(i.complete && i.naturalWidth > 0); }).length;
  var fetched = performance.getEntriesByType('resource').map(function (e) { return e.name; });
  document.body.setAttribute('data-check', JSON.stringify({
    images: images.length, broken: broken, fetched: fetched,
    svgs: document.querySelectorAll('svg').length, tables: document.querySelectorAll('table').length}));
});
</script>"""


def main():
    if len(sys.argv) not in (3, 4):
        fail("usage: test_report_chromium.py OUTPUT_DIR SCREENSHOT_PNG [REPORT]")
    out_dir, screenshot = sys.argv[1], sys.argv[2]
    name = sys.argv[3] if len(sys.argv) == 4 else "report.html"
    report = os.path.join(out_dir, name)
    if not os.path.exists(report):
        fail("no %s in %s (run with --report, or burdenmap report)" % (name, out_dir))
    binary = chromium_binary()
    html = open(report, encoding="utf-8").read()

    # Static checks: nothing in the page points at a resource outside it.
    if "Content-Security-Policy" not in html:
        fail(name + " has no Content-Security-Policy")
    for pattern in (r'<(img|script|iframe|embed|object|source)[^>]+src="(?!data:)', r"<link\b", r"@import", r"url\("):
        if re.search(pattern, html):
            fail(name + " refers to something outside the page: " + pattern)

    proxy = RecordingProxy()
    work = tempfile.mkdtemp(prefix="burdenmap-chromium-")
    try:
        # 1. The first screen, as a reader sees it.
        run_chromium(binary, os.path.join(work, "profile1"), proxy.port,
                     ["--screenshot=" + screenshot, "file://" + os.path.abspath(report)])
        check_not_blank(screenshot, "the report's first screen", 50)

        # 2. A copy without the policy (so nothing is blocked before the proxy would see it) and
        #    with the checker, printed after load.
        copy = os.path.join(work, "report-check.html")
        unguarded = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        with open(copy, "w", encoding="utf-8") as f:
            f.write(unguarded.replace("</body>", CHECKER + "</body>"))
        dom = run_chromium(binary, os.path.join(work, "profile2"), proxy.port,
                           ["--virtual-time-budget=5000", "--dump-dom", "file://" + copy])
        found = re.search(r"data-check=\"([^\"]*)\"", dom)
        if not found:
            fail("the page's load check did not run")
        check = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
        print("page: %d image(s), %d broken, %d inline SVG, %d tables, fetched %s"
              % (check["images"], check["broken"], check["svgs"], check["tables"], check["fetched"]))
        if check["images"] < 1 or check["broken"]:
            fail("broken or missing images: %s" % check)
        external = [u for u in check["fetched"] if not u.startswith(("data:", "file:"))]
        if external:
            fail("the page fetched: %s" % external)
        # The page has no scripts, so it can only request addresses written in it; requests for
        # other hosts are Chromium's own (updates, clock, sign-in), which its flags do not stop.
        page_hosts = set(h.lower() for h in re.findall(r"https?://([^/\"'\s<>:]+)", html))
        mine = [r for r in proxy.requests if any(h in r.lower() for h in page_hosts)]
        if mine:
            fail("the page requested addresses it links to: %s" % mine)
        if proxy.requests:
            hosts = sorted(set(re.sub(r"^\S+ (https?://)?([^/: ]+).*$", r"\2", r) for r in proxy.requests))
            print("note: Chromium's own background requests (not the page's), refused by the proxy: %s" % hosts)
        if check["tables"] < 3:
            fail("the report's tables are missing: %s" % check)

        # 3. The quicklook beside the report.
        if name == "report.html":
            check_not_blank(os.path.join(out_dir, "map.png"), "map.png", 5)  # classes, lines, text
    finally:
        proxy.close()
        shutil.rmtree(work, ignore_errors=True)
    print("OK: %s renders, loads every image and requests nothing" % name)


if __name__ == "__main__":
    main()

"""First paint of dashboard pages in headless Chromium, and what delays it.

Starts ``dyad serve`` on a free loopback port over a store (``--db``; by default the Wikinews corpus and the
seed of ``../shared`` ingested with extraction into ``build/bench/wikinews.db``, built once), then opens each
page (``--pages``; the first one also once right after the server started) ``--runs`` times in a fresh
browser context (empty cache) and prints the medians of:

- server: time to the first byte of the HTML (a pair page sends its head before reading its data);
- html complete: when its last byte arrived (the data read and rendered), its size sent and unpacked;
- first paint: ``first-contentful-paint`` from the browser's Paint Timing API, and the largest paint;
- when the pair page's summary painted (Element Timing: its ``elementtiming`` mark);
- ``DOMContentLoaded`` (the charts are drawn in the frame after it);
- the render-blocking resources (stylesheets, scripts without ``defer``/``async``) and their sizes.

The issue's target is a first paint under 1 s for ``/pair/USA/CHN`` on the Wikinews store; tests do not
time things, this prints the figures.

    .venv/bin/python bench/firstpaint.py --runs 5
    .venv/bin/python bench/firstpaint.py --db demo.db --pages /pair/USA/CHN /
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]  # fmt: skip
PAGES = ["/pair/USA/CHN", "/", "/events?pair=USA,CHN", "/map", "/network"]

# Read from the page once it has loaded: paint and navigation timings, and the resources it fetched.
TIMINGS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = Object.fromEntries(performance.getEntriesByType("paint").map((p) => [p.name, p.startTime]));
  const resources = performance.getEntriesByType("resource").map((r) => ({
    name: new URL(r.name).pathname, blocking: r.renderBlockingStatus || "", bytes: r.decodedBodySize,
    end: r.responseEnd }));
  return { ttfb: nav.responseStart, html_end: nav.responseEnd, dom_ready: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd, wire: nav.transferSize, html_bytes: nav.decodedBodySize,
    fcp: paint["first-contentful-paint"], resources };
}"""
# Paints only a buffered observer reports: the largest one, and elements marked `elementtiming` (the pair
# page's summary).
PAINTS = """() => new Promise((done) => {
  const found = { lcp: null, elements: {} };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) found.lcp = e.renderTime || e.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) found.elements[e.identifier] = e.renderTime || e.startTime;
  }).observe({ type: "element", buffered: true });
  setTimeout(() => done(found), 100);
})"""


def build_store(path: Path) -> Path:
    corpus, seed = SHARED / "corpus" / "wikinews", SHARED / "seeds" / "000_eaf92a312e30dd40.txt"
    if not corpus.is_dir() or not seed.is_file():
        sys.exit(f"needs {corpus} and {seed}, or a store given with --db")
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"building {path} from the Wikinews corpus and the seed (once) ...", flush=True)
    dyad = ROOT / ".venv" / "bin" / "dyad"
    subprocess.run([str(dyad), "ingest", str(corpus), str(seed), "--db", str(path), "-q"], check=True)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    dyad = ROOT / ".venv" / "bin" / "dyad"
    server = subprocess.Popen([str(dyad), "serve", "--db", str(db), "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/health", timeout=2).read()
            return server, base
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                sys.exit("the server did not start")
            time.sleep(0.2)


def measure(browser: Any, url: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        deadline = time.monotonic() + 10
        while True:  # the paint entry can come after "load" (polled: the page's CSP forbids eval)
            found = dict(page.evaluate(TIMINGS))
            if found["fcp"] is not None or time.monotonic() > deadline:
                return {**found, **page.evaluate(PAINTS)}
            time.sleep(0.05)
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a store (default: the Wikinews corpus and seed, built once)")
    parser.add_argument("--pages", nargs="+", default=PAGES, help="paths to open (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="loads per page; medians are printed")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"needs Debian chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    db = args.db or ROOT / "build" / "bench" / "wikinews.db"
    if not db.exists():
        build_store(db)
    server, base = serve(db)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            cold = measure(browser, base + args.pages[0])
            print(f"\n{args.pages[0]}: the first load after the server started: server {cold['ttfb']:.0f} ms,"
                  f" first paint {cold['fcp']:.0f} ms")  # fmt: skip
            for path in args.pages:
                runs = [measure(browser, base + path) for _ in range(args.runs)]
                report(path, runs)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def report(path: str, runs: list[dict[str, Any]]) -> None:
    def med(key: str) -> float:
        return statistics.median(r[key] or 0 for r in runs)

    print(f"\n{path}  (median of {len(runs)} loads, empty cache, 1280x900)")
    print(f"  server (first byte)   {med('ttfb'):7.0f} ms")
    print(f"  html complete         {med('html_end'):7.0f} ms   {med('wire') / 1000:.1f} KB sent,"
          f" {med('html_bytes') / 1000:.1f} KB of HTML")  # fmt: skip
    print(f"  first paint (FCP)     {med('fcp'):7.0f} ms   {'under' if med('fcp') < 1000 else 'OVER'} 1 s")
    print(f"  largest paint (LCP)   {med('lcp'):7.0f} ms")
    for name in runs[-1]["elements"]:
        painted = statistics.median(r["elements"].get(name) or 0 for r in runs)
        print(f"  {name + ' painted':<21} {painted:7.0f} ms")
    print(f"  DOMContentLoaded      {med('dom_ready'):7.0f} ms")
    print(f"  load                  {med('load'):7.0f} ms")
    for res in runs[-1]["resources"]:
        blocking = "render-blocking" if res["blocking"] == "blocking" else "not blocking"
        print(f"  {res['name']:<36} {res['bytes'] / 1000:6.1f} KB  {blocking}, done at {res['end']:.0f} ms")


if __name__ == "__main__":
    main()

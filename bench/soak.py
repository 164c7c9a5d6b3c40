"""Soak of the server with hostile requests: no 5xx, no connection reset, whatever the parameters.

Starts ``dyad serve`` on a free loopback port over a store (``--db``; by default the Wikinews corpus of
``../shared`` ingested with extraction into ``build/soak/wikinews.db``, built once), then sends ``--requests``
mixed requests from ``--clients`` keep-alive connections: valid queries, impossible dates, unknown and empty
countries, broken search syntax, control characters, out-of-range numbers, garbage paging tokens, unknown
paths and countries in paths, bad Host headers and oversized parameters. Stops at ``--seconds`` whatever
the count. Prints the statuses seen, 5xx and resets, latency percentiles; exits 1 on any 5xx or reset.

    .venv/bin/python bench/soak.py --requests 10000 --clients 8
"""

from __future__ import annotations

import argparse
import http.client
import random
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT.parent / "shared" / "corpus" / "wikinews"

LISTS = ["/api/events", "/api/articles", "/api/quotes", "/api/actors", "/api/issues", "/api/network",
         "/api/map", "/api/coverage", "/api/export/events", "/api/export/quotes", "/", "/search", "/events",
         "/map", "/network"]  # fmt: skip
PAIRED = ["/api/dyads/{a}/{b}", "/api/briefs/{a}/{b}", "/pair/{a}/{b}"]
COUNTRY_PAGES = ["/country/{a}"]
OTHER = ["/health", "/version", "/actor/{id}", "/issue/{id}", "/nowhere", "/api/nothing", "/static/../x",
         "/%00", "/api/events/%ff", "/docs", "/openapi.json"]  # fmt: skip

DATES = ["2024-04-01", "2024", "2024-05", "2025-12-31", "2024-13-45", "2024-02-30", "2024-00", "0000", "x",
         "", "9999-99-99", "2024-1-1", "\x00", "2024-04-01T00:00", "2" * 500]  # fmt: skip
COUNTRIES = ["USA", "US", "China", "chn", "USA,CHN", "ZZZ", ",,,", "USA,,CHN", "Atlantis", "U\x00S",
             "EU", "NATO", "the United States", "A" * 300, ",".join(["USA"] * 60)]  # fmt: skip
PATH_COUNTRIES = ["USA", "CHN", "RUS", "us", "China", "ZZZ", "QQQ", "%00", "..", "A" * 300, "%20", "U.S."]
TEXTS = ["Taiwan", "China AND trade", '"prime minister"', "elect*", "title:election", "NEAR(", "a AND", "(",
         ")", "OR", "a ) b", "()", '"open', "\x00", "x\x01y", "🙂", "é", "*", "title:", "NOT NOT",
         "a" * 2000, "AND OR NOT"]  # fmt: skip
NUMBERS = ["1", "5", "50", "0", "-1", "x", "1e9", "nan", "inf", "", "2.5", "99999999999999999999"]
FORMATS = ["json", "json", "csv", "ndjson", "xml", "html", "md"]
TOKENS = ["", "garbage", "eyJ4IjoxfQ", "W10", "%%%", "WyJhIiwxXQ", "\x00"]
PARAMETERS = [
    ("since", DATES), ("until", DATES), ("countries", COUNTRIES), ("text", TEXTS), ("limit", NUMBERS),
    ("next", TOKENS), ("format", FORMATS), ("pair", COUNTRIES), ("quad_class", NUMBERS),
    ("min_confidence", NUMBERS), ("cameo_root", NUMBERS), ("directed", ["true", "false", "x"]),
    ("actor", TEXTS), ("issue", TEXTS), ("source", TEXTS), ("spreadsheet_safe", ["true", "false", "maybe"]),
]  # fmt: skip


def build_store(path: Path) -> Path:
    """The Wikinews store, ingested with extraction once."""
    if path.exists():
        return path
    if not WIKINEWS.exists():
        sys.exit(f"needs ../shared/corpus/wikinews to build the store, or --db PATH ({WIKINEWS} is missing)")
    path.parent.mkdir(parents=True, exist_ok=True)
    dyad = str(Path(sys.executable).with_name("dyad"))
    print(f"building {path} from {WIKINEWS} (once)...", file=sys.stderr)
    subprocess.run([dyad, "ingest", str(WIKINEWS), "--db", str(path), "-q"], check=False)
    return path


def request(rng: random.Random) -> tuple[str, dict[str, str]]:
    """One request: a path with its query string, and extra headers."""
    roll = rng.random()
    headers: dict[str, str] = {}
    if roll < 0.55:
        path = rng.choice(LISTS)
        params: dict[str, str] = {}
        for name, values in PARAMETERS:
            if rng.random() < 0.15:
                params[name] = rng.choice(values)
        target = path + ("?" + urlencode(params) if params else "")
    elif roll < 0.8:
        template = rng.choice(PAIRED + COUNTRY_PAGES)
        a, b = (quote(rng.choice(PATH_COUNTRIES), safe="%") for _ in range(2))
        params = {}
        if rng.random() < 0.4:
            params["since"] = rng.choice(DATES)
        if rng.random() < 0.3:
            params["by"] = rng.choice(["day", "week", "month", "year"])
        if rng.random() < 0.3:
            params["format"] = rng.choice(FORMATS)
        target = template.format(a=a, b=b) + ("?" + urlencode(params) if params else "")
    else:
        target = rng.choice(OTHER).format(id=quote(rng.choice(TEXTS), safe=""))
        if rng.random() < 0.3:
            target += "?" + rng.choice(["since=%ZZ", "text=%00", "limit=%FF", "x=" + "y" * 5000, "&&&=", "a"])
    if rng.random() < 0.03:
        headers["Host"] = rng.choice(["evil.com", "127.0.0.1:1@evil.com", "localhost.evil", "[::1]"])
    return target, headers


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[int] = Counter()
        self.resets = 0
        self.failures: list[str] = []
        self.latencies: list[float] = []
        self.sent = 0


def client(port: int, rng: random.Random, tally: Tally, budget: int, deadline: float) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while True:
        with tally.lock:
            if tally.sent >= budget or time.monotonic() > deadline:
                break
            tally.sent += 1
        target, headers = request(rng)
        started = time.perf_counter()
        try:
            conn.request("GET", target, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
            closing = response.getheader("connection", "").lower() == "close"
        except (ConnectionError, http.client.HTTPException, TimeoutError, OSError) as exc:
            with tally.lock:
                tally.resets += 1
                tally.failures.append(f"reset: GET {target[:120]!r}: {type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        with tally.lock:
            tally.statuses[status] += 1
            tally.latencies.append(time.perf_counter() - started)
            if status >= 500:
                tally.failures.append(f"{status}: GET {target[:120]!r}")
        if closing:  # the server may close after an error it chose to answer that way: not a reset
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_ready(port: int, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited with status {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to serve (default: the Wikinews store, built once)")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=900, help="stop here whatever the count")
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    db = args.db or build_store(ROOT / "build" / "soak" / "wikinews.db")
    port = free_port()
    dyad = str(Path(sys.executable).with_name("dyad"))
    server = subprocess.Popen(
        [dyad, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    tally = Tally()
    try:
        wait_ready(port, server)
        started = time.monotonic()
        deadline = started + args.seconds
        threads = [
            threading.Thread(
                target=client,
                args=(port, random.Random(args.seed * 1000 + n), tally, args.requests, deadline),
            )
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        alive = server.poll() is None
    finally:
        server.terminate()
        server.wait(30)
    done = sum(tally.statuses.values()) + tally.resets
    fives = sum(n for status, n in tally.statuses.items() if status >= 500)
    latencies = sorted(tally.latencies) or [0.0]
    print(f"{done} requests in {elapsed:.1f} s from {args.clients} clients against {db}")
    print("statuses: " + ", ".join(f"{s}: {n}" for s, n in sorted(tally.statuses.items())))
    print(f"5xx: {fives}  resets: {tally.resets}  server alive at the end: {alive}")
    print(
        f"latency p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )
    if done < args.requests:
        print(f"stopped at --seconds {args.seconds:g} after {done} of {args.requests} requests")
    for failure in tally.failures[:20]:
        print(failure)
    return 0 if fives == 0 and tally.resets == 0 and alive else 1


if __name__ == "__main__":
    sys.exit(main())

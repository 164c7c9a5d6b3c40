"""What loading the actor knowledge base adds: wall time and resident memory of reading the shipped table
(``actors_kb.tsv.gz``) and the built-in people layers, in a fresh process where everything else dyad needs
(the codebook modules, yaml, pycountry) is imported first. Also the cost of a thousand name lookups.

    .venv/bin/python bench/kb.py

Targets (issue 14): under 1 s and under 200 MB.
"""

from __future__ import annotations

import datetime as dt
import resource
import time


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def main() -> None:
    import dyad.codebooks.countries  # noqa: F401  (imported by the pipeline anyway)
    from dyad.codebooks import kb_tables, people

    people.builtin_people.cache_clear()
    kb_tables.shipped_kb.cache_clear()
    before, start, cpu = _rss_mb(), time.perf_counter(), time.process_time()
    table = kb_tables.shipped_kb()
    layers = people.builtin_people()
    loaded, cpu, after = time.perf_counter() - start, time.process_time() - cpu, _rss_mb()
    names = ["Nouri al-Maliki", "Barack Obama", "Park Geun-hye", "Goodluck Jonathan", "Unknown Person"] * 200
    start = time.perf_counter()
    for n, name in enumerate(names):
        layers.lookup(name, dt.date(2000 + n % 26, 6, 1))
    looked = time.perf_counter() - start
    print(f"entities {len(table)}")
    print(
        f"load: {loaded:.3f} s wall, {cpu:.3f} s CPU (target < 1 s); "
        f"memory +{after - before:.1f} MB (< 200 MB)"
    )
    print(f"1000 lookups: {looked * 1000:.1f} ms")


if __name__ == "__main__":
    main()

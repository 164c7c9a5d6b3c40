"""Dyad coverage: does dyad find the country pair a news item is filed under?

Wikipedia's "Current events" items carry the "A–B relations" headings they are filed under. An item
counts as found when its extraction holds an event between A and B (either direction) or a quote by a
speaker of one side that addresses, or names in its sentence, an actor of the other side. The share of
found items measures the whole pipeline (actors, events, quotes) on the question briefs ask.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import EvaluationError
from dyad.model import Article, Extraction, event_dyads
from dyad.parameters import resolve_country
from dyad.pipeline import Pipeline, Settings

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class DyadItem:
    article: Article
    pairs: tuple[Pair, ...]  # country codes of each heading the item is filed under
    headings: tuple[tuple[str, str], ...]


@dataclass
class DyadCoverage:
    items: int = 0
    found: int = 0
    by_event: int = 0
    by_quote_only: int = 0
    unmapped: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.found / self.items if self.items else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "found": self.found,
            "share": round(self.share, 4),
            "found_by_event": self.by_event,
            "found_by_quote_only": self.by_quote_only,
            "unmapped_names": dict(self.unmapped.most_common()),
            "missed_examples": [{"id": i, "pair": p} for i, p in self.missed[:20]],
        }


def read_items(path: Path, coverage: DyadCoverage | None = None) -> Iterator[DyadItem]:
    """Every item with a pair heading; a heading naming no country (a region, an unrecognised state)
    leaves the item with no pair to find, so it counts as missed."""
    if not path.exists():
        raise EvaluationError("no such file", where=str(path))
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                record = json.loads(line)
                headings = tuple((str(a), str(b)) for a, b in record.get("dyads") or [])
                if not headings:
                    continue
                text, day, item_id = record["text"], record["date"], record["id"]
            except (ValueError, KeyError, TypeError) as exc:
                raise EvaluationError(f"bad record: {exc}", where=f"{path}:{number}") from exc
            pairs = []
            for a, b in headings:
                ca, cb = resolve_country(a), resolve_country(b)
                if ca and cb and ca != cb:
                    pairs.append((ca, cb))
                elif coverage is not None:
                    coverage.unmapped.update(n for n, c in ((a, ca), (b, cb)) if not c)
            yield DyadItem(Article(id=item_id, text=text, published=day), tuple(pairs), headings)


def links(extraction: Extraction, a: str, b: str) -> str | None:
    """ "event" or "quote" when the extraction links ``a`` and ``b``, else None."""
    pair = {a, b}
    for event in extraction.events:
        if event.negated:
            continue
        if any(t is not None and {s.country, t.country} == pair for s, t in event_dyads(event)):
            return "event"
    for quote in extraction.quotes:
        speaker = quote.speaker.actor.country if quote.speaker else None
        if speaker not in pair:
            continue
        other = (pair - {speaker}).pop()
        if quote.addressee is not None and quote.addressee.country == other:
            return "quote"
        ev = quote.evidence
        start = ev.start - max(ev.sentence.find(ev.text), 0)
        end = start + len(ev.sentence)
        if any(
            actor.country == other and any(start <= m.start < end for m in actor.mentions)
            for actor in extraction.actors
        ):
            return "quote"
    return None


def score(items: list[DyadItem], extractions: dict[str, Extraction], coverage: DyadCoverage) -> DyadCoverage:
    for item in items:
        coverage.items += 1
        extraction = extractions.get(item.article.id)
        kinds = {links(extraction, a, b) for a, b in item.pairs} - {None} if extraction else set()
        if kinds:
            coverage.found += 1
            if "event" in kinds:
                coverage.by_event += 1
            else:
                coverage.by_quote_only += 1
        else:
            coverage.missed.append((item.article.id, " / ".join("–".join(h) for h in item.headings)))
    return coverage


def evaluate(path: Path, settings: Settings | None = None, *, limit: int | None = None) -> DyadCoverage:
    """Extract every item filed under a country pair (with the pipeline's ``settings``: model, taxonomy,
    workers) and score how many link that pair."""
    coverage = DyadCoverage()
    items = list(read_items(path, coverage))[:limit]
    with Pipeline(settings) as pipeline:
        found = {
            r.article_id: r.extraction
            for r in pipeline.extract(i.article for i in items)
            if r.extraction is not None
        }
    return score(items, found, coverage)

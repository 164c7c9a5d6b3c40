"""The actors of one article: its mentions grouped into actors by key, the index that finds the actors a
span names, and what the ``dyad_actors`` component keeps of the article to resolve spans asked about later."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from spacy.tokens import Span

from dyad.model import Actor, stable_id
from dyad.model import Span as TextSpan
from dyad.nlp.lexicon import Annotations
from dyad.nlp.mentions import Mention

EXTRACTOR = "dyad_actors@0.1"


@dataclass(slots=True)
class DocState:
    """What ``actor_for`` needs to resolve spans nobody asked about during the pipeline run."""

    annotations: Annotations
    secondary: list[tuple[int, int, Actor]]
    published: dt.date | None
    sent_of: list[int]  # sentence number of each token
    home: str | None  # the article's most named country
    text: str  # doc.text, which spaCy rebuilds from the tokens on every access
    persons: list[Span]  # the PERSON entities (doc.ents builds every span on each access)
    bodies: list[Span]  # other named entities that may be organisations of the knowledge base
    countries: list[str]  # the countries the article names, most named first
    vessels: list[tuple[Span, str]]  # ships named with a navy's prefix, and its state
    # (country, role) of the titles the article gives the people it names, and a mention of each person
    titled: dict[tuple[str, str], Mention] = field(default_factory=dict)
    # The actors of each span resolved on the fly: event parties ask about the same phrase several times.
    resolved: dict[tuple[int, int], list[Actor]] = field(default_factory=dict)


def build_actors(
    mentions: list[Mention], text: str
) -> tuple[list[Actor], list[tuple[int, int, Actor]], list[tuple[int, int, Actor]]]:
    """Group mentions into actors by key; compound mentions also count for their other countries."""
    groups: dict[tuple[object, ...], list[Mention]] = defaultdict(list)
    place_groups: dict[tuple[object, ...], list[Mention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        target = place_groups if m.place_use else groups
        target[m.key].append(m)
        for other in m.also:
            key = (m.key[0], other, *m.key[2:])
            target[key].append(_with_country(m, other))
    actors = {key: _actor(key, ms, text) for key, ms in groups.items()}
    places = {key: actors.get(key) or _actor(key, ms, text) for key, ms in place_groups.items()}
    index = [(m.start, m.end, actors[key]) for key, ms in groups.items() for m in ms]
    secondary = [(m.start, m.end, places[key]) for key, ms in place_groups.items() for m in ms]
    index.sort(key=lambda x: (x[0], x[1]))
    ordered = sorted(actors.values(), key=lambda a: (a.mentions[0].start, a.mentions[0].end))
    return ordered, index, secondary


def _with_country(m: Mention, country: str) -> Mention:
    return replace(m, country=country, key=(m.key[0], country, *m.key[2:]), also=())


def _actor(key: tuple[object, ...], mentions: list[Mention], text: str) -> Actor:
    named = [m for m in mentions if m.via not in ("pronoun", "description")] or mentions
    first = named[0]
    name = first.name
    spans: dict[tuple[int, int], TextSpan] = {}
    for m in mentions:
        spans.setdefault((m.start, m.end), TextSpan(m.start, m.end, text[m.start : m.end]))
    return Actor(
        id=stable_id("act", *key),
        name=name,
        kind=first.kind,
        country=first.country,
        sector=first.sector,
        role=first.role,
        mentions=tuple(sorted(spans.values(), key=lambda s: (s.start, s.end))),
        extractor=EXTRACTOR,
        confidence=max(m.confidence for m in mentions),
    )


def best_actors(table: list[tuple[int, int, Actor]], start: int, end: int) -> list[Actor]:
    """The actors of the mentions in ``table`` that best cover ``[start, end)`` (overlap over union), in
    text order: several when one phrase names several ("the U.S. and Chinese defense chiefs")."""
    scored: list[tuple[float, int, Actor]] = []
    for s, e, actor in table:
        overlap = min(e, end) - max(s, start)
        if overlap <= 0:
            continue
        scored.append((overlap / (max(e, end) - min(s, start)), s, actor))
    if not scored:
        return []
    top = max(score for score, _, _ in scored)
    out: list[Actor] = []
    for score, _, actor in sorted(scored, key=lambda x: x[1]):
        if score == top and actor not in out:
            out.append(actor)
    return out

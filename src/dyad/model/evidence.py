"""The evidence every extracted fact carries (:class:`Span`, :class:`Evidence`), the :class:`Article` it comes
from, content-hash ids, and the vocabularies (actor kinds, modalities, sectors) the other objects use."""

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
# Events in these modalities may not happen: series, briefs and the lists opening from them leave them out.
UNCOUNTED_MODALITIES = ("hypothetical", "conditional")

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

"""Frozen domain objects: the only things that cross stage boundaries, and the rules that belong to them.

Readers produce :class:`Article`; the NLP pipeline produces :class:`Extraction` (actors, places, dates,
events, quotes, issue tags), each object carrying its :class:`Evidence` (character span in the article
text, sentence, extractor name@version, confidence). ``to_dict`` gives the documented JSON output
(docs/output.md); ``from_dict`` is its inverse, so the store and the Spark tables keep dicts and rebuild the
very objects. Two fields stay out of the documented output and travel beside it: an actor's and an issue
tag's ``extractor`` and a tag's ``taxonomy_version`` (``from_dict`` reads them when the dict has them).
Ids are content hashes so re-running is idempotent.

:mod:`dyad.model.evidence` holds spans, evidence, articles, ids and the shared vocabularies;
:mod:`dyad.model.extraction` what is extracted, with the domain rules the store and Spark both apply
(:func:`event_dyads`: the country pairs an event counts between, :meth:`Event.counted`: which events series
count, :func:`series_day`: the day an item counts on); :mod:`dyad.model.alerts` watchlists and the alerts
they fire. This package exports their public names.
"""

from dyad.model.alerts import ALERT_KINDS, Alert, AlertEvidence, AlertKind, AlertRules, Period, Watchlist
from dyad.model.evidence import (
    SECTORS,
    UNCOUNTED_MODALITIES,
    ActorKind,
    Article,
    Direction,
    Evidence,
    Granularity,
    Modality,
    QuoteKind,
    Span,
    stable_id,
)
from dyad.model.extraction import (
    Actor,
    ActorRef,
    DateRef,
    Event,
    Extraction,
    IssueTag,
    Place,
    Plover,
    Quote,
    Speaker,
    event_dyads,
    own_claim,
    series_day,
    stored_own_claim,
)

__all__ = [
    "ALERT_KINDS", "SECTORS", "UNCOUNTED_MODALITIES", "Actor", "ActorKind", "ActorRef", "Alert",
    "AlertEvidence", "AlertKind", "AlertRules", "Article", "DateRef", "Direction", "Event", "Evidence",
    "Extraction", "Granularity", "IssueTag", "Modality", "Period", "Place", "Plover", "Quote", "QuoteKind",
    "Span", "Speaker", "Watchlist", "event_dyads", "own_claim", "series_day", "stable_id",
    "stored_own_claim",
]  # fmt: skip

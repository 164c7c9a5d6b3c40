"""Calibrated event confidence: how often an event like this one is right, on our article-level gold.

The coder's own scores (the classifier's class probability) say how sure it is of a sentence's class, not
whether the event's parties and code are right. A logistic model over a few general traits an analyst would
weigh (that score on the log-odds scale, main clause or not, a party only placed by the article's country, a
country acting on itself, a claim not asserted or only reported, how many events the sentence gave, whether
another sentence gives an event between the same two countries) is fitted by ``dyad train confidence`` on the
dev parts of ``gold/events``: its level and its calibration come from our own wire-style stories, which no
rule was tuned on (the Wikinews dev articles were, so they only help weigh the traits, down-weighted as
cross-validation chooses); it ships as coefficients in
``codebooks/event_confidence.json``. Events below the model's floor are left out: precision first. Without the
file, confidences stay the coder's own.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from dyad.errors import CodebookError
from dyad.model import Event
from dyad.nlp.event_parties import is_placed
from dyad.nlp.set_aside import set_aside

MODEL_FILE = "event_confidence.json"
# Few and general on purpose: the dev articles are few and the rules were tuned on them, so traits that
# single out kinds of act (QuadClass, codes) would learn the tuning, not how often such events are right.
FEATURES = (
    "score_logit", "primary", "placed_party", "domestic", "not_asserted", "reported", "crowded",
    "corroborated",
)  # fmt: skip


def features(event: Event, in_sentence: int, corroborated: bool = False) -> list[float]:
    """The values of :data:`FEATURES` for one event; ``in_sentence`` counts its sentence's events, and
    ``corroborated`` says whether another sentence of the article gives an event between the same two
    countries (a story's own dyad comes back; a misread aside seldom does)."""
    sources = {a.country for a in event.source}
    targets = {a.country for a in event.target}
    score = min(max(event.evidence.confidence, 0.01), 0.99)
    return [
        math.log(score / (1.0 - score)),
        float(event.primary),
        float(any(all(is_placed(a) for a in side) for side in (event.source, event.target))),
        float(sources == targets),
        float(event.modality != "asserted"),
        float(event.reported_by is not None),
        math.log(in_sentence),
        float(corroborated),
    ]


def _pairs(event: Event) -> set[frozenset[str | None]]:
    return {frozenset((s.country, t.country)) for s in event.source for t in event.target}


def feature_rows(events: Sequence[Event]) -> list[list[float]]:
    """The feature rows of an article's events (negated ones, never counted, corroborate nothing)."""
    crowd = Counter(e.evidence.sentence_index for e in events)
    sentences: dict[frozenset[str | None], set[int]] = {}
    for event in events:
        if not event.negated:
            for pair in _pairs(event):
                sentences.setdefault(pair, set()).add(event.evidence.sentence_index)
    rows = []
    for event in events:
        here = event.evidence.sentence_index
        corroborated = any(sentences.get(pair, set()) - {here} for pair in _pairs(event))
        rows.append(features(event, crowd[here], corroborated))
    return rows


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    weights: tuple[float, ...]
    bias: float
    floor: float  # events below this calibrated confidence are left out
    regularisation: float = 1.0  # the inverse strength C the fit used, chosen by cross-validation
    tuned_weight: float = 0.0  # the weight the fit gave events of tuned-on articles, chosen likewise

    def probability(self, row: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, row, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> str:
        data = {"features": FEATURES, "weights": self.weights, "bias": self.bias, "floor": self.floor,
                "C": self.regularisation, "tuned_weight": self.tuned_weight}  # fmt: skip
        return json.dumps(data, indent=1)

    @staticmethod
    def from_json(text: str) -> ConfidenceModel:
        data = json.loads(text)
        if tuple(data.get("features", ())) != FEATURES:
            raise CodebookError(f"{MODEL_FILE}: features {data.get('features')} are not {list(FEATURES)}")
        weights = tuple(float(w) for w in data["weights"])
        return ConfidenceModel(
            weights, float(data["bias"]), float(data["floor"]), float(data.get("C", 1.0)),
            float(data.get("tuned_weight", 0.0)),
        )  # fmt: skip


@lru_cache(maxsize=1)
def shipped_confidence() -> ConfidenceModel | None:
    """The shipped model; a file written for other features (stale until ``dyad train confidence`` rewrites
    it, which must be able to load the pipeline) is set aside (:mod:`dyad.nlp.set_aside`: the commands
    say so in their output), and the tests refuse it."""
    path = resources.files("dyad.codebooks").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    try:
        return ConfidenceModel.from_json(path.read_text(encoding="utf-8"))
    except CodebookError as exc:
        without = "event confidences stay the coder's own and no event is left out below a floor"
        set_aside(MODEL_FILE, str(exc).removeprefix(f"{MODEL_FILE}: "), without, "dyad train confidence")
        return None


def calibrate(events: list[Event], model: ConfidenceModel | None) -> list[Event]:
    """Each event with its calibrated confidence; those below the model's floor are left out."""
    if model is None:
        return events
    kept = []
    for event, row in zip(events, feature_rows(events), strict=True):
        confidence = round(model.probability(row), 4)
        if confidence >= model.floor:
            kept.append(replace(event, evidence=replace(event.evidence, confidence=confidence)))
    return kept

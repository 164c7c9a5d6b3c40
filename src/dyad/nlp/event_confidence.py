"""Calibrated event confidence: how often an event like this one is right, on our article-level gold.

The coder's own scores (the classifier's class probability) say how sure it is of a sentence's class, not
whether the event's parties and code are right. A logistic model over what an analyst would weigh (that
score, main clause or not, parties named or only placed by the article's country, a country acting on
itself, QuadClass, modality, a reported claim, how many events the sentence gave) is fitted on the dev part
of ``gold/events`` (``dyad train confidence``; scored by article-level cross-validation) and ships as
coefficients in ``codebooks/event_confidence.json``. Events below :data:`FLOOR` are left out: precision
first. Without the file, confidences stay the coder's own.
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

MODEL_FILE = "event_confidence.json"
LOCAL_PREFIX = "loc-"  # ids of parties placed by the article's country, not named with their own
FEATURES = (
    "score",
    "primary",
    "local_source",
    "local_target",
    "domestic",
    "quad_1",
    "quad_2",
    "quad_3",
    "not_asserted",
    "reported",
    "crowded",
)


def features(event: Event, in_sentence: int) -> list[float]:
    """The values of :data:`FEATURES` for one event; ``in_sentence`` counts its sentence's events."""
    sources = {a.country for a in event.source}
    targets = {a.country for a in event.target}
    return [
        event.evidence.confidence,
        float(event.primary),
        float(all(a.id.startswith(LOCAL_PREFIX) for a in event.source)),
        float(all(a.id.startswith(LOCAL_PREFIX) for a in event.target)),
        float(sources == targets),
        float(event.quad_class == 1),
        float(event.quad_class == 2),
        float(event.quad_class == 3),
        float(event.modality != "asserted"),
        float(event.reported_by is not None),
        math.log(in_sentence),
    ]


def feature_rows(events: Sequence[Event]) -> list[list[float]]:
    crowd = Counter(e.evidence.sentence_index for e in events)
    return [features(e, crowd[e.evidence.sentence_index]) for e in events]


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    weights: tuple[float, ...]
    bias: float
    floor: float  # events below this calibrated confidence are left out

    def probability(self, row: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, row, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> str:
        data = {"features": FEATURES, "weights": self.weights, "bias": self.bias, "floor": self.floor}
        return json.dumps(data, indent=1)

    @staticmethod
    def from_json(text: str) -> ConfidenceModel:
        data = json.loads(text)
        if tuple(data.get("features", ())) != FEATURES:
            raise CodebookError(f"{MODEL_FILE}: features {data.get('features')} are not {list(FEATURES)}")
        return ConfidenceModel(
            tuple(float(w) for w in data["weights"]), float(data["bias"]), float(data["floor"])
        )


@lru_cache(maxsize=1)
def shipped_confidence() -> ConfidenceModel | None:
    path = resources.files("dyad.codebooks").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return ConfidenceModel.from_json(path.read_text(encoding="utf-8"))


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

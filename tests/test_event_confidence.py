"""Calibrated event confidence: features, the floor, the shipped file."""

from __future__ import annotations

import pytest

from dyad.errors import CodebookError
from dyad.model import ActorRef, Event, Evidence
from dyad.nlp.event_confidence import FEATURES, ConfidenceModel, calibrate, feature_rows, shipped_confidence


def _event(index: int, source: ActorRef, target: ActorRef, primary: bool) -> Event:
    return Event(
        id=f"evt-{index}", source=(source,), target=(target,), cameo="111", cameo_root="11",
        goldstein=-2.0, quad_class=3, plover=None, negated=False, modality="asserted", reported_by=None,
        date=None, place=None, primary=primary, evidence=Evidence("s", 0, 0, 1, "s", "test@1", 0.8),
    )  # fmt: skip


def test_features_and_floor() -> None:
    usa = ActorRef("act-usa", "United States", "USA", "GOV")
    police = ActorRef("loc-123", "police", "USA", "COP")
    chn = ActorRef("act-chn", "China", "CHN", "GOV")
    events = [_event(1, usa, chn, True), _event(2, police, usa, False)]
    rows = feature_rows(events)
    named = dict(zip(FEATURES, rows[0], strict=True))
    local = dict(zip(FEATURES, rows[1], strict=True))
    assert named["primary"] == 1.0 and named["local_source"] == 0.0 and named["domestic"] == 0.0
    assert local["local_source"] == 1.0 and local["domestic"] == 1.0 and local["quad_3"] == 1.0
    # Only the main clause counts here: the secondary event falls under the floor.
    weights = tuple(4.0 if name == "primary" else 0.0 for name in FEATURES)
    kept = calibrate(events, ConfidenceModel(weights, -2.0, 0.5))
    assert [e.id for e in kept] == ["evt-1"] and kept[0].confidence == pytest.approx(0.8808, abs=1e-4)
    assert calibrate(events, None) == events


def test_model_file_must_name_the_features() -> None:
    model = shipped_confidence()
    assert model is not None and len(model.weights) == len(FEATURES) and 0.0 <= model.floor < 1.0
    assert ConfidenceModel.from_json(model.to_json()) == model
    with pytest.raises(CodebookError, match="features"):
        ConfidenceModel.from_json('{"features": ["score"], "weights": [1.0], "bias": 0.0, "floor": 0.0}')

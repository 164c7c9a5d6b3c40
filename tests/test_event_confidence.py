"""Calibrated event confidence: features, the floor, the shipped file, the honest fit, --min-confidence."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from dyad.cli import main
from dyad.errors import CodebookError, EvaluationError
from dyad.evaluation.article_events import Scores
from dyad.evaluation.confidence import (
    STRENGTHS,
    WEIGHTS,
    Setting,
    choose_setting,
    fit_confidence,
    out_of_fold,
)
from dyad.model import ActorRef, Event, Evidence, Extraction, IssueTag
from dyad.nlp.event_confidence import FEATURES, ConfidenceModel, calibrate, feature_rows, shipped_confidence


def _event(index: int, source: ActorRef, target: ActorRef, primary: bool, score: float = 0.8) -> Event:
    return Event(
        id=f"evt-{index}", source=(source,), target=(target,), cameo="111", cameo_root="11",
        goldstein=-2.0, quad_class=3, plover=None, negated=False, modality="asserted", reported_by=None,
        date=None, place=None, primary=primary, evidence=Evidence("s", 0, 0, 1, "s", "test@1", score),
    )  # fmt: skip


USA = ActorRef("act-usa", "United States", "USA", "GOV")
CHN = ActorRef("act-chn", "China", "CHN", "GOV")
POLICE = ActorRef("loc-123", "police", "USA", "COP")


def test_features_and_floor() -> None:
    events = [_event(1, USA, CHN, True), _event(2, POLICE, USA, False)]
    rows = feature_rows(events)
    named = dict(zip(FEATURES, rows[0], strict=True))
    local = dict(zip(FEATURES, rows[1], strict=True))
    assert named["primary"] == 1.0 and named["placed_party"] == 0.0 and named["domestic"] == 0.0
    assert (
        local["placed_party"] == 1.0
        and local["domestic"] == 1.0
        and local["crowded"] == pytest.approx(0.693, 1e-3)
    )
    assert named["score_logit"] == pytest.approx(np.log(4.0))
    # Only the main clause counts here: the secondary event falls under the floor.
    weights = tuple(4.0 if name == "primary" else 0.0 for name in FEATURES)
    kept = calibrate(events, ConfidenceModel(weights, -2.0, 0.5))
    assert [e.id for e in kept] == ["evt-1"] and kept[0].confidence == pytest.approx(0.8808, abs=1e-4)
    assert calibrate(events, None) == events


def test_an_event_is_corroborated_by_another_sentence_on_the_same_two_countries() -> None:
    # "The United States accused China of hacking. ... China denied it. ... Police arrested a man."
    accused = _event(1, USA, CHN, True)
    denied = replace(_event(2, CHN, USA, True), evidence=replace(accused.evidence, sentence_index=1))
    arrest = replace(_event(3, POLICE, USA, True), evidence=replace(accused.evidence, sentence_index=2))
    column = FEATURES.index("corroborated")
    assert [row[column] for row in feature_rows([accused, denied, arrest])] == [1.0, 1.0, 0.0]
    # The same pair twice in one sentence is crowding, not corroboration; a negated event corroborates none.
    twice = _event(4, CHN, USA, False)
    assert [row[column] for row in feature_rows([accused, twice])] == [0.0, 0.0]
    assert feature_rows([accused, replace(denied, negated=True)])[0][column] == 0.0


def test_model_file_must_name_the_features() -> None:
    model = shipped_confidence()
    assert model is not None and len(model.weights) == len(FEATURES) and 0.0 <= model.floor < 1.0
    assert model.regularisation in STRENGTHS and model.tuned_weight in WEIGHTS
    assert ConfidenceModel.from_json(model.to_json()) == model
    with pytest.raises(CodebookError, match="features"):
        ConfidenceModel.from_json('{"features": ["score"], "weights": [1.0], "bias": 0.0, "floor": 0.0}')


def test_shipped_model_predicts_a_probability_for_each_event() -> None:
    model = shipped_confidence()
    assert model is not None
    for row in feature_rows([_event(1, USA, CHN, True), _event(2, POLICE, USA, False, 0.05)]):
        assert 0.0 < model.probability(row) < 1.0


def _articles(
    rng: np.random.Generator, count: int, signal: bool, rate: float = 0.5
) -> list[tuple[list[Event], np.ndarray, np.ndarray]]:
    """Synthetic labelled articles: with ``signal`` the primary flag decides right or wrong, else an event is
    right at ``rate`` whatever its traits."""
    data = []
    for _ in range(count):
        primary = rng.random(6) < 0.5
        labels = primary.astype(float) if signal else (rng.random(6) < rate).astype(float)
        events = [_event(i, USA, CHN, bool(p)) for i, p in enumerate(primary)]
        data.append((events, np.array(feature_rows(events)), labels))
    return data


def _split(data: list, confidences: list[list[float]]) -> tuple[list[float], list[float]]:  # type: ignore[type-arg]
    pairs = [(p, y) for d, ps in zip(data, confidences, strict=True) for p, y in zip(ps, d[2], strict=True)]
    return [p for p, y in pairs if y], [p for p, y in pairs if not y]


def test_out_of_fold_confidences_follow_a_real_signal_and_ignore_noise() -> None:
    rng = np.random.default_rng(7)
    signal = _articles(rng, 30, signal=True)
    confidences, _, chosen = out_of_fold(signal, [])
    assert all(s.strength in STRENGTHS for s in chosen)
    right, wrong = _split(signal, confidences)
    assert min(right) > 0.7 > 0.3 > max(wrong)
    # Labels that no feature predicts: the strongest regularisation wins and confidences stay near the rate.
    noise = _articles(rng, 30, signal=False)
    assert choose_setting(noise, []) == Setting(min(STRENGTHS), 0.0)
    flat = [p for ps in out_of_fold(noise, [])[0] for p in ps]
    assert max(flat) - min(flat) < 0.1


def test_tuned_articles_do_not_raise_the_level() -> None:
    # Articles the rules were tuned on are right 90% of the time, new text 30%: confidences on new text
    # stay near 0.3, whatever weight the tuned part gets.
    rng = np.random.default_rng(11)
    untuned = _articles(rng, 20, signal=False, rate=0.3)
    tuned = _articles(rng, 30, signal=False, rate=0.9)
    confidences, on_tuned, _ = out_of_fold(untuned, tuned)
    flat = [p for ps in confidences for p in ps]
    assert abs(float(np.mean(flat)) - 0.3) < 0.1 and len(on_tuned) == len(tuned)


def test_held_out_gold_is_never_fitted(tmp_path: Path) -> None:
    held = tmp_path / "wire.heldout.jsonl"
    held.write_text("", encoding="utf-8")
    with pytest.raises(EvaluationError, match="held out"):
        fit_confidence(held, held, tmp_path)


def test_expected_calibration_error() -> None:
    scores = Scores()
    scores.bands[3] = [10, 7]  # 0.6-0.8: 10 keys, 7 right, mean confidence 0.7
    scores.band_confidence[3] = 7.0
    scores.bands[4] = [10, 5]  # 0.8-1.0: 10 keys, 5 right, mean confidence 0.9
    scores.band_confidence[4] = 9.0
    assert scores.calibration_error() == pytest.approx(0.2)  # (0 * 10 + 0.4 * 10) / 20
    assert Scores().calibration_error() is None


def test_extraction_keeps_only_the_surer_events() -> None:
    sure, unsure = _event(1, USA, CHN, True, 0.9), _event(2, CHN, USA, True, 0.3)
    tag = IssueTag("taiwan", "Taiwan", 0.8, (), "1", "test@1", items=(("evt-1", 0.9), ("evt-2", 0.5)))
    kept = Extraction(id="a", published=None, events=(sure, unsure), issues=(tag,)).with_events_at_least(0.5)
    assert [e.id for e in kept.events] == ["evt-1"] and kept.issues[0].items == (("evt-1", 0.9),)


def test_cli_extract_min_confidence() -> None:
    line = json.dumps(
        {"id": "n1", "text": "Norway expelled two Russian diplomats on Tuesday.", "date": "2024-03-05"}
    )
    runner = CliRunner()
    every = runner.invoke(main, ["extract", "-", "--format", "jsonl"], input=line + "\n")
    assert every.exit_code == 0, every.output
    events = json.loads(every.output)["events"]
    assert events and all(0.0 < e["confidence"] <= 1.0 for e in events)
    none = runner.invoke(
        main, ["extract", "-", "--format", "jsonl", "--min-confidence", "1"], input=line + "\n"
    )
    assert none.exit_code == 0 and json.loads(none.output)["events"] == []
    assert runner.invoke(main, ["extract", "-", "--min-confidence", "2"], input=line + "\n").exit_code == 2

"""The learned speaker ranker: its candidates and their features, the choice it makes against the rules'
and its margin, and the training helpers, on a text written for these tests."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import numpy as np
import pytest

from dyad.evaluation.quotes import extracted_quotes
from dyad.evaluation.speaker_training import Example, chosen, fit, save
from dyad.model import Speaker
from dyad.nlp import speaker_ranker
from dyad.nlp.speaker_ranker import FEATURES, Candidate, Ranker

TEXT = "\n\n".join(
    [
        "Harbour Minister Lena Varga met the dock workers' union in Rijeka on Monday.",
        '"We will not close the northern pier," said Tomas Brill, the union\'s chairman, after the talks.',
        '"The pier will stay open until the spring," Varga told reporters.',
    ]
)


@pytest.fixture(scope="module")
def recorded() -> dict[str, tuple[list[Candidate], Speaker | None]]:
    found: dict[str, tuple[list[Candidate], Speaker | None]] = {}

    def record(context, span, attribution, rule):  # type: ignore[no-untyped-def]
        found[context.text[span.start : span.end]] = (
            speaker_ranker.candidates(context, span, attribution, rule),
            rule,
        )
        return rule

    with mock.patch.object(speaker_ranker, "choose_speaker", record):
        next(extracted_quotes([("test-ranker", TEXT, "2025-03-03")]))
    return found


def by_name(candidates: list[Candidate], name: str) -> Candidate:
    return next(c for c in candidates if name in c.speaker.actor.name)


def test_candidates_hold_the_rule_choice_and_other_named_people(
    recorded: dict[str, tuple[list[Candidate], Speaker | None]],
) -> None:
    candidates, rule = recorded["We will not close the northern pier,"]
    assert rule is not None and "Brill" in rule.actor.name
    brill = by_name(candidates, "Brill")
    assert brill.values["rule"] == 1.0 and brill.values["rule_cue"] == 1.0
    assert brill.values["cue_subject"] == 1.0 and brill.values["inverted"] == 1.0  # '"...," said X'
    assert brill.values["after_quote"] == 1.0 and brill.values["person"] == 1.0
    varga = by_name(candidates, "Varga")  # named in the sentence before, speaks in the next one
    assert varga.values.get("rule", 0.0) == 0.0 and varga.values.get("cue_subject", 0.0) == 0.0
    assert varga.values.get("speech_subject_after", 0.0) == 1.0


def test_the_previous_speaker_is_a_candidate(
    recorded: dict[str, tuple[list[Candidate], Speaker | None]],
) -> None:
    candidates, rule = recorded["The pier will stay open until the spring,"]
    assert rule is not None and "Varga" in rule.actor.name
    assert by_name(candidates, "Brill").values["last_speaker"] == 1.0
    assert by_name(candidates, "Varga").values["earlier_quotes"] == 0.0


def test_choice_overrides_the_rules_only_by_the_margin(
    recorded: dict[str, tuple[list[Candidate], Speaker | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    candidates, rule = recorded["The pier will stay open until the spring,"]
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("last_speaker")] = 2.0  # a ranker that trusts the previous speaker
    context = object()
    monkeypatch.setattr(speaker_ranker, "candidates", lambda *_: candidates)
    for margin, expected in ((1.0, "Brill"), (5.0, "Varga")):
        monkeypatch.setattr(speaker_ranker, "shipped_ranker", lambda m=margin: Ranker(weights, 0.0, m))
        picked = speaker_ranker.choose_speaker(context, None, None, rule)  # type: ignore[arg-type]
        assert picked is not None and expected in picked.actor.name


def test_fit_learns_the_feature_that_marks_the_speaker_and_saves_it(tmp_path: Path) -> None:
    subject = FEATURES.index("cue_subject")
    examples = []
    for i in range(40):
        features = np.zeros((3, len(FEATURES)))
        right = i % 3
        features[right, subject] = 1.0
        features[(right + 1) % 3, FEATURES.index("rule")] = 1.0  # the rules pick a wrong one
        labels = np.arange(3) == right
        examples.append(Example(f"a{i}", features, labels, (right + 1) % 3))
    weights, bias = fit(examples)
    assert all(chosen(e, weights, bias, 0.0) == int(np.argmax(e.labels)) for e in examples)
    assert all(chosen(e, weights, bias, 100.0) == e.rule for e in examples)  # a margin keeps the rules
    save(tmp_path / "ranker.npz", weights, bias, 0.5)
    loaded = speaker_ranker.load(tmp_path / "ranker.npz")
    assert loaded is not None and loaded.margin == 0.5
    assert np.allclose(loaded.weights, weights, atol=1e-5)


def test_a_ranker_of_other_features_is_refused(tmp_path: Path) -> None:
    np.savez(tmp_path / "old.npz", features=np.array(["rule"]), weights=np.ones(1), bias=0.0, margin=0.0)
    assert speaker_ranker.load(tmp_path / "old.npz") is None

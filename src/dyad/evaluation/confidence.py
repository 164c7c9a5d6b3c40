"""Fitting the calibrated event confidence (:mod:`dyad.nlp.event_confidence`) on article-level dev gold.

Every event the coder gives on a dev article is labelled right when one of its (source country, target
country, root) keys matches a gold event of that article. Two kinds of dev gold are used:

- the *untuned* part (``gold/events/wire.dev.jsonl``): stories we wrote and annotated before dyad ran on
  them, which no rule was written for. It says how often events are right on news dyad has not seen, so it
  sets the level of the confidences and it alone scores the choices;
- the *tuned* part (``gold/events/wikinews.dev.jsonl``): articles the rules were tuned on, so their
  precision is optimistic. Its events help learn how the traits weigh, with a weight chosen by
  cross-validation (0 leaves them out) and a level of their own (a "tuned" column in the fit, set to 0 for
  prediction), so that its optimism does not raise the shipped confidences.

Nothing is scored by a model that saw its article: the logistic regression is scored out of fold, 5 folds
over articles of each part, and in each fold its regularisation and the tuned part's weight are chosen by an
inner cross-validation over the fold's untuned articles (log loss, the simplest setting within one standard
error of the best). The out-of-fold confidences give an honest reliability table and expected calibration
error per part, and the floor below which events are left out (the lowest floor of best article-level F1 on
the untuned part). The shipped model is fitted on all dev articles with the
setting the same inner search picks there. Held-out parts are never read here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np

from dyad.errors import EvaluationError
from dyad.evaluation.article_events import GoldArticle, event_keys, extract_events, read_gold, score
from dyad.model import Event
from dyad.nlp.event_confidence import FEATURES, MODEL_FILE, ConfidenceModel, feature_rows
from dyad.nlp.events import EventExtractor

FOLDS = 5
STRENGTHS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)  # the inverse regularisation strengths C tried
WEIGHTS = (0.0, 0.25, 0.5, 1.0)  # how much a tuned article's event counts beside an untuned one's
FLOORS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)

Labelled = tuple[list[Event], np.ndarray, np.ndarray]  # one article's events, feature rows, right or not


@dataclass(frozen=True, slots=True)
class Setting:
    strength: float  # the inverse regularisation strength C
    weight: float  # the weight of the tuned part's events


SETTINGS = tuple(Setting(c, w) for c, w in product(STRENGTHS, WEIGHTS))


def _labelled(articles: list[GoldArticle], extracted: list[tuple[Event, ...]]) -> list[Labelled]:
    out = []
    for article, events in zip(articles, extracted, strict=True):
        counted = [e for e in events if not e.negated]
        gold = [g for g in article.events if g.codes]
        labels = np.array(
            [any(g.matches(*k, "root") for k in event_keys([e], "root") for g in gold) for e in counted],
            dtype=float,
        )
        rows = np.array(feature_rows(counted), dtype=float).reshape(len(counted), len(FEATURES))
        out.append((counted, rows, labels))
    return out


def _fit(untuned: Sequence[Labelled], tuned: Sequence[Labelled], setting: Setting) -> ConfidenceModel:
    """The model over both parts; the tuned part's events carry a column of their own (its level) and the
    setting's weight, and the shipped model keeps the untuned level."""
    parts = [(d, 0.0, 1.0) for d in untuned if len(d[0])]
    if setting.weight > 0:
        parts += [(d, 1.0, setting.weight) for d in tuned if len(d[0])]
    rows = np.vstack([np.hstack([d[1], np.full((len(d[2]), 1), flag)]) for d, flag, _ in parts])
    labels = np.concatenate([d[2] for d, _, _ in parts])
    weights = np.concatenate([np.full(len(d[2]), w) for d, _, w in parts])
    coefficients, bias = logistic(rows, labels, weights, setting.strength)
    return ConfidenceModel(
        tuple(float(w) for w in coefficients[: len(FEATURES)]), bias, 0.0, setting.strength, setting.weight
    )


def logistic(rows: np.ndarray, labels: np.ndarray, weights: np.ndarray, strength: float) -> tuple[
        np.ndarray, float]:  # fmt: skip
    """L2-regularised logistic regression by Newton's method: the coefficients and intercept minimising
    ``C * sum(weight * log loss) + |coefficients|^2 / 2`` (scikit-learn's objective; the intercept is not
    regularised). Thousands of these small fits run in a cross-validation, where scikit-learn's overhead
    per fit would dominate."""
    design = np.hstack([rows, np.ones((len(rows), 1))])
    penalty = np.eye(design.shape[1]) / strength
    penalty[-1, -1] = 1e-9  # keeps the Hessian invertible when one class is absent
    beta = np.zeros(design.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(design @ beta)))
        gradient = design.T @ (weights * (p - labels)) + penalty @ beta
        hessian = design.T @ (design * (weights * p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if float(np.max(np.abs(step))) < 1e-9:
            break
    return beta[:-1], float(beta[-1])


def _probabilities(model: ConfidenceModel, rows: np.ndarray) -> np.ndarray:
    """:meth:`ConfidenceModel.probability` of each row at once."""
    z = np.asarray(rows, dtype=float).reshape(-1, len(FEATURES)) @ np.array(model.weights) + model.bias
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=float)


def _folds(count: int, folds: int) -> list[list[int]]:
    """Articles split into folds in gold order (a hash of the URL, or the order the stories were written)."""
    return [[i for i in range(count) if i % folds == fold] for fold in range(folds)]


def _losses(untuned: Sequence[Labelled], tuned: Sequence[Labelled], setting: Setting) -> np.ndarray:
    """Each untuned event's out-of-fold log loss under a setting (the tuned articles always train)."""
    losses: list[float] = []
    for held in _folds(len(untuned), FOLDS - 1):
        model = _fit([d for i, d in enumerate(untuned) if i not in held], tuned, setting)
        for i in held:
            p = np.clip(_probabilities(model, untuned[i][1]), 1e-6, 1 - 1e-6)
            y = untuned[i][2]
            losses.extend(-(y * np.log(p) + (1 - y) * np.log(1 - p)))
    return np.array(losses)


def choose_setting(untuned: Sequence[Labelled], tuned: Sequence[Labelled]) -> Setting:
    """The simplest setting (strongest regularisation, then least weight on tuned articles) whose
    cross-validated log loss on untuned events is within one standard error of the best one's, the error
    taken over the events' paired differences: with a few hundred events a setting that wins by less is as
    likely to have fitted noise."""
    losses = {s: _losses(untuned, tuned, s) for s in SETTINGS}
    best = min(SETTINGS, key=lambda s: float(losses[s].mean()))

    def close(setting: Setting) -> bool:
        gap = losses[setting] - losses[best]
        return float(gap.mean()) <= float(gap.std()) / float(np.sqrt(max(len(gap), 1)))

    return min((s for s in SETTINGS if close(s)), key=lambda s: (s.strength, s.weight))


def out_of_fold(
    untuned: Sequence[Labelled], tuned: Sequence[Labelled]
) -> tuple[list[list[float]], list[list[float]], list[Setting]]:
    """Every event's confidence, for each part, from a model that never saw its article, and the setting
    each fold chose."""
    predicted: tuple[list[list[float]], list[list[float]]] = ([[] for _ in untuned], [[] for _ in tuned])
    chosen = []
    for fold in range(FOLDS):
        held = (set(_folds(len(untuned), FOLDS)[fold]), set(_folds(len(tuned), FOLDS)[fold]))
        train = ([d for i, d in enumerate(untuned) if i not in held[0]],
                 [d for i, d in enumerate(tuned) if i not in held[1]])  # fmt: skip
        setting = choose_setting(*train)
        chosen.append(setting)
        model = _fit(*train, setting)
        for part, data, out in zip(held, (untuned, tuned), predicted, strict=True):
            for i in part:
                out[i] = [float(p) for p in _probabilities(model, data[i][1])]
    return predicted[0], predicted[1], chosen


def _coded(gold: Path, corpus: Path) -> tuple[list[GoldArticle], list[Labelled]]:
    """A dev gold file's articles and their events as the coder gives them, labelled."""
    if gold.name.endswith(".heldout.jsonl"):
        raise EvaluationError(f"{gold} is held out: it is measured, never fitted on")
    articles = read_gold(gold, corpus)
    return articles, _labelled(articles, extract_events(articles))


def _part_report(articles: list[GoldArticle], data: list[Labelled], confidences: list[list[float]]) -> dict[
        str, Any]:  # fmt: skip
    predicted = [
        [_with(e, p) for e, p in zip(d[0], ps, strict=True)] for d, ps in zip(data, confidences, strict=True)
    ]
    by_floor = {}
    for floor in FLOORS:
        kept = [[e for e in events if e.confidence >= floor] for events in predicted]
        by_floor[floor] = score(articles, kept).summary()
    return {"articles": len(articles), "events": sum(len(d[0]) for d in data), "by_floor": by_floor}


def _summary(part: dict[str, Any], floor: float) -> dict[str, Any]:
    by_floor = part["by_floor"]
    return {"articles": part["articles"], "events": part["events"],
            "cross_validated": {str(f): s["root"] for f, s in by_floor.items()},
            "calibration": by_floor[0.0]["calibration"], "ece": by_floor[0.0]["ece"],
            "calibration_at_floor": by_floor[floor]["calibration"],
            "ece_at_floor": by_floor[floor]["ece"]}  # fmt: skip


def fit_confidence(
    untuned_gold: Path, tuned_gold: Path, corpus: Path
) -> tuple[ConfidenceModel, dict[str, Any]]:
    """The confidence model fitted on the untuned and tuned dev gold, and its cross-validated figures."""
    from dyad.nlp.pipeline import load_pipeline

    extractor = load_pipeline("md").get_pipe("dyad_events")
    assert isinstance(extractor, EventExtractor)
    shipped, extractor.confidence = extractor.confidence, None  # the coder's own scores, nothing left out
    try:
        (untuned_articles, untuned), (tuned_articles, tuned) = (
            _coded(untuned_gold, corpus), _coded(tuned_gold, corpus)
        )  # fmt: skip
    finally:
        extractor.confidence = shipped
    on_untuned, on_tuned, chosen = out_of_fold(untuned, tuned)
    parts = {
        untuned_gold.name.removesuffix(".jsonl"): _part_report(untuned_articles, untuned, on_untuned),
        tuned_gold.name.removesuffix(".jsonl"): _part_report(tuned_articles, tuned, on_tuned),
    }
    calibration = next(iter(parts.values()))["by_floor"]
    # A floor leaves events out only where that raised the F1 out of fold: the lowest of the best.
    best = max(FLOORS, key=lambda f: (calibration[f]["root"]["f1"], -f))
    setting = choose_setting(untuned, tuned)
    final = _fit(untuned, tuned, setting)
    report = {"floor": best, "C": setting.strength, "tuned_weight": setting.weight,
              "fold_settings": [(s.strength, s.weight) for s in chosen],
              "weights": dict(zip(FEATURES, final.weights, strict=True)), "bias": final.bias,
              "parts": {name: _summary(p, best) for name, p in parts.items()}}  # fmt: skip
    return replace(final, floor=best), report


def _with(event: Event, confidence: float) -> Event:
    return replace(event, evidence=replace(event.evidence, confidence=round(confidence, 4)))


def train_confidence(untuned_gold: Path, tuned_gold: Path, corpus: Path, folder: Path) -> dict[str, Any]:
    model, report = fit_confidence(untuned_gold, tuned_gold, corpus)
    (folder / MODEL_FILE).write_text(model.to_json() + "\n", encoding="utf-8")
    return report

"""Fitting the calibrated event confidence (:mod:`dyad.nlp.event_confidence`) on the article-level dev gold.

Every event the coder gives on a dev article is labelled right when one of its (source country, target
country, root) keys matches a gold event of that article. Nothing is scored by a model that saw its
article: the logistic regression is scored by 5-fold cross-validation over articles, and in each fold its
regularisation is chosen by an inner cross-validation over the fold's training articles (log loss), so the
out-of-fold confidences give an honest reliability table, its expected calibration error, and the floor
below which events are left out (the one with the best article-level F1). The shipped model is then fitted
on all dev articles with the regularisation the same inner search picks there. The held-out part is never
read here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from dyad.evaluation.article_events import GoldArticle, event_keys, extract_events, read_gold, score
from dyad.model import Event
from dyad.nlp.event_confidence import FEATURES, MODEL_FILE, ConfidenceModel, feature_rows
from dyad.nlp.events import EventExtractor

FOLDS = 5
STRENGTHS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)  # the inverse regularisation strengths C tried
FLOORS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)

Labelled = tuple[list[Event], np.ndarray, np.ndarray]  # one article's events, feature rows, right or not


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


def _fit(data: Sequence[Labelled], strength: float) -> ConfidenceModel:
    from sklearn.linear_model import LogisticRegression

    rows = np.vstack([d[1] for d in data])
    labels = np.concatenate([d[2] for d in data])
    model = LogisticRegression(C=strength, max_iter=1000).fit(rows, labels)
    weights = tuple(float(w) for w in model.coef_[0])
    return ConfidenceModel(weights, float(model.intercept_[0]), 0.0, strength)


def _probabilities(model: ConfidenceModel, rows: np.ndarray) -> np.ndarray:
    return np.array([model.probability(r) for r in rows])


def _folds(count: int, folds: int) -> list[list[int]]:
    """Articles split into folds in gold order (the gold's order is a hash of the article's URL)."""
    return [[i for i in range(count) if i % folds == fold] for fold in range(folds)]


def _log_loss(data: Sequence[Labelled], strength: float) -> float:
    """Out-of-fold log loss of a strength over ``data``'s articles."""
    losses: list[float] = []
    for held in _folds(len(data), FOLDS - 1):
        train = [d for i, d in enumerate(data) if i not in held and len(d[0])]
        model = _fit(train, strength)
        for i in held:
            p = np.clip(_probabilities(model, data[i][1]), 1e-6, 1 - 1e-6)
            y = data[i][2]
            losses.extend(-(y * np.log(p) + (1 - y) * np.log(1 - p)))
    return float(np.mean(losses))


def choose_strength(data: Sequence[Labelled]) -> float:
    """The strength of least cross-validated log loss; on a tie the stronger regularisation."""
    return min(STRENGTHS, key=lambda c: (round(_log_loss(data, c), 4), c))


def out_of_fold(data: Sequence[Labelled]) -> tuple[list[list[float]], list[float]]:
    """Every event's confidence from a model that never saw its article, and the strength each fold chose."""
    predicted: list[list[float]] = [[] for _ in data]
    chosen = []
    for held in _folds(len(data), FOLDS):
        train = [d for i, d in enumerate(data) if i not in held and len(d[0])]
        strength = choose_strength(train)
        chosen.append(strength)
        model = _fit(train, strength)
        for i in held:
            predicted[i] = [float(p) for p in _probabilities(model, data[i][1])]
    return predicted, chosen


def fit_confidence(gold: Path, corpus: Path) -> tuple[ConfidenceModel, dict[str, Any]]:
    """The confidence model fitted on ``gold`` (dev articles) and its cross-validated figures."""
    from dyad.nlp.pipeline import load_pipeline

    articles = read_gold(gold, corpus)
    extractor = load_pipeline("md").get_pipe("dyad_events")
    assert isinstance(extractor, EventExtractor)
    shipped, extractor.confidence = extractor.confidence, None  # the coder's own scores, nothing left out
    try:
        extracted = extract_events(articles)
    finally:
        extractor.confidence = shipped
    data = _labelled(articles, extracted)
    confidences, chosen = out_of_fold(data)
    predicted = [
        [_with(e, p) for e, p in zip(d[0], ps, strict=True)] for d, ps in zip(data, confidences, strict=True)
    ]
    by_floor = {}
    for floor in FLOORS:
        kept = [[e for e in events if e.confidence >= floor] for events in predicted]
        by_floor[floor] = score(articles, kept).summary()
    best = max(FLOORS, key=lambda f: (by_floor[f]["root"]["f1"], f))
    everything = [d for d in data if len(d[0])]
    final = _fit(everything, choose_strength(everything))
    report = {"articles": len(articles), "events": sum(len(d[0]) for d in data), "floor": best,
              "C": final.regularisation, "fold_C": chosen,
              "weights": dict(zip(FEATURES, final.weights, strict=True)), "bias": final.bias,
              "cross_validated": {str(f): s["root"] for f, s in by_floor.items()},
              "calibration": by_floor[0.0]["calibration"], "ece": by_floor[0.0]["ece"],
              "calibration_at_floor": by_floor[best]["calibration"],
              "ece_at_floor": by_floor[best]["ece"]}  # fmt: skip
    return replace(final, floor=best), report


def _with(event: Event, confidence: float) -> Event:
    return replace(event, evidence=replace(event.evidence, confidence=round(confidence, 4)))


def train_confidence(gold: Path, corpus: Path, folder: Path) -> dict[str, Any]:
    model, report = fit_confidence(gold, corpus)
    (folder / MODEL_FILE).write_text(model.to_json() + "\n", encoding="utf-8")
    return report

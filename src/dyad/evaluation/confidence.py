"""Fitting the calibrated event confidence (:mod:`dyad.nlp.event_confidence`) on the article-level dev gold.

Every event the coder gives on a dev article is labelled right when one of its (source country, target
country, root) keys matches a gold event of that article. A logistic regression over the event's features
is scored by 5-fold cross-validation over articles (no article is scored by a model that saw it): the
out-of-fold confidences give the calibration table and choose the floor below which events are left out
(the one with the best article-level F1). The shipped model is then fitted on all dev articles. The
held-out part is never read here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from dyad.evaluation.article_events import GoldArticle, event_keys, extract_events, read_gold, score
from dyad.model import Event
from dyad.nlp.event_confidence import FEATURES, MODEL_FILE, ConfidenceModel, feature_rows
from dyad.nlp.events import EventExtractor

FOLDS = 5
C = 1.0
FLOORS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


def _labelled(articles: list[GoldArticle], extracted: list[tuple[Event, ...]]) -> list[tuple[list[Event],
        np.ndarray, np.ndarray]]:  # fmt: skip
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


def _fit(rows: np.ndarray, labels: np.ndarray) -> ConfidenceModel:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=1000).fit(rows, labels)
    return ConfidenceModel(tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0]), 0.0)


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
    predicted: list[list[Event]] = [[] for _ in articles]
    for fold in range(FOLDS):
        train = [d for i, d in enumerate(data) if i % FOLDS != fold and len(d[0])]
        model = _fit(np.vstack([d[1] for d in train]), np.concatenate([d[2] for d in train]))
        for i, (events, rows, _) in enumerate(data):
            if i % FOLDS == fold:
                predicted[i] = [_with(e, model.probability(r)) for e, r in zip(events, rows, strict=True)]
    by_floor = {}
    for floor in FLOORS:
        kept = [[e for e in events if e.confidence >= floor] for events in predicted]
        by_floor[floor] = score(articles, kept).summary()
    best = max(FLOORS, key=lambda f: (by_floor[f]["root"]["f1"], f))
    everything = [d for d in data if len(d[0])]
    final = _fit(np.vstack([d[1] for d in everything]), np.concatenate([d[2] for d in everything]))
    report = {"articles": len(articles), "events": sum(len(d[0]) for d in data), "floor": best,
              "cross_validated": {str(f): s["root"] for f, s in by_floor.items()},
              "calibration": by_floor[0.0]["calibration"]}  # fmt: skip
    return replace(final, floor=best), report


def _with(event: Event, confidence: float) -> Event:
    return replace(event, evidence=replace(event.evidence, confidence=round(confidence, 4)))


def train_confidence(gold: Path, corpus: Path, folder: Path) -> dict[str, Any]:
    model, report = fit_confidence(gold, corpus)
    (folder / MODEL_FILE).write_text(model.to_json() + "\n", encoding="utf-8")
    return report

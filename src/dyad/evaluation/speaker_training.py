"""Training the quote speaker ranker (:mod:`dyad.nlp.speaker_ranker`) on the development quote gold.

Every development gold file (``attribution.dev*.jsonl``, ``wikinews.dev*.jsonl``; never a held-out one) is
run through the pipeline up to the quotes component; for each gold direct or partial quote that the
extractor found, the ranker's candidates are recorded with their features and labelled by whether their
actor is the gold speaker (the matching of ``dyad eval quotes``). A logistic regression is fitted, its
speaker accuracy cross-validated by article against the rules', and its weights written as a small
``.npz`` read with numpy at run time. Needs scikit-learn (a development dependency)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np

from dyad.errors import EvaluationError
from dyad.evaluation.attributions import read_attribution_gold
from dyad.evaluation.quotes import SCORED_KINDS, GoldParty, extracted_quotes, read_gold, same_party
from dyad.model import Speaker
from dyad.nlp import speaker_ranker
from dyad.nlp.attribution import Attribution
from dyad.nlp.quotation_marks import QuotedSpan
from dyad.nlp.quote_frames import QuoteContext

MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)  # tried in cross-validation
RULE_FEATURES = ("rule", "rule_cue", "rule_continuation")  # left out to learn without the rules' choice


@dataclass(frozen=True, slots=True)
class Example:
    """One gold quote: its article, the candidates' features and labels, and which one the rules chose."""

    article: str
    features: np.ndarray
    labels: np.ndarray
    rule: int | None
    names: tuple[str, ...] = ()  # the candidates' actors, for reading the errors
    gold: str = ""


def dev_gold(folder: Path) -> Iterator[tuple[str, str, str | None, list[tuple[int, int, GoldParty | None]]]]:
    """(key, text, published, quoted spans with speakers) of each development gold article."""
    for path in sorted(folder.glob("attribution.dev*.jsonl")):
        for article in read_attribution_gold(path):
            spans = [
                (a.content[0], a.content[1], a.speaker)
                for a in article.attributions
                if a.kind in SCORED_KINDS
            ]
            yield article.key, article.text, article.published, spans
    for path in sorted(folder.glob("wikinews.dev*.jsonl")):
        for gold in read_gold(path):
            spans = [(q.start, q.end, q.speaker) for q in gold.quotes if q.kind in SCORED_KINDS]
            yield gold.key, gold.text, gold.published, spans


def collect(folder: Path) -> list[Example]:
    """Run the extractor on the development gold, recording each quote's candidates."""
    recorded: dict[tuple[int, int], list[speaker_ranker.Candidate]] = {}

    def record(
        context: QuoteContext, span: QuotedSpan, attribution: Attribution, rule: Speaker | None
    ) -> Speaker | None:
        recorded[(span.start, span.end)] = speaker_ranker.candidates(context, span, attribution, rule)
        return rule

    examples = []
    with mock.patch.object(speaker_ranker, "choose_speaker", record):
        for key, text, published, spans in dev_gold(folder):
            recorded.clear()
            next(extracted_quotes([(key, text, published)]))
            for start, end, gold in spans:
                if gold is None:
                    continue
                candidates = _overlapping(recorded, start, end)
                if candidates is None:
                    continue
                labels = np.array([same_party(gold, c.speaker.actor) for c in candidates], dtype=bool)
                ruled = next((i for i, c in enumerate(candidates) if c.values.get("rule")), None)
                features = np.stack([c.vector() for c in candidates]) if candidates else np.zeros((0, 0))
                names = tuple(
                    f"{c.speaker.actor.name} <{c.speaker.mention.text if c.speaker.mention else ''}>"
                    for c in candidates
                )
                examples.append(Example(key, features, labels, ruled, names, gold.name))
    return examples


def _overlapping(
    recorded: dict[tuple[int, int], list[speaker_ranker.Candidate]], start: int, end: int
) -> list[speaker_ranker.Candidate] | None:
    """The candidates of the extracted quote that overlaps the gold one most."""
    best = max(recorded, key=lambda s: min(end, s[1]) - max(start, s[0]), default=None)
    if best is None or min(end, best[1]) <= max(start, best[0]):
        return None
    return recorded[best]


def chosen(example: Example, weights: np.ndarray, bias: float, margin: float) -> int | None:
    """The candidate :func:`dyad.nlp.speaker_ranker.choose_speaker` would keep."""
    if len(example.labels) < 2 or example.rule is None:
        return example.rule
    scores = example.features @ weights + bias
    best = int(np.argmax(scores))
    if example.rule is not None and scores[best] - scores[example.rule] < margin:
        return example.rule
    return best


def accuracy(examples: list[Example], picks: list[int | None]) -> float:
    right = sum(p is not None and bool(e.labels[p]) for e, p in zip(examples, picks, strict=True))
    return right / max(1, len(examples))


def fit(examples: list[Example], c: float = 1.0, without: tuple[str, ...] = ()) -> tuple[np.ndarray, float]:
    """Weights and bias of a logistic regression on every candidate of quotes with a right and a wrong
    one; the features named in ``without`` get no weight."""
    from sklearn.linear_model import LogisticRegression

    usable = [e for e in examples if len(e.labels) > 1 and e.labels.any() and not e.labels.all()]
    kept = [i for i, name in enumerate(speaker_ranker.FEATURES) if name not in without]
    x = np.concatenate([e.features[:, kept] for e in usable])
    y = np.concatenate([e.labels for e in usable])
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(x, y)
    weights = np.zeros(len(speaker_ranker.FEATURES))
    weights[kept] = model.coef_[0]
    return weights, float(model.intercept_[0])


def cross_validate(
    examples: list[Example], folds: int = 5, c: float = 1.0, without: tuple[str, ...] = ()
) -> dict[float, list[int | None]]:
    """Each quote's pick by a ranker trained without its article, for every margin."""
    from sklearn.model_selection import GroupKFold

    picks: dict[float, list[int | None]] = {m: [None] * len(examples) for m in MARGINS}
    groups = [e.article for e in examples]
    for train, test in GroupKFold(n_splits=folds).split(examples, groups=groups):
        weights, bias = fit([examples[i] for i in train], c, without)
        for margin in MARGINS:
            for i in test:
                picks[margin][i] = chosen(examples[i], weights, bias, margin)
    return picks


def save(path: Path, weights: np.ndarray, bias: float, margin: float) -> None:
    np.savez(
        path,
        features=np.array(speaker_ranker.FEATURES),
        weights=weights.astype(np.float32),
        bias=np.float32(bias),
        margin=np.float32(margin),
    )


def train_speakers(folder: Path, output: Path | None, folds: int = 5) -> dict[str, Any]:
    """Collect, cross-validate and report: the rules' speaker accuracy, the share of quotes with the
    right speaker among the candidates (the most any choice among them can reach), and the ranker's
    cross-validated accuracy with and without the rules' choice as a feature, per margin; and each quote
    the rules get wrong, with the candidates that are right (none: the error is in resolving). With
    ``output``, the ranker with the rules' choice and the best margin is written there."""
    examples = collect(folder)
    if len({e.article for e in examples}) < folds:
        raise EvaluationError(f"{folder}: too few development articles to cross-validate")
    with_rules = cross_validate(examples, folds)
    without_rules = cross_validate(examples, folds, without=RULE_FEATURES)
    margin = max(MARGINS, key=lambda m: (accuracy(examples, with_rules[m]), m))
    report: dict[str, Any] = {
        "quotes": len(examples),
        "articles": len({e.article for e in examples}),
        "rules": round(accuracy(examples, [e.rule for e in examples]), 4),
        "candidates": round(float(np.mean([len(e.labels) for e in examples])), 2),
        "oracle": round(sum(bool(e.labels.any()) for e in examples) / max(1, len(examples)), 4),
        "ranker": {m: round(accuracy(examples, p), 4) for m, p in with_rules.items()},
        "ranker_without_rules": {m: round(accuracy(examples, p), 4) for m, p in without_rules.items()},
        "margin": margin,
        "rule_errors": [
            {
                "article": e.article,
                "gold": e.gold,
                "rules": e.names[e.rule] if e.rule is not None else None,
                "right": [n for n, right in zip(e.names, e.labels, strict=True) if right],
            }
            for e in examples
            if e.rule is None or not e.labels[e.rule]
        ],
    }
    if output is not None:
        weights, bias = fit(examples)
        save(output / speaker_ranker.MODEL_FILE, weights, bias, margin)
        report["weights"] = dict(zip(speaker_ranker.FEATURES, weights.round(2).tolist(), strict=True))
    return report

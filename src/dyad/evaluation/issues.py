"""Scoring issue tagging against gold: precision, recall and F1 per article, and calibrating the tagger.

Gold files are JSON lines ``{"id", "text", "issues": [ids]}`` (gold/issues.jsonl, gold/issues.heldout.jsonl);
the seed's gold (``issues`` with ``evidence_contains``) is read from $DYAD_SHARED when set. A tag implies
its ancestors on both sides, and a predicted issue more specific than a gold one (``iran`` where the gold
says ``middle-east``) is neither right nor wrong: annotators may stop at the broader issue.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.language import Language

from dyad.codebooks.taxonomy import Taxonomy
from dyad.errors import CodebookError, EvaluationError
from dyad.evaluation.data import CURRENT_EVENTS, given_or_shared
from dyad.evaluation.scores import PRF
from dyad.model import IssueTag
from dyad.nlp.issues import IssueTagger
from dyad.nlp.pipeline import MODELS, ModelName


@dataclass(frozen=True, slots=True)
class GoldItem:
    id: str
    text: str
    issues: tuple[str, ...]
    evidence: dict[str, str] = field(default_factory=dict)  # issue id -> text its evidence must contain


@dataclass
class Scores:
    """Micro-averaged counts over articles, per issue, and the articles that went wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    per_issue: dict[str, Counter[str]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    evidence_hits: int = 0
    evidence_total: int = 0

    @property
    def precision(self) -> float:
        return PRF(self.tp, self.fp, self.fn).precision

    @property
    def recall(self) -> float:
        return PRF(self.tp, self.fp, self.fn).recall

    @property
    def f1(self) -> float:
        return PRF(self.tp, self.fp, self.fn).f1

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "per_issue": {k: dict(v) for k, v in sorted(self.per_issue.items())},
            "errors": self.errors,
        }
        if self.evidence_total:
            out["evidence"] = {"found": self.evidence_hits, "of": self.evidence_total}
        return out


def read_gold(path: Path, taxonomy: Taxonomy) -> list[GoldItem]:
    """Items of a JSON-lines gold file; a bad line raises :class:`EvaluationError` naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"cannot read gold file: {exc.strerror or exc}", where=str(path)) from exc
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"not JSON: {exc.msg}", where=where) from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise EvaluationError("each line needs a 'text' string and an 'issues' list", where=where)
        issues = record.get("issues")
        if not isinstance(issues, list) or not all(isinstance(i, str) for i in issues):
            raise EvaluationError("'issues' must be a list of issue ids", where=where)
        items.append(GoldItem(str(record.get("id", number)), record["text"], _known(issues, taxonomy, where)))
    return items


def read_seed_gold(gold_path: Path, taxonomy: Taxonomy) -> GoldItem:
    """The seed article and its gold issues (``article`` is a path relative to the gold file)."""
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (gold_path.parent / gold["article"]).resolve().read_text(encoding="utf-8")
        entries = gold["issues"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EvaluationError(f"cannot read the seed gold: {exc}", where=str(gold_path)) from exc
    ids = _known([e["id"] for e in entries], taxonomy, str(gold_path))
    evidence = {
        i: e["evidence_contains"] for i, e in zip(ids, entries, strict=True) if e.get("evidence_contains")
    }
    return GoldItem("seed", text, ids, evidence)


def _known(ids: Iterable[str], taxonomy: Taxonomy, where: str) -> tuple[str, ...]:
    try:
        return tuple(taxonomy.get(i).id for i in ids)
    except CodebookError as exc:
        raise EvaluationError(f"gold names an issue the taxonomy lacks: {exc.message}", where=where) from exc


def issue_pipeline(model: ModelName = "md", taxonomy: str | None = None, **config: Any) -> Language:
    """The pretrained model plus ``dyad_issues`` alone: what issue tagging needs, without other components."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        nlp = spacy.load(MODELS[model])
    nlp.add_pipe("dyad_issues", config={"taxonomy": taxonomy, **config})
    return nlp


def tag(nlp: Language, items: Sequence[GoldItem]) -> list[list[IssueTag]]:
    return [list(doc._.dyad_issues) for doc in nlp.pipe(item.text for item in items)]


def score(items: Sequence[GoldItem], predictions: Sequence[Sequence[IssueTag]], taxonomy: Taxonomy) -> Scores:
    scores = Scores()
    for item, tags in zip(items, predictions, strict=True):
        gold = taxonomy.with_ancestors(item.issues)
        predicted = {t.id for t in tags if t.id in gold or not _more_specific(t.id, gold, taxonomy)}
        predicted = taxonomy.with_ancestors(predicted)
        for issue_id in gold | predicted:
            outcome = (
                "tp" if issue_id in gold and issue_id in predicted else "fn" if issue_id in gold else "fp"
            )
            scores.per_issue.setdefault(issue_id, Counter())[outcome] += 1
        tp, fp, fn = len(gold & predicted), len(predicted - gold), len(gold - predicted)
        scores.tp, scores.fp, scores.fn = scores.tp + tp, scores.fp + fp, scores.fn + fn
        if fp or fn:
            scores.errors.append(
                {"id": item.id, "missed": sorted(gold - predicted), "extra": sorted(predicted - gold)}
            )
        for issue_id, needle in item.evidence.items():
            scores.evidence_total += 1
            scores.evidence_hits += _evidence_found(item.text, needle, issue_id, tags)
    return scores


def _more_specific(issue_id: str, gold: set[str], taxonomy: Taxonomy) -> bool:
    return any(a in gold for a in taxonomy.ancestors(issue_id))


def _evidence_found(text: str, needle: str, issue_id: str, tags: Sequence[IssueTag]) -> bool:
    at = text.find(needle)
    if at < 0:
        return False
    return any(
        t.id == issue_id and any(s.start < at + len(needle) and s.end > at for s in t.evidence) for t in tags
    )


def calibrate(nlp: Language, items: Sequence[GoldItem], *, l2: float = 0.01) -> dict[str, float]:
    """Fit the tagger's weights: a logistic model of "this candidate issue is in the gold" on its features.

    A candidate is an issue with a cue in a paragraph; candidates more specific than a gold issue are
    left out, as in scoring.
    """
    tagger = _tagger(nlp)
    taxonomy = tagger.taxonomy
    rows: list[tuple[float, ...]] = []
    labels: list[float] = []
    for item, doc in zip(items, nlp.pipe(item.text for item in items), strict=True):
        gold = taxonomy.with_ancestors(item.issues)
        for *_, features in tagger.paragraph_features(doc):
            for issue_index, (feats, _) in features.items():
                issue_id = taxonomy.issues[issue_index].id
                if issue_id not in gold and _more_specific(issue_id, gold, taxonomy):
                    continue
                rows.append(feats.vector())
                labels.append(1.0 if issue_id in gold else 0.0)
    if not rows or len(set(labels)) < 2:
        raise EvaluationError("calibration needs gold with both positive and negative candidates")
    x = np.hstack([np.ones((len(rows), 1)), np.array(rows)])
    y = np.array(labels)
    w = np.zeros(x.shape[1])
    for _ in range(5000):  # plain gradient descent: four features, a few thousand rows
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) / len(y) + l2 * np.r_[0.0, w[1:]]
        w -= 1.0 * grad
    names = ("bias", "cues", "similarity", "lead")
    return {n: round(float(v), 3) for n, v in zip(names, w, strict=True)}


def sweep(
    items: Sequence[GoldItem], nlp: Language, thresholds: Iterable[float]
) -> list[tuple[float, Scores]]:
    """Scores at each threshold; paragraph features (cues, embeddings) are computed once."""
    tagger = _tagger(nlp)
    docs = list(nlp.pipe(item.text for item in items))
    features = [tagger.paragraph_features(doc) for doc in docs]
    out = []
    original = tagger.threshold
    try:
        for threshold in thresholds:
            tagger.threshold = threshold
            tags = [tagger.apply(doc, f)._.dyad_issues for doc, f in zip(docs, features, strict=True)]
            out.append((threshold, score(items, tags, tagger.taxonomy)))
    finally:
        tagger.threshold = original
    return out


def _tagger(nlp: Language) -> IssueTagger:
    tagger = nlp.get_pipe("dyad_issues")
    if not isinstance(tagger, IssueTagger):
        raise EvaluationError("the pipeline's dyad_issues component is not dyad's issue tagger")
    return tagger


def report_line(name: str, scores: Scores) -> str:
    evidence = f"  evidence {scores.evidence_hits}/{scores.evidence_total}" if scores.evidence_total else ""
    return (
        f"{name:<15} P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}"
        f"  (tp {scores.tp}, fp {scores.fp}, fn {scores.fn}){evidence}"
    )


DEFAULT_GOLD = (Path("gold/issues.jsonl"), Path("gold/issues.heldout.jsonl"))


def gold_sets(paths: Sequence[Path], taxonomy: Taxonomy) -> dict[str, list[GoldItem]]:
    """Named gold sets: JSON-lines files by their stem, the seed's JSON gold as "seed"."""
    sets: dict[str, list[GoldItem]] = {}
    for path in paths:
        if path.suffix == ".json":
            sets["seed" if "seed" in path.name else path.stem] = [read_seed_gold(path, taxonomy)]
        else:
            sets[path.name.removesuffix(".jsonl")] = read_gold(path, taxonomy)
    return sets


def evaluate(
    paths: Sequence[Path],
    *,
    model: ModelName = "md",
    taxonomy: str | None = None,
    threshold: float | None = None,
) -> dict[str, Scores]:
    """Scores of the issue tagger on each gold file."""
    config = {} if threshold is None else {"threshold": threshold}
    nlp = issue_pipeline(model, taxonomy, **config)
    tagger = _tagger(nlp)
    sets = gold_sets(paths, tagger.taxonomy)
    return {name: score(items, tag(nlp, items), tagger.taxonomy) for name, items in sets.items()}


def calibration(
    dev: Path, *, model: ModelName = "md", taxonomy: str | None = None, grid: Sequence[float] = ()
) -> tuple[dict[str, float], list[tuple[float, Scores]]]:
    """Weights fitted on the ``dev`` gold file, and its scores with them at each threshold of ``grid``."""
    nlp = issue_pipeline(model, taxonomy)
    tagger = _tagger(nlp)
    items = read_gold(dev, tagger.taxonomy)
    weights = calibrate(nlp, items)
    tagger.weights.update(weights)
    return weights, sweep(items, nlp, grid or [t / 20 for t in range(6, 17)])


TOPIC_LABELS = Path("gold/issues.topics.tsv")


@dataclass
class TopicRecall:
    """Silver check on items labelled by their topic headings: recall per issue, and tags per item."""

    found: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    items: int = 0
    tags: int = 0

    @property
    def recall(self) -> float:
        return sum(self.found.values()) / max(1, sum(self.total.values()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "recall": round(self.recall, 4),
            "items": self.items,
            "tags_per_item": round(self.tags / max(1, self.items), 2),
            "per_issue": {i: f"{self.found[i]}/{n}" for i, n in self.total.most_common()},
        }

    def lines(self) -> list[str]:
        summary = self.to_dict()
        head = f"{'topics':<15} R {self.recall:.3f} on {self.items} items"
        head += f", {summary['tags_per_item']} tags per item"
        return [head, "  " + json.dumps(summary["per_issue"])]


def topic_recall(
    items_path: Path | None = None,
    labels_path: Path = TOPIC_LABELS,
    *,
    model: ModelName = "md",
    taxonomy: str | None = None,
    limit: int = 0,
) -> TopicRecall:
    """Tag items whose topic headings map to an issue (``labels_path``), and count how often it is found.

    ``items_path``: the current-events JSONL (default: under ``$DYAD_SHARED``, see ``evaluation/data.py``).
    """
    items_path = given_or_shared(items_path, CURRENT_EVENTS, "the current-events items")
    nlp = issue_pipeline(model, taxonomy)
    tax = _tagger(nlp).taxonomy
    mapping = read_topic_labels(labels_path, tax)
    labelled: list[tuple[str, set[str]]] = []
    try:
        with items_path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):  # noqa: B007 (named in the error below)
                record = json.loads(line)
                topics = " | ".join(record.get("topics") or []).lower()
                issues = {issue for needle, issue in mapping if needle in topics}
                if issues:
                    labelled.append((record["text"], issues))
                if limit and len(labelled) >= limit:
                    break
    except (OSError, ValueError, KeyError) as exc:
        raise EvaluationError(f"cannot read items: {exc}", where=f"{items_path}:{number}") from exc
    result = TopicRecall()
    for (_, issues), doc in zip(labelled, nlp.pipe(text for text, _ in labelled), strict=True):
        predicted = {t.id for t in doc._.dyad_issues}
        result.items += 1
        result.tags += len(predicted)
        for issue in issues:
            result.total[issue] += 1
            result.found[issue] += issue in predicted
    return result


def read_topic_labels(path: Path, taxonomy: Taxonomy) -> list[tuple[str, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"cannot read topic labels: {exc.strerror or exc}", where=str(path)) from exc
    out = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise EvaluationError("expected 'topic text<TAB>issue id'", where=f"{path}:{number}")
        out.append((fields[0].strip().lower(), _known([fields[1].strip()], taxonomy, f"{path}:{number}")[0]))
    return out

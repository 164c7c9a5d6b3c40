"""Scoring every attribution against gold: quotations and reported speech, with content, source and cue.

The gold (``gold/quotes/attribution.*.jsonl``, described in ``gold/quotes/ATTRIBUTION.md``) gives, for each
attribution in an article, its kind (``direct``, ``partial``, ``indirect`` or ``belief``), the content
span, the source's full noun phrase with its head, the cue span and the resolved speaker. Texts are
Wikinews articles of ``../shared/corpus/wikinews`` or our own texts under the gold file's folder, read
as ``dyad ingest`` reads a ``.txt`` file (offsets count from the body, after the header).

Matching is one-to-one within two families, as PARC-style evaluations do: quotations (``direct`` and
``partial``) and reported speech (``indirect`` and ``belief``); a gold attribution is paired with the
predicted one of the same family with the same span, else with the one it overlaps most. Then, per
family and per kind (gold kind for recall, predicted kind for precision):

- content: exact and overlap precision, recall and F1;
- source and cue: a matched pair counts when the source (cue) spans are equal (exact) or share a
  character (overlap), over the predictions and the gold that have a source (cue);
- speaker accuracy: over content-matched pairs, the predicted speaker is the gold one (same rule as
  :func:`dyad.evaluation.quotes.same_party`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import EvaluationError
from dyad.evaluation.quotes import (
    GOLD_FIELDS,
    GoldParty,
    corpus_texts,
    default_corpus,
    extracted_quotes,
    party,
    same_party,
)
from dyad.evaluation.wikinews import gold_rows
from dyad.ingest.records import InputFailure
from dyad.ingest.text import read_text
from dyad.model import Quote
from dyad.nlp.pipeline import ModelName

KINDS = ("direct", "partial", "indirect", "belief")
FAMILIES = {"quoted": ("direct", "partial"), "reported": ("indirect", "belief")}
_FIELDS = ("content", "source", "cue")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    kind: str
    content: tuple[int, int]
    source: tuple[int, int] | None
    head: tuple[int, int] | None
    cue: tuple[int, int] | None
    speaker: GoldParty | None
    where: str


@dataclass(frozen=True, slots=True)
class AttributionArticle:
    key: str
    text: str
    published: str | None
    attributions: tuple[GoldAttribution, ...]


@dataclass(slots=True)
class PRF:
    """Hits over predictions and gold; precision and recall may count hits on different sides (a gold
    ``direct`` matched by a predicted ``partial`` is a recall hit of ``direct``, a precision hit of
    ``partial``)."""

    predicted: int = 0
    gold: int = 0
    hits_p: int = 0
    hits_r: int = 0

    def add(self, other: PRF) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.hits_p += other.hits_p
        self.hits_r += other.hits_r

    def summary(self) -> dict[str, float | int]:
        p = self.hits_p / self.predicted if self.predicted else 0.0
        r = self.hits_r / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": self.gold}


@dataclass(slots=True)
class KindScores:
    """Content, source and cue (exact and overlap) and speaker accuracy for one kind or family."""

    scores: dict[str, PRF] = field(
        default_factory=lambda: {f"{n}_{m}": PRF() for n in _FIELDS for m in ("exact", "overlap")}
    )
    matched: int = 0
    speaker_right: int = 0

    def add(self, other: KindScores) -> None:
        for name, prf in other.scores.items():
            self.scores[name].add(prf)
        self.matched += other.matched
        self.speaker_right += other.speaker_right

    def summary(self) -> dict[str, Any]:
        return {
            **{name: prf.summary() for name, prf in self.scores.items()},
            "speaker_accuracy": round(self.speaker_right / self.matched, 4) if self.matched else 0.0,
            "matched": self.matched,
        }


@dataclass(slots=True)
class AttributionCounts:
    groups: dict[str, KindScores] = field(
        default_factory=lambda: {name: KindScores() for name in (*KINDS, *FAMILIES, "all")}
    )
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: AttributionCounts) -> None:
        for name, scores in other.groups.items():
            self.groups[name].add(scores)
        self.errors.extend(other.errors)

    def summary(self) -> dict[str, Any]:
        return {name: scores.summary() for name, scores in self.groups.items()}


# -- reading gold ---------------------------------------------------------------------------------------


def is_attribution_gold(path: Path) -> bool:
    """Whether a JSONL gold file is in the attribution format (rows with source and cue spans)."""
    if path.suffix != ".jsonl" or not path.is_file():
        return False
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(row, dict) and "cue_start" in row
    return path.name.startswith("attribution.")


def read_attribution_gold(path: Path, corpus: Path | None = None) -> list[AttributionArticle]:
    """Gold articles with their attributions; texts from the Wikinews CSVs or files next to the gold."""
    rows = gold_rows(path, GOLD_FIELDS)
    for where, row in rows:
        if row["kind"] not in KINDS:
            raise EvaluationError(f"kind must be one of {', '.join(KINDS)}, not {row['kind']!r}", where=where)
    texts = _texts(path, corpus, {(row["file"], row["article"]) for _, row in rows})
    grouped: dict[tuple[str, str], list[GoldAttribution]] = {}
    for where, row in rows:
        key = (row["file"], row["article"])
        text = texts[key][0]
        content = _checked(text, row, where)
        grouped.setdefault(key, []).append(
            GoldAttribution(
                kind=row["kind"],
                content=content,
                source=_checked(text, row["source"], where) if row.get("source") else None,
                head=_pair(row["source"], "head_start", "head_end", text, where)
                if row.get("source")
                else None,
                cue=_pair(row, "cue_start", "cue_end", text, where),
                speaker=party(row.get("speaker"), where),
                where=where,
            )
        )
    return [
        AttributionArticle(key[1], text, published, tuple(grouped.get(key, ())))
        for key, (text, published) in sorted(texts.items())
    ]


def _texts(
    gold: Path, corpus: Path | None, wanted: set[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, str | None]]:
    own = {(f, a) for f, a in wanted if not f.endswith(".csv")}
    found: dict[tuple[str, str], tuple[str, str | None]] = {}
    for file, article in own:
        text_path = gold.parent / file
        if not text_path.is_file():
            raise EvaluationError(f"gold text not found: {text_path}", where=str(gold))
        with text_path.open("rb") as stream:
            read = next(read_text(stream, str(text_path)))
        if isinstance(read, InputFailure):
            raise EvaluationError(f"cannot read gold text: {read.error}", where=str(text_path))
        found[(file, article)] = (read.text, read.published)
    if wanted - own:
        found.update(corpus_texts(corpus or default_corpus(gold), wanted - own))
    for file, article in wanted - set(found):
        raise EvaluationError(f"article {article!r} not in {file}", where=str(gold))
    return found


def _checked(text: str, row: dict[str, Any], where: str) -> tuple[int, int]:
    start, end = int(row["start"]), int(row["end"])
    if not 0 <= start < end <= len(text) or not text.startswith(str(row.get("check", "")), start):
        raise EvaluationError(
            f"check {row.get('check')!r} does not match the text at {start}-{end}; the text changed?",
            where=where,
        )
    return start, end


def _pair(row: dict[str, Any], start_key: str, end_key: str, text: str, where: str) -> tuple[int, int] | None:
    if row.get(start_key) is None or row.get(end_key) is None:
        return None
    start, end = int(row[start_key]), int(row[end_key])
    if not 0 <= start < end <= len(text):
        raise EvaluationError(f"{start_key}/{end_key} outside the text", where=where)
    return start, end


# -- scoring --------------------------------------------------------------------------------------------


def _family(kind: str) -> str:
    return next(name for name, kinds in FAMILIES.items() if kind in kinds)


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _predicted_spans(quote: Quote) -> dict[str, tuple[int, int] | None]:
    """Content, source and cue spans; extractions older than ``Quote.source`` stand in the speaker's
    mention for the source."""
    source = quote.source or (quote.speaker.mention if quote.speaker else None)
    return {
        "content": (quote.start, quote.end),
        "source": (source.start, source.end) if source else None,
        "cue": (quote.cue.start, quote.cue.end) if quote.cue else None,
    }


def _match(gold: list[GoldAttribution], predicted: list[Quote]) -> dict[int, int]:
    """Gold index -> predicted index, within each family: equal spans first, then the largest overlap."""
    pairs: dict[int, int] = {}
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if (
                pi not in pairs.values()
                and _family(p.kind) == _family(g.kind)
                and (p.start, p.end) == g.content
            ):
                pairs[gi] = pi
                break
    for gi, g in enumerate(gold):
        if gi in pairs:
            continue
        candidates = [
            pi
            for pi, p in enumerate(predicted)
            if pi not in pairs.values()
            and _family(p.kind) == _family(g.kind)
            and _overlaps((p.start, p.end), g.content)
        ]
        if candidates:
            pairs[gi] = max(
                candidates,
                key=lambda pi: min(g.content[1], predicted[pi].end) - max(g.content[0], predicted[pi].start),
            )
    return pairs


def score_attributions(article: AttributionArticle, quotes: Iterable[Quote]) -> AttributionCounts:
    """Counts for one article (every kind, family and the total)."""
    predicted = list(quotes)
    gold = list(article.attributions)
    pairs = _match(gold, predicted)
    counts = AttributionCounts()

    def groups(kind: str) -> list[KindScores]:
        return [counts.groups[kind], counts.groups[_family(kind)], counts.groups["all"]]

    for p in predicted:
        spans = _predicted_spans(p)
        for scores in groups(p.kind):
            for name in _FIELDS:
                if spans[name] is not None:
                    scores.scores[f"{name}_exact"].predicted += 1
                    scores.scores[f"{name}_overlap"].predicted += 1
    for g in gold:
        golds = {"content": g.content, "source": g.source, "cue": g.cue}
        for scores in groups(g.kind):
            for name in _FIELDS:
                if golds[name] is not None:
                    scores.scores[f"{name}_exact"].gold += 1
                    scores.scores[f"{name}_overlap"].gold += 1
    for gi, g in enumerate(gold):
        snippet = article.text[g.content[0] : min(g.content[1], g.content[0] + 60)]
        if gi not in pairs:
            counts.errors.append({"article": article.key, "error": "missed", "kind": g.kind, "gold": snippet})
            continue
        p = predicted[pairs[gi]]
        spans = _predicted_spans(p)
        golds = {"content": g.content, "source": g.source, "cue": g.cue}
        for name in _FIELDS:
            exact = golds[name] is not None and spans[name] == golds[name]
            overlap = _overlaps(spans[name], golds[name])
            for mode, hit in (("exact", exact), ("overlap", overlap)):
                for scores in groups(g.kind):
                    scores.scores[f"{name}_{mode}"].hits_r += hit
                for scores in groups(p.kind):
                    scores.scores[f"{name}_{mode}"].hits_p += hit
            if not exact and (golds[name] is not None or spans[name] is not None):  # no cue on either side
                counts.errors.append(_span_error(article, g.kind, name, golds[name], spans[name], snippet))
        speaker = p.speaker.actor if p.speaker else None
        right = g.speaker is not None and same_party(g.speaker, speaker)
        for scores in groups(g.kind):
            scores.matched += 1
            scores.speaker_right += right
        if not right:
            counts.errors.append(
                {
                    "article": article.key,
                    "error": "speaker",
                    "kind": g.kind,
                    "gold": g.speaker.name if g.speaker else None,
                    "predicted": speaker.name if speaker else None,
                    "mention": p.speaker.mention.text if p.speaker and p.speaker.mention else None,
                    "quote": snippet,
                }
            )
    matched = set(pairs.values())
    for pi, p in enumerate(predicted):
        if pi not in matched:
            counts.errors.append(
                {"article": article.key, "error": "extra", "kind": p.kind, "predicted": p.text[:60]}
            )
    return counts


def _span_error(
    article: AttributionArticle,
    kind: str,
    name: str,
    gold: tuple[int, int] | None,
    predicted: tuple[int, int] | None,
    snippet: str,
) -> dict[str, Any]:
    def show(span: tuple[int, int] | None) -> str | None:
        return article.text[span[0] : span[1]][:80] if span is not None else None

    return {
        "article": article.key,
        "error": name,
        "kind": kind,
        "gold": show(gold),
        "predicted": show(predicted),
        "quote": snippet,
    }


def evaluate_attributions(
    articles: list[AttributionArticle], model: ModelName = "md"
) -> tuple[AttributionCounts, list[tuple[str, AttributionCounts]]]:
    """Run the pipeline up to the quotes component on every gold article and score it."""
    total = AttributionCounts()
    per_article = []
    texts = [(a.key, a.text, a.published) for a in articles]
    for article, quotes in zip(articles, extracted_quotes(texts, model), strict=True):
        counts = score_attributions(article, quotes)
        per_article.append((article.key, counts))
        total.add(counts)
    return total, per_article


def report_lines(summary: dict[str, Any]) -> Iterator[str]:
    """One line per kind, family and total: F1 of content, source and cue (exact/overlap), speaker."""
    yield f"{'':9s} {'gold':>5s}  {'content ex/ov':>13s}  {'source ex/ov':>13s}  {'cue ex/ov':>13s}  speaker"
    for name, s in summary.items():
        cells = "  ".join(
            f"{s[f'{f}_exact']['f1']:.3f}/{s[f'{f}_overlap']['f1']:.3f}".rjust(13) for f in _FIELDS
        )
        speaker = f"{s['speaker_accuracy']:.3f} ({s['matched']})"
        yield f"{name:9s} {s['content_exact']['gold']:5d}  {cells}  {speaker}"

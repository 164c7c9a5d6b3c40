"""Article-level event scoring on our Wikinews gold (``gold/events/``): what an analyst sees per article.

Each gold row is one article (``article`` = last URL segment, ``file`` = CSV of ``../shared/corpus/
wikinews``; or, for the wire-style stories we wrote ourselves, a key of ours with the ``text`` in the row)
with every event a reader finds in it: source and target country, CAMEO code (and accepted
alternatives), modality, negation, the sentence (offsets and a ``check`` snippet refused when the text moved).

An article's events are compared as sets of keys, the way its events reach a dyad series: (source country,
target country, CAMEO root) and (source, target, code), with ``-`` for a missing side; an intergovernmental
body dyad tells apart (AU, ICC) counts as the gold's ``IGO``, a UN agency (WHO) as ``UN``. A gold event marked
``symmetric`` ("X and Y met") is found in either direction, and both directions of a prediction count once.
Negated events are left out on both sides: dyad never counts them. Scores are micro-averaged over articles.
The calibration table bins every predicted key by its confidence (the highest of the events giving it);
its expected calibration error (ECE) weighs each band's gap between share right and mean confidence by
its keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from dyad.codebooks.countries import country
from dyad.errors import EvaluationError
from dyad.evaluation.scores import PRF
from dyad.evaluation.wikinews import corpus_rows, gold_rows
from dyad.model import Event

BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
NONE = "-"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str
    target: str
    codes: tuple[str, ...]  # the gold code first, then accepted alternatives
    symmetric: bool
    start: int  # the sentence's offsets in the article text
    end: int

    def matches(self, source: str, target: str, code: str, level: str) -> bool:
        wanted = {c[:2] for c in self.codes} if level == "root" else set(self.codes)
        value = code[:2] if level == "root" else code
        if value not in wanted:
            return False
        pairs = {(self.source, self.target)}
        if self.symmetric:
            pairs.add((self.target, self.source))
        return (source, target) in pairs


@dataclass(frozen=True, slots=True)
class GoldArticle:
    key: str
    file: str
    text: str
    published: str | None
    title: str | None
    events: tuple[GoldEvent, ...]


def read_gold(path: Path, corpus: Path) -> list[GoldArticle]:
    """The articles of an event gold file, with their texts in ``corpus`` (the Wikinews CSV folder) or, for
    texts of our own writing, in the row itself (``text``, ``title``, ``date``); refuses rows that no longer
    fit the corpus."""
    rows = gold_rows(path, {"article", "events"})
    wanted = {(r["file"], r["article"]) for _, r in rows if "text" not in r and "file" in r}
    texts = corpus_rows(corpus, wanted) if wanted else {}
    articles = []
    for where, row in rows:
        found = row if "text" in row else texts.get((row.get("file", ""), row["article"]))
        if found is None:
            missing = corpus / row.get("file", "?")
            raise EvaluationError(f"article {row['article']} not in {missing}", where=where)
        text, published, title = found["text"], found.get("date") or None, found.get("title") or None
        if row.get("title_check") and not (title or "").startswith(row["title_check"]):
            raise EvaluationError(f"title_check {row['title_check']!r} does not match the title", where=where)
        events = tuple(_event(e, text, f"{where} event {i}") for i, e in enumerate(row["events"]))
        date = row.get("date") or published
        articles.append(GoldArticle(row["article"], row.get("file", ""), text, date, title, events))
    return articles


def _event(raw: dict[str, Any], text: str, where: str) -> GoldEvent:
    try:
        sentence = raw["sentence"]
        start, end = int(sentence["start"]), int(sentence["end"])
        code = str(raw["code"])
        source = raw["source"] or NONE
    except (KeyError, TypeError, ValueError) as exc:
        raise EvaluationError(f"bad event: {exc!r}", where=where) from exc
    # The check is the text from the sentence's start (it may run past a short sentence's end).
    if not 0 <= start < end <= len(text) or not text.startswith(sentence.get("check", ""), start):
        raise EvaluationError(
            f"check {sentence.get('check')!r} does not match the text at {start}-{end}; the corpus changed?",
            where=where,
        )
    alternatives = tuple(str(c) for c in raw.get("alt_codes") or ())
    negated = bool(raw.get("negated"))
    return GoldEvent(
        source,
        raw.get("target") or NONE,
        (code, *alternatives) if not negated else (),
        bool(raw.get("symmetric")),
        start,
        end,
    )


# -- scoring --------------------------------------------------------------------------------------------


@dataclass
class Scores:
    root: PRF = field(default_factory=PRF)
    code: PRF = field(default_factory=PRF)
    bands: list[list[int]] = field(default_factory=lambda: [[0, 0] for _ in BANDS[:-1]])  # [keys, right]
    band_confidence: list[float] = field(default_factory=lambda: [0.0 for _ in BANDS[:-1]])
    errors: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        table = []
        for (low, high), (keys, right), total in zip(
            pairwise(BANDS), self.bands, self.band_confidence, strict=True
        ):
            table.append({"band": f"{low:.1f}-{high:.1f}", "keys": keys,
                          "right": round(right / keys, 3) if keys else None,
                          "mean_confidence": round(total / keys, 3) if keys else None})  # fmt: skip
        return {"root": _summary(self.root), "code": _summary(self.code), "calibration": table,
                "ece": self.calibration_error()}  # fmt: skip

    def calibration_error(self) -> float | None:
        """Expected calibration error over the bands: how far, weighted by keys, the share right is from
        the mean confidence (0 is perfectly calibrated)."""
        total = sum(keys for keys, _ in self.bands)
        if not total:
            return None
        gaps = (
            abs(right - confidence)
            for (_, right), confidence in zip(self.bands, self.band_confidence, strict=True)
        )
        return round(sum(gaps) / total, 3)


def _summary(counts: PRF) -> dict[str, float | int]:
    return {**counts.to_dict(), "predicted": counts.tp + counts.fp, "gold": counts.tp + counts.fn}


Key = tuple[str, str, str]


def event_keys(events: Iterable[Event], level: str) -> dict[Key, float]:
    """Every (source country, target country, root or code) the counted events give, with its confidence."""
    keys: dict[Key, float] = {}
    for event in events:
        if event.negated:
            continue
        value = event.cameo_root if level == "root" else event.cameo
        sources = {gold_party(a.country) for a in event.source} or {NONE}
        targets = {gold_party(a.country) for a in event.target} or {NONE}
        for source in sources:
            for target in targets:
                key = (source, target, value)
                keys[key] = max(keys.get(key, 0.0), event.confidence)
    return keys


# The gold's own codes for parties that are no state (``gold/events/README.md``): UN bodies and agencies are
# ``UN``; other intergovernmental bodies, which dyad tells apart (AU, ASEAN, ICC, Arab League), are ``IGO``.
GOLD_BODIES = ("UN", "EU", "NATO", "IGO", "NGO", "IMG")
UN_AGENCIES = ("WHO", "IAEA")


def gold_party(code: str | None) -> str:
    """A party's country code as the gold writes it."""
    if code is None:
        return NONE
    if code in UN_AGENCIES:
        return "UN"
    return code if code in GOLD_BODIES or country(code) is not None else "IGO"


def _distinct(gold: list[GoldEvent], level: str) -> list[GoldEvent]:
    """An article's gold events as a set: the same parties and code (or root) stated twice are one event."""
    seen: dict[tuple[object, ...], GoldEvent] = {}
    for event in gold:
        pair: object = (
            frozenset((event.source, event.target)) if event.symmetric else (event.source, event.target)
        )
        codes = frozenset(c[:2] if level == "root" else c for c in event.codes)
        seen.setdefault((pair, codes), event)
    return list(seen.values())


def score_article(article: GoldArticle, events: Sequence[Event], level: str) -> tuple[PRF, list[tuple[
        Key, float, bool]], list[dict[str, Any]]]:  # fmt: skip
    """Counts for one article at one level, each predicted key with its confidence and whether it is
    right, and the errors (missed gold events, keys matching none)."""
    gold = _distinct([g for g in article.events if g.codes], level)
    predicted = event_keys(events, level)
    right: list[tuple[Key, float, bool]] = []
    found_gold: set[int] = set()
    for key, confidence in predicted.items():
        # Both directions of a symmetric event, or an alternative code beside the gold one, find the same
        # gold event: it counts once, and neither key is wrong.
        matching = [i for i, g in enumerate(gold) if g.matches(*key, level)]
        right.append((key, confidence, bool(matching)))
        found_gold.update(matching)
    wrong = sum(1 for _, _, ok in right if not ok)
    counts = PRF(tp=len(found_gold), fp=wrong, fn=len(gold) - len(found_gold))
    errors = [{"article": article.key, "error": "missed", "gold": f"{g.source}->{g.target} {g.codes[0]}",
               "sentence": article.text[g.start:g.end][:160]}
              for i, g in enumerate(gold) if i not in found_gold]  # fmt: skip
    for key, _, ok in right:
        if not ok:
            sentence = next(e.evidence.sentence[:160] for e in events if key in event_keys([e], level))
            errors.append({"article": article.key, "error": "extra",
                           "predicted": f"{key[0]}->{key[1]} {key[2]}", "sentence": sentence})  # fmt: skip
    return counts, right, errors


def score(articles: Sequence[GoldArticle], extractions: Sequence[Sequence[Event]]) -> Scores:
    """Scores of every article's events against its gold."""
    scores = Scores()
    for article, events in zip(articles, extractions, strict=True):
        root, right, errors = score_article(article, events, "root")
        scores.root += root
        scores.errors.extend(errors)
        scores.code += score_article(article, events, "code")[0]
        for _, confidence, ok in right:
            band = min(int(confidence / 0.2), len(BANDS) - 2)
            scores.bands[band][0] += 1
            scores.bands[band][1] += ok
            scores.band_confidence[band] += confidence
    return scores


def extract_events(articles: Sequence[GoldArticle], model: str = "md") -> list[tuple[Event, ...]]:
    """Run the whole pipeline on each gold article."""
    from dyad.model import Article
    from dyad.nlp.extract import ExtractionFailure, extract_articles

    inputs = [Article(id=a.key, text=a.text, published=a.published, title=a.title) for a in articles]
    results: list[tuple[Event, ...]] = []
    for article, result in zip(articles, extract_articles(inputs, model=model), strict=True):  # type: ignore[arg-type]
        if isinstance(result, ExtractionFailure):
            raise EvaluationError(f"extraction failed: {result.reason}", where=article.key)
        results.append(result.events)
    return results


def evaluate(path: Path, corpus: Path, model: str = "md", min_confidence: float = 0.0) -> Scores:
    articles = read_gold(path, corpus)
    extracted = extract_events(articles, model)
    return score(articles, [[e for e in events if e.confidence >= min_confidence] for events in extracted])


def evaluate_parts(
    folder: Path, corpus: Path, min_confidence: float = 0.0, dev_only: bool = False
) -> dict[str, Any]:
    """Scores of each part of an article gold folder (``*.dev.jsonl``, ``*.heldout.jsonl``) apart; only the
    dev parts keep their error lists (the held-out part is measured, never looked into) and ``dev_only``
    leaves the other parts unscored."""
    parts: dict[str, Any] = {}
    for path in sorted(folder.glob("*.jsonl")):
        part = path.name.removesuffix(".jsonl")
        if path.stat().st_size == 0 or (dev_only and not part.endswith("dev")):
            continue
        scores = evaluate(path, corpus, min_confidence=min_confidence)
        summary = scores.summary()
        summary["articles"] = _count(path)
        if part.endswith("dev"):
            summary["errors"] = scores.errors
        parts[part] = summary
    return parts


def _count(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def report_lines(name: str, summary: dict[str, Any]) -> Iterator[str]:
    for level in ("root", "code"):
        s = summary[level]
        yield (f"{name}: (source, target, {level}) P {s['precision']:.3f}  R {s['recall']:.3f}  "
               f"F1 {s['f1']:.3f}   ({s['predicted']} predicted keys, {s['gold']} gold events)")  # fmt: skip
    ece = summary.get("ece")
    yield (f"{name}: calibration (predicted keys by confidence band: share right / mean confidence), "
           f"ECE {ece if ece is not None else '-'}")  # fmt: skip
    for row in summary["calibration"]:
        if row["keys"]:
            yield (f"  {row['band']}: {row['keys']:4d} keys  right {row['right']:.2f}  "
                   f"mean {row['mean_confidence']:.2f}")  # fmt: skip

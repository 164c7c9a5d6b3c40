"""`dyad eval quotes`: quote content and speaker scored against gold.

Two gold formats:

* JSONL (``gold/quotes/*.jsonl``): one quote per line, offsets into the ``text`` field of a Wikinews CSV
  row (``article`` = last URL segment, ``file`` = CSV name), a ``check`` snippet verified on load, and
  ``speaker``/``addressee``/``relayed_by`` as ``{"name", "country"[, "named"]}``.
* the seed's JSON gold (``quotes`` with ``content`` offsets into a text file named by ``article``).

Content: direct and partial quotes are matched one-to-one, exactly (same span) and by overlap (any shared
character); precision, recall and F1 of both. Speaker accuracy is over overlap-matched quotes: the
predicted speaker's name matches the gold name after normalisation (accents, case, punctuation,
honorifics and titles such as "Princess", "Judge", "President" dropped from both), when the words of one
name are all in the other ("Ubolratana" in "Ubolratana Mahidol", either way round) or the surnames
agree; an anonymous gold speaker ("a senior State Department official", ``named: false``) also matches
a predicted speaker of the same country.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import EvaluationError
from dyad.evaluation.data import ENV, WIKINEWS, shared
from dyad.evaluation.scores import PRF
from dyad.evaluation.wikinews import corpus_rows, gold_rows
from dyad.model import ActorRef, Quote
from dyad.nlp.pipeline import ModelName, load_pipeline

log = logging.getLogger(__name__)

SCORED_KINDS = ("direct", "partial")
# What every line of a quote or attribution gold file holds.
GOLD_FIELDS = {"article", "file", "start", "end", "check", "kind"}
_STOPWORDS = {"the", "of", "a", "an", "for", "mr", "mrs", "ms", "dr", "president", "prime", "minister"}
# Honorifics and titles are not part of a name: "Princess Ubolratana" is "Ubolratana Mahidol", "Judge
# Miller" is "Gray Miller". Dropped from both names before matching, so the rule is the same both ways.
_TITLES = {
    "king", "queen", "prince", "princess", "emperor", "empress", "sheikh", "emir", "sultan", "sir", "dame",
    "lord", "lady", "pope", "judge", "justice", "senator", "sen", "rep", "general", "gen", "prof",
    "professor", "rev", "reverend", "archbishop", "bishop", "cardinal", "chancellor", "governor", "mayor",
    "secretary", "premier", "vice",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class GoldParty:
    name: str
    country: str | None
    named: bool = True


@dataclass(frozen=True, slots=True)
class GoldQuote:
    article: str
    start: int
    end: int
    kind: str
    speaker: GoldParty | None
    addressee: GoldParty | None = None
    relayed_by: GoldParty | None = None
    where: str = ""


@dataclass(frozen=True, slots=True)
class GoldArticle:
    key: str
    text: str
    published: str | None
    quotes: tuple[GoldQuote, ...]


@dataclass(slots=True)
class Counts:
    """Running totals; every ratio is computed from them, so per-article counts add up."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    speaker_right: int = 0
    addressee_total: int = 0
    addressee_right: int = 0
    relay_total: int = 0
    relay_right: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in ("gold", "predicted", "exact", "overlap", "speaker_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("addressee_total", "addressee_right", "relay_total", "relay_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def summary(self) -> dict[str, Any]:
        def prf(hits: int) -> dict[str, float]:
            return PRF.of(hits=hits, predicted=self.predicted, gold=self.gold).to_dict()

        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "exact": prf(self.exact),
            "overlap": prf(self.overlap),
            "speaker_accuracy": round(self.speaker_right / self.overlap, 4) if self.overlap else 0.0,
            "matched": self.overlap,
            "addressee": f"{self.addressee_right}/{self.addressee_total}",
            "relayed_by": f"{self.relay_right}/{self.relay_total}",
        }


# -- reading gold ---------------------------------------------------------------------------------------


def read_gold(path: Path, corpus: Path | None = None) -> list[GoldArticle]:
    """Gold articles with their quotes; the seed's JSON or our JSONL (with the CSV corpus folder)."""
    if not path.is_file():
        raise EvaluationError(f"gold file not found: {path}")
    if path.suffix == ".json":
        return [_read_seed(path)]
    return _read_jsonl(path, corpus or default_corpus(path))


def default_corpus(gold: Path) -> Path:
    """The Wikinews CSV folder under ``$DYAD_SHARED`` (``evaluation/data.py``)."""
    corpus = shared(WIKINEWS)
    if corpus is None or not corpus.is_dir():
        raise EvaluationError(
            f"the Wikinews articles are not found: pass --corpus DIR or set {ENV}", where=str(gold)
        )
    return corpus


def party(value: Any, where: str) -> GoldParty | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        raise EvaluationError("a speaker/addressee/relayed_by must be {name, country}", where=where)
    return GoldParty(value["name"], value.get("country"), bool(value.get("named", True)))


def _read_seed(path: Path) -> GoldArticle:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        text_path = (path.parent / data["article"]).resolve()
        text = text_path.read_text(encoding="utf-8")
        quotes = tuple(
            GoldQuote(
                article=text_path.name,
                start=q["content"][0],
                end=q["content"][1],
                kind=q["kind"],
                speaker=party(q.get("speaker"), f"{path}:quote {n}"),
                addressee=party(q.get("addressee"), f"{path}:quote {n}"),
                relayed_by=party(q.get("relayed_by"), f"{path}:quote {n}"),
                where=f"{path}:quote {n}",
            )
            for n, q in enumerate(data["quotes"], start=1)
        )
    except (KeyError, IndexError, TypeError, ValueError, OSError) as exc:
        raise EvaluationError(f"not a seed gold file: {exc}", where=str(path)) from exc
    for quote in quotes:
        if not 0 <= quote.start < quote.end <= len(text):
            raise EvaluationError("offsets outside the text", where=quote.where)
    return GoldArticle(text_path.name, text, data.get("published"), quotes)


def _read_jsonl(path: Path, corpus: Path) -> list[GoldArticle]:
    rows = gold_rows(path, GOLD_FIELDS)
    texts = corpus_texts(corpus, {(row["file"], row["article"]) for _, row in rows})
    grouped: dict[str, list[GoldQuote]] = {}
    for where, row in rows:
        key = (row["file"], row["article"])
        if key not in texts:
            raise EvaluationError(f"article {row['article']!r} not in {corpus / row['file']}", where=where)
        text = texts[key][0]
        start, end = int(row["start"]), int(row["end"])
        if not 0 <= start < end <= len(text) or not text[start:end].startswith(row["check"]):
            raise EvaluationError(
                f"check {row['check']!r} does not match the text at {start}-{end}; the corpus changed?",
                where=where,
            )
        grouped.setdefault(row["article"], []).append(
            GoldQuote(
                article=row["article"],
                start=start,
                end=end,
                kind=row["kind"],
                speaker=party(row.get("speaker"), where),
                addressee=party(row.get("addressee"), where),
                relayed_by=party(row.get("relayed_by"), where),
                where=where,
            )
        )
    articles = []
    for (_, name), (text, published) in sorted(texts.items()):
        articles.append(GoldArticle(name, text, published, tuple(grouped.get(name, ()))))
    return articles


def corpus_texts(corpus: Path, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str | None]]:
    rows = corpus_rows(corpus, wanted)
    return {key: (row["text"], row.get("date") or None) for key, row in rows.items()}


# -- scoring --------------------------------------------------------------------------------------------


def normalise_name(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return [w for w in re.findall(r"[a-z0-9]+", folded) if w not in _STOPWORDS and w not in _TITLES]


def same_party(gold: GoldParty, predicted: ActorRef | None, mention: str | None = None) -> bool:
    """Name containment or surname match; an anonymous gold party also matches by country."""
    if predicted is None:
        return False
    gold_words = normalise_name(gold.name)
    predicted_words = normalise_name(predicted.name)
    if gold_words and predicted_words:
        if set(gold_words) <= set(predicted_words) or set(predicted_words) <= set(gold_words):
            return True
        if gold.named and gold_words[-1] == predicted_words[-1]:
            return True
        gold_initials, predicted_initials = _acronym(gold.name), _acronym(predicted.name)
        if gold_initials is not None and gold_initials == "".join(predicted_words):
            return True  # "Syrian Democratic Forces" and "SDF"
        if predicted_initials is not None and predicted_initials == "".join(gold_words):
            return True
    return not gold.named and gold.country is not None and gold.country == predicted.country


def _acronym(name: str) -> str | None:
    """Initials of a multi-word name ("Syrian Democratic Forces" -> "sdf"), None for one word."""
    initials = [w[0] for w in normalise_name(name)]
    return "".join(initials) if len(initials) > 1 else None


def score_article(article: GoldArticle, quotes: Iterable[Quote]) -> Counts:
    """Counts for one article: one-to-one matching by exact span, then by overlap."""
    predicted = [q for q in quotes if q.kind in SCORED_KINDS]
    gold = [g for g in article.quotes if g.kind in SCORED_KINDS]
    counts = Counts(gold=len(gold), predicted=len(predicted))
    pairs: dict[int, int] = {}
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if pi not in pairs.values() and (p.start, p.end) == (g.start, g.end):
                pairs[gi] = pi
                break
    counts.exact = len(pairs)
    for gi, g in enumerate(gold):
        if gi in pairs:
            continue
        overlapping = [
            pi
            for pi, p in enumerate(predicted)
            if pi not in pairs.values() and p.start < g.end and g.start < p.end
        ]
        if overlapping:
            pairs[gi] = max(
                overlapping, key=lambda pi: min(g.end, predicted[pi].end) - max(g.start, predicted[pi].start)
            )
    counts.overlap = len(pairs)
    for gi, g in enumerate(gold):
        snippet = article.text[g.start : min(g.end, g.start + 50)]
        if gi not in pairs:
            counts.errors.append({"article": article.key, "error": "missed", "gold": snippet, "at": g.start})
            continue
        p = predicted[pairs[gi]]
        if (p.start, p.end) != (g.start, g.end):
            counts.errors.append(
                {
                    "article": article.key,
                    "error": "span",
                    "gold": [g.start, g.end],
                    "predicted": [p.start, p.end],
                }
            )
        speaker = p.speaker.actor if p.speaker else None
        if g.speaker is not None and same_party(g.speaker, speaker):
            counts.speaker_right += 1
        else:
            counts.errors.append(
                {
                    "article": article.key,
                    "error": "speaker",
                    "gold": g.speaker.name if g.speaker else None,
                    "predicted": speaker.name if speaker else None,
                    "mention": p.speaker.mention.text if p.speaker and p.speaker.mention else None,
                    "quote": snippet,
                }
            )
        if g.addressee is not None:
            counts.addressee_total += 1
            counts.addressee_right += same_party(g.addressee, p.addressee)
        if g.relayed_by is not None:
            counts.relay_total += 1
            counts.relay_right += same_party(g.relayed_by, p.relayed_by)
    matched = set(pairs.values())
    for pi, p in enumerate(predicted):
        if pi not in matched:
            counts.errors.append(
                {"article": article.key, "error": "extra", "predicted": p.text[:50], "at": p.start}
            )
    return counts


def evaluate(articles: list[GoldArticle], model: ModelName = "md") -> tuple[Counts, list[tuple[str, Counts]]]:
    """Run the pipeline up to the quotes component on every gold article and score it; per-article
    counts in input order."""
    total = Counts()
    per_article = []
    texts = [(a.key, a.text, a.published) for a in articles]
    for article, quotes in zip(articles, extracted_quotes(texts, model), strict=True):
        counts = score_article(article, quotes)
        per_article.append((article.key, counts))
        total.add(counts)
    return total, per_article


def extracted_quotes(
    articles: Iterable[tuple[str, str, str | None]], model: ModelName = "md"
) -> Iterator[tuple[Quote, ...]]:
    """The quotes of each (key, text, published date), by the pipeline run up to the quotes component:
    events and issues come after quotes and do not change them, so they are skipped."""
    nlp = load_pipeline(model)
    for key, text, published in articles:
        doc = nlp.make_doc(text)
        doc._.dyad_article_id = key
        doc._.dyad_published = published
        for name, component in nlp.pipeline:
            doc = component(doc)
            if name == "dyad_quotes":
                break
        yield tuple(doc._.dyad_quotes or ())


def report_lines(summary: dict[str, Any]) -> Iterator[str]:
    """A plain-text rendering of :meth:`Counts.summary` for the CLI."""
    yield f"gold quotes (direct+partial): {summary['gold']}   predicted: {summary['predicted']}"
    for mode in ("exact", "overlap"):
        m = summary[mode]
        yield f"{mode:8s} precision {m['precision']:.3f}  recall {m['recall']:.3f}  F1 {m['f1']:.3f}"
    yield f"speaker accuracy {summary['speaker_accuracy']:.3f} on {summary['matched']} matched quotes"
    yield f"addressee right {summary['addressee']}   relayed_by right {summary['relayed_by']}"

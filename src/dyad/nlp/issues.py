"""The ``dyad_issues`` component: which issues of the taxonomy an article, and each of its events and
quotes, is about, with a score and the sentences that show it.

Each paragraph is scored against each issue whose cues it contains. A keyword cue names the issue
("South China Sea", "tariffs") and weighs more than a place or actor typical of it ("Manila",
"Hezbollah"); the paragraph's sentence embedding is compared with the issue's description, so a trade
paragraph that mentions Taiwan's chipmakers is not about Taiwan. The three signals are combined by a
logistic model calibrated on the dev gold (``dyad eval issues --calibrate``). Only paragraphs with a cue
are embedded, in one batch per document; description vectors are computed once per taxonomy.

A paragraph's tag on an issue implies its parent's. An article's score on an issue is its best
paragraph's; its evidence the cue sentences of the supporting paragraphs. Events and quotes take the
issues of their paragraph (see :func:`issues_for_span`).
"""

from __future__ import annotations

import bisect
import itertools
import math
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from spacy.language import Language
from spacy.tokens import Doc

from dyad.codebooks.taxonomy import Issue, Taxonomy, load_taxonomy
from dyad.model import IssueTag, Span
from dyad.nlp.doc_cache import doc_text
from dyad.nlp.embeddings import DIMENSIONS, encoder
from dyad.nlp.issue_cues import STRONG, CueHit, CueMatcher

EXTRACTOR = "dyad_issues@1"
# Fitted on gold/issues.jsonl by `dyad eval issues --calibrate` (logistic model of paragraph candidates);
# the threshold is the one with the best dev F1 in its sweep.
DEFAULT_WEIGHTS = {"bias": -1.007, "cues": 2.385, "similarity": 1.282, "lead": 1.339}
ENTITY_WEIGHT = 0.5  # a place or actor typical of an issue is half the evidence of a keyword naming it
DEFAULT_THRESHOLD = 0.65
MAX_SENTENCES = 5  # a longer paragraph (or text without line breaks) is cut into windows of this many
MAX_EVIDENCE = 5
EVIDENCE_PER_PARAGRAPH = 2
EMBED_CHARS = 150  # about 30 word pieces: the text embedded per paragraph (200 scored no better, cost 1.3x)
ITEM_WITHOUT_CUE = 0.8  # an event or quote whose own sentence has no cue of its paragraph's issue
# News paragraphs often go on about the issue of the one before without naming it again.
CONTINUATION = 0.7
CONTINUATION_PARAGRAPHS = 2
CONTINUATION_MARGIN = 0.15
_PARAGRAPHS_ATTR = "dyad_issue_paragraphs"
_vectors_lock = threading.Lock()
_description_cache: dict[str, npt.NDArray[np.float32]] = {}


@dataclass(frozen=True, slots=True)
class Features:
    """What the tagger knows about one issue in one paragraph."""

    keywords: int  # distinct keyword cues
    entities: int  # distinct place and actor cues
    similarity: float  # cosine of paragraph and description embeddings
    lead: float  # similarity minus the paragraph's best similarity to any issue (0 when this issue is best)

    def vector(self) -> tuple[float, float, float]:
        """The model's inputs: cue strength (places and actors count for less than keywords), similarity
        and lead."""
        return (math.log1p(self.keywords + ENTITY_WEIGHT * self.entities), self.similarity, self.lead)


@dataclass(frozen=True, slots=True)
class ParagraphIssues:
    """One paragraph's tags: issue id -> score, and the cue hits behind each."""

    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]
    scores: dict[str, float] = field(default_factory=dict)
    hits: dict[str, tuple[CueHit, ...]] = field(default_factory=dict)
    roots: dict[str, str] = field(default_factory=dict)  # tagged issue id -> its top-level issue


# (start, end, sentence spans, {issue index: (features, cue hits)}) of one paragraph
ParagraphFeatures = tuple[int, int, tuple[tuple[int, int], ...], dict[int, tuple[Features, list[CueHit]]]]
Paragraph = tuple[int, int, tuple[tuple[int, int], ...]]  # start, end, sentence spans


@dataclass(frozen=True, slots=True)
class _Pending:
    """A doc's paragraphs and cue hits, waiting for the embeddings of the paragraphs with a cue."""

    text: str
    units: list[Paragraph]
    per_unit: list[dict[int, list[CueHit]]]  # per paragraph: issue index -> its cue hits
    candidates: list[int]  # the paragraphs with a cue, in order
    texts: list[str]  # what is embedded for each candidate


class IssueTagger:
    """Tags paragraphs, then the article and its events and quotes, with the issues of one taxonomy."""

    def __init__(
        self,
        nlp: Language,
        taxonomy: str | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        weights: dict[str, float] | None = None,
    ) -> None:
        self.taxonomy = load_taxonomy(taxonomy)
        self.threshold = threshold
        self.weights = {**DEFAULT_WEIGHTS, **(weights or {})}
        self._matcher = CueMatcher(self.taxonomy, nlp.make_doc)
        for attr in (_PARAGRAPHS_ATTR, "dyad_issues", "dyad_events", "dyad_quotes"):
            if not Doc.has_extension(attr):  # registered by nlp/pipeline.py, unless used on its own
                Doc.set_extension(attr, default=None)

    def __call__(self, doc: Doc) -> Doc:
        pending = self._gather(doc)
        return self.apply(doc, self._features(pending, _embed(pending.texts)))

    def apply(self, doc: Doc, paragraphs: Sequence[ParagraphFeatures]) -> Doc:
        """Tag ``doc`` from its paragraph features (computed once, e.g. to try several thresholds)."""
        tagged = [self._tag_paragraph(start, end, sents, feats) for start, end, sents, feats in paragraphs]
        doc._.dyad_issue_paragraphs = tuple(tagged)
        doc._.dyad_issues = self._article_tags(doc, tagged, doc_text(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        """Tag docs in batches: the cue paragraphs of a whole batch are embedded in one call, so they
        sort by length together (less padding) and repeated texts are encoded once."""
        stream = iter(docs)
        while batch := list(itertools.islice(stream, batch_size)):
            pending = [self._gather(doc) for doc in batch]
            vectors = _embed([t for p in pending for t in p.texts])
            offset = 0
            for doc, item in zip(batch, pending, strict=True):
                count = len(item.texts)
                yield self.apply(doc, self._features(item, vectors[offset : offset + count]))
                offset += count

    # -- features -------------------------------------------------------------------------------------

    def paragraph_features(self, doc: Doc) -> list[ParagraphFeatures]:
        """Every paragraph: its span, sentence spans, and the features of each issue with a cue in it."""
        pending = self._gather(doc)
        return self._features(pending, _embed(pending.texts))

    def _gather(self, doc: Doc) -> _Pending:
        """The paragraphs of ``doc`` and their cue hits; the text to embed for each one with a cue."""
        text = doc_text(doc)
        hits = self._matcher.find(doc)
        units = _paragraphs(doc, text)
        per_unit: list[dict[int, list[CueHit]]] = [{} for _ in units]
        starts = [u[0] for u in units]
        for hit in hits:
            index = _locate(starts, hit.start)
            if index is not None and hit.end <= units[index][1]:
                per_unit[index].setdefault(hit.issue, []).append(hit)
        candidates = [i for i, found in enumerate(per_unit) if found]
        texts = [_cue_sentences(text, units[i][2], per_unit[i].values()) for i in candidates]
        return _Pending(text, units, per_unit, candidates, texts)

    def _features(self, pending: _Pending, embedded: npt.NDArray[np.float32]) -> list[ParagraphFeatures]:
        text, units, per_unit = pending.text, pending.units, pending.per_unit
        vectors = dict(zip(pending.candidates, embedded, strict=True))
        descriptions = description_vectors(self.taxonomy)
        out: list[ParagraphFeatures] = []
        for i, unit in enumerate(units):
            if i not in vectors:
                out.append((*unit, {}))
                continue
            similarities = descriptions @ vectors[i]
            top = float(similarities.max())
            features = {}
            for issue, issue_hits in per_unit[i].items():
                strong = _distinct([h for h in issue_hits if h.kind == STRONG], text)
                weak = _distinct([h for h in issue_hits if h.kind != STRONG], text)
                similarity = float(similarities[issue])
                features[issue] = (Features(strong, weak, similarity, similarity - top), issue_hits)
            out.append((*unit, features))
        return out

    def score(self, features: Features) -> float:
        w = self.weights
        cues, similarity, lead = features.vector()
        z = w["bias"] + w["cues"] * cues + w["similarity"] * similarity + w["lead"] * lead
        return 1.0 / (1.0 + math.exp(-z))

    # -- tags -----------------------------------------------------------------------------------------

    def _tag_paragraph(
        self,
        start: int,
        end: int,
        sentences: tuple[tuple[int, int], ...],
        features: dict[int, tuple[Features, list[CueHit]]],
    ) -> ParagraphIssues:
        unit = ParagraphIssues(start, end, sentences)
        for issue_index, (feats, hits) in features.items():
            score = self.score(feats)
            issue = self.taxonomy.issues[issue_index]
            lineage = (issue.id, *self.taxonomy.ancestors(issue.id))
            for issue_id in lineage:
                unit.hits[issue_id] = unit.hits.get(issue_id, ()) + tuple(hits)
                if score >= self.threshold and score > unit.scores.get(issue_id, 0.0):
                    unit.scores[issue_id] = score
            if score >= self.threshold:
                unit.roots.update((issue_id, lineage[-1]) for issue_id in lineage)
        return unit

    def _article_tags(self, doc: Doc, paragraphs: Sequence[ParagraphIssues], text: str) -> list[IssueTag]:
        best: dict[str, float] = {}
        support: dict[str, list[ParagraphIssues]] = {}
        for unit in paragraphs:
            for issue_id, score in unit.scores.items():
                best[issue_id] = max(best.get(issue_id, 0.0), score)
                support.setdefault(issue_id, []).append(unit)
        items = {
            item_id: _span_issues(s, e, paragraphs, best) for item_id, (s, e) in _item_spans(doc).items()
        }
        tags = []
        for issue_id, score in sorted(best.items(), key=lambda kv: (-kv[1], kv[0])):
            units = sorted(support[issue_id], key=lambda u: -u.scores[issue_id])
            evidence = _evidence(text, issue_id, units)
            tagged_items = tuple(
                (item_id, round(scores[issue_id], 4))
                for item_id, scores in items.items()
                if issue_id in scores
            )
            tags.append(
                IssueTag(
                    id=issue_id,
                    label=self.taxonomy.get(issue_id).label,
                    # At the output's precision, as the items' scores: the object, its JSON, the store and
                    # the Parquet tables then hold the same number.
                    score=round(score, 4),
                    evidence=evidence,
                    taxonomy_version=self.taxonomy.version,
                    extractor=EXTRACTOR,
                    items=tagged_items,
                )
            )
        return tags


def issues_for_span(doc: Doc, start_char: int, end_char: int) -> list[tuple[str, float]]:
    """Issues (id, score) of the text between two offsets of a tagged doc, best first.

    A span takes the issues of the paragraph it lies in: at full score when its own sentence holds a cue
    of the issue, else x ITEM_WITHOUT_CUE. Its own sentence's cue of an issue the article is tagged with
    also counts (x ITEM_WITHOUT_CUE of the article's score), and a span in a paragraph with no issue at all
    continues the leading issue of the nearest tagged paragraph up to CONTINUATION_PARAGRAPHS back
    (x CONTINUATION; none when that paragraph is a round-up of several issues).
    """
    paragraphs: Sequence[ParagraphIssues] = doc._.get(_PARAGRAPHS_ATTR) or ()
    article = {t.id: t.score for t in doc._.get("dyad_issues") or ()}
    scores = _span_issues(start_char, end_char, paragraphs, article)
    return sorted(((i, round(s, 4)) for i, s in scores.items()), key=lambda kv: (-kv[1], kv[0]))


def _span_issues(
    start: int, end: int, paragraphs: Sequence[ParagraphIssues], article: dict[str, float]
) -> dict[str, float]:
    scores: dict[str, float] = {}

    def keep(issue_id: str, score: float) -> None:
        scores[issue_id] = max(scores.get(issue_id, 0.0), score)

    for index, unit in enumerate(paragraphs):
        if unit.end <= start or unit.start >= end:
            continue
        lo, hi = _sentence_bounds(unit, start, end)
        for issue_id, hits in unit.hits.items():
            own_cue = any(lo <= h.start and h.end <= hi for h in hits)
            if issue_id in unit.scores:
                keep(issue_id, unit.scores[issue_id] * (1.0 if own_cue else ITEM_WITHOUT_CUE))
            elif own_cue and issue_id in article:
                keep(issue_id, article[issue_id] * ITEM_WITHOUT_CUE)
        if not unit.scores:
            for previous in paragraphs[max(0, index - CONTINUATION_PARAGRAPHS) : index][::-1]:
                if previous.scores:
                    for issue_id in _dominant(previous):
                        keep(issue_id, previous.scores[issue_id] * CONTINUATION)
                    break
    return scores


def _dominant(unit: ParagraphIssues) -> list[str]:
    """The paragraph's tags under its leading top-level issue, when one leads by CONTINUATION_MARGIN:
    a round-up of several issues ("from Ukraine to the Middle East and trade") is continued by none."""
    tops = sorted({unit.scores[root] for root in set(unit.roots.values())}, reverse=True)
    if len(tops) > 1 and tops[0] - tops[1] < CONTINUATION_MARGIN:
        return []
    lead = max(set(unit.roots.values()), key=lambda root: unit.scores[root])
    return [issue_id for issue_id, root in unit.roots.items() if root == lead]


def _sentence_bounds(unit: ParagraphIssues, start: int, end: int) -> tuple[int, int]:
    inside = [(s, e) for s, e in unit.sentences if s < end and e > start]
    return (inside[0][0], inside[-1][1]) if inside else (start, end)


def _evidence(text: str, issue_id: str, units: Sequence[ParagraphIssues]) -> tuple[Span, ...]:
    """The sentences naming the issue most strongly, up to EVIDENCE_PER_PARAGRAPH from each supporting
    paragraph (best paragraph first), in text order within a paragraph."""
    spans: list[tuple[int, int]] = []
    for unit in units:
        strength = {
            (s, e): sum(
                1.0 if h.kind == STRONG else ENTITY_WEIGHT for h in unit.hits[issue_id] if s <= h.start < e
            )
            for s, e in unit.sentences
        }
        ranked = sorted((k for k, v in strength.items() if v > 0), key=lambda k: (-strength[k], k))
        chosen = sorted(k for k in ranked[:EVIDENCE_PER_PARAGRAPH] if k not in spans)
        spans.extend(chosen[: MAX_EVIDENCE - len(spans)])
        if len(spans) >= MAX_EVIDENCE:
            break
    return tuple(Span(s, e, text[s:e]) for s, e in spans)


def _item_spans(doc: Doc) -> dict[str, tuple[int, int]]:
    spans: dict[str, tuple[int, int]] = {}
    for event in doc._.dyad_events or ():
        spans[event.id] = (event.evidence.start, event.evidence.end)
    for quote in doc._.dyad_quotes or ():
        spans[quote.id] = (quote.start, quote.end)
    return spans


def _paragraphs(doc: Doc, text: str) -> list[Paragraph]:
    """Paragraphs (start, end, sentence spans): lines of text, long ones cut into sentence windows."""
    sentences = _sentences(doc, text)
    units = []
    offset = first = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        start += len(line) - len(line.lstrip())
        end = start + len(stripped)
        while first < len(sentences) and sentences[first][1] <= start:
            first += 1  # sentences and lines both run forward: never look back
        inside = []
        for s, e in sentences[first:]:
            if s >= end:
                break
            if text[max(s, start) : min(e, end)].strip():
                inside.append((max(s, start), min(e, end)))
        inside = inside or [(start, end)]
        for i in range(0, len(inside), MAX_SENTENCES):
            window = tuple(inside[i : i + MAX_SENTENCES])
            units.append((window[0][0], window[-1][1], window))
    return units


def _sentences(doc: Doc, text: str) -> list[tuple[int, int]]:
    try:
        sents = list(doc.sents)
    except ValueError:  # no parser or sentencizer in the pipeline: one sentence
        return [(0, len(text))]
    out = []
    whole = text
    for sent in sents:
        text = whole[sent.start_char : sent.end_char]  # sent.text, without building it from the tokens
        lead = len(text) - len(text.lstrip())
        start = sent.start_char + lead
        end = sent.start_char + len(text.rstrip())
        if end > start:
            out.append((start, end))
    return out


def _cue_sentences(text: str, sentences: Sequence[tuple[int, int]], hits: Iterable[list[CueHit]]) -> str:
    """The paragraph's sentences that hold a cue, cut to EMBED_CHARS: what the similarity is computed on.

    Embedding costs about as much per token as the parser, so sentences without a cue are left out.
    """
    starts = sorted({h.start for group in hits for h in group})
    chosen = [text[s:e] for s, e in sentences if any(s <= at < e for at in starts)]
    joined = " ".join(chosen) or text[sentences[0][0] : sentences[-1][1]]
    return joined if len(joined) <= EMBED_CHARS else joined[:EMBED_CHARS].rsplit(" ", 1)[0]


def _embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Embeddings in input order; each distinct text is encoded once."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    row = {t: i for i, t in enumerate(dict.fromkeys(texts))}
    vectors = encoder().encode(list(row))
    return vectors[[row[t] for t in texts]]


def _distinct(hits: Sequence[CueHit], text: str) -> int:
    """How many different things the hits name: overlapping hits ("fentanyl" inside "fentanyl
    precursors") are one, and a repeated phrase counts once."""
    names: set[str] = set()
    end = -1
    longest: CueHit | None = None
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if longest is not None and hit.start >= end:
            names.add(text[longest.start : longest.end].lower())
            longest = None
        if longest is None or hit.end - hit.start > longest.end - longest.start:
            longest = hit
        end = max(end, hit.end)
    if longest is not None:
        names.add(text[longest.start : longest.end].lower())
    return len(names)


def _locate(starts: list[int], position: int) -> int | None:
    """Index of the paragraph starting at or before ``position``."""
    index = bisect.bisect_right(starts, position) - 1
    return index if index >= 0 else None


def description_vectors(taxonomy: Taxonomy) -> npt.NDArray[np.float32]:
    """Unit embeddings of the issues' descriptions, one row per issue, computed once per taxonomy."""
    with _vectors_lock:
        vectors = _description_cache.get(taxonomy.fingerprint)
        if vectors is None:
            vectors = encoder().encode([_description_text(i) for i in taxonomy.issues])
            _description_cache[taxonomy.fingerprint] = vectors
        return vectors


def _description_text(issue: Issue) -> str:
    return f"{issue.label}. {issue.description}"


@Language.factory(
    "dyad_issues",
    default_config={"taxonomy": None, "threshold": DEFAULT_THRESHOLD, "weights": None},
)
def make_issue_tagger(
    nlp: Language, name: str, taxonomy: str | None, threshold: float, weights: dict[str, float] | None
) -> IssueTagger:
    """The component; ``taxonomy`` is a taxonomy file (None: the bundled one)."""
    return IssueTagger(nlp, taxonomy=taxonomy, threshold=threshold, weights=weights)

"""Which noun phrases name an event's source and target: a linear ranker over parse features.

The rules of :mod:`dyad.nlp.predicates` propose arguments; this ranker scores every noun phrase of the
sentence (each nominal head's phrase, with and without its conjuncts, and spaCy's noun chunks) for the roles
source and target of one predicate, from features of the parse (dependency path to the predicate,
preposition, side, distance, entity type, phrase shape) and of the rules' proposal. It learns the phrase
conventions of the ConfliBERT annotation (whole phrases such as "U.S. military chief General Colin
Powell"). Weights are trained by ``dyad train events`` and ship in ``codebooks/event_spans.json``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.codebooks.countries import roles
from dyad.errors import CodebookError
from dyad.nlp.predicates import CharSpan, Predicate, noun_phrase

MODEL_FILE = "event_spans.json"
ROLES = ("source", "target")
# A phrase below this probability is no argument (targets are often absent in the gold; sources rarely).
THRESHOLDS = {"source": 0.3, "target": 0.12}
_NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")


def party_like(head: Token) -> bool:
    """Whether a phrase head can name a party: a named entity, a role noun ("troops"), a pronoun."""
    if head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or head.pos_ == "PRON":
        return True
    table = roles()
    return (
        head.lower_ in table
        or head.lemma_.lower() in table
        or any(
            c.ent_type_ in ("ORG", "GPE", "NORP")
            for c in head.children
            if c.dep_ in ("compound", "amod", "poss")
        )
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """A reading of one phrase: its spans (one per conjunct when coordination is split) and their heads."""

    spans: tuple[CharSpan, ...]
    heads: tuple[int, ...]  # head tokens the phrase names (several for "France and Germany")
    features: tuple[str, ...]


def _relation(head: Token, predicate: Token) -> str:
    """The dependency path from a phrase head up to the predicate, in a few coarse shapes."""
    parent = head.head
    if parent == predicate:
        return f"dep:{head.dep_}"
    if parent.dep_ in ("prep", "agent") and parent.head == predicate:
        return f"prep:{parent.lower_}"
    if parent.dep_ in ("prep", "agent") and parent.head.head == predicate:
        return f"objprep:{parent.lower_}:{parent.head.dep_}"
    if parent.head == predicate:
        return f"mod:{head.dep_}:{parent.dep_}"
    if predicate.head == parent:
        return f"up:{head.dep_}:{predicate.dep_}"
    if predicate.head == head:
        return f"gov:{predicate.dep_}"
    if head.is_ancestor(predicate):
        return "ancestor"
    if predicate.is_ancestor(head):
        return "below"
    return "far"


def noun_chunk_spans(text: SpacySpan | Doc) -> set[CharSpan]:
    """Character spans of spaCy's noun chunks in a sentence or a whole document (computed once, shared)."""
    return {(c.start_char, c.end_char) for c in text.noun_chunks}


def candidates(sent: SpacySpan, predicate: Predicate, chunks: set[CharSpan] | None = None) -> list[Candidate]:
    """Every noun phrase of the sentence with its features for ``predicate``."""
    doc = sent.doc
    pred = doc[predicate.token]
    passive = any(c.dep_ == "auxpass" for c in pred.children)
    if chunks is None:
        chunks = noun_chunk_spans(sent)
    root = sent.root
    found: dict[tuple[CharSpan, ...], Candidate] = {}
    for head in sent:
        if head.pos_ not in _NOMINAL or head.i == predicate.token:
            continue
        conjuncts = (head.i, *[c.i for c in head.conjuncts if c.i > head.i])
        readings: list[tuple[str, tuple[CharSpan, ...], tuple[int, ...]]] = [
            ("full", (noun_phrase(head, False),), (head.i,)),
            ("core", (noun_phrase(head, False, core=True),), (head.i,)),
        ]
        if len(conjuncts) > 1 and head.dep_ != "conj":
            readings.append(("joined", (noun_phrase(head, True),), conjuncts))
            readings.append(("split", tuple(noun_phrase(doc[i], False) for i in conjuncts), conjuncts))
        for variant, spans, heads in readings:
            if spans in found or any(a <= pred.idx < b for a, b in spans):
                continue
            features = _features(head, pred, root, predicate, spans, variant, passive, chunks)
            found[spans] = Candidate(spans, heads, features)
    return list(found.values())


def _features(
    head: Token,
    pred: Token,
    root: Token,
    predicate: Predicate,
    spans: tuple[CharSpan, ...],
    variant: str,
    passive: bool,
    chunks: set[CharSpan],
) -> tuple[str, ...]:
    doc = head.doc
    relation = _relation(head, pred)
    # ``root`` is the sentence's root, passed in: ``head.sent`` would walk the whole document per candidate.
    root_relation = _relation(head, root) if root != pred else "same"
    side = "before" if head.i < pred.i else "after"
    span = (spans[0][0], spans[-1][1])
    phrase = doc.char_span(span[0], span[1], alignment_mode="expand")
    tokens = list(phrase) if phrase is not None and len(phrase) else [head]
    rule = (
        "rule:source"
        if head.i in predicate.source_heads
        else "rule:target"
        if head.i in predicate.target_heads
        else "rule:none"
    )
    exact = (
        "exact:source"
        if set(spans) <= set(predicate.sources)
        else "exact:target"
        if set(spans) <= set(predicate.targets)
        else "exact:none"
    )
    inside = (
        "source"
        if any(_covers(spans, doc[h].idx) for h in predicate.source_heads)
        else "target"
        if any(_covers(spans, doc[h].idx) for h in predicate.target_heads)
        else "none"
    )
    return (
        "bias",
        f"dep={head.dep_}",
        f"pos={head.pos_}",
        f"ent={head.ent_type_ or '-'}",
        f"rel={relation}",
        f"rel={relation}|{side}",
        f"rel={relation}|passive={passive}",
        f"rel={relation}|frame={predicate.entry.frame or '-'}",
        f"rel={relation}|ppos={pred.pos_}",
        f"side={side}",
        f"dist={min(abs(head.i - pred.i), 8)}",
        f"dist={min(abs(head.i - pred.i), 8)}|{side}",
        rule,
        f"{rule}|{relation}",
        exact,
        f"variant={variant}",
        f"variant={variant}|{relation}",
        f"variant={variant}|last={tokens[-1].tag_}",
        f"len={min(len(tokens), 12) // 2}",
        f"first={tokens[0].tag_}",
        f"last={tokens[-1].tag_}",
        f"chunk={span in chunks}",
        f"comma={any(',' in t.text for t in tokens)}",  # not doc.text: spaCy rebuilds it per call
        f"ent={head.ent_type_ or '-'}|{relation}",
        f"root={predicate.cameo[:2]}|{relation}",
        f"pdep={pred.dep_}|{relation}",
        f"lemma={pred.lemma_.lower()}|{relation}",
        f"rootrel={root_relation}",
        f"prep={head.head.lower_ if head.dep_ == 'pobj' else '-'}",
        f"hlemma={head.lemma_.lower() if head.pos_ != 'PROPN' else '-'}",
        f"inside={inside}",
        f"party={party_like(head)}",
        f"party={party_like(head)}|{relation}",
        f"ent={head.ent_type_ or '-'}|variant={variant}",
        f"rootrel={root_relation}|{side}",
        f"ent={head.ent_type_ or '-'}|{side}",
        # "rejected Theresa May's offer": the annotators take the possessed phrase, not its owner.
        f"owned={any(c.dep_ == 'poss' for c in head.children)}|{relation}",
        f"owner={head.dep_ == 'poss'}|{head.head.dep_}|{side}",
        f"first={tokens[0].lower_ if tokens[0].tag_ in ('DT', 'IN') else tokens[0].tag_}|variant={variant}",
    )


@dataclass(frozen=True)
class PhraseModel:
    """Feature weights per role; a phrase's probability is the logistic of its summed weights."""

    weights: dict[str, dict[str, float]]

    def probability(self, role: str, candidate: Candidate) -> float:
        table = self.weights[role]
        score = sum(table.get(f, 0.0) for f in candidate.features)
        return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))

    def to_json(self) -> str:
        rounded = {
            role: {f: round(w, 3) for f, w in table.items() if abs(w) >= 0.01}
            for role, table in self.weights.items()
        }
        return json.dumps(rounded, sort_keys=True, separators=(",", ":"))


def choose(
    model: PhraseModel, sent: SpacySpan, predicate: Predicate, chunks: set[CharSpan] | None = None
) -> Predicate:
    """``predicate`` with its source and target phrases chosen by the ranker, completed by the rules.

    A source the rules found stays: the ranker only chooses the best phrase around its heads. Otherwise the
    ranker's best phrase for a role wins when it clears the role's threshold; when it covers one of the
    rules' heads, the rules' other heads (conjuncts of a compound actor) are kept beside it, each with its
    own phrase. When the ranker finds nothing, picks the reporter of a reported claim, or picks a target
    inside the rules' party-like object, the rules' phrases stay.
    """
    doc = sent.doc
    scored = candidates(sent, predicate, chunks)
    rule_heads = {"source": predicate.source_heads, "target": predicate.target_heads}
    rule_spans = {"source": predicate.sources, "target": predicate.targets}
    chosen: dict[str, tuple[tuple[CharSpan, ...], tuple[int, ...]]] = {}
    for role in ROLES:
        heads = rule_heads[role]
        taken = chosen.get("source", ((), ()))[0]
        pool = [c for c in scored if not any(_overlaps(span, other) for span in c.spans for other in taken)]
        if role == "source" and heads:
            # The parse's subject or agent is trusted; the ranker only draws its phrase's bounds.
            pool = [c for c in pool if all(_covers(c.spans, doc[h].idx) for h in heads)]
        best = max(pool, key=lambda c: model.probability(role, c), default=None)
        if best is None or model.probability(role, best) < THRESHOLDS[role]:
            # Below the ranker's threshold only a target that can name a party stays ("the ceasefire" cannot).
            keep = role == "source" or all(party_like(doc[h]) for h in heads)
            chosen[role] = (rule_spans[role], heads) if keep else ((), ())
            continue
        if heads and predicate.reporter is not None and _covers(best.spans, doc[predicate.reporter].idx):
            chosen[role] = (rule_spans[role], heads)  # a reported claim keeps its own parties
            continue
        if role == "target" and _nested_below(doc, best.heads, heads):
            # "objections to Chinese attempts to thwart ... Vietnam": the party the parse names, not one
            # buried in its clause.
            chosen[role] = (rule_spans[role], heads)
            continue
        covered = [h for h in heads if _covers(best.spans, doc[h].idx)]
        if not covered:
            chosen[role] = (best.spans, best.heads)
            continue
        others = [h for h in heads if h not in covered]
        extra = tuple(noun_phrase(doc[h], False) for h in others)
        chosen[role] = (best.spans + extra, tuple(dict.fromkeys((*best.heads, *covered, *others))))
    return replace(
        predicate,
        sources=chosen["source"][0],
        targets=chosen["target"][0],
        source_heads=chosen["source"][1],
        target_heads=chosen["target"][1],
    )


def _nested_below(doc: Doc, chosen: tuple[int, ...], heads: tuple[int, ...]) -> bool:
    """Whether the chosen phrase lies in the subtree of a rules' head that can itself name a party."""
    return any(
        doc[h].is_ancestor(doc[c]) and party_like(doc[h]) for h in heads for c in chosen if c not in heads
    )


def _covers(spans: tuple[CharSpan, ...], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


def _overlaps(a: CharSpan, b: CharSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@lru_cache(maxsize=1)
def shipped_phrase_model() -> PhraseModel | None:
    """The trained ranker shipped with dyad, or None before ``dyad train events`` has been run."""
    resource = resources.files("dyad.codebooks").joinpath(MODEL_FILE)
    if not resource.is_file():
        return None
    try:
        weights = json.loads(resource.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CodebookError(f"{MODEL_FILE} is not JSON: {exc}; rebuild it with `dyad train events`") from exc
    if set(weights) != set(ROLES):
        raise CodebookError(f"{MODEL_FILE} must have weights for {ROLES}")
    return PhraseModel(weights)

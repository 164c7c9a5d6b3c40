"""The noun phrases of a sentence that may name an event's source or target, with their parse features.

Each nominal head gives readings (its phrase with and without what follows it, a coordination joined and
split); :func:`candidates` describes every reading against one predicate (dependency path, side, distance,
entity types, the rules' proposal) for the ranker of :mod:`dyad.nlp.actor_phrases`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from dyad.nlp.doc_cache import per_key
from dyad.nlp.noun_phrases import CharSpan, core_differs, noun_phrase, party_like
from dyad.nlp.predicates import Predicate

_NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A reading of one phrase: its spans (one per conjunct when coordination is split) and their heads."""

    spans: tuple[CharSpan, ...]
    heads: tuple[int, ...]  # head tokens the phrase names (several for "France and Germany")
    features: tuple[str, ...]
    unit: np.ndarray = field(compare=False)  # the first head's word vector at unit length


@dataclass(frozen=True, slots=True)
class Reading:
    """A phrase reading of a nominal head with all that does not depend on the predicate, computed once
    per sentence (a sentence holds several predicates, each scoring the same phrases)."""

    spans: tuple[CharSpan, ...]
    heads: tuple[int, ...]
    head: int
    variant: str
    ent: str  # the head's entity type, "-" for none
    party: bool
    inner: str
    first: str  # the first token's tag, or its word for a determiner or preposition
    fixed: dict[str, str]  # ready-made feature strings, by name
    root_relation: str  # the head's path to the sentence's root
    unit: np.ndarray = field(compare=False)  # the head's word vector at unit length


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


def sentence_readings(sent: SpacySpan, chunks: set[CharSpan] | None = None) -> list[Reading]:
    """Every phrase reading of the sentence's nominal heads: each head's phrase with and without what
    follows it, and a coordination joined and split. A reading whose spans an earlier one has is left out."""
    doc = sent.doc
    if chunks is None:
        chunks = noun_chunk_spans(sent)
    width = doc.vocab.vectors.shape[1]
    root = sent.root
    found: dict[tuple[CharSpan, ...], Reading] = {}
    for head in sent:
        if head.pos_ not in _NOMINAL:
            continue
        unit = unit_vector(head, width)
        root_relation = _relation(head, root)
        conjuncts = (head.i, *[c.i for c in head.conjuncts if c.i > head.i])
        readings: list[tuple[str, tuple[CharSpan, ...], tuple[int, ...]]] = [
            ("full", (noun_phrase(head, False),), (head.i,))
        ]
        if core_differs(head):  # else the core is the full phrase, a reading already found
            readings.append(("core", (noun_phrase(head, False, core=True),), (head.i,)))
        if len(conjuncts) > 1 and head.dep_ != "conj":
            readings.append(("joined", (noun_phrase(head, True),), conjuncts))
            readings.append(("split", tuple(noun_phrase(doc[i], False) for i in conjuncts), conjuncts))
        for variant, spans, heads in readings:
            if spans not in found:
                found[spans] = _reading(head, variant, spans, heads, chunks, unit, root_relation)
    return list(found.values())


def _reading(
    head: Token,
    variant: str,
    spans: tuple[CharSpan, ...],
    heads: tuple[int, ...],
    chunks: set[CharSpan],
    unit: np.ndarray,
    root_relation: str,
) -> Reading:
    doc = head.doc
    span = (spans[0][0], spans[-1][1])
    phrase = doc.char_span(span[0], span[1], alignment_mode="expand")
    tokens = list(phrase) if phrase is not None and len(phrase) else [head]
    ent = head.ent_type_ or "-"
    first, last = tokens[0].tag_, tokens[-1].tag_
    fixed = {
        "dep": f"dep={head.dep_}",
        "pos": f"pos={head.pos_}",
        "ent": f"ent={ent}",
        "variant": f"variant={variant}",
        "variant_last": f"variant={variant}|last={last}",
        "len": f"len={min(len(tokens), 12) // 2}",
        "first": f"first={first}",
        "last": f"last={last}",
        "chunk": f"chunk={span in chunks}",
        "comma": f"comma={any(',' in t.text for t in tokens)}",  # not doc.text: spaCy rebuilds it per call
        "prep": f"prep={head.head.lower_ if head.dep_ == 'pobj' else '-'}",
        "hlemma": f"hlemma={head.lemma_.lower() if head.pos_ != 'PROPN' else '-'}",
        "owned": f"owned={any(c.dep_ == 'poss' for c in head.children)}",
        "owner": f"owner={head.dep_ == 'poss'}|{head.head.dep_}",
    }
    return Reading(
        spans,
        heads,
        head.i,
        variant,
        ent,
        party_like(head),
        _inner_entities(tokens, head),
        tokens[0].lower_ if tokens[0].tag_ in ("DT", "IN") else first,
        fixed,
        root_relation,
        unit,
    )


def candidates(
    sent: SpacySpan,
    predicate: Predicate,
    chunks: set[CharSpan] | None = None,
    readings: list[Reading] | None = None,
) -> list[Candidate]:
    """Every noun phrase of the sentence with its features for ``predicate`` (``readings``: the
    sentence's, when the caller has them)."""
    doc = sent.doc
    pred = doc[predicate.token]
    context = _Context.of(predicate, pred, sent.root)
    out = []
    for reading in sentence_readings(sent, chunks) if readings is None else readings:
        if reading.head == predicate.token or any(a <= pred.idx < b for a, b in reading.spans):
            continue
        features = _features(reading, doc[reading.head], pred, context)
        out.append(Candidate(reading.spans, reading.heads, features, reading.unit))
    return out


@dataclass(frozen=True, slots=True)
class _Context:
    """What the features of every reading read off one predicate, looked up once for all of them."""

    source_heads: frozenset[int]
    target_heads: frozenset[int]
    sources: frozenset[CharSpan]
    targets: frozenset[CharSpan]
    source_offsets: tuple[int, ...]  # character offsets of the rules' heads
    target_offsets: tuple[int, ...]
    same_root: bool  # the predicate is the sentence's root
    passive: str  # feature suffixes of the predicate, as "|passive=True"
    frame: str
    ppos: str
    root: str  # feature prefixes of the predicate, as "root=04|"
    pdep: str
    lemma: str

    @classmethod
    def of(cls, predicate: Predicate, pred: Token, root: Token) -> _Context:
        doc = pred.doc
        # ``root`` is the sentence's, passed in: ``head.sent`` would walk the whole document per candidate.
        return cls(
            frozenset(predicate.source_heads),
            frozenset(predicate.target_heads),
            frozenset(predicate.sources),
            frozenset(predicate.targets),
            tuple(doc[h].idx for h in predicate.source_heads),
            tuple(doc[h].idx for h in predicate.target_heads),
            root == pred,
            f"|passive={any(c.dep_ == 'auxpass' for c in pred.children)}",
            f"|frame={predicate.entry.frame or '-'}",
            f"|ppos={pred.pos_}",
            f"root={predicate.cameo[:2]}|",
            f"pdep={pred.dep_}|",
            f"lemma={pred.lemma_.lower()}|",
        )


def _features(reading: Reading, head: Token, pred: Token, context: _Context) -> tuple[str, ...]:
    spans, variant, ent, fixed = reading.spans, reading.variant, reading.ent, reading.fixed
    relation = _relation(head, pred)
    root_relation = "same" if context.same_root else reading.root_relation
    side = "before" if head.i < pred.i else "after"
    rule = (
        "rule:source"
        if head.i in context.source_heads
        else "rule:target"
        if head.i in context.target_heads
        else "rule:none"
    )
    exact = (
        "exact:source"
        if context.sources.issuperset(spans)
        else "exact:target"
        if context.targets.issuperset(spans)
        else "exact:none"
    )
    inside = (
        "source"
        if any(covers(spans, offset) for offset in context.source_offsets)
        else "target"
        if any(covers(spans, offset) for offset in context.target_offsets)
        else "none"
    )
    nested = _nested_under(head, pred)
    distance = min(abs(head.i - pred.i), 8)
    return (
        "bias",
        fixed["dep"],
        fixed["pos"],
        fixed["ent"],
        f"rel={relation}",
        f"rel={relation}|{side}",
        f"rel={relation}{context.passive}",
        f"rel={relation}{context.frame}",
        f"rel={relation}{context.ppos}",
        f"side={side}",
        f"dist={distance}",
        f"dist={distance}|{side}",
        rule,
        f"{rule}|{relation}",
        exact,
        fixed["variant"],
        f"variant={variant}|{relation}",
        fixed["variant_last"],
        fixed["len"],
        fixed["first"],
        fixed["last"],
        fixed["chunk"],
        fixed["comma"],
        f"ent={ent}|{relation}",
        f"{context.root}{relation}",
        f"{context.pdep}{relation}",
        f"{context.lemma}{relation}",
        f"rootrel={root_relation}",
        fixed["prep"],
        fixed["hlemma"],
        f"inside={inside}",
        f"party={reading.party}",
        f"party={reading.party}|{relation}",
        f"ent={ent}|variant={variant}",
        f"rootrel={root_relation}|{side}",
        f"ent={ent}|{side}",
        # "rejected Theresa May's offer": the annotators take the possessed phrase, not its owner.
        f"{fixed['owned']}|{relation}",
        f"{fixed['owner']}|{side}",
        f"first={reading.first}|variant={variant}",
        f"inner={reading.inner}",
        f"inner={reading.inner}|{relation}",
        f"nested={nested}",
        f"nested={nested}|ent={ent}",
        f"nested={nested}|{rule}",
        f"nested={nested}|{exact}|variant={variant}",
    )


def _inner_entities(tokens: list[Token], head: Token) -> str:
    """The entity types named inside a phrase besides its head ("a base in Nigeria": GPE)."""
    types = {t.ent_type_ for t in tokens if t.ent_iob_ == "B" and t.ent_type_ != head.ent_type_}
    return "+".join(sorted(types)) or "-"


def _nested_under(head: Token, pred: Token) -> str:
    """The dependency of the predicate's argument whose phrase contains ``head`` ("-" when it is one)."""
    node = head
    for _ in range(6):
        if node.head == pred or node.head == node:
            return "-" if node == head else node.dep_
        if node.dep_ not in ("pobj", "prep", "poss", "compound", "nmod", "appos", "amod"):
            return "clause"
        node = node.head
    return "deep"


def null_features(sent: SpacySpan, predicate: Predicate) -> tuple[str, ...]:
    """Features of the reading "no phrase has this role": the predicate's shape and the sentence's words."""
    pred = sent.doc[predicate.token]
    children = list(pred.children)
    return (
        "null",
        f"null|lemma={pred.lemma_.lower()}",
        f"null|root={predicate.cameo[:2]}",
        f"null|ppos={pred.pos_}",
        f"null|pdep={pred.dep_}",
        f"null|frame={predicate.entry.frame or '-'}",
        f"null|obj={any(c.dep_ in ('dobj', 'dative') for c in children)}",
        f"null|rule={bool(predicate.target_heads)}",
        f"null|srule={bool(predicate.source_heads)}",
        f"null|passive={any(c.dep_ == 'auxpass' for c in children)}",
        *sorted({f"null|prep={c.lower_}" for c in children if c.dep_ in ("prep", "agent")}),
        *sorted({f"null|w={t.lemma_.lower()}" for t in sent if t.is_alpha and not t.is_stop}),
    )


_UNITS = "dyad_events.unit_vectors"


def unit_vector(token: Token, width: int) -> np.ndarray:
    """The token's word vector scaled to length 1 (zeros for a word without one); a word's vector is the
    same wherever it stands, so each is computed once per document."""
    return per_key(token.doc, _UNITS, token.orth, lambda: _unit(token, width))


def _unit(token: Token, width: int) -> np.ndarray:
    vector = np.asarray(token.vector, dtype=np.float32)  # spaCy copies the row on each access: once
    # The float32 square root of the dot product: what np.linalg.norm computes, without its dispatch.
    norm = float(np.sqrt(vector.dot(vector))) if len(vector) == width else 0.0
    return np.asarray(vector / norm, dtype=np.float32) if norm else np.zeros(width, dtype=np.float32)


def covers(spans: tuple[CharSpan, ...], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)

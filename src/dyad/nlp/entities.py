"""The ``dyad_entity_labels`` component: one label per name throughout a document.

Statistical NER labels each occurrence on its own, so the small model calls "Blinken" a place in half of
the sentences. Within one article a name means one thing: each name takes the label most of its
occurrences got, a lone surname takes the label of the full name it shortens, and a capitalised surname the
model skipped is added when the article (or the people table) names that person in full.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from dyad.codebooks.countries import terms
from dyad.codebooks.people import builtin_people

_NAME_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"})
_POSSESSIVE = ("'s", "’s")


@cache
def _known_surnames() -> frozenset[str]:
    """Single-word names of the people table ("Blinken", "Erdogan"), lowercase."""
    return frozenset(s for s in builtin_people().surfaces() if " " not in s)


def _key(span: Span) -> str:
    text = span.text
    for suffix in _POSSESSIVE:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


@Language.component("dyad_entity_labels")
def dyad_entity_labels(doc: Doc) -> Doc:
    ents = list(doc.ents)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for ent in ents:
        if ent.label_ in _NAME_LABELS:
            votes[_key(ent)][ent.label_] += 1
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1 and e[-1].pos_ == "PROPN"}
    known = _known_surnames()
    for surname in surnames:
        votes[surname]["PERSON"] += 2  # a full name earlier or later outweighs a stray label
    for key, counter in votes.items():
        if key.lower() in known:
            counter["PERSON"] += 2  # a surname of the people table ("Pompeo" tagged ORG)
    codebook = terms()
    relabelled: list[Span] = []
    changed = False
    for ent in ents:
        label = ent.label_
        key = _key(ent)
        if label in _NAME_LABELS and key not in codebook:
            best, _ = votes[key].most_common(1)[0]
            if best != label:
                label = best
                changed = True
        relabelled.append(ent if label == ent.label_ else Span(doc, ent.start, ent.end, label=label))
    covered = {i for e in relabelled for i in range(e.start, e.end)}
    for tok in doc:
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        if tok.text in surnames or (tok.lower_ in known and tok.text not in codebook):
            relabelled.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
            changed = True
    if changed:
        doc.set_ents(sorted(relabelled, key=lambda s: s.start))
    return doc

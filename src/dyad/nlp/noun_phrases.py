"""Noun phrases over a dependency parse: the character span a party's head stands for.

Spans are the whole noun phrase, as annotated in the ConfliBERT data: what precedes the head, and on its right
its modifiers, prepositional phrases and appositions, never a relative or adverbial clause, a clause with an
infinitive or its own subject, or a date; a place or body's description after a comma only in its core, which
actors are read from ("Donetsk, a city held by Russian forces").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dyad.codebooks.countries import roles
from dyad.nlp.doc_cache import once

CharSpan = tuple[int, int]

# Heads of a noun phrase's right side kept in its span; relative clauses, appositions after commas and
# coordinated clauses are cut, as in the ConfliBERT annotation.
NP_RIGHT_KEEP = ("compound", "amod", "nummod", "prep", "pobj", "poss", "case", "flat", "appos", "nmod", "acl")
NP_LEFT_DROP = ("punct", "cc", "preconj")
# What the core of a phrase keeps on its right: appositions and the parts of a name.
NP_CORE_KEEP = ("appos", "compound", "flat", "nmod")


def noun_phrase(
    head: Token, with_conjuncts: bool = True, core: bool = False, whole: bool = False
) -> CharSpan:
    """Character span of the noun phrase headed by ``head``, with its conjuncts unless told otherwise.

    ``core`` leaves out what follows the head but appositions ("the region" of "the region near Damascus").
    ``whole`` keeps what the annotation leaves out but may name a party: a place or body's description, a
    clause with an infinitive or its own subject ("an agreement to fund Kenya's hospitals"); actors are read
    from it.
    """
    doc = head.doc
    indices: set[int] = set()
    _phrase_tokens(head, core, whole, indices)
    # A name written with hyphens is one word ("Fayez al-Sarraj", "Jean-Pierre Lacroix"), whatever the
    # parser hung its parts on: the phrase holds each part's phrase. Most phrases touch no such hyphen: the
    # document's, found once, say so at no cost.
    hyphens = once(doc, _HYPHENS, lambda: [t.i for t in doc if _joins(t)])
    low, high = min(indices) - 1, max(indices) + 1
    if any(low <= i <= high for i in hyphens):
        for part in [p for i in sorted(indices) for p in _hyphenated(doc[i]) if p.i not in indices]:
            _phrase_tokens(part, core, whole, indices)
    if with_conjuncts:
        for conj in head.conjuncts:
            if conj.i > head.i:
                _phrase_tokens(conj, core, whole, indices)
    # A character span holds every token between its ends, so it is the run of phrase tokens around the
    # head (bridging a lone comma or conjunction): a token the parse attaches beyond a gap would pull in the
    # words of the gap.
    start, end = head.i, head.i
    while start - 1 in indices:
        start -= 1
    while end + 1 in indices or (end + 2 in indices and (doc[end + 1].is_punct or doc[end + 1].dep_ == "cc")):
        end += 1
    while start < end and (doc[start].dep_ in NP_LEFT_DROP or doc[start].is_punct):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].dep_ == "cc"):
        end -= 1
    end = _close_bracket(doc, start, end)
    return doc[start].idx, doc[end].idx + len(doc[end])


_HYPHENS = "dyad_events.hyphens"
_FULL_ONLY = frozenset(NP_RIGHT_KEEP) - frozenset(NP_CORE_KEEP)


def core_differs(head: Token) -> bool:
    """Whether the core phrase of ``head`` may differ from its whole phrase (without conjuncts): a dependent
    on its right that only the whole phrase keeps, or a hyphen in or beside its subtree (whose parts' own
    dependents count too). When neither, both are one span, and the core need not be computed."""
    if any(c.dep_ in _FULL_ONLY or _describes(head, c) for c in head.rights):
        return True
    doc = head.doc
    hyphens = once(doc, _HYPHENS, lambda: [t.i for t in doc if _joins(t)])
    low, high = head.left_edge.i - 1, head.right_edge.i + 1
    return any(low <= i <= high for i in hyphens)


def _hyphenated(head: Token) -> list[Token]:
    """The parts of the hyphenated word ``head`` is in, the hyphens too ([head] for a plain word)."""
    doc = head.doc
    start, end = head.i, head.i
    while start >= 2 and _joins(doc[start - 1]):
        start -= 2
    while end + 2 < len(doc) and _joins(doc[end + 1]):
        end += 2
    return list(doc[start : end + 1])


def _joins(token: Token) -> bool:
    """Whether ``token`` is a hyphen inside a word (no space on either side)."""
    return token.text == "-" and token.i > 0 and not token.whitespace_ and not token.nbor(-1).whitespace_


_OPENINGS = "dyad_events.brackets"


def _close_bracket(doc: Doc, start: int, end: int) -> int:
    """Extend a phrase that opens a bracket to its closing one ("Lesotho Defence Force ( LDF )")."""
    # Most phrases hold no bracket: the document's opening brackets, found once, say so at no cost.
    openings = once(doc, _OPENINGS, lambda: [t.i for t in doc if t.text == "("])
    if not any(start <= i <= end for i in openings):
        return end
    depth = sum(1 if t.text == "(" else -1 if t.text == ")" else 0 for t in doc[start : end + 1])
    if depth <= 0:
        return end
    for i in range(end + 1, min(end + 12, len(doc))):
        if doc[i].is_sent_start:
            break
        if doc[i].text == ")":
            depth -= 1
            if depth == 0:
                return i
    return end


def _phrase_tokens(head: Token, core: bool, whole: bool, indices: set[int]) -> None:
    """Add to ``indices`` the tokens of the phrase of ``head`` alone: its left side, and the right-side
    dependents the whole phrase or its core keeps, without their clauses and dates."""
    keep = NP_CORE_KEEP if core else NP_RIGHT_KEEP
    indices.add(head.i)
    for child in head.children:
        if child.i < head.i:
            if child.dep_ not in NP_LEFT_DROP and child.dep_ not in ("relcl", "acl"):
                indices.update([t.i for t in child.subtree])
        elif child.dep_ in keep and not _cut(child, whole) and (core or whole or not _describes(head, child)):
            _outside_clauses(child, whole, indices)


# Named heads whose description after a comma is no part of their phrase; a person's is ("Gul Rahman, a
# suspected militant" is annotated both ways).
_PLACES_AND_BODIES = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP"})


def _describes(head: Token, child: Token) -> bool:
    """Whether ``child`` is an apposition set off by a comma that describes the place or body ``head``
    names ("Haifa, Israel's third largest city"): the ConfliBERT annotation leaves it out of the whole
    phrase (6 of 6 in the dev part of its span gold). One headed by a title or a name ("Tantan, the Minister
    of Interior") tells that the tagger took a person for a place or a body, and stays. The core keeps it:
    it may name the party ("Donetsk, a city held by Russian forces")."""
    if child.dep_ != "appos" or child.pos_ != "NOUN" or head.ent_type_ not in _PLACES_AND_BODIES:
        return False
    before = child.left_edge.i - 1
    return before > head.i and head.doc[before].text == ","


def _outside_clauses(top: Token, whole: bool, indices: set[int]) -> None:
    """Add ``top`` and what hangs below it, but a relative or adverbial clause, a coordinated part, a
    punctuation mark (but in an apposition), what :func:`_cut` cuts, with all below them, and a date or time
    token."""
    # One walk down the tree: testing each token of the subtree by walking up to ``top`` cost a quarter
    # more of noun_phrase's time.
    stack = [top]
    while stack:
        node = stack.pop()
        if node.ent_type_ not in ("DATE", "TIME"):
            indices.add(node.i)
        for child in node.children:
            dep = child.dep_
            if (
                dep not in ("relcl", "advcl", "conj", "cc")
                and (dep != "punct" or node.dep_ == "appos")
                and not _cut(child, whole)
            ):
                stack.append(child)


def _cut(token: Token, whole: bool) -> bool:
    """Whether the dependent ``token`` ends the phrase before it, as relative clauses do: a clause with its
    own subject or an infinitive ("the decision to recognise Jerusalem", "the demand that Erbil cancel the
    vote": 8 of 9 left out in the dev part of the ConfliBERT span gold, where participles such as "forces
    based in Vitez" are kept 9 of 13), or a preposition whose objects are all dates or times, which without
    them would hang at the phrase's end ("a city held by Russian forces since")."""
    if token.dep_ == "acl":
        return not whole and any(
            c.dep_ in ("nsubj", "nsubjpass", "mark") or (c.dep_ == "aux" and c.lower_ == "to")
            for c in token.children
        )
    if token.dep_ != "prep":
        return False
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def conjuncts(head: Token) -> list[Token]:
    """A phrase's head and the heads coordinated after it ("Russia" and "China" of "Russia and China")."""
    return [head, *[c for c in head.conjuncts if c.i > head.i]]


def expand_conjuncts(heads: list[Token]) -> list[Token]:
    """Every head with the heads coordinated after it, each once, in order."""
    out: list[Token] = []
    for head in heads:
        for conj in conjuncts(head):
            if conj not in out:
                out.append(conj)
    return out


def object_of(token: Token, preps: tuple[str, ...] = ("of",)) -> Token | None:
    """The object of the token's first phrase of one of ``preps``: "Brazil" in "the president of Brazil";
    None when that phrase has no object."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def party_like(head: Token) -> bool:
    """Whether a phrase head can name a party: a named entity, a role noun ("troops"), a pronoun."""
    if head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or head.pos_ == "PRON":
        return True
    return role_noun(head) or any(
        c.ent_type_ in ("ORG", "GPE", "NORP") for c in head.children if c.dep_ in ("compound", "amod", "poss")
    )


def role_noun(token: Token) -> bool:
    """Whether a word is a role noun of the tables, as written or by its lemma ("minister", "troops")."""
    table = roles()
    return token.lower_ in table or token.lemma_.lower() in table

"""Matching the codebooks in a ``Doc``: which tokens name a country, organisation, role or known person.

All tables become spaCy ``PhraseMatcher`` patterns built once per vocabulary, so a document is scanned in
one pass per matcher, never term by term.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from dyad.codebooks.countries import Role, Term, roles, supranational_regions, terms
from dyad.codebooks.people import builtin_people
from dyad.codebooks.places import gazetteer, regions

_TERM = "DYAD_TERM"
_ROLE = "DYAD_ROLE"
_PERSON = "DYAD_PERSON"


@dataclass(frozen=True, slots=True)
class TermMatch:
    start: int  # token index
    end: int
    term: Term


@dataclass(frozen=True, slots=True)
class RoleMatch:
    start: int
    end: int
    role: Role
    plural: bool


@dataclass(slots=True)
class Annotations:
    """Per-token index of what the codebooks matched in one document."""

    terms: list[TermMatch | None]
    roles: list[RoleMatch | None]
    known_people: list[Span]  # multi-word names of the people table found verbatim


class Lexicon:
    """The compiled matchers for one spaCy vocabulary."""

    def __init__(self, nlp: Language) -> None:
        vocab = nlp.vocab
        # Cities and regions stand for their country ("Xinjiang authorities", "Shanghai said"); names of
        # countries, capitals and organisations take precedence.
        places = {
            surface: Term(surface, "place", entry.country, None, entry.name)
            for surface, entry in gazetteer().items()
            if entry.country and entry.kind in ("city", "region", "territory")
        }
        # States and provinces ("British Columbia Premier" is Canadian): the gazetteer's entries first.
        places = {
            surface: Term(surface, "place", code, None, surface) for surface, code in regions().items()
        } | places
        self.terms = {**places, **terms()}
        self.roles = roles()
        self.regions = supranational_regions()
        self._term_matcher = PhraseMatcher(vocab, attr="ORTH")
        self._role_matcher = PhraseMatcher(vocab, attr="LOWER")
        self._person_matcher = PhraseMatcher(vocab, attr="LOWER")
        # Patterns are tokenized by the pipeline's own tokenizer so they align with documents.
        tokenize = nlp.make_doc
        self._term_matcher.add(_TERM, [tokenize(s) for s in self.terms])
        self._role_matcher.add(_ROLE, [tokenize(s) for s in self.roles])
        names = [s for s in builtin_people().surfaces() if " " in s]
        self._person_matcher.add(_PERSON, [tokenize(s) for s in names])

    def annotate(self, doc: Doc | Span) -> Annotations:
        base = doc.doc if isinstance(doc, Span) else doc
        offset = doc.start if isinstance(doc, Span) else 0
        n = len(base)
        term_at: list[TermMatch | None] = [None] * n
        role_at: list[RoleMatch | None] = [None] * n
        spans = [base[s + offset : e + offset] for _, s, e in self._term_matcher(doc)]
        roles_spans = [base[s + offset : e + offset] for _, s, e in self._role_matcher(doc)]
        for span in filter_spans(spans):
            term = self.terms.get(span.text)
            if term is None:  # matched on a token boundary inside a longer surface form
                continue
            if term.kind == "demonym" and self._region_people(base, span):
                continue
            match = TermMatch(span.start, span.end, term)
            for i in range(span.start, span.end):
                term_at[i] = match
        for span in filter_spans(roles_spans):
            if any(term_at[i] is not None for i in range(span.start, span.end)):
                continue  # a named institution ("Foreign Office") beats a role noun inside it
            surface = span.text.lower()
            role = self.roles.get(surface)
            if role is None:
                continue
            rmatch = RoleMatch(span.start, span.end, role, plural=surface != role.role)
            for i in range(span.start, span.end):
                role_at[i] = rmatch
        people = filter_spans([base[s + offset : e + offset] for _, s, e in self._person_matcher(doc)])
        return Annotations(term_at, role_at, people)

    def _region_people(self, doc: Doc, span: Span) -> bool:
        """Whether a people's name follows a region's word ("Latin American", "South American"): the
        region's people, of no single state."""
        return span.start > 0 and f"{doc[span.start - 1].lower_} {span.text.lower()}" in self.regions


_lexicons: dict[int, Lexicon] = {}
_lock = threading.Lock()


def lexicon(nlp: Language) -> Lexicon:
    """The lexicon compiled for ``nlp``'s vocabulary, built once per process."""
    with _lock:
        key = id(nlp.vocab)
        if key not in _lexicons:
            _lexicons[key] = Lexicon(nlp)
        return _lexicons[key]

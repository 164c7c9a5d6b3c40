"""Finding a taxonomy's cue phrases in a document: whole tokens, any case, any inflection.

A cue token matches a document token when it equals the token's lower-case form, its lemma or its norm
(so "tariff" matches "tariffs" and "Russia's" matches "Russia’s"). A cue token written in capitals (an
acronym such as "WHO" or "ICC") matches only the same capitals, so "who" never counts as the WHO.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.attrs import LEMMA, NORM, ORTH
from spacy.tokens import Doc, Token

from dyad.codebooks.taxonomy import Taxonomy

STRONG = "keywords"  # the cue kind that names the issue itself; places and actors are weaker evidence


@dataclass(frozen=True, slots=True)
class CueHit:
    issue: int  # index of the issue in the taxonomy
    kind: str  # keywords | places | actors
    cue: str  # the cue as written in the taxonomy, so repeats of one cue count once
    start: int  # character span in the document
    end: int


@dataclass(frozen=True, slots=True)
class _Pattern:
    tokens: tuple[tuple[str, bool], ...]  # (form, case-sensitive)
    issue: int
    kind: str
    cue: str


def _fold(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").lower()


def _case_sensitive(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class CueMatcher:
    """All cue phrases of a taxonomy, indexed by their first token; built once per taxonomy."""

    def __init__(self, taxonomy: Taxonomy, tokenize: Callable[[str], Doc]) -> None:
        self._index: dict[str, list[_Pattern]] = defaultdict(list)
        # (orth, lemma, norm) -> the token's forms and the patterns that may start at it
        self._form_cache: dict[tuple[int, int, int], tuple[tuple[str, ...], tuple[_Pattern, ...]]] = {}
        for number, issue in enumerate(taxonomy.issues):
            for kind, cues in issue.cues.by_kind():
                for cue in cues:
                    tokens = tuple(
                        (t.text if _case_sensitive(t.text) else _fold(t.text), _case_sensitive(t.text))
                        for t in tokenize(cue)
                        if not t.is_space
                    )
                    if tokens:
                        self._index[tokens[0][0]].append(_Pattern(tokens, number, kind, cue))

    def find(self, doc: Doc) -> list[CueHit]:
        """Every cue occurrence in ``doc`` (overlaps allowed: one phrase may be a cue of several issues)."""
        # The hashes straight from the doc's array: a Token object is made only for a word not seen before.
        cache = self._form_cache
        entries = [
            cache.get(key) or self._entry(doc[i])
            for i, key in enumerate(map(tuple, doc.to_array([ORTH, LEMMA, NORM]).tolist()))
        ]
        forms = [forms for forms, _ in entries]
        hits: list[CueHit] = []
        for i, (_, patterns) in enumerate(entries):
            for pattern in patterns:
                end = i + len(pattern.tokens)
                if end <= len(entries) and all(
                    (forms[i + k][0] == form) if exact else (form in forms[i + k])
                    for k, (form, exact) in enumerate(pattern.tokens)
                ):
                    last = doc[end - 1]
                    hits.append(
                        CueHit(pattern.issue, pattern.kind, pattern.cue, doc[i].idx, last.idx + len(last))
                    )
        return hits

    def _candidates(self, forms: tuple[str, ...]) -> Iterator[_Pattern]:
        seen: set[int] = set()
        for key in forms:
            for pattern in self._index.get(key, ()):
                if id(pattern) not in seen:
                    seen.add(id(pattern))
                    yield pattern

    def _entry(self, token: Token) -> tuple[tuple[str, ...], tuple[_Pattern, ...]]:
        """(text, lower, lemma, norm) of a token and the patterns whose first token one of them is,
        cached by the hashes spaCy already holds: most tokens start no pattern, and are looked up once."""
        key = (token.orth, token.lemma, token.norm)
        entry = self._form_cache.get(key)
        if entry is None:
            if len(self._form_cache) > 500_000:  # a long-running process meets new words forever
                self._form_cache.clear()
            forms = (token.text, _fold(token.text), _fold(token.lemma_), _fold(token.norm_))
            entry = (forms, tuple(self._candidates(forms)))
            self._form_cache[key] = entry
        return entry

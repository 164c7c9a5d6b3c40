"""Names of people that the entity tagger cut short, mislabelled or missed, repaired against the knowledge
base: "Meles Zenawi" tagged as the place "Zenawi", "Ursula von der Leyen" cut to "Ursula von der",
"Thaksin Shinawatra" read as the product "Shinawatra", "Ahmet Davutoglu" not tagged at all.

A name run is a stretch of capitalised words in one sentence, joined by hyphens written without spaces
("Chan-o-cha", "al-Maliki") and by lower-case particles ("von der", "bin", "de"). The longest part of a
run that the knowledge base knows as a person is that person, and replaces the entities it overlaps. A
lone word elsewhere in the article that is such a person's surname (or, in East Asian order, family name:
"Park" after "Park Geun-hye") is a mention of them too, whatever the tagger made of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from dyad.codebooks.people import BODY_WORDS, has_first_name
from dyad.nlp.lexicon import Annotations

PARTICLES = frozenset(
    {"al", "el", "ad", "as", "ar", "bin", "ibn", "bint", "abu", "ould", "von", "van", "der", "den", "de",
     "del", "da", "das", "do", "dos", "du", "la", "le", "ter", "y"}
)  # fmt: skip
_HYPHENS = frozenset({"-", "‐", "‑"})
# Words capitalised at a sentence's start that begin no name: "A German doctor" is not Alejandrina German,
# "The Thai court" nobody ("To" stays: To Lam).
_NOT_FIRST = frozenset(
    {"a", "an", "the", "as", "at", "in", "on", "of", "for", "by", "with", "from", "and", "or", "but", "if",
     "while", "when", "after", "before", "this", "that", "these", "those", "his", "her", "its", "their",
     "our", "my"}
)  # fmt: skip
_INITIAL = re.compile(r"[A-Z]\.$")
MAX_WORDS = 6  # tokens of the longest name tried ("Cristina Fernandez de Kirchner" is 4)

Known = Callable[[str], bool]


def repair_people(
    doc: Doc, ann: Annotations, persons: list[Span], others: list[Span], known: Known
) -> tuple[list[Span], list[Span]]:
    """``persons`` and ``others`` (the tagger's entities) with the names ``known`` (a person of the
    knowledge base on the article's date) read from name runs in place of the entities they overlap, and
    lone surnames of people found added as persons."""
    found = _known_spans(doc, ann, known, persons, others)
    if found:
        taken = {i for s in found for i in range(s.start, s.end)}
        persons = [p for p in persons if not _overlaps(p, taken)] + found
        others = [o for o in others if not _overlaps(o, taken)]
    surnames = _surnames(persons)
    if not surnames:
        return persons, others
    covered = {i for p in persons for i in range(p.start, p.end)}
    lone = [
        doc[i : i + 1]
        for i in range(len(doc))
        if i not in covered
        and doc[i].text in surnames
        and ann.terms[i] is None
        and ann.roles[i] is None
        and not _part_of_name(doc, i)
        and doc[i].dep_ != "compound"  # "Trump administration": a modifier, not the person
    ]
    if lone:
        taken = {s.start for s in lone}
        others = [o for o in others if not (len(o) == 1 and o.start in taken)]
        persons = persons + [s for s in lone if not any(o.start <= s.start < o.end for o in others)]
    return persons, others


def _known_spans(
    doc: Doc, ann: Annotations, known: Known, persons: list[Span], others: list[Span]
) -> list[Span]:
    """Known names in the name runs that extend or add to the tagger's persons (never cut one short),
    and do not start a longer name of something else ("Karl Marx Avenue", "the Islamic Revolutionary
    Guards Corps", "the Syrian National Army")."""
    person_of = {i: (p.start, p.end) for p in persons for i in range(p.start, p.end)}
    out = []
    for start, end in name_runs(doc):
        if end - start < 2:
            continue
        span = _longest_known(doc, ann, start, end, known, person_of)
        while span is not None:
            if not any(_cuts(span, other) for other in others):
                out.append(span)
            span = _longest_known(doc, ann, span.end, end, known, person_of)
    return out


def _cuts(span: Span, other: Span) -> bool:
    """``span`` starts or lies inside the entity ``other``, which goes on after it (a title before a
    name, "Ayatollah Ali Khamenei", may be tagged with it)."""
    return other.start <= span.start and span.end < other.end


def _longest_known(
    doc: Doc, ann: Annotations, lo: int, hi: int, known: Known, person_of: dict[int, tuple[int, int]]
) -> Span | None:
    """The leftmost, then longest, span of at least two words in ``[lo, hi)`` that names a known person
    and is not already a person entity nor cuts one (titles, particles and hyphens do not start or end a
    name; codebook terms alone are no name)."""
    for start in range(lo, hi - 1):
        if ann.roles[start] is not None or not _word(doc, start) or doc[start].lower_ in _NOT_FIRST:
            continue
        for end in range(min(hi, start + MAX_WORDS), start + 1, -1):
            if not _word(doc, end - 1) or all(ann.terms[i] is not None for i in range(start, end)):
                continue
            entities = {person_of[i] for i in range(start, end) if i in person_of}
            if any(a < start or b > end or (a, b) == (start, end) for a, b in entities):
                continue
            span = doc[start:end]
            if known(span.text):
                return span
    return None


def name_runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the article's name runs (see the module docstring)."""
    runs = []
    i, n = 0, len(doc)
    while i < n:
        if not _capital(doc, i):
            i += 1
            continue
        j = i + 1
        while j < n:  # no sentence test: the parser may split a name ("Gintautas | Paluckas deploys")
            if _capital(doc, j):
                j += 1
            elif _joining_hyphen(doc, j) and j + 1 < n and doc[j + 1].is_alpha:
                j += 2
            elif doc[j].lower_ in PARTICLES:
                k = j  # "von der Leyen", "al-Burhan"
                while k < n and (doc[k].lower_ in PARTICLES or _joining_hyphen(doc, k)):
                    k += 1
                if k < n and _capital(doc, k):
                    j = k + 1
                else:
                    break
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _capital(doc: Doc, i: int) -> bool:
    first = doc[i].text[:1]
    return first.isupper() and first.isalpha()


def _word(doc: Doc, i: int) -> bool:
    """A word a name can start or end with: not a particle or hyphen; an initial ("K. P. Sharma Oli")."""
    tok = doc[i]
    if _INITIAL.match(tok.text):
        return True
    return tok.is_alpha and (tok.lower_ not in PARTICLES or tok.text[:1].isupper())


def _joining_hyphen(doc: Doc, i: int) -> bool:
    return doc[i].text in _HYPHENS and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _part_of_name(doc: Doc, i: int) -> bool:
    """The word stands inside a longer run of capitalised words ("Park Avenue"), not alone."""
    return (i > 0 and _capital(doc, i - 1)) or (i + 1 < len(doc) and _capital(doc, i + 1))


def _surnames(persons: list[Span]) -> set[str]:
    """The surnames ("Maliki" of "Nouri al-Maliki") and family names in first place ("Park" of "Park
    Geun-hye", a hyphenated given name) of the multi-word people found."""
    out = set()
    for span in persons:
        words = span.text.split()
        if len(words) < 2:
            continue
        out.add(re.sub(r"^(?:[aA]l|[eE]l|[aA]d|[aA]s|[aA]r)[-‐‑]", "", words[-1]))
        if len(words) == 2 and "-" in words[1]:
            out.add(words[0])
    return {s for s in out if len(s) > 2 and s[:1].isupper()}


def _overlaps(span: Span, tokens: set[int]) -> bool:
    return any(i in tokens for i in range(span.start, span.end))


def looks_personal(ent: Span) -> bool:
    """An entity of two to four capitalised words (or particles) that starts with a known first name and
    has no word of a body's: a person the tagger took for an organisation ("Marine Le Pen")."""
    words = ent.text.split()
    return (
        2 <= len(words) <= 4
        and has_first_name(ent.text)
        and all(w[:1].isupper() or w in PARTICLES for w in words)
        and not any(w.lower().strip(".,") in BODY_WORDS for w in words)
    )


# Nouns of groups that a name before them belongs to ("the Viv Ansanm coalition", "the Gran Grif gang").
_GROUP_NOUNS = frozenset(
    {"coalition", "gang", "gangs", "group", "militia", "movement", "party", "alliance", "cartel", "network",
     "brigade", "brigades", "front", "organisation", "organization", "faction", "clan", "syndicate"}
)  # fmt: skip


def names_a_group(ent: Span) -> bool:
    """A name the tagger took for a person's that modifies a group noun right after it: the group's."""
    root = ent.root
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return (
        after is not None
        and after.lower_ in _GROUP_NOUNS
        and root.dep_ == "compound"
        and root.head.i == after.i
    )

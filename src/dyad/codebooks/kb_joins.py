"""Which facts of the open data are one person under two names, for ``dyad kb build``'s merge.

Facts join when a full name or multi-word alias is the same (in the build itself); these rules add the
names that differ: another transliteration of each word (:func:`spelling_pairs`) and a name written with
and without middle names (:func:`middle_name_pairs`), both only within one country.
"""

from __future__ import annotations

from collections import defaultdict

from dyad.codebooks.kb_facts import ARABIC_ARTICLES, Fact, name_key, spelling_keys


def spelling_pairs(facts: list[Fact], iso3: frozenset[str]) -> list[tuple[int, int]]:
    """Facts (indices) of one person written two ways in one country: full names of the same word count
    whose :func:`spelling_key` is the same, each word of the same first letter and length to a letter
    ("Yulia Tymoshenko" of Wikidata and Phoenix's "Yuliya Tymoshenko"). Short words ("Kim Man Su", "Kim
    Moon Soo") say too little."""
    names = [
        (i, key)
        for i, fact in enumerate(facts)
        if fact.kind == "person" and fact.country in iso3
        for key in sorted({name_key(n) for n in (fact.name, *fact.aliases)})
        if len(_named(key)) > 1 and all(len(w) >= 4 for w in _named(key))
    ]
    spelled: dict[tuple[str | None, str], list[tuple[int, str]]] = defaultdict(list)
    for (i, key), coarse in zip(names, spelling_keys([k for _, k in names]), strict=True):
        spelled[(facts[i].country, coarse)].append((i, key))
    pairs = []
    for group in spelled.values():  # a handful of names each: every pair is compared
        for n, (first, key) in enumerate(group):
            for other, other_key in group[n + 1 :]:
                if other_key != key and _alike_words(_named(key), _named(other_key)):
                    pairs.append((first, other))
    return pairs


def _named(key: str) -> list[str]:
    """The words of a name key less Arabic articles, which transliterations keep or drop ("Bashar
    al-Assad" of Wikidata, the Factbook's "Bashar al-ASAD")."""
    return [w for w in key.split() if w not in ARABIC_ARTICLES]


# First names too common to tell a person by with a family name alone, and words of descent ("bin").
_COMMON_FIRST = frozenset(
    {"muhammad", "mohammad", "mohammed", "mohamed", "muhammed", "mohamad", "mohd", "md", "abdul", "abd"}
)
_DESCENT = frozenset({"bin", "ibn", "bint", "binti", "ben", "ould", "wad", "lord", "lady", "baron", "sir"})


def middle_name_pairs(facts: list[Fact], iso3: frozenset[str]) -> list[tuple[int, int]]:
    """Facts (indices) of one person written with and without middle names in one country: Phoenix's
    "Julia Gillard" (deputy prime minister to 2010-03-31) and "Julia Eileen Gillard" (from 2010-04-01),
    one name respelled in a revision. A two-word name joins the fuller name of that country with the same
    first and last words when each is the only one of its length there (three people "George ... Bush"
    say nothing) and the family name is rare there: four letters or more ("Aung Kyi" is not "Aung San Suu
    Kyi") and borne with at most three first names ("Arun Singh" and "Arun Kumar Singh" are two people).
    Never across words of descent or rank ("bin", "Lord") or from a first name as common as Muhammad."""
    short: dict[tuple[str, str, str], dict[str, int]] = defaultdict(dict)
    full: dict[tuple[str, str, str], dict[str, int]] = defaultdict(dict)
    named: list[tuple[int, list[str]]] = [
        (i, key.split())
        for i, fact in enumerate(facts)
        if fact.kind == "person" and fact.country in iso3
        for key in {name_key(n) for n in (fact.name, *fact.aliases)}
    ]
    firsts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for i, words in named:
        if len(words) > 1:
            firsts[(facts[i].country or "", words[-1])].add(words[0])
    for i, words in named:
        if len(words) < 2 or words[0] in _COMMON_FIRST or len(words[-1]) < 4 or _DESCENT & set(words):
            continue
        if len(firsts[(facts[i].country or "", words[-1])]) <= 3:
            key = " ".join(words)
            place = (facts[i].country or "", words[0], words[-1])
            if len(words) == 2:
                short[place].setdefault(key, i)
            elif len(words) <= 4:
                full[place].setdefault(key, i)
    return [
        (next(iter(names.values())), next(iter(full[place].values())))
        for place, names in short.items()
        if len(names) == 1 and len(full.get(place, {})) == 1
    ]


def _alike_words(a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and all(
        x[0] == y[0] and abs(len(x) - len(y)) <= 1 for x, y in zip(a, b, strict=True)
    )

"""Which names in the actor knowledge base may stand for one another: another spelling of a name
("Muammar Qaddafi", "Moammar Gadhafi") and a fuller form of it ("Najib Razak", Najib Tun Razak).

Both are weak matches: ``ActorKB.resolve`` takes one only when the article's countries or the day's office
holders back it. The rules here keep them narrow, word for word and letter for letter, because a loose
match gives a stranger someone else's country."""

from __future__ import annotations

import re
from functools import cache

from dyad.codebooks.kb_facts import ARABIC_ARTICLES, DIGRAPHS, name_key

NASAB = frozenset({"bin", "ibn", "bint", "ben"})  # "Saud al-Faisal" is Saud al-Faisal bin Abdulaziz ...
NASAB_WORD = re.compile(r" (?:bin|ibn|bint|ben) ")


def subsequence(short: list[str], long: list[str]) -> bool:
    """Every word of ``short`` in ``long``, in order, the first words alike ("najib razak" in "najib tun
    razak"; a two-word name also matches after a first given name: "bambang yudhoyono"); an initial
    stands for any word it begins ("k p sharma oli": Khadga Prasad Sharma Oli)."""
    if len(short) > len(long) or not (_alike(short[0], long[0]) or _alike(short[0], long[1])):
        return False
    if len(short) == len(long) and not any(len(word) == 1 for word in short):
        return False
    rest = iter(long)
    return all(any(_alike(word, other) for other in rest) for word in short)


def adds_country(short: list[str], long: list[str]) -> bool:
    """``long`` has a word naming a country (or its people) that ``short`` lacks."""
    added = set(long) - set(short)
    return bool(added) and not added.isdisjoint(_country_words())


@cache
def _country_words() -> frozenset[str]:
    """Single-word country names, aliases and demonyms, as :func:`name_key` forms ("syrian", "libya")."""
    from dyad.codebooks.countries import countries

    out = set()
    for c in countries().values():
        for surface in (c.name, *c.aliases, *c.demonyms):
            key = name_key(surface)
            if key and " " not in key:
                out.add(key)
    return frozenset(out)


_GH_OR_Q = re.compile(r"gh|q")


def letter_variants(key: str) -> list[str]:
    """``key`` and its forms with every "gh" written "q" and every "q" written "gh": Persian sounds qaf and
    ghayn alike and writers spell both either way ("Sadegh" and "Sadeq Larijani", "Ghalibaf" and
    "Qalibaf", "Bagher" and "Baqer"), while the spelling key keeps "gh" apart from "q" for the Arabic names
    that tell them apart. The name must still pass :func:`respelled` in one of its forms, and the article's
    countries."""
    if not _GH_OR_Q.search(key):
        return [key]
    return list(dict.fromkeys((key, key.replace("gh", "q"), key.replace("q", "gh"))))


def respelled(key: str, surface: str) -> bool:
    """``surface`` (of the same spelling key) may be another spelling of ``key``: word for word (Arabic
    articles and initials aside, a name cut before "bin"/"ibn"), each word of the same length to a letter
    and a few letters apart, vowels counting half ("Mohamed", "Muhammad"; "Hussein", "Husayn";
    "Tsapkala", "Tsepkalo"). Names that share only consonants are other people: "Tom Barrack" is not the
    British minister "Tom Brake", "Cecilia Sala" not "Clay Sell", "John Korir" not "John Kerry". A word
    written otherwise must have four letters or more: a short syllable respelled is another name ("Lien
    Chan" is not "Lin Chuan", "Liu He" not "Lu Hao", "Anna Lindh" not "Ann Linde"), as the build's joins
    hold too (``dyad.codebooks.kb_joins``)."""
    ours, theirs = _plain_words(key), _plain_words(surface)
    if len(theirs) > len(ours):
        cut = next((i for i, w in enumerate(theirs) if w in NASAB and i >= 2), None)
        theirs = theirs[:cut] if cut is not None else theirs
    return len(ours) == len(theirs) and all(
        a == b
        or (
            min(len(a), len(b)) >= 4
            and abs(len(a) - len(b)) <= 1
            and _edits(_simple(a), _simple(b)) <= max(len(a), len(b)) // 3
        )
        for a, b in zip(ours, theirs, strict=True)
    )


def _plain_words(key: str) -> list[str]:
    """A name key's words without Arabic articles and initials."""
    return [w for w in key.split() if len(w) > 1 and w not in ARABIC_ARTICLES]


def _simple(word: str) -> str:
    """The word with digraphs simplified ("q" as "k", "kh" as "k")."""
    for digraph, simple in DIGRAPHS:
        word = word.replace(digraph, simple)
    return word


def _edits(a: str, b: str) -> float:
    """Edit distance in which a vowel changed, added or dropped costs half a letter."""
    row = [0.0]
    for y in b:
        row.append(row[-1] + _letter_cost(y))
    for x in a:
        prev = row[0]
        row[0] = prev + _letter_cost(x)
        for j, y in enumerate(b, start=1):
            change = 0.0 if x == y else 0.5 if x in _VOWELS and y in _VOWELS else 1.0
            prev, row[j] = row[j], min(row[j] + _letter_cost(x), row[j - 1] + _letter_cost(y), prev + change)
    return row[-1]


_VOWELS = frozenset("aeiouy")


def _letter_cost(c: str) -> float:
    return 0.5 if c in _VOWELS else 1.0


def _alike(word: str, other: str) -> bool:
    return word == other or (len(word) == 1 and other.startswith(word))

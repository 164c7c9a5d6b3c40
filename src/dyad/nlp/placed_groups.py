"""Armed groups that the tables leave without a country, placed by where the text has them act: "the
National Transitional Council rejected the plan in Benghazi" is Libyan, "the Karoun Front fought
Myanmar's army" Burmese.

A group of no country takes the one state its sentence names by a place (a city, region or country) or by
that state's own institutions (its army, its government), when the sentence names no other state. A
transnational group the hand table deliberately leaves without a country ("Islamic State", "al-Qaeda")
keeps none when named bare: acting in a place does not make it that place's ("the Islamic State claimed
the shooting in Paris"). Its branch named by a region ("Islamic State's Sinai Province", "Al-Qaeda in the
Arabian Peninsula") is a group of its own, of the region's state, or else of the state its sentence
places it in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc

from dyad.codebooks.countries import country_name, terms
from dyad.codebooks.places import gazetteer
from dyad.nlp.article_context import STATE_SECTORS
from dyad.nlp.mentions import Mention
from dyad.nlp.term_mentions import strip_determiner

# The nouns that end the name of a transnational group's branch after its region ("Sinai Province").
_BRANCH_NOUNS = frozenset({"province", "branch", "affiliate"})


def placed_groups(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Armed groups of no country placed by their sentences, as the module says."""
    states: dict[int, set[str]] = defaultdict(set)
    for m in mentions:
        if m.country is not None and _places(m):
            states[m.sent].add(m.country)
    found: dict[tuple[object, ...], set[str]] = defaultdict(set)
    branches: dict[int, tuple[str, str | None]] = {}
    for n, m in enumerate(mentions):
        if not _unplaced(m):
            continue
        if _transnational(m):
            branch = _branch(doc, m)
            if branch is None:
                continue
            branches[n] = branch
            if branch[1] is not None:
                continue
        here = states.get(m.sent, set())
        if len(here) == 1:
            found[("org", branches[n][0]) if n in branches else m.key].update(here)
    out = []
    for n, m in enumerate(mentions):
        if n in branches:
            name, region = branches[n]
            country = region or _one(found.get(("org", name)))
            if country is not None:
                m = replace(m, country=country, name=name, key=("org", name), confidence=0.6)
        elif _unplaced(m) and not _transnational(m):
            country = _one(found.get(m.key))
            if country is not None:
                m = replace(m, country=country, confidence=min(m.confidence, 0.6))
        out.append(m)
    return out


def _unplaced(m: Mention) -> bool:
    """A named armed group of no country; not its fighters named by a role noun ("militants attacked
    Turkish troops" are no Turks), which take a place's country only from a place after them."""
    return m.country is None and m.sector == "REB" and m.kind != "person" and m.via in ("name", "term")


def _one(countries: set[str] | None) -> str | None:
    return next(iter(countries)) if countries is not None and len(countries) == 1 else None


def _places(m: Mention) -> bool:
    """A mention that places its sentence in a state: a city, region or country, or the state's own
    institutions; not a person or a company, whose country need not be where the story is."""
    if m.country is None or country_name(m.country) is None:
        return False  # no state, or a body of several (the UN, the African Union)
    return m.kind == "state" or (m.sector in STATE_SECTORS and m.kind != "person")


def _transnational(m: Mention) -> bool:
    """A group the hand table knows and leaves without a country, as it acts in several states, or one
    whose name begins with such a group's ("the Islamic State of Iraq and the Levant")."""
    name = m.name.lower()
    return any(name == s or name.startswith(s + " ") for s in _transnational_names())


@cache
def _transnational_names() -> frozenset[str]:
    return frozenset(t.surface.lower() for t in terms().values() if t.org_kind == "group" and t.code is None)


def _branch(doc: Doc, m: Mention) -> tuple[str, str | None] | None:
    """The name of a transnational group's branch that the words after its name give, and the country of
    the region that names it, if one: "Islamic State's Sinai Province" (Egypt), "Islamic State's West
    Africa province", "Al-Qaeda in the Arabian Peninsula" (several states). The group's own mention keeps
    its bare name's span."""
    i = m.tok_end
    if i < len(doc) and doc[i].tag_ == "POS":
        i += 1
    # "in the" and a region ("in the Arabian Peninsula"); "in Raqqa", "in Iraq" are where the group acts.
    via_in = i == m.tok_end and i + 1 < len(doc) and doc[i].lower_ == "in" and doc[i + 1].lower_ == "the"
    if via_in:
        i += 2
    end = i
    while end < len(doc) and doc[end].is_title and doc[end].is_alpha:
        end += 1
    if end == i:
        return None
    if via_in:
        entry = gazetteer().get(doc[i:end].text)
        if entry is not None and entry.kind == "country":
            return None  # "in the Philippines": acting in a state, no branch of its own
    else:
        if end < len(doc) and doc[end].lower_ in _BRANCH_NOUNS:
            end += 1  # "the West Africa province", "its Sinai branch"
        if doc[end - 1].lower_ not in _BRANCH_NOUNS:
            return None
        entry = gazetteer().get(doc[i : end - 1].text)
    return strip_determiner(doc[m.tok_start : end]), entry.country if entry is not None else None

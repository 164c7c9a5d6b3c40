"""Role nouns beyond dyad's role table, from PETRARCH's agents dictionary (``agent_nouns.tsv``).

The role table (``roles.tsv``) names about 200 nouns; the agents dictionary about 3,200 phrases with their
CAMEO sector. Two readings use it where the role table falls short:

- a longer phrase ending in a role noun says more than the noun: "protest leader" is OPP and "business
  leader" BUS where "leader" alone is GOV (only sectors out of office: see ``_OFFICES``);
- a country's demonym or possessive before a noun the role table lacks names a person of that country
  ("Kenyan lawyers", "Egypt's scientists", "a Syrian doctor"): without the noun the demonym alone made
  the state the actor. Offices and forces are left to the role table. Elsewhere such nouns stay no actor
  ("doctors said" names no party).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dyad.codebooks.countries import Role
from dyad.codebooks.kb_agents import agent_sectors

_LONGEST = 3  # words of the longest phrase looked up
_MODIFIERS = frozenset({"compound", "amod", "nmod"})
_OWN = frozenset({"country", "demonym"})  # term kinds that make a person of a country
_POSSESSIVE = frozenset({"'s", "’s", "'"})
# Offices and forces stay the role table's to name: a dictionary phrase of these sectors after a country
# ("Russia's charge d'affaires") is left as the country's mention, and one ending in a role noun leaves the
# noun's sector ("Kenya's national airline" is the airline's, BUS, not the state's as PETRARCH has it).
_OFFICES = frozenset({"GOV", "MIL", "LEG", "COP", "SPY"})
# A noun after these names a place, not a party: "treated in a Belgian hospital", "at a Kenyan university".
_PLACE_PREPOSITIONS = frozenset({"in", "at", "into", "inside", "outside", "near", "to", "from"})


def _phrase(doc: Doc, start: int, end: int) -> str | None:
    """The agents dictionary's phrase for ``doc[start:end]``, the last word as written or by its lemma."""
    table = agent_sectors()
    words = [t.lower_ for t in doc[start : end - 1]]
    last = doc[end - 1]
    for form in (last.lower_, last.lemma_.lower()):
        phrase = " ".join([*words, form])
        if phrase in table:
            return phrase
    return None


def longer_phrase(doc: Doc, start: int, end: int, role: Role, free: list[bool]) -> tuple[int, Role] | None:
    """A phrase of the agents dictionary that ends in the role noun ``doc[start:end]`` and starts before it
    with modifiers of its head ("protest | leader"), with the role it makes (a person or body as ``role``
    is); ``free[i]``: no codebook match at token ``i``."""
    head = doc[end - 1]
    for k in range(_LONGEST - (end - start), 0, -1):
        first = start - k
        if first < head.sent.start or not all(_modifier(doc[j], end, free) for j in range(first, start)):
            continue
        phrase = _phrase(doc, first, end)
        if phrase is not None and agent_sectors()[phrase] not in _OFFICES:
            return first, Role(phrase, None, agent_sectors()[phrase], role.kind)
    return None


def _modifier(token: Token, end: int, free: list[bool]) -> bool:
    """Whether a word modifies a later word of the phrase ending before ``end``."""
    return free[token.i] and token.is_alpha and token.dep_ in _MODIFIERS and token.i < token.head.i < end


def noun_after_country(doc: Doc, term_end: int, free: list[bool]) -> tuple[int, int, Role] | None:
    """The start, end and role of a phrase of the agents dictionary right after a country's name or
    demonym (past a possessive "'s"): the head of its noun phrase, free of other matches."""
    i = term_end
    if i < len(doc) and doc[i].lower_ in _POSSESSIVE:
        i += 1
    for k in range(_LONGEST, 0, -1):
        end = i + k
        if end > len(doc) or end > doc[i].sent.end or not all(free[j] for j in range(i, end)):
            continue
        last = doc[end - 1]
        if last.pos_ != "NOUN" or (end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN")):
            continue  # "Ugandan pilot training": the noun is no head
        if last.dep_ == "pobj" and last.head.lower_ in _PLACE_PREPOSITIONS:
            return None
        if not i <= doc[term_end - 1].head.i < end:
            continue  # the country modifies another word ("Kenyan-born", "Iran's war with doctors")
        phrase = _phrase(doc, i, end)
        if phrase is not None and agent_sectors()[phrase] not in _OFFICES:
            return i, end, Role(phrase, None, agent_sectors()[phrase], "person")
    return None


def owns(kind: str) -> bool:
    return kind in _OWN

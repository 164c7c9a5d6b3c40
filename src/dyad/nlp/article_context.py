"""What an article as a whole tells its components: its publication date (what relative dates and offices'
holders are read against), its sentences, and the country it is about, which officials and unknown people
the text gives no country take."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc

from dyad.codebooks.countries import country_name
from dyad.nlp.lexicon import Annotations
from dyad.nlp.mentions import MISSIONS, Mention


def published_date(doc: Doc) -> dt.date | None:
    """The article's publication day; None when it has none or it is no ISO date."""
    value = doc._.dyad_published
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def sentence_index(doc: Doc) -> list[int]:
    out = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = n
    return out


def named_countries(ann: Annotations) -> list[tuple[str, int]]:
    """The countries an article names (by name, demonym or capital), most named first."""
    counts: Counter[str] = Counter()
    seen: set[int] = set()
    for match in ann.terms:
        if match is None or match.start in seen or match.term.kind == "organization" or not match.term.code:
            continue
        seen.add(match.start)
        counts[match.term.code] += 1
    return counts.most_common()


def most_named_country(ranked: list[tuple[str, int]]) -> str | None:
    """The first country of a ranking (most named first), if no other is named as often."""
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def article_country(doc: Doc) -> str | None:
    """The country an article is about, once its actors and places are read: most mentions of states and
    their people, places counted too; a name that is both (an actor and a place: "fled to Lithuania") is
    one mention, not two. Bodies of several states ("EU", "UN", "NATO") are no article's country."""
    return most_named_country(state_mentions(doc).most_common(2))


def state_mentions(doc: Doc) -> Counter[str]:
    """How often the article names each country (its actors' mentions, and places no actor's mention
    names), once its actors and places are read."""
    counts: Counter[str] = Counter()
    named: set[int] = set()
    for actor in doc._.dyad_actors or ():
        if actor.country and len(actor.country) == 3 and actor.country.isalpha() and actor.country.isupper():
            counts[actor.country] += len(actor.mentions)
            named.update(m.start for m in actor.mentions)
    for place in doc._.dyad_places or ():
        if place.country:
            counts[place.country] += sum(m.start not in named for m in place.mentions)
    return counts


# Sectors of a state's own institutions: an official or body of one of them that the text gives no country
# ("Choi Sang-mok serves as acting president", "the Constitutional Court") is of the article's country.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})


def _takes_home(m: Mention) -> bool:
    if m.country is not None or m.of_body or m.role in MISSIONS:  # an embassy is a foreign state's
        return False
    if m.national:
        return True
    if m.sector in STATE_SECTORS:
        # One official or many ("Six soldiers were killed in Bannu, Pakistan"): a state's own. Not many
        # machines ("two drones were shot down over Mogadishu"), often another state's.
        return not m.plural or m.kind == "person"
    if m.plural:
        return False
    # A named person whom neither the knowledge base nor a title gives a country ("Ozgur Ozel called on
    # Turks to protest" after "Ekrem Imamoglu was detained in Istanbul"), whatever the words describing
    # them say they do ("Pierre Poilievre lost his seat", "Hamid Sultani, a cleric"): most likely of that
    # country too.
    return m.kind == "person" and m.via in ("name", "surname")


def one_country(mentions: list[Mention]) -> list[Mention]:
    """Officials, state bodies and unknown named people without a country take the article's, where every
    mention with a country (places, people, titles) names the same one."""
    # A company's country ("TikTok" is Chinese) is not where the story happens.
    countries = {m.country for m in mentions if m.country is not None and m.sector not in ("BUS", "MED")}
    if len(countries) != 1 or not any(_takes_home(m) for m in mentions):
        return mentions
    (home,) = countries
    if country_name(home) is None:
        return mentions  # a body's code (UN, EU, NATO): no state
    out = []
    for m in mentions:
        if _takes_home(m) and home not in m.apart:
            key = (m.key[0], home, *m.key[2:]) if m.key[0] == "role" else m.key
            m = replace(m, country=home, key=key, confidence=min(m.confidence, 0.6))
        out.append(m)
    return out


_DIPLOMATS = frozenset(
    {"ambassador", "envoy", "consul", "diplomat", "chargé d'affaires", "charge d'affaires"}
)


def mission_country(mentions: list[Mention]) -> list[Mention]:
    """A diplomat the text gives no country is of the one state whose embassy or consulate the sentence
    names ("Ambassador X was killed when militants stormed the US consulate in Benghazi": American, not of
    the place)."""
    missions: dict[int, set[str]] = {}
    for m in mentions:
        if m.country is not None and m.role in MISSIONS:
            missions.setdefault(m.sent, set()).add(m.country)
    out = []
    for m in mentions:
        found = missions.get(m.sent, set())
        if m.country is None and m.kind == "person" and _diplomat(m.role) and len(found) == 1:
            m = replace(m, country=next(iter(found)), confidence=min(m.confidence, 0.6))
        out.append(m)
    return out


def _diplomat(role: str | None) -> bool:
    words = (role or "").lower()
    return any(words == d or words.endswith(" " + d) for d in _DIPLOMATS)

"""Rule-based coreference within one article: pronouns, definite descriptions, bare role nouns, "the two
sides". No coreference model with weights installs here, so these rules are measured by ``dyad eval actors``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Token

from dyad.codebooks.countries import country as country_entry
from dyad.nlp.described import (
    RELATIONS,
    STATE_DESCRIPTIONS,
    described_state,
    link_bodies,
    other_state,
    state_mention,
)
from dyad.nlp.mentions import SUBJECT_DEPS, Mention

_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_NEUTER = frozenset({"it", "its", "itself"})
_EXPLETIVE_HEADS = frozenset(
    {"be", "seem", "appear", "remain", "become", "happen", "matter", "rain", "mean", "cost"}
)
_PAIR_NOUNS = frozenset(
    {"sides", "countries", "nations", "governments", "powers", "neighbors", "neighbours", "leaders",
     "presidents", "ministers", "delegations", "militaries", "armies", "navies", "men", "women"}
)  # fmt: skip
# Pair nouns of people: "the two ministers" are the two people last named, of two countries, where the text
# names such people (not the states named since: "... red lines on Taiwan. The two ministers agreed").
_PEOPLE_PAIR_NOUNS = frozenset({"leaders", "presidents", "ministers", "men", "women"})
_ONLY_PEOPLE = frozenset({"men", "women"})  # "the two men" are never two states
# "The neighbours signed a treaty": with no number, "the neighbours" are still the pair the story is about.
_PAIR_BY_ITSELF = frozenset({"neighbors", "neighbours"})
_NAMED = frozenset({"name", "surname", "title"})  # mentions naming a person, not describing people
_SENTENCE_WINDOW = 3
_COUNTRY_NOUNS = frozenset({"country", "nation"})
_DOMESTIC_SECTORS = frozenset({"COP", "LEG", "CVL", "JUD"})


def resolve(doc: Doc, mentions: list[Mention], sent_of: list[int]) -> list[Mention]:
    """Link bare role nouns to earlier descriptions and add mentions for pronouns and "the two sides"."""
    mentions.sort(key=lambda m: m.tok_start)
    _link_descriptions(doc, mentions)
    added = link_bodies(doc, mentions, sent_of)
    ordered = sorted((*mentions, *added), key=lambda m: m.tok_start)
    for tok in doc:
        lower = tok.lower_
        if lower in _MALE or lower in _FEMALE or lower in _PLURAL or lower in _NEUTER:
            if tok.pos_ != "PRON":
                continue
            found = _antecedent(tok, ordered, sent_of)
            if found is not None:
                m = _copy(found, tok, sent_of[tok.i], "pronoun", 0.7)
                added.append(m)
                ordered = _insert(ordered, m)
        elif lower in _COUNTRY_NOUNS and tok.i > 0 and doc[tok.i - 1].tag_ == "PRP$":
            owner = next((m for m in added if m.tok_start == tok.i - 1), None)
            if owner is not None and owner.country is not None:
                m = state_mention(doc, tok.i - 1, tok.i + 1, owner.country, sent_of, 0.7)
                added.append(m)
                ordered = _insert(ordered, m)
        elif lower in RELATIONS and tok.i > 0 and doc[tok.i - 1].tag_ == "PRP$":
            # "its neighbour", "his host", "her counterpart": the other state of the story, not the owner's
            owner = next((m for m in added if m.tok_start == tok.i - 1), None)
            state = other_state(tok, owner, ordered, sent_of) if owner is not None else None
            if state is not None:
                at = next(
                    (i for i, x in enumerate(mentions) if (x.tok_start, x.tok_end) == (tok.i - 1, tok.i + 1)),
                    None,
                )
                if at is None:
                    m = state_mention(doc, tok.i - 1, tok.i + 1, state, sent_of, 0.6)
                    added.append(m)
                    ordered = _insert(ordered, m)
                else:  # a role read as the owner's ("her counterpart" of her own state)
                    old = mentions[at]
                    mentions[at] = replace(
                        old,
                        country=state,
                        key=(old.key[0], state, *old.key[2:]),
                        via="description",
                        confidence=0.6,
                    )
                    ordered = [mentions[at] if x is old else x for x in ordered]
        elif lower in STATE_DESCRIPTIONS and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
            state = described_state(doc, tok, ordered, sent_of)
            if state is not None:
                m = state_mention(doc, tok.i - 1, tok.i + 1, state, sent_of, 0.6)
                added.append(m)
                ordered = _insert(ordered, m)
        elif lower == "group" and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
            group = _recent(ordered, tok.i - 1, sent_of[tok.i], lambda m: m.kind == "group")
            if group is not None:
                m = _copy(group, tok, sent_of[tok.i], "description", 0.7)
                m = replace(m, start=doc[tok.i - 1].idx, tok_start=tok.i - 1)
                added.append(m)
                ordered = _insert(ordered, m)
        elif _pair_phrase(tok):
            # "the two sides", "both leaders", "the two nuclear-armed neighbours", "the neighbours"
            for m in _pair(doc, tok.left_edge.i, tok.i + 1, ordered, sent_of):
                added.append(m)
                ordered = _insert(ordered, m)
    _fill_possessives(mentions, added)
    _inherit_sector_country(doc, mentions)
    return added


def _fill_possessives(mentions: list[Mention], added: list[Mention]) -> None:
    """ "its forces", "her government": the country of whoever the possessive pronoun refers to."""
    pronouns = {m.tok_start: m for m in added if m.via == "pronoun"}
    for idx, m in enumerate(mentions):
        if m.possessive and m.country is None and m.tok_start in pronouns:
            owner = pronouns[m.tok_start]
            if owner.country is not None:
                mentions[idx] = replace(
                    m, country=owner.country, key=(m.key[0], owner.country, *m.key[2:]), confidence=0.7
                )


# Words by which a role noun says it is of another country than those named before it ("foreign
# governments", "other states").
_OTHERS = frozenset({"foreign", "other", "outside", "neighbouring", "neighboring", "western", "regional"})


def _inherit_sector_country(doc: Doc, mentions: list[Mention]) -> None:
    """A bare role noun takes the country of an earlier actor of its sector in the same sentence:
    "The Indian army said several soldiers were injured"; not one that says whose it is ("the government
    of President Maduro", "Latin American governments", "foreign governments")."""
    for idx, m in enumerate(mentions):
        if m.via != "role" or m.country is not None or m.possessive or _owned(doc[m.head]):
            continue
        for earlier in reversed(mentions[:idx]):
            if earlier.sent != m.sent:
                break
            # Domestic bodies and people take any country named before them in the sentence:
            # "Hong Kong protesters clashed with police".
            same = earlier.sector == m.sector or m.sector in _DOMESTIC_SECTORS
            if earlier.country is not None and same and earlier.tok_end <= m.tok_start:
                mentions[idx] = replace(
                    m, country=earlier.country, key=(m.key[0], earlier.country, *m.key[2:]), confidence=0.6
                )
                break


def _owned(head: Token) -> bool:
    """Whether a role noun names its owner or origin itself: an "of"/"from" phrase naming someone, a
    nationality or place before it, or a word of other countries."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            if any(
                c.dep_ == "pobj" and c.ent_type_ in ("PERSON", "GPE", "NORP", "ORG") for c in child.children
            ):
                return True
        elif child.dep_ in ("amod", "compound") and (
            child.ent_type_ in ("NORP", "GPE", "LOC") or child.lower_ in _OTHERS
        ):
            return True
    return False


def _recent(
    ordered: list[Mention], before: int, sent: int, wanted: Callable[[Mention], bool]
) -> Mention | None:
    for m in reversed(ordered):
        if m.tok_end <= before and sent - m.sent <= _SENTENCE_WINDOW and wanted(m):
            return m
    return None


def _insert(ordered: list[Mention], m: Mention) -> list[Mention]:
    """``ordered`` is sorted by first token: put ``m`` after the mentions starting where it does or before
    (as a stable sort would) without re-sorting the whole list for each pronoun of a long article."""
    bisect.insort_right(ordered, m, key=lambda x: x.tok_start)
    return ordered


def _copy(antecedent: Mention, tok: Token, sent: int, via: str, confidence: float) -> Mention:
    return replace(
        antecedent,
        start=tok.idx,
        end=tok.idx + len(tok.text),
        tok_start=tok.i,
        tok_end=tok.i + 1,
        sent=sent,
        head=tok.i,
        via=via,
        confidence=min(confidence, antecedent.confidence),
        also=(),
    )


def _compatible(tok: Token, m: Mention) -> bool:
    lower = tok.lower_
    if m.place_use:
        return False
    if lower in _MALE or lower in _FEMALE:
        if m.kind != "person" or m.plural:
            return False
        wanted = "m" if lower in _MALE else "f"
        return m.gender in (None, wanted)
    if lower in _PLURAL:
        return m.plural or m.kind == "group"
    return m.kind in ("state", "organization", "group") and not m.plural


def _antecedent(tok: Token, ordered: list[Mention], sent_of: list[int]) -> Mention | None:
    lower = tok.lower_
    if (
        lower in _NEUTER
        and lower == "it"
        and (tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj") or tok.head.lemma_ in _EXPLETIVE_HEADS)
    ):
        return None
    sent = sent_of[tok.i]
    bound = _clause_subjects(tok)
    # Nor to whom a subject pronoun of its clause was found to refer: "He urged him" is two people.
    bound_keys = {m.key for m in ordered if m.head in bound and m.via == "pronoun"}
    before = [
        m
        for m in ordered
        if m.tok_end <= tok.i
        and sent - m.sent <= _SENTENCE_WINDOW
        and _compatible(tok, m)
        and m.head not in bound
        and m.key not in bound_keys
    ]
    if not before:
        return None
    same = [m for m in before if m.sent == sent]
    speaker = _speaker(tok)
    if speaker is not None and any(m.head == speaker for m in same):
        return next(m for m in same if m.head == speaker)
    if same:
        return same[-1]
    if lower in _NEUTER:
        # Across a sentence, "it" and "its" continue the last sentence's subject ("The Iranian foreign
        # ministry condemned the US strikes. Its spokesman said"), else its last body.
        window = [m for m in before if sent - m.sent <= 1]
        subjects = [m for m in window if m.subject]
        return subjects[0] if subjects else window[-1] if window else None
    # Across sentences a pronoun most often continues the previous sentences' subject.
    for back in range(1, _SENTENCE_WINDOW + 1):
        in_sent = [m for m in before if m.sent == sent - back]
        subjects = [m for m in in_sent if m.subject]
        if subjects:
            return subjects[0]
        if in_sent:
            return in_sent[-1]
    return before[-1]


def _speaker(tok: Token) -> int | None:
    """The subject of the verb whose reported clause ``tok`` is the subject of: "Oman, which mediated
    between the Houthis and Riyadh, said it regretted the strikes" (Oman, not Riyadh)."""
    clause = tok.head
    if tok.dep_ not in SUBJECT_DEPS or clause.dep_ != "ccomp":
        return None
    return next((c.i for c in clause.head.children if c.dep_ == "nsubj"), None)


def _clause_subjects(tok: Token) -> set[int]:
    """The subjects of the clause whose object ``tok`` is: a personal pronoun never refers to them ("Putin
    congratulated him": not Putin; "himself" would), whereas a possessive may ("Putin praised his team")."""
    if tok.dep_ in ("dobj", "dative"):
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
        verb = tok.head.head  # "X spoke with him"
    else:
        return set()
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return {t.i for s in subjects for t in (s, *s.conjuncts)}


# Nouns that name the pair as states.
STATE_NOUNS = ("country", "nation", "state", "capital", "neighbour", "neighbor", "government")


def _pair(doc: Doc, start: int, end: int, ordered: list[Mention], sent_of: list[int]) -> list[Mention]:
    """ "The two sides": the last two countries named together before the phrase ("Japan and South
    Korea", "Seoul and Tokyo"), else the two most recently named, but for the subjects of the clauses it
    is in ("Brazil said it was ready to help the two neighbours": not Brazil); "both countries" are states,
    not an alliance or a body named beside them ("Syria and NATO")."""
    governing = _governing_subjects(doc[end - 1])
    states_only = doc[start:end].root.lemma_.lower() in STATE_NOUNS
    sides = [
        m
        for m in ordered
        if m.tok_end <= start
        and m.head not in governing
        and m.country is not None
        and m.kind in ("state", "organization", "person")
        and m.sector not in ("MED", "BUS")  # a news agency's editor or a company is no side of a dispute
        and not (states_only and country_entry(m.country) is None)
    ]
    noun = doc[end - 1].lower_
    if noun in _ONLY_PEOPLE:
        countries = _last_two_people(sides, sent_of[start])
    else:
        if noun in _PEOPLE_PAIR_NOUNS:
            people = [m for m in sides if m.kind == "person" and m.via in _NAMED]
            if len({m.country for m in people}) >= 2:
                sides = people
        countries = _named_together(doc, sides, sent_of[start], sent_of) or _most_named(sides)
    if len(countries) < 2:
        return []
    return [
        state_mention(doc, start, end, m.country, sent_of, 0.75, plural=True)
        for m in countries
        if m.country is not None  # every side has one; says so to the type checker
    ]


def _pair_phrase(tok: Token) -> bool:
    """Whether a plural noun names the pair the story is about: "the two sides", "both leaders", "the
    neighbours" (only "the" before it: not "its neighbours", "neighbours of Sudan")."""
    lower = tok.lower_
    if lower not in _PAIR_NOUNS:
        return False
    lefts = [c.lower_ for c in tok.lefts]
    if "both" in lefts or ("two" in lefts and (lower not in _ONLY_PEOPLE or "the" in lefts)):
        return True  # "two women" is no pair named before, "the two women" is
    return lower in _PAIR_BY_ITSELF and lefts == ["the"] and not any(c.dep_ == "prep" for c in tok.rights)


def _named_together(doc: Doc, sides: list[Mention], sent: int, sent_of: list[int]) -> list[Mention]:
    """The last pair of countries coordinated by themselves ("the leaders of Japan and South Korea"), not
    members of a longer list ("trade, the war in Ukraine, North Korea and Taiwan"). A pair that is a
    clause's subject in the sentences just before is preferred to one that only qualifies a thing: "The
    ministers of Iran and Saudi Arabia met, their first meeting since the Israeli and US strikes. ... both
    sides" are Iran and Saudi Arabia; "Vucic and Kurti spent three hours with Borrell and Lajcak" too."""
    by_head = {m.head: m for m in sides}
    pairs = []
    for m in reversed(sides):
        conjuncts = doc[m.head].conjuncts
        if len(conjuncts) != 1:
            continue
        other = by_head.get(conjuncts[0].i)
        if other is not None and other.country != m.country and other.head < m.head:
            pairs.append((other, m))
    subjects = (
        p for p in pairs if sent - sent_of[p[0].head] <= _SENTENCE_WINDOW and _in_subject(doc[p[0].head])
    )
    chosen = next(subjects, pairs[0] if pairs else None)
    return list(chosen) if chosen is not None else []


def _in_subject(token: Token) -> bool:
    """Whether a noun is (inside) a clause's subject: its own phrase, climbing through the nouns and
    prepositions it hangs off ("the leaders of X", "talks between X and Y"), is a subject."""
    node = token
    for _ in range(8):
        if node.dep_ in SUBJECT_DEPS:
            return True
        if (
            node.dep_ not in ("pobj", "prep", "poss", "compound", "amod", "appos", "conj", "nmod")
            or node.head == node
        ):
            return False
        node = node.head
    return False


def _last_two_people(sides: list[Mention], sent: int) -> list[Mention]:
    """ "Both men": the last two people named before, by name or post ("President Kibaki", "Ghana's
    president"), who may be of one country (a president and the opposition leader) or of two."""
    people: dict[tuple[object, ...], Mention] = {}
    for m in reversed(sides):
        if (
            m.kind == "person"
            and m.via in (*_NAMED, "role", "description")
            and sent - m.sent <= _SENTENCE_WINDOW
        ):
            people.setdefault(m.key, m)
            if len(people) == 2:
                return sorted(people.values(), key=lambda m: m.tok_start)
    return []


def _most_named(sides: list[Mention]) -> list[Mention]:
    """The two countries named most often before the phrase (the latest of equals first), in the order
    they were last named: "The two countries fought a border war" after a story of Ethiopia and Eritrea in
    which an envoy of the United States was sent to Asmara is Ethiopia and Eritrea."""
    counts = Counter(m.country for m in sides)
    last = {m.country: m for m in sides}
    ranked = sorted(last.values(), key=lambda m: (counts[m.country], m.tok_start), reverse=True)[:2]
    return sorted(ranked, key=lambda m: m.tok_start) if len(ranked) == 2 else []


def _governing_subjects(token: Token) -> set[int]:
    """The tokens of the subjects of the clauses ``token`` is in, up to its sentence's main clause (a
    coordinated clause's subject governs nothing of the next one: "X and Y quarrelled, but the two sides
    met")."""
    found: set[int] = set()
    node = token
    while node.dep_ != "conj" and node.head != node:
        node = node.head
        for child in node.children:
            if child.dep_ in SUBJECT_DEPS:
                found.update(t.i for t in child.subtree)
    return found


def _link_descriptions(doc: Doc, mentions: list[Mention]) -> None:
    """ "The official", "officials", "the foreign minister": the same actor as the last one so described."""
    for idx, m in enumerate(mentions):
        if m.via != "role" or m.country is not None or m.role is None:
            continue
        for earlier in reversed(mentions[:idx]):
            if earlier.country is None or earlier.via not in ("role", "title", "name", "surname"):
                continue
            if earlier.via == "role" and earlier.role == m.role and earlier.plural == m.plural:
                mentions[idx] = replace(
                    m, country=earlier.country, sector=earlier.sector, key=earlier.key, name=earlier.name,
                    also=earlier.also, via="description", confidence=0.75,
                )  # fmt: skip
                break
            if (
                not m.plural
                and m.kind == "person"
                and earlier.kind == "person"
                and earlier.person is not None
                and earlier.role is not None
                and m.role.lower() in earlier.role.lower()
            ):
                mentions[idx] = replace(
                    earlier, start=m.start, end=m.end, tok_start=m.tok_start, tok_end=m.tok_end, sent=m.sent,
                    head=m.head, subject=m.subject, via="description", confidence=0.75,
                )  # fmt: skip
                break

"""Bodies that no table knows, read from the words of their names (``codebooks/body_words.tsv``): "the
Jubaland Liberation Front" is an armed group, "Nigeria's Department of State Services" an intelligence
service, "the Ugandan People's Defence Force" a state's army. The country comes as for a role noun: from the
name's own words, a possessive or adjective before it, or an "of" or "in" phrase after it."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyad.codebooks.body_words import body_words, read_name
from dyad.codebooks.places import gazetteer, region_homonyms
from dyad.nlp.contests import wins_seats
from dyad.nlp.lexicon import Annotations, TermMatch
from dyad.nlp.mentions import NEEDS_COUNTRY, place_country, scan_left, scan_right

# Bodies that no state or international body has as its organs: a name that says it is one of them names
# another body than the body of the tables inside it ("the Alliance Party" is not NATO).
_NO_ORGANS = frozenset({"PTY", "BUS"})


@dataclass(frozen=True, slots=True)
class NamedBody:
    start: int  # token span of the words before the name that give its country ("Kenya's"), if any
    end: int  # and of the name
    head: int  # the name's head word
    country: str | None
    sector: str | None  # none: a body of that country all the same ("the Iranian Chess Federation")
    # The role noun heading the name reads it as well: its mention links the bare role noun later on
    # ("the Puerto Rico Senate", then "the Senate").
    by_role: bool


def named_body(doc: Doc, ann: Annotations, span: Span, people: set[int]) -> NamedBody | None:
    """The body a capitalised name ``span`` names by its words, if they give a sector or, giving none, the
    name has a country ("the Iranian Chess Federation": a body, not Iran). The sector is what a role noun
    heading it would not say ("the Ministry of Public Security": COP, not a ministry's GOV; "the Jubaland
    Liberation Front", with no role noun; "the Aam Aadmi Party", to which "party" alone gives no country)
    or what it says as well (``by_role``)."""
    tokens = [t for t in span if not (t.i == span.start and t.pos_ == "DET")]
    last = ann.terms[span.end - 1]
    modified = modified_body(doc, ann, span.start, span.end, people)
    if last is not None and last.term.kind == "organization" and modified != last:
        # A body of the tables heads the name ("the Kenyan Ministry of Defence"): its own, unless it is
        # a movement of no state that a state's name before it makes that state's branch, or a word no
        # table knows before it names another body ("the Jubilee Alliance" is not NATO).
        return _national_branch(ann, tokens, last)
    # A name ends capitalised, or in "party" after a name the tagger took for a person's ("the Tavo party").
    ends = tokens[-1:] if len(tokens) < 2 or tokens[-1].lower_ != "party" else tokens[-2:-1]
    if not tokens or not all(t.is_title or t.is_upper or not t.is_alpha for t in tokens[:1] + ends):
        return None
    stately = [n for n, t in enumerate(tokens) if _state_word(ann, t.i)]
    reading = read_name([t.lower_ for t in tokens], stately)
    if reading is None:
        return None
    head = tokens[reading.head].i
    sector = reading.sector or _central_bank(ann, tokens[reading.head :])
    if _says_no_kind(doc[head]) and wins_seats(span):
        # "The Jubilee Alliance won a majority", "the Awami Justice Front lost half its seats": a body
        # whose kind its name leaves open (a front, league, alliance) that fights elections is a party,
        # whatever cause its other words name, and no organ of a body of the tables named in it (NATO).
        sector = "PTY"
    heading = ann.terms[head]
    if (
        heading is not None
        and heading.term.kind == "organization"
        and heading.end == head + 1
        and heading != modified
    ):
        # A body of the tables heads it: "the Arab League for Syria", "the Workers' Party of Brazil".
        return None
    sent = span.sent
    desc = scan_left(doc, ann, span.start, sent.start, people)
    if _table_body_inside(ann, tokens, stately, desc.country(), sector):
        return None
    for i in range(span.end - 1, span.start - 1, -1):  # the name's own words first
        match = ann.terms[i]
        if match is not None and match.term.kind != "organization" and match.start == i:
            desc.add_term(match)
    desc.end = span.end
    scan_right(doc, ann, desc, span.end, sent.end)
    place_country(doc, ann, desc, span.end, sent.end)
    country = told = _state_named(tokens, stately, desc.country())
    if reading.sector == "EDU":
        # A school stands where its name's complement places it ("the American University of Beirut").
        after = [*tokens[reading.head + 1 :], *_complement_after(doc, span)]
        country = _placed(ann, after) or told
    # A movement of no state inside the name gives its sector to a state's branch ("the Nepal Red Cross
    # Society").
    sector = sector or next((m.term.sector for m in _movements(ann, tokens)), None)
    if sector is None and country is None:
        return None  # "the Five Star Movement": nothing known of it
    role = ann.roles[head]
    by_role = (
        role is not None
        and role.role.sector == sector
        and country == told  # the role noun reads the country from the words around it
        and not _inner_bodies(ann, tokens)  # and would read a body of the tables inside as the body's
        and (country is not None or role.role.role not in NEEDS_COUNTRY)
    )
    return NamedBody(min(desc.start, span.start), span.end, head, country, sector, by_role)


def modified_body(doc: Doc, ann: Annotations, start: int, end: int, people: set[int]) -> TermMatch | None:
    """A body of the tables inside the name ``[start, end)`` right after a capitalised word that no table
    knows ("Liberal", "Christian", "New"); a state, place, role noun or person before it ("the Iowa
    Democratic Party", "Dean of the House") leaves it the table's."""
    for i in range(start + 1, end):
        match = ann.terms[i]
        if match is None or match.start != i or match.term.kind != "organization":
            continue
        if _unknown_capitalised(doc, ann, i - 1) and ann.roles[i - 1] is None and i - 1 not in people:
            return match
    return None


def city_in_name(doc: Doc, ann: Annotations, start: int, end: int) -> TermMatch | None:
    """A capital that stands for its government ("London") inside a longer name of no role noun, beside a
    capitalised word no table knows ("Ambulance", "Times")."""
    if any(ann.roles[i] is not None for i in range(start, end)):
        return None  # the role noun reads it ("the Paris Police Prefecture")
    city = next(
        (m for i in range(start, end) if (m := ann.terms[i]) is not None and m.term.kind == "metonym"), None
    )
    if city is None or city.start < start or city.end > end:
        return None
    outside = (i for i in range(start, end) if not city.start <= i < city.end)
    return city if any(_unknown_capitalised(doc, ann, i) for i in outside) else None


def _national_branch(ann: Annotations, tokens: list[Token], last: TermMatch) -> NamedBody | None:
    """A state's branch of a movement of no state: "the Philippine Red Cross", "the Turkish Red Crescent"
    are national societies, not the ICRC; the state's name is every word before the movement's."""
    if last.term.code is not None or last.start <= tokens[0].i:
        return None
    before = [t for t in tokens if t.i < last.start]
    if not all(_state_word(ann, t.i) for t in before):
        return None
    country = ann.terms[before[0].i].term.code  # type: ignore[union-attr]
    return NamedBody(tokens[0].i, last.end, last.end - 1, country, last.term.sector, False)


def _inner_bodies(ann: Annotations, tokens: list[Token]) -> set[TermMatch]:
    """The bodies of the tables inside a name."""
    return {m for t in tokens if (m := ann.terms[t.i]) is not None and m.term.kind == "organization"}


def _movements(ann: Annotations, tokens: list[Token]) -> list[TermMatch]:
    """The bodies of the tables of no state inside a name (the Red Cross, Amnesty International)."""
    return [m for m in _inner_bodies(ann, tokens) if m.term.code is None]


def _complement_after(doc: Doc, span: Span) -> list[Token]:
    """The "of" or "in" phrase right after a name the tagger cut short ("American University" "of Beirut")."""
    sent_end = span.sent.end
    if span.end + 1 >= sent_end or doc[span.end].lower_ not in ("of", "in"):
        return []
    end = span.end + 1
    while end < sent_end and (doc[end].is_title or doc[end].is_upper):
        end += 1
    return list(doc[span.end + 1 : end])


def _placed(ann: Annotations, tokens: list[Token]) -> str | None:
    """The country of the first state or place among ``tokens`` ("of Beirut", "in Dubai")."""
    run: list[Token] = []
    for token in [*tokens, None]:
        match = ann.terms[token.i] if token is not None else None
        if match is not None and match.term.kind != "organization" and match.term.code:
            return match.term.code
        if token is not None and token.pos_ == "PROPN":
            run.append(token)
            continue
        entry = gazetteer().get(" ".join(t.text for t in run)) if run else None
        if entry is not None and entry.country:
            return entry.country
        run = []
    return None


def _table_body_inside(
    ann: Annotations, tokens: list[Token], stately: list[int], before: str | None, sector: str | None
) -> bool:
    """Whether a body of the tables is the name's core, with no state in or before the name saying
    otherwise: "the US Treasury Department", "the African Union Commission" are that body's; "Nigeria's
    Department of State Services" is no part of the US "Department of State", and a party or a company
    named with a body's word ("the Alliance Party") is no organ of that body."""
    inner = _inner_bodies(ann, tokens)
    if not inner or (sector in _NO_ORGANS and all(m.term.sector != sector for m in inner)):
        return False
    covered = {i for m in inner for i in range(m.start, m.end)}
    if any(tokens[n].i not in covered for n in stately):
        return False
    return before is None or any(m.term.code == before for m in inner)


def _state_named(tokens: list[Token], stately: list[int], told: str | None) -> str | None:
    """The country ``told``, or a federation's if the name's state word is one of its states that bears
    that country's name and stands before the name's other words: the country's own bodies take its
    adjective ("the Georgian Railway") or follow "of" ("the Parliament of Georgia"), the US state's take
    its name ("the Georgia Bureau of Investigation", "the Georgia Institute of Technology")."""
    for n in stately:
        state = region_homonyms().get(tokens[n].text)
        if state is None or state[1] != told or n + 1 >= len(tokens) or (n and tokens[n - 1].lower_ == "of"):
            continue
        if tokens[n + 1].is_title and tokens[n + 1].is_alpha:
            return state[0]
    return told


def _says_no_kind(head: Token) -> bool:
    """The name's head word is a body's that gives no sector ("Front", "League", "Alliance")."""
    word = body_words().get((head.lower_,))
    return word is not None and word.head and word.sector is None


def _central_bank(ann: Annotations, tokens: list[Token]) -> str | None:
    """A bank named after a state alone is its central bank, a state's body as the tables code central
    banks ("the Bank of England", "the Bank of Korea"); the knowledge base knows the commercial ones."""
    head, *complement = tokens
    if head.lower_ != "bank" or len(complement) < 2 or complement[0].lower_ != "of":
        return None
    return "GOV" if all(_state_word(ann, t.i) for t in complement[1:]) else None


def _state_word(ann: Annotations, i: int) -> bool:
    match = ann.terms[i]
    return match is not None and match.term.kind in ("country", "demonym")


def _unknown_capitalised(doc: Doc, ann: Annotations, i: int) -> bool:
    """A capitalised word that no table knows ("Liberal", "Ambulance", "Times")."""
    return doc[i].is_alpha and doc[i].text[:1].isupper() and ann.terms[i] is None

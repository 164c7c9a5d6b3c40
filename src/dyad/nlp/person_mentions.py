"""People named in an article: PERSON entities trimmed of titles, lone surnames joined to the full name
they stand for, each person's knowledge-base entry and titles ("Chinese leader Xi", "Wang, China's foreign
minister": read by ``dyad.nlp.person_titles``), learning new people from their titles, and one mention per
name for the actors component."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from dyad.codebooks.countries import countries as country_table
from dyad.codebooks.kb import RECENT
from dyad.codebooks.kb_agents import agent_sectors
from dyad.codebooks.people import BuiltinPeople, PeopleKB, PersonRole, first_name_gender, from_open_data
from dyad.nlp.article_context import STATE_SECTORS
from dyad.nlp.contests import contends, leads_fighters
from dyad.nlp.lexicon import Annotations
from dyad.nlp.mentions import NON_STATE_SECTORS, SUBJECT_DEPS, Descriptor, Mention, scan_left
from dyad.nlp.owners import member_of, title_owner
from dyad.nlp.person_titles import (
    PAST,
    appositive_head,
    complement_of,
    held_before,
    relative_of,
    title_of,
)
from dyad.nlp.vessels import names_a_vessel

_TITLE_WORDS = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen.", "rep.", "gen.", "adm."}
)


@dataclass(slots=True)
class NamedPerson:
    """Every mention of one named person in an article, and what is known about them."""

    name: str
    spans: list[Span] = field(default_factory=list)
    titles: list[Descriptor] = field(default_factory=list)
    new_role: Descriptor | None = None  # "sworn in as president", "named Lecornu prime minister"
    kb: PersonRole | None = None


def find_people(
    doc: Doc,
    ann: Annotations,
    persons: list[Span],
    kb: PeopleKB,
    published: dt.date | None,
    lo: int,
    hi: int,
    consumed: set[int],
    countries: Sequence[str] = (),
    *,
    learn: bool,
) -> list[NamedPerson]:
    """The people named in tokens ``[lo, hi)``: the PERSON entities (``persons``) and known names, each
    with every mention, the knowledge-base entry and the titles read around it; titles used up go to
    ``consumed``; ``countries`` (the article's, most named first) settle names several people share.
    With ``learn``, a title and country met with an unknown full name teach ``kb``."""
    spans = [_clean_person(doc, e, ann) for e in persons if lo <= e.start < hi]
    taken = {i for s in spans if s is not None for i in range(s.start, s.end)}
    for known in ann.known_people:
        if (
            lo <= known.start < hi
            and not any(i in taken for i in range(known.start, known.end))
            and not names_a_vessel(known)  # "the Harry S. Truman aircraft carrier"
        ):
            spans.append(known)
    if not isinstance(kb, BuiltinPeople):
        # Names learned from earlier articles: the entity labeller only knows the built-in table.
        taken |= {i for s in spans if s is not None for i in range(s.start, s.end)}
        for tok in doc[lo:hi]:
            if (
                tok.pos_ == "PROPN"
                and tok.i not in taken
                and tok.ent_type_ in ("", "ORG", "GPE", "NORP")
                and ann.terms[tok.i] is None
                and ann.roles[tok.i] is None
                and kb.lookup(tok.text, published) is not None
            ):
                spans.append(doc[tok.i : tok.i + 1])
    ordered = sorted((s for s in spans if s is not None), key=lambda s: s.start)
    full: dict[str, NamedPerson] = {}
    for span in ordered:
        if len(span) > 1:
            key = span.text
            full.setdefault(key, NamedPerson(key)).spans.append(span)
    singles: dict[str, NamedPerson] = {}
    for span in ordered:
        if len(span) > 1:
            continue
        owner = _owner(span, full)
        if owner is None:
            owner = singles.setdefault(span.text, NamedPerson(span.text))
        owner.spans.append(span)
    people = list(full.values()) + list(singles.values())
    person_tokens = {i for p in people for s in p.spans for i in range(s.start, s.end)}
    for person in people:
        person.spans.sort(key=lambda s: s.start)
        for span in person.spans:
            title = title_of(doc, ann, span, person_tokens)
            titles = [title] if title is not None else []
            if title is not None and not title.countries and title.org is None and title.start < span.start:
                # A rank right before the name says no whose: the title the name stands in apposition to
                # may ("The navy's spokesman, Commander Park Seung-ho": the navy's, dyad.nlp.owners).
                apposed = appositive_head(doc, ann, span, person_tokens)
                titles += [apposed] if apposed is not None and apposed.end <= title.start else []
            for title in titles:
                person.titles.append(title)
                consumed.update(descriptor_tokens(ann, title.start, title.end))
            complement = complement_of(doc, ann, span, person_tokens)
            if complement is not None and complement.past:
                # A post held before says whose the person is, if it names a country; after any title
                # held now.
                if complement.all_countries():
                    person.titles.append(complement)
                    consumed.update(descriptor_tokens(ann, complement.start, complement.end))
            elif complement is not None and person.new_role is None:
                person.new_role = complement
                consumed.update(descriptor_tokens(ann, complement.start, complement.end))
        # Two people of one name are told apart by the countries of their titles, then the article's.
        hints = [c for t in person.titles for c in t.all_countries()] + list(countries)
        person.kb = kb.lookup(person.name, published, hints)
        if (
            person.kb is not None
            and " " not in person.name
            and from_open_data(person.kb)
            and countries
            and person.kb.country not in countries
        ):
            # A lone surname the article gives no full name for, matched to someone only through the
            # open data's roles, in an article that names other countries than theirs: most likely
            # someone else ("a student named Wong" in Hong Kong is not Australia's Penny Wong).
            person.kb = None
        if person.kb is None and " " in person.name:
            surname = kb.lookup(person.name.split()[-1], published, hints)
            if surname is not None and _same_ends(surname.name, person.name):
                person.kb = surname
        if person.kb is not None and _unannounced(person, published):
            # An opposition leader days before taking office is no official yet: the country stays, the
            # sector is the title's.
            role = person.kb
            person.kb = replace(role, sector=None, role=f"before {role.role}", start=None, end=role.start)
        if learn and person.kb is None and " " in person.name:
            _learn(kb, doc, person, published)
    _kin_titles(doc, ann, people, person_tokens)
    return people


def _kin_titles(doc: Doc, ann: Annotations, people: list[NamedPerson], person_tokens: set[int]) -> None:
    """ "Gu Kailai, the wife of Bo Xilai", "Ahmed Zaki, the brother of Egypt's prime minister": where no
    title says whose the person is, the relative's state (their entry or title, or the title the relative
    is named by) does; over a namesake of the knowledge base too, as a demonym in apposition does."""
    by_token = {i: p for p in people for s in p.spans for i in range(s.start, s.end)}
    for person in people:
        if any(t.all_countries() for t in person.titles):
            continue
        for span in person.spans:
            kin = relative_of(span)
            if kin is None:
                continue
            noun, obj = kin
            relative, office = by_token.get(obj.i), ann.roles[obj.i]
            country = None
            if relative is not None and relative is not person:
                titled = (c for t in relative.titles if (c := t.country()) is not None)
                country = relative.kb.country if relative.kb and relative.kb.country else next(titled, None)
            elif relative is None and office is not None:
                country = scan_left(doc, ann, office.start, noun.i + 1, person_tokens).country()
            if country is not None and country in country_table():  # a state, not a body ("UN")
                person.titles.append(Descriptor(noun.i, noun.i + 1, countries=[country], kin=True))
                break


def _learn(kb: PeopleKB, doc: Doc, person: NamedPerson, published: dt.date | None) -> None:
    for title in person.titles:
        role, country = _post(doc, title), title.country()
        if role and country:
            sentence = doc[title.start].sent.text
            fact = PersonRole(person.name, country, role, title.sector(), published, None, source="learned")
            kb.learn(fact, article_id=doc._.dyad_article_id, evidence=sentence)
            return


def person_mentions(
    doc: Doc,
    person: NamedPerson,
    sent_of: list[int],
    home: str | None,
    on: dt.date | None,
    apart: frozenset[str] = frozenset(),
    countries: Sequence[str] = (),
) -> list[Mention]:
    """One mention per span of ``person``, with the country, sector and role its entry or title gives;
    ``apart``: countries the person is known not to be of by default (``dyad.nlp.offices``); ``countries``:
    the article's, most named first."""
    kb = person.kb
    if apart and (home is None or home in apart):
        # "President Walker and President Xi", in an article about China: Walker is no Chinese. Of the one
        # other country the article names, if it names one: "Defence Minister Wrona and U.S. Defense
        # Secretary Austin inspected Polish troops".
        others = [c for c in countries if c not in apart]
        home = others[0] if len(others) == 1 else None
    title = person.new_role or next((t for t in person.titles if t.country() or t.role), None)
    # A title naming a body of no state ("Human Rights Watch's Middle East director", "Amnesty researcher")
    # makes the person that body's: never the country the article is about.
    body = next(
        (t.org for t in person.titles if t.org is not None and t.org.sector in NON_STATE_SECTORS), None
    )
    # "the command's spokesman, Wu Qiang", "its spokesman": the owner says whose (dyad.nlp.owners, after
    # every mention is read), not the country the article names most; a title whose own words name the
    # owner ("the party's presidential nominee") may still take that country where no antecedent is found.
    owner = next(
        (o for t in person.titles if not t.countries and (o := title_owner(doc, t.start, t.end)) is not None),
        None,
    )
    owned = title is not None and _owned_from_before(doc, title)
    # Canonical names (hand table, user file, learned) join spellings across articles; the open data's
    # ("Nuri al Maliki", a fuller "Retno Lestari Priansari Marsudi") read worse than the article's own.
    name = kb.name if kb and not from_open_data(kb) else person.name
    country = kb.country if kb else None
    sector = kb.sector if kb else None
    role = kb.role if kb else None
    gender = (kb.gender if kb else None) or first_name_gender(person.name)  # open data has no gender
    confidence = 0.95 if kb else 0.6
    if title is not None:
        if title.country() and (country is None or title.country() != country):
            # The knowledge base's role is of another country's namesake, or of another time.
            country, confidence, role = title.country(), 0.85, None
            sector = None if held_before(doc, title) and title.sector() in STATE_SECTORS else title.sector()
        elif country is None:
            country = title.country()
        # The article's own title for the person ("General Prayut", "Fidan, the intelligence chief")
        # says what they are that day better than a knowledge base whose roles may be stale; not in the
        # month a known role starts or ends, when the title may name the post left ("army commander
        # Joseph Aoun" elected president), unless the sentence gives the role as new ("as president").
        stated = (
            title.role is not None
            and title.sector() is not None
            and not held_before(doc, title)
            and (title is person.new_role or not _changing(kb, on))
        )
        if stated and _leads_party(doc, title):
            # A party's leader ("Jeremy Corbyn, leader of the Labour Party") holds the office the knowledge
            # base gives that day (leader of the opposition, prime minister, senator); with none, they are
            # a party leader out of government: OPP.
            stated, sector = False, sector or "OPP"
        if stated and title.sector() != sector:
            role = _post(doc, title)
        if (sector is None and not (held_before(doc, title) and title.sector() in STATE_SECTORS)) or stated:
            sector = title.sector()  # a past office leaves no sector: "X, a former Kenyan minister"
        if role is None:
            role = _post(doc, title)
        if title.role and title.role.role.role in ("spokeswoman", "queen"):
            gender = "f"
        if country is None:
            # "Foreign Minister X, who was Kenya's envoy to Japan": a post held before says whose; so does
            # kin under a new role of no country ("Gu Kailai, the wife of Bo Xilai, was named a suspect").
            country = next((c for t in person.titles if (c := t.country()) is not None), None)
        if country is None and title.role is not None and home is not None and body is None and not owned:
            # "Prime Minister Oleksiy Honcharuk" in an article about Ukraine: most likely Ukraine's.
            country, confidence = home, 0.5
    # An office the person held before ("former Senator Kay Hagan") says they hold none now: no
    # opposition leader read from an election fought either.
    past = title is not None and held_before(doc, title)
    if sector is None and body is not None:
        sector = body.sector
    if sector is None:
        sector = _described_sector(person.spans)
    if sector is None and not past and any(leads_fighters(span) for span in person.spans):
        # Someone holding no office whose fighters the sentence names ("Riek Machar's rebels" in 2014,
        # "fighters loyal to Aidarous al-Zubaidi") leads an armed group.
        sector = "REB"
    if sector is None and not past and any(contends(span) for span in person.spans):
        # Someone holding no office who fights an election ("Pierre Poilievre lost his seat", "Friedrich
        # Merz's CDU won the election") is a party or opposition leader out of government.
        sector = "OPP"
    if sector is None and (kb is None or kb.country != country) and any(t.kin for t in person.titles):
        # "Hunter Biden, the son of President Joe Biden", whom no source lists (or only a namesake of
        # another country): a private person. Not kin named in passing ("his son Abhijit", a former MP),
        # nor kin of an armed group's leader.
        sector = "CVL"
    out = []
    for span in person.spans:
        out.append(
            Mention(
                start=span.start_char,
                end=span.end_char,
                tok_start=span.start,
                tok_end=span.end,
                sent=sent_of[span.start],
                kind="person",
                country=country,
                sector=sector,
                role=role,
                name=name,
                key=("person", name),
                head=span.root.i,
                subject=span.root.dep_ in SUBJECT_DEPS,
                person=name,
                gender=gender,
                confidence=confidence,
                via="name" if len(span) > 1 else "surname",
                # A known person of a stateless body ("Ayman al-Zawahiri": -/REB) is of no article's state.
                of_body=body is not None or (kb is not None and kb.country is None and kb.sector is not None),
                owner=owner if kb is None else None,
                member_of=member_of(span) if kb is None or kb.sector is None else None,
                apart=apart,
            )
        )
    return out


_LEADS = frozenset({"leader", "head", "chief"})
_RULING = frozenset({"ruling", "governing"})


def _leads_party(doc: Doc, title: Descriptor) -> bool:
    """The title makes the person a party's leader ("Labour Party leader", "leader of the Radical Farmers
    Party"), not of the ruling party, whose leader out of office is no opposition."""
    role = title.role
    if role is None or role.role.role not in _LEADS:
        return False
    words = list(doc[title.start : max(title.end, title.phrase_end)])
    # A party no table knows is read from its name apart from the title: "Radical Farmers Party leader",
    # "leader of the Social Democratic Party".
    words += _of_name(doc, max(title.end, title.phrase_end))
    party = title.sector() == "PTY" or any(t.lower_ == "party" and t.i != role.start for t in words)
    return party and not any(t.lower_ in _RULING for t in words)


def _of_name(doc: Doc, i: int) -> list[Token]:
    """The words of the "of" phrase starting at token ``i``, up to its last capitalised word ("of the ruling
    Law and Justice Party")."""
    if i >= len(doc) or doc[i].lower_ != "of":
        return []
    end = i + 1
    while end < len(doc) and (doc[end].is_title or doc[end].lower_ in ("the", "ruling", "governing", "and")):
        end += 1
    return list(doc[i + 1 : end])


def _post(doc: Doc, title: Descriptor) -> str | None:
    """The words of the person's post; not a body's noun ("Amina Yusuf of the opposition" holds no post
    "opposition")."""
    return title.role_text(doc) if title.role is not None and title.role.role.kind == "person" else None


def _owned_from_before(doc: Doc, title: Descriptor) -> bool:
    """Whether the title's owner stands before its words ("the command's | spokesman") or is "its": unlike
    an owner among the title's own words ("the party's presidential nominee"), whose person may still take
    the article's country where no antecedent is found (over 389 dev texts that fallback was right for
    two such people, wrong for one)."""
    owner = title_owner(doc, title.start, title.end)
    return owner is not None and (owner < title.start or doc[owner].tag_ == "PRP$")


_MODIFIERS = frozenset({"compound", "amod", "nmod"})
_LONGEST = 3  # words of the longest phrase looked up


def _described_sector(spans: list[Span]) -> str | None:
    """The sector PETRARCH's agents dictionary gives a noun describing the person where dyad's role table
    has none: a title before the name ("homicide detective Darren Gough", "former Credit Suisse CEO
    Tidjane Thiam") or an apposition ("Anicet Ekane, a 74-year-old opposition politician")."""
    table = agent_sectors()
    for span in spans:
        for words in _describing_words(span):
            # "former Japanese prime minister Suga" holds no office now; a "former bank CEO" is still in
            # business.
            held = PAST.isdisjoint(words)
            # The head noun with its modifiers, longest first ("opposition politician", "politician"); a
            # modifier alone says nothing ("deputy" is a sheriff's deputy, not a "deputy head").
            for k in range(min(_LONGEST, len(words)), 0, -1):
                sector = table.get(" ".join(words[-k:]))
                if sector is not None and (held or sector not in STATE_SECTORS):
                    return sector
    return None


def _describing_words(span: Span) -> list[list[str]]:
    """The lower-case words of the nouns describing a person's name: the modifiers right before it, the
    phrase of a noun in apposition after it, and the noun it stands in apposition to."""
    doc, root = span.doc, span.root
    out = []
    j = span.start - 1
    while j >= span.sent.start and doc[j].dep_ in _MODIFIERS and j < doc[j].head.i < span.end:
        j -= 1
    if j < span.start - 1:
        out.append([t.lower_ for t in doc[j + 1 : span.start] if t.is_alpha])
    nouns = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < span.start:
        nouns.append(root.head)
    for noun in nouns:
        words = [t.lower_ for t in noun.lefts if t.dep_ in _MODIFIERS and t.is_alpha]
        out.append([*words, noun.lemma_.lower()])
    return [w for w in out if w]


# Sectors of a title that says the person is out of government: "opposition candidate", "rebel commander".
_OUTSIDE = frozenset({"OPP", "REB", "CVL", "NGO"})


def _unannounced(person: NamedPerson, on: dt.date | None) -> bool:
    """``person.kb`` is an office to come (the knowledge base's incoming rule: it starts after ``on``) while
    the article's own title puts the person outside government ("opposition candidate Bassirou Diomaye
    Faye" 19 days before he took office). Without such a title the rule stands: an election winner is
    often named with no word of the office to come (requiring one lost two dev gold mentions)."""
    role = person.kb
    if role is None or on is None or role.start is None or not on < role.start:
        return False
    return any(t.sector() in _OUTSIDE for t in person.titles)


def _changing(role: PersonRole | None, on: dt.date | None) -> bool:
    """The role starts or ends within a month of ``on``."""
    if role is None or on is None:
        return False
    return any(d is not None and abs((d - on).days) <= RECENT.days for d in (role.start, role.end))


def _clean_person(doc: Doc, ent: Span, ann: Annotations) -> Span | None:
    """Trim titles, possessives and punctuation off a PERSON entity; drop it when it is a codebook term."""
    start, end = ent.start, ent.end
    while start < end and (ann.roles[start] is not None or doc[start].lower_ in _TITLE_WORDS):
        start += 1
    while end > start and (doc[end - 1].text in ("'s", "’s", "'") or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    if all(ann.terms[i] is not None for i in range(start, end)):
        return None
    return doc[start:end]


def descriptor_tokens(ann: Annotations, start: int, end: int) -> range | list[int]:
    """Tokens a title or role phrase uses up; an organisation in it keeps its own mention, so "Hamas" in
    "Hamas leader Yahya Sinwar" is also an actor (and "the group" can refer to it)."""
    return [i for i in range(start, end) if ann.terms[i] is None or ann.terms[i].term.kind != "organization"]  # type: ignore[union-attr]


def _same_ends(a: str, b: str) -> bool:
    """ "Joseph R. Biden" and "Joseph Biden": same first and last name."""
    x, y = a.split(), b.split()
    return x[0] == y[0] and x[-1] == y[-1]


def _surname(name: str) -> str:
    """The last name without an Arabic article: "Omar al-Bashir" is "Bashir"."""
    last = name.split()[-1]
    return re.sub(r"^(?:[aA]l|[eE]l|[aA]d|[aA]s|[aA]r)[-‐‑]", "", last)


def _owner(span: Span, full: dict[str, NamedPerson]) -> NamedPerson | None:
    """The full-named person a lone surname (or a Chinese-order family name) refers to, nearest first."""
    text = span.text
    candidates = [p for p in full.values() if _surname(p.name) in (text, _surname(text))]
    if not candidates:
        candidates = [p for p in full.values() if p.name.split()[0] == text]
    if not candidates:
        return None

    def first(p: NamedPerson) -> int:
        return min(s.start for s in p.spans)

    # Of several people of one surname ("Joe Biden", later "his son Hunter Biden"), the lone surname is the
    # one the article introduced first: writers name the others in full or by first name.
    return min(candidates, key=lambda p: (first(p) > span.start, first(p)))

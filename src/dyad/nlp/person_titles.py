"""The titles and posts the words around a name give a person: a title before the name ("Chinese leader
Xi"), an apposition ("Wang, China's foreign minister"), the name's own "of" phrase ("X of Kenya's ruling
party"), and a post the sentence gives ("Rubio was confirmed as secretary of state", "X, who is Kenya's
envoy", "X was Kenya's envoy": held before)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dyad.nlp.article_context import STATE_SECTORS
from dyad.nlp.lexicon import Annotations
from dyad.nlp.mentions import SUBJECT_DEPS, Descriptor, place_country, scan_left, scan_right

# Words that make a title one held before.
PAST = frozenset({"former", "ex", "late", "then", "outgoing", "ousted", "deposed", "exiled", "retired"})


def held_before(doc: Doc, title: Descriptor) -> bool:
    """The title is one held before ("former prime minister"), not the person's role that day."""
    return title.past or any(t.lower_ in PAST for t in doc[title.start : title.end])


# Verbs that give a person an office ("sworn in as president", "named Lecornu prime minister"), not a
# description ("called Lai a separatist").
_TAKES_OFFICE = frozenset(
    {"name", "appoint", "elect", "re-elect", "reelect", "make", "nominate", "choose", "select", "confirm",
     "install", "swear", "inaugurate", "designate", "serve", "become", "remain", "return", "succeed",
     "replace", "take"}
)  # fmt: skip
_NOT_YET = frozenset({"next", "future", "possible", "potential", "likely", "eventual"})


def complement_of(doc: Doc, ann: Annotations, span: Span, person_tokens: set[int]) -> Descriptor | None:
    """A role the sentence gives the person as new: "Rubio was confirmed as secretary of state", "the
    parliament elected Joseph Aoun as president", "Macron named Lecornu prime minister", "Svyrydenko
    became Ukraine's prime minister"."""
    root = span.root
    verb = root.head
    office = ann.roles[verb.i] if root.dep_ == "compound" and verb.i >= span.end else None
    if (
        office is not None
        and verb.dep_ in ("oprd", "dobj")
        and verb.head.lemma_.lower() in _TAKES_OFFICE
        and not any(t.lower_ in _NOT_YET for t in verb.subtree)
    ):
        # "Macron named Sebastien Lecornu prime minister", parsed with the name as the office's compound.
        desc = scan_left(doc, ann, office.start, span.end, person_tokens)
        desc.roles.append(office)
        desc.end = office.end
        scan_right(doc, ann, desc, office.end, verb.sent.end)
        return desc
    # The name's own verb, or the clause on the name ("Peter Njoroge, who is Kenya's envoy to the UN,").
    verbs = [verb] if root.dep_ in ("nsubj", "nsubjpass", "dobj") and verb != root else []
    verbs += [c for c in root.children if c.dep_ == "relcl" and _who_subject(c)]
    verb = next((v for v in verbs if v.lemma_.lower() in _TAKES_OFFICE or _copula(v)), root)
    if verb == root:
        return None
    for child in verb.children:
        target = None
        if child.dep_ == "prep" and child.lower_ == "as":
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ == "oprd" or (child.dep_ == "attr" and verb.lemma_ in ("become", "remain", "be")):
            target = child
        match = ann.roles[target.i] if target is not None else None
        if target is None or match is None or span.start <= target.i < span.end:
            continue
        if verb.lemma_ == "be" and match.role.sector not in STATE_SECTORS:
            continue  # "Queloz is also a professor at ...": a description, not an office
        if any(t.lower_ in _NOT_YET or t.lower_ in PAST for t in target.subtree) or any(
            c.dep_ == "neg" for c in verb.children
        ):
            return None  # "chosen as the next NATO secretary general": not yet; "is a former minister"
        desc = scan_left(doc, ann, match.start, target.left_edge.i, person_tokens)
        desc.roles.append(match)
        desc.end = match.end
        scan_right(doc, ann, desc, match.end, target.sent.end)
        desc.past = verb.lemma_ == "be" and verb.tag_ == "VBD"
        return desc
    return None


def _who_subject(verb: Token) -> bool:
    """A clause on the name in the present ("who is", "who serves as"; not "who served as President"),
    or a past copula ("who was Kenya's envoy": the country, no post now)."""
    present = verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    who = any(c.dep_ in SUBJECT_DEPS and c.tag_ == "WP" for c in verb.children)
    return (present or _copula(verb)) and who


def _copula(verb: Token) -> bool:
    """ "Duterte is mayor of Davao City": the role the person holds now; "X was Kenya's envoy": one held
    before (not "would be", "has been")."""
    tense = verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP", "VBD")
    return tense and not any(c.dep_ == "aux" for c in verb.children)


def title_of(doc: Doc, ann: Annotations, span: Span, person_tokens: set[int]) -> Descriptor | None:
    """A title before the name ("Chinese leader Xi") or an apposition ("Wang, China's foreign minister")."""
    sent = span.sent
    desc = scan_left(doc, ann, span.start, sent.start, person_tokens - set(range(span.start, span.end)))
    if desc.roles and not desc.countries and desc.org is None:
        # "her Chinese counterpart, Special Envoy Liu Fang": the noun the titled name stands in apposition
        # to says whose the person is.
        apposed = appositive_head(doc, ann, span, person_tokens)
        if apposed is not None and apposed.countries:
            desc.countries = list(apposed.countries)
    if desc.roles or desc.countries or desc.org:
        return desc
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and ann.roles[child.i] is not None:
            match = ann.roles[child.i]
            assert match is not None
            desc = scan_left(doc, ann, match.start, child.left_edge.i, person_tokens)
            desc.roles.append(match)
            desc.end = match.end
            scan_right(doc, ann, desc, match.end, sent.end)
            return desc
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.pos_ == "NOUN":
            # "John Williams, a British teacher": a noun no role names, whose demonym says whose the
            # person is (and that the knowledge base's John Williams of Barbados is someone else).
            desc = scan_left(doc, ann, child.i, child.left_edge.i, person_tokens)
            # The demonym modifies the noun itself, not a noun before it ("an Iraq War veteran").
            if desc.countries and any(ann.terms[t.i] is not None for t in child.lefts):
                desc.end = child.i + 1
                return desc
    head = root.head
    if (
        root.dep_ == "appos"
        and head.i == span.start - 1
        and head.pos_ == "NOUN"
        and ann.roles[head.i] is None
        and head.i not in person_tokens
    ):
        # "the Israeli conductor Lahav Shani", parsed with the name in apposition to the noun: the
        # noun's modifiers are the person's title.
        desc = scan_left(doc, ann, head.i, sent.start, person_tokens)
        if desc.countries:
            desc.end = span.start
            return desc
    return appositive_head(doc, ann, span, person_tokens) or _body_of(doc, ann, span, person_tokens)


_ALL = frozenset({"both", "all", "each"})


def _body_of(doc: Doc, ann: Annotations, span: Span, person_tokens: set[int]) -> Descriptor | None:
    """The body or country of a name's own "of" or "from" phrase: "Daniel Mwangi of Kenya's ruling party"
    (PTY), "Amina Yusuf of the opposition" (OPP), "Tomas Novak from the Czech Republic"; or of a phrase
    that says it is of every name coordinated ("Ababel Yeshaneh and Gelete Burka, both from Ethiopia")."""
    root = span.root
    before = span.start - 1
    while before >= 0 and doc[before].is_quote:
        before -= 1
    if before >= 0 and doc[before].lower_ == "the":
        return None  # "the 'Kim Kardashian of Pakistan'": a likeness, not whose the person is
    for head in (root, *root.conjuncts):
        ours = head == root or any(c.dep_ == "appos" and c.lower_ in _ALL for c in head.children)
        for prep in (p for h in (head, *_all_appos(head)) for p in h.children):
            if (
                prep.dep_ != "prep"
                or prep.lower_ not in ("of", "from")
                or prep.i < span.end
                or not (ours or any(c.lower_ in _ALL for c in prep.children))
            ):
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            term, body = ann.terms[obj.i], ann.roles[obj.i]
            start = obj.i
            # past the adjectives the tagger takes for verbs: "Kenya's ruling party"
            while start - 1 > prep.i and doc[start - 1].dep_ == "amod" and ann.terms[start - 1] is None:
                start -= 1
            desc = scan_left(doc, ann, start, prep.i + 1, person_tokens)
            if term is not None:
                desc.add_term(term)
            elif body is not None and body.role.kind == "organization":
                desc.roles.append(body)
            else:
                continue
            # The body and the country keep their own mentions ("Sally Wasef of Griffith University").
            desc.start = desc.end = obj.i + 1
            return desc
    return None


# Nouns of kinship: "Hunter Biden, the son of President Joe Biden" is of his father's country and, unless a
# source gives him an office, a private person (``dyad.nlp.person_mentions``).
KIN = frozenset(
    {"son", "daughter", "wife", "husband", "widow", "widower", "spouse", "brother", "sister", "father",
     "mother", "stepson", "stepdaughter", "nephew", "niece", "cousin", "grandson", "granddaughter",
     "uncle", "aunt", "son-in-law", "daughter-in-law", "brother-in-law", "sister-in-law"}
)  # fmt: skip


def relative_of(span: Span) -> tuple[Token, Token] | None:
    """The kin noun in apposition to the name and the word it says the person is kin of: "Gu Kailai, the
    wife of Bo Xilai" gives ("wife", "Xilai"), "Ahmed Zaki, the brother of Egypt's prime minister" gives
    ("brother", "minister")."""
    for child in span.root.children:
        if child.dep_ != "appos" or child.i < span.end or child.lemma_.lower() not in KIN:
            continue
        if any(c.dep_ == "conj" for c in child.children):
            return None  # "his wife and the chairwoman of the state's Democratic Party": more than kin
        for prep in child.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return child, obj
    return None


def _all_appos(head: Token) -> list[Token]:
    return [c for c in head.children if c.dep_ == "appos" and c.lower_ in _ALL]


def appositive_head(doc: Doc, ann: Annotations, span: Span, person_tokens: set[int]) -> Descriptor | None:
    """The role noun before the name that the name stands in apposition to ("China's envoy, X")."""
    root, sent = span.root, span.sent
    head = root.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and ann.roles[head.head.head.i] is not None:
        head = head.head.head  # "The mayor of New Orleans, LaToya Cantrell": the name hung on the place
    match = ann.roles[head.i] if root.dep_ == "appos" and head.i < span.start else None
    if match is None:
        return None
    desc = scan_left(doc, ann, match.start, sent.start, person_tokens)
    desc.roles.append(match)
    desc.end = match.end
    scan_right(doc, ann, desc, match.end, sent.end)
    place_country(doc, ann, desc, match.end, sent.end)
    return desc

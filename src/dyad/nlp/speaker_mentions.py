"""The words that name a quote's speaker and the actor the actor index gives them: a person's name where
the parse made a title or an institution the subject, a guard against resolver slips, and an unresolved
actor named by its mention where the index knows nobody."""

from __future__ import annotations

import logging
import re
import unicodedata

from spacy.tokens import Doc, Span, Token

from dyad.codebooks.countries import country
from dyad.codebooks.people import builtin_people
from dyad.model import Actor, ActorRef, stable_id
from dyad.nlp import speech_cues as cues
from dyad.nlp.actors import actor_for
from dyad.nlp.article_context import published_date
from dyad.nlp.mentions import SUBJECT_DEPS

log = logging.getLogger(__name__)
_TITLE_WORDS = 8  # "Minister of State for the Armed Forces Luke Pollard": words from a title to its name


def speaker_mention(token: Token) -> Span:
    """The words naming a speaker: the person's name where the word is a title, else its noun phrase,
    never running back across a paragraph break ("Gaza?\n\nEIDE": the parser joined a turn label to the
    line before)."""
    mention = _named_mention(token) or cues.mention_span(token)
    breaks = [t.i for t in mention if t.is_space and "\n" in t.text and t.i < token.i]
    return token.doc[breaks[-1] + 1 : mention.end] if breaks else mention


def _named_mention(token: Token) -> Span | None:
    """The person's name when the subject is a title: "The Vice President, Mike Pence, said", "medical
    anthropologist Monica Schoch-Spana told" (where the parser made the institution the subject)."""
    if token.ent_type_ == "PERSON" or token.pos_ == "PRON":
        return None  # a pronoun is no title: "She and Senator X wrote" are two
    doc = token.doc
    people = [e for e in cues.entities(doc) if e.label_ == "PERSON"]
    for child in token.children:
        if (
            child.dep_ == "appos"
            and child.i < after_list(token)
            and child.pos_ == "PROPN"
            and (
                doc[child.left_edge.i - 1].text == ","
                or (token.pos_ == "NOUN" and child.left_edge.i == token.i + 1)
            )
            and (token.pos_ != "PROPN" or child.ent_type_ == "PERSON" or _known_person(child))
            and not any(c.dep_ == "det" for c in child.children)
        ):  # not "said Tedros Adhanom Ghebreyesus, the Director-General": there the name is the subject
            return cues.mention_span(child)  # NER sometimes calls the person an ORG: the parse decides
    described = _described_name(token)
    if described is not None:
        return described
    subtree = range(token.left_edge.i, min(token.right_edge.i + 1, after_list(token)))
    for ent in people:
        if ent.start in subtree and ent.root.dep_ == "appos" and doc[ent.start - 1].text == ",":
            return ent  # "the President of Ghana, Nana Akufo-Addo,": the apposition hangs lower
    titled = _name_after_title(token, people)
    if titled is not None:
        return titled
    end = token.right_edge.i + 1
    if end + 1 < len(doc) and doc[end].text == "," and token.pos_ in ("NOUN", "PROPN"):
        for ent in people:
            if (
                ent.start == end + 1
                and ent.end < len(doc)
                and doc[ent.end].text == ","
                and ent.root.dep_ not in SUBJECT_DEPS  # not "According to the daily X, Duda left"
            ):
                return (
                    ent  # "the address of the President of Ghana, Nana Akufo-Addo,": the parse hung it lower
                )
    verb = token.head
    for ent in people:
        if not (token.i < ent.start and ent.end <= verb.i):
            continue
        between = [t for t in doc[ent.end : verb.i] if not (t.is_punct or t.is_space)]
        if between:
            continue
        if ent.start > 0 and doc[ent.start - 1].text == "," and doc[ent.end : verb.i].text.strip() == ",":
            return ent  # "the director of Amnesty International, Mariela Belski, said"
        path = list(ent.root.ancestors)
        inner = path[: path.index(verb)] if verb in path else path
        if not any(t.dep_ in ("prep", "pobj", "poss") for t in inner):
            return ent  # not "a lawyer for Trump said"
    return None


def after_list(token: Token) -> int:
    """Where the words hung on ``token`` stop being its own: at its first conjunct ("Colombia's Gustavo
    Petro and Brazil's president, Lula,": the parser may hang the last member's apposition on the first)."""
    return min((c.left_edge.i for c in token.children if c.dep_ in ("cc", "conj")), default=len(token.doc))


def _described_name(token: Token) -> Span | None:
    """ "Its owner, the Russian company Sovcomflot, said": a description whose apposition describes a
    named body or person again is that name, not the description (nor whoever "its" is)."""
    if token.pos_ != "NOUN":
        return None
    doc = token.doc
    for appos in token.children:
        if appos.dep_ != "appos" or appos.pos_ != "NOUN" or doc[appos.left_edge.i - 1].text != ",":
            continue
        for name in appos.children:
            if (
                name.dep_ in ("appos", "compound")
                and name.i > appos.i
                and name.ent_type_ in ("ORG", "PERSON")
            ):
                return cues.entity_around(name)
    return None


def _known_person(token: Token) -> bool:
    """ "The WHO Director-General, Tedros Adhanom Ghebreyesus,": a name the recogniser took for an
    organisation that the people the knowledge base lists include."""
    name = cues.mention_span(token).text
    return builtin_people().lookup(name, published_date(token.doc)) is not None


def _name_after_title(token: Token, people: list[Span]) -> Span | None:
    """'"...," tweeted Mayor of London Sadiq Khan': the name that ends a title, where the parser broke
    the phrase up, the title's abbreviation in brackets included ("Member of Parliament (MP) Ann Lee");
    not a name governed by a preposition ("a lawyer for Trump")."""
    doc = token.doc
    limit = min(len(doc), token.i + _TITLE_WORDS + 1)
    for ent in people:
        if not token.i < ent.start <= limit or doc[ent.start - 1].pos_ == "ADP":
            continue
        between = doc[token.i + 1 : ent.start]
        portfolio = next((t.i for t in between if t.lower_ in ("of", "for")), ent.start)
        if between and between[-1].pos_ == "CCONJ":
            continue  # "the minister and Ana Ruiz": two speakers
        if all(
            t.pos_ in ("PROPN", "NOUN", "ADJ", "DET")
            or t.lower_ in ("of", "for")
            or t.text in ("(", ")")
            or (t.pos_ == "CCONJ" and t.i > portfolio)
            for t in between
        ):
            return ent  # "Minister of State for the Armed Forces Luke Pollard", "Minister for Labour and Y X"
    return None


def surname_of(token: Token) -> Span | None:
    """The person a lone name stands for where the recogniser took it for a place or organisation:
    "Amman" (not Jordan's capital) in an article about Sudesh Amman, "Bloomberg" after Michael Bloomberg."""
    if token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
        return None
    return next(
        (
            e
            for e in cues.entities(token.doc)
            if e.label_ == "PERSON" and len(e) > 1 and e[-1].text == token.text
        ),
        None,
    )


def consistent(actor: ActorRef, mention: Span) -> bool:
    """Guard against a resolver slip: a proper-name mention must share a word (or its initials) with the
    actor it resolves to; descriptions and pronouns may resolve to anyone."""
    if not any(t.pos_ == "PROPN" for t in mention):
        return True
    if _capital_of(actor, mention):
        return True  # "Moscow says": a capital speaks as its state
    actor_words = set(re.findall(r"\w+", actor.name))
    names = {t.text for t in mention if t.pos_ == "PROPN"}
    initials = "".join(w[0] for w in actor_words if w[0].isupper())
    if {_folded(w) for w in actor_words} & {_folded(n) for n in names}:
        return True  # "Erdoğan" is the knowledge base's "Recep Tayyip Erdogan"
    return any(sorted(n) == sorted(initials) for n in names)


def _capital_of(actor: ActorRef, mention: Span) -> bool:
    """Whether the mention is the capital of the state the actor is."""
    state = country(actor.country) if actor.country is not None else None
    if state is None or state.capital is None or actor.name != state.name:
        return False
    capital = state.capital
    if " ".join(t.text for t in mention if t.pos_ == "PROPN") != capital:
        return False
    # not "Amman" in a text about Sudesh Amman: the word never ends a longer name there
    longer = (
        e for e in cues.entities(mention.doc) if e.text.endswith(" " + capital) and e[0].pos_ == "PROPN"
    )
    return next(longer, None) is None


def state_alias(actor: ActorRef, mention: Span) -> bool:
    """Whether the mention is another name the country table gives the state the actor is ("Britain",
    "U.S.", "Burma", "Scotland"), which shares no word with the state's name."""
    state = country(actor.country) if actor.country is not None else None
    if state is None or actor.name != state.name:
        return False
    return " ".join(t.text for t in mention if t.pos_ == "PROPN") in state.aliases


def _folded(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def actor_ref(doc: Doc, token: Token | None, *, named_only: bool) -> ActorRef | None:
    if token is None:
        return None
    mention = cues.mention_span(token)
    actor = indexed_ref(doc, mention.start_char, mention.end_char)
    if actor is not None:
        return actor
    if named_only and not any(t.pos_ == "PROPN" for t in mention):
        return None  # "told reporters", "told the court": no actor
    if cues.is_pronoun(mention):
        return None
    return unresolved_ref(mention)


def indexed_ref(doc: Doc, start: int, end: int) -> ActorRef | None:
    actor = indexed_actor(doc, start, end)
    return actor.ref if actor is not None else None


def indexed_actor(doc: Doc, start: int, end: int) -> Actor | None:
    try:
        return actor_for(doc, start, end)
    except Exception:  # the actor index failing on one mention must not lose the quote
        log.warning("actor_for failed on %r", doc.text[start:end], exc_info=True)
        return None


def unresolved_ref(mention: Span) -> ActorRef:
    """A speaker the actor index does not know: named by its mention, with no country or sector."""
    name = " ".join(mention.text.split()).removesuffix("'s").removesuffix("’s")
    for prefix in ("the ", "a ", "an "):
        if name.lower().startswith(prefix):
            name = name[len(prefix) :]
    return ActorRef(stable_id("act", "mention", name.lower()), name, None, None)

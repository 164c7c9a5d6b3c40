"""Definite descriptions as speakers: "The minister described the target as ...", "The organisation said",
"the agency said", "the Chairperson said", "the Kenyan leader said" (one of that country) stand for the
nearest earlier named person or organisation the text so described (named with that title, else the
nearest of that kind), the way reporters avoid repeating a name."""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.codebooks.countries import roles
from dyad.codebooks.people import first_name_gender
from dyad.model import ActorRef
from dyad.nlp import speech_cues as cues
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.quote_frames import QuoteContext, paragraph_at
from dyad.nlp.speaker_mentions import indexed_ref
from dyad.nlp.term_mentions import BODY_HEADS

_PARAGRAPHS = 3  # how far back a description looks for its name
# Nouns for a body that the role table leaves out because they name no sector ("the group", "the bloc").
_BODY_NOUNS = BODY_HEADS | {"group", "bloc", "body", "charity", "watchdog", "regulator"}
_NEVER = {"government", "administration", "regime", "country", "nation", "state", "people", "public"}
# Person nouns the role table leaves out (kin), and the gender of gendered ones: "The mother said" is the
# nearest named woman, or person of unknown gender, not the father named just before her.
_KIN = {"father", "mother", "son", "daughter", "husband", "wife", "brother", "sister", "widow", "widower"}
_CHAIRS = {"chair", "chairman", "chairwoman", "chairperson", "commissioner"}  # titles the role table lacks
_GENDER = {
    "father": "m", "son": "m", "husband": "m", "brother": "m", "widower": "m", "spokesman": "m",
    "chairman": "m", "mother": "f", "daughter": "f", "wife": "f", "sister": "f", "widow": "f",
    "spokeswoman": "f", "chairwoman": "f",
}  # fmt: skip


def described_actor(context: QuoteContext, mention: Span) -> ActorRef | None:
    """The actor a bare singular definite description stands for: the nearest earlier person (for a
    person's role: "the minister", "the spokeswoman") or organisation (for a body: "the organisation",
    "the agency", "the group") named within the last few paragraphs, one named with the description's
    noun first ("Fisheries Minister X ... Y said ... The minister said": X); a capitalised title ("the
    Chairperson") only that one; None when the text brought in an unnamed one of that description in
    between ("A ministry official said ... The official added")."""
    words = [t for t in mention if not (t.is_punct or t.is_space or t.tag_ == "POS")]  # "the agency's"
    if len(words) < 2 or words[0].lower_ != "the":
        return None
    people = [t for t in words[1:-1] if t.ent_type_ in ("NORP", "GPE") and t.pos_ in ("ADJ", "PROPN")]
    country = _country_of(people[0]) if len(people) == 1 else None
    if people and country is None:
        return None
    if not all(_descriptive(t, words) for t in words[1:] if t not in people):
        return None  # not "the former minister", "the Kremlin"
    head = words[-1]
    if head.tag_ not in ("NN", "NNP"):
        return None
    lemma = head.lower_ if head.pos_ == "PROPN" else head.lemma_.lower()
    kind = _kind_of(lemma)
    if kind is None:
        return None
    doc = context.doc
    first_paragraph = max(0, paragraph_at(context, mention.start_char) - _PARAGRAPHS * 2)  # blank lines count
    low = context.line_starts[first_paragraph]
    kinds = ("person",) if kind == "person" else ("organization", "group")  # "the group": Hamas too
    found: list[tuple[bool, int, ActorRef]] = []  # (a subject, where, who)
    titles: dict[str, set[str]] = {}  # the words each candidate's title or name holds
    gender = _GENDER.get(head.lower_)
    for actor in doc._.dyad_actors or ():
        if actor.kind not in kinds or (gender and first_name_gender(actor.name) not in (None, gender)):
            continue
        if country is not None and actor.ref.country != country:
            continue  # "The Kenyan leader": the nearest named Kenyan, not the Tanzanian named after him
        titles[actor.id] = set(f"{actor.role or ''} {actor.name}".lower().split())
        for span in actor.mentions:
            named = doc.char_span(span.start, span.end, alignment_mode="expand")
            if not (low <= span.start and span.end <= mention.start_char) or named is None:
                continue
            titles[actor.id] |= _title_words(named)
            if any(t.pos_ == "PROPN" for t in named):  # named, not "armed groups"
                subject = any(
                    t.dep_ in SUBJECT_DEPS or (t.dep_ == "pobj" and t.head.dep_ == "agent") for t in named
                )  # "X said", "was condemned by X"
                found.append((subject, span.start, actor.ref))
    if not found:
        return None
    # the nearest named with the description's own noun ("Finance Minister Christian Lindner ... the
    # minister", "the Chairperson of the Commission, X ... the Chairperson"), else the nearest that was a
    # clause's subject ("Hamas said ..., according to the UN. The group said"), else the nearest at all
    titled = [f for f in found if lemma in titles[f[2].id]]
    if (head.pos_ == "PROPN" or lemma in _CHAIRS) and not titled:
        return None  # "the Commission", "the commissioner" are one named so, not any body or person
    best = max(titled or found, key=lambda f: (f[0], f[1]))[1:]
    between = doc.char_span(best[0], mention.start_char, alignment_mode="expand")
    said = [t.lower_ for t in words] if titled else []
    if between is not None and any(_introduced(t, lemma, said) and t.i != head.i for t in between[1:]):
        return None  # the description's own antecedent is an unnamed one
    return best[1]


def _country_of(word: Token) -> str | None:
    """The country of a nationality or place word in a description ("the Kenyan leader")."""
    for ent in cues.entities(word.doc):
        if ent.start <= word.i < ent.end:
            actor = indexed_ref(word.doc, ent.start_char, ent.end_char)
            return actor.country if actor is not None else None
    return None


def _title_words(named: Span) -> set[str]:
    """The words the text names a person or body with: a title written before the name ("Fisheries
    Minister Tomas Keller") and the noun the name is in apposition with ("The Chair of the council, Ingrid
    Solberg", "Petra Lund, the harbour master")."""
    doc = named.doc
    root = named.root
    nouns = [root.head] if root.dep_ == "appos" else []
    nouns += [
        c for c in root.children if c.dep_ in ("appos", "compound") and not named.start <= c.i < named.end
    ]
    words = {t.lower_ for noun in nouns for t in (noun, *noun.children) if t.pos_ in ("NOUN", "PROPN")}
    start = named.start
    while (
        start > max(0, named.start - 4)
        and doc[start - 1].pos_ in ("NOUN", "PROPN")
        and not doc[start - 1].ent_type_
    ):
        start -= 1
    return words | {t.lower_ for t in doc[start : named.start]}


def _introduced(word: Token, lemma: str, said: list[str]) -> bool:
    """Whether ``word`` brings in someone of that description the text does not name ("A ministry
    official said", "The electoral commission rejected"). Where the description's actor was named with
    its noun (``said`` holds the description's words), neither a name's apposition nor the same bare
    description again does ("The Chairperson urged ... the Chairperson said"); else every other one
    does ("The network signed off ... the network claims": the body the text left unnamed)."""
    if word.lemma_.lower() != lemma:
        return False
    if not said:
        return True
    if word.dep_ == "appos" or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in word.children):
        return False  # "Tomas Keller, a veteran diplomat": it describes the name beside it
    phrase = word.doc[word.left_edge.i : word.i + 1]
    return [t.lower_ for t in phrase if not (t.is_punct or t.is_space or t.tag_ == "POS")] != said


def _descriptive(word: Token, words: list[Token]) -> bool:
    """A word of a bare description: a common noun or adjective ("the veteran diplomat"), or a role or
    body noun written with a capital as titles are ("the Chairperson", "the Commission"), unless it is part
    of a longer name ("the Commission" of "the European Commission") or a place or people ("the Kenyan")."""
    if word.lower_ in cues.NOT_CURRENT:
        return False
    if word.pos_ in ("NOUN", "ADJ") and not word.ent_type_:
        return True
    if word.pos_ != "PROPN" or word.ent_type_ not in ("", "ORG") or _kind_of(word.lower_) is None:
        return False
    return all(word.doc[i] in words for i in _entity_range(word))


def _entity_range(word: Token) -> range:
    """The tokens of the named entity ``word`` is in (only itself when it is in none)."""
    if not word.ent_type_:
        return range(word.i, word.i + 1)
    start = word.i
    while word.doc[start].ent_iob_ == "I":
        start -= 1
    end = word.i + 1
    while end < len(word.doc) and word.doc[end].ent_iob_ == "I":
        end += 1
    return range(start, end)


def _kind_of(lemma: str) -> str | None:
    if lemma in _NEVER:
        return None
    if lemma in _KIN or lemma in _CHAIRS:
        return "person"
    role = roles().get(lemma)
    if role is not None:
        return "person" if role.kind == "person" else None  # a country's organs resolve by country
    return "organization" if lemma in _BODY_NOUNS else None

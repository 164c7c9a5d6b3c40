"""Definite descriptions as speakers: "The minister described the target as ...", "The organisation said",
"the agency said" stand for the nearest earlier named person or organisation the text so described,
the way reporters avoid repeating a name."""

from __future__ import annotations

from spacy.tokens import Span

from dyad.codebooks.countries import roles
from dyad.codebooks.people import first_name_gender
from dyad.model import ActorRef
from dyad.nlp import speech_cues as cues
from dyad.nlp.quote_frames import QuoteContext, paragraph_at
from dyad.nlp.term_mentions import BODY_HEADS

_PARAGRAPHS = 3  # how far back a description looks for its name
# Nouns for a body that the role table leaves out because they name no sector ("the group", "the bloc").
_BODY_NOUNS = BODY_HEADS | {"group", "bloc", "body", "charity", "watchdog", "regulator"}
_NEVER = {"government", "administration", "regime", "country", "nation", "state", "people", "public"}
# Person nouns the role table leaves out (kin), and the gender of gendered ones: "The mother said" is the
# nearest named woman, or person of unknown gender, not the father named just before her.
_KIN = {"father", "mother", "son", "daughter", "husband", "wife", "brother", "sister", "widow", "widower"}
_GENDER = {
    "father": "m", "son": "m", "husband": "m", "brother": "m", "widower": "m", "spokesman": "m",
    "chairman": "m", "mother": "f", "daughter": "f", "wife": "f", "sister": "f", "widow": "f",
    "spokeswoman": "f", "chairwoman": "f",
}  # fmt: skip


def described_actor(context: QuoteContext, mention: Span) -> ActorRef | None:
    """The actor a bare singular definite description stands for: the nearest earlier person (for a
    person's role: "the minister", "the spokeswoman") or organisation (for a body: "the organisation",
    "the agency", "the group") named within the last few paragraphs; None when the text named an
    unnamed one of that description in between ("A ministry official said ... The official added")."""
    words = [t for t in mention if not (t.is_punct or t.is_space or t.tag_ == "POS")]  # "the agency's"
    if len(words) < 2 or words[0].lower_ != "the":
        return None
    if any(t.pos_ not in ("NOUN", "ADJ") or t.ent_type_ or t.lower_ in cues.NOT_CURRENT for t in words[1:]):
        return None  # not "the former minister", "the Kenyan minister"
    head = words[-1]
    if head.pos_ != "NOUN" or head.tag_ != "NN":
        return None
    kind = _kind_of(head.lemma_.lower())
    if kind is None:
        return None
    doc = context.doc
    first_paragraph = max(0, paragraph_at(context, mention.start_char) - _PARAGRAPHS * 2)  # blank lines count
    low = context.line_starts[first_paragraph]
    kinds = ("person",) if kind == "person" else ("organization", "group")  # "the group": Hamas too
    found: list[tuple[bool, int, ActorRef]] = []  # (a subject, where, who)
    gender = _GENDER.get(head.lower_)
    for actor in doc._.dyad_actors or ():
        if actor.kind not in kinds or (gender and first_name_gender(actor.name) not in (None, gender)):
            continue
        for span in actor.mentions:
            named = doc.char_span(span.start, span.end, alignment_mode="expand")
            if not (low <= span.start and span.end <= mention.start_char) or named is None:
                continue
            if any(t.pos_ == "PROPN" for t in named):  # named, not "armed groups"
                subject = any(
                    t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "pobj" and t.head.dep_ == "agent")
                    for t in named
                )  # "X said", "was condemned by X"
                found.append((subject, span.start, actor.ref))
    if not found:
        return None
    # the nearest that was a clause's subject ("Hamas said ..., according to the UN. The group said"),
    # else the nearest at all
    best = max(found, key=lambda f: (f[0], f[1]))[1:]
    lemma = head.lemma_.lower()
    between = doc.char_span(best[0], mention.start_char, alignment_mode="expand")
    if between is not None and any(t.lemma_.lower() == lemma and t.i != head.i for t in between[1:]):
        return None  # the description's own antecedent is an unnamed one
    return best[1]


def _kind_of(lemma: str) -> str | None:
    if lemma in _NEVER:
        return None
    if lemma in _KIN:
        return "person"
    role = roles().get(lemma)
    if role is not None:
        return "person" if role.kind == "person" else None  # a country's organs resolve by country
    return "organization" if lemma in _BODY_NOUNS else None

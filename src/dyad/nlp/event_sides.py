"""Steps of a :class:`~dyad.nlp.event_drafts.Draft` that need both of its sides: a secondary act's own named
parties, demands on one's own state or forces, acts on oneself, meetings and fights read in every direction,
interviews (no meetings), games and votes (no fights), moves of one's own side, aid to the article's state,
and the directions an event goes in."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from dyad.codebooks import word_tables
from dyad.model import Span
from dyad.nlp.event_acts import RECIPROCAL_ROOTS, joint_act, mutual_act
from dyad.nlp.event_arguments import active_subject, claimant, relative_clause
from dyad.nlp.event_coding import classifier_coded
from dyad.nlp.event_parties import VISITS, is_venue, placed, state_party
from dyad.nlp.noun_phrases import party_like
from dyad.nlp.predicates import Predicate
from dyad.nlp.speech_cues import lexicon as speech_lexicon

if TYPE_CHECKING:
    from dyad.nlp.event_drafts import Draft

# Consulting and diplomatic cooperation: whatever they name besides a party ("discuss efforts", "sign a
# memorandum", "restore relations"), sides that do them together do them to each other; pledges and
# offers of what no party is named for ("pledged funds") are for someone else.
TALKS = ("04", "05")
CONSULT = "04"
FIGHT = "19"
DEMAND = "10"
PRESS = "MED"
SCORE = re.compile(r"\b\d+ ?[-–] ?\d+\b")  # "2-1", "43–5", "32-29"
# A state's armed, police and intelligence forces: what they are ordered to do is their state's own affair.
FORCES = ("MIL", "COP", "SPY")
ARMED = (*FORCES, "REB")  # and rebels: a win of theirs is one of arms
# Acts that every side named "between" them does to every other: talks, agreements, truces, fighting ("trade
# between X and Y fell", "cooperation between X and Y" tell of relations, not of an act of either).
MUTUAL_BETWEEN = ("04", "05", "08", FIGHT)
# Acts by which a party moves its own (sends aid or rescuers, pulls back troops, puts forces on alert,
# recalls an envoy): the party moved, named as its own, is not whom the act is toward.
MOVED_ROOTS = ("07", "08", "15", "16")
# A verb's objects, active or passive ("signed a memorandum", "a memorandum was signed").
OBJECT_DEPS = ("dobj", "nsubjpass")


def secondary_named(draft: Draft) -> bool:
    """An act outside the main clause is an event only with parties of its own, named; so is a reporting
    clause the classifier alone codes (its root is read off the sentence's words, not the clause's: "the chief
    announced on Facebook there were suspects in custody" as a rejection), precision first; a crowd's
    protest is told by its act, not its name, against a party named or the government where it is held."""
    crowd = draft.crowd_protest and (draft.named_target or draft.against_government)
    explicit = (draft.named_source and draft.named_target) or crowd
    return explicit or (draft.main_clause and not classifier_coded(draft.predicate))


def relative_named(draft: Draft) -> bool:
    """One event per act, the main clause's: an act told in a relative clause ("sanctioned two executives it
    accused of fraud") is an event only with its parties named in the clause itself ("the tanks that Warsaw
    delivered to Kyiv"), not by a pronoun, or by the noun the clause modifies where that names a party
    ("Oman, which has mediated between the Houthis and Riyadh", "people who protested against the
    decision")."""
    clause = act_clause(draft.token) if draft.is_verb else None
    if clause is None:
        return True
    sources = _roots(draft, () if _actor_implied(draft, clause) else draft.source_spans)
    # A target phrase naming no party ("the fourth night in a row that Serbians protested", "a step the two
    # sides agreed to") is what the act is about or when it was, not whom it is on.
    targets = [
        t
        for t in _roots(draft, draft.target_spans)
        if (clause_party(clause, t) if _antecedent(clause, t) else party_like(t))
    ]
    named = all(clause_party(clause, t) for t in (*sources, *targets))
    return named and bool(sources or targets)


def _roots(draft: Draft, spans: tuple[Span, ...]) -> list[Token]:
    found = (draft.doc.char_span(s.start, s.end, alignment_mode="expand") for s in spans)
    return [f.root for f in found if f is not None]


def act_clause(verb: Token) -> Token | None:
    """The relative clause a verb's act is told in, whose parties are its own: not one judging a claim the
    sentence restates ("a charge the Kremlin denies", "an account that Ryanair called false": on its
    claimant), nor one describing a document ("posted a message blaming Iran": its author's act)."""
    clause = relative_clause(verb)
    if clause is None or claimant(clause.head) is not None or speech_lexicon().noun(clause.head, "document"):
        return None
    return clause


def in_clause(draft: Draft, clause: Token, predicate: Predicate) -> bool:
    """Whether every phrase naming a side of ``predicate`` names a party of the relative clause ``clause``
    (a verb in the passive without a "by" phrase names no source: its actor is implied)."""
    sources = () if _actor_implied(draft, clause) else predicate.source_heads
    return all(clause_party(clause, draft.doc[h]) for h in (*sources, *predicate.target_heads))


def _actor_implied(draft: Draft, clause: Token) -> bool:
    """Whether the act names no actor: a verb in the passive, or a past participle, without a "by" phrase
    ("Sandiford, sentenced to death for smuggling")."""
    participle = draft.token == clause and clause.dep_ == "acl"
    return draft.agentless or (participle and not any(c.dep_ == "agent" for c in clause.children))


def clause_party(clause: Token, token: Token) -> bool:
    """Whether ``token`` names a party of the relative clause ``clause``: a phrase in it, not a pronoun, or
    the noun the clause modifies (which a relative pronoun stands for) where it can name a party."""
    if _antecedent(clause, token):
        return party_like(clause.head) or clause.head.pos_ == "PROPN" or party_like(token)
    return clause.is_ancestor(token) and token.pos_ != "PRON"


def _antecedent(clause: Token, token: Token) -> bool:
    """Whether ``token`` heads the phrase the relative clause ``clause`` modifies, or is its relative
    pronoun ("her husband Siarhei, who was arrested": "husband", "Siarhei", "who")."""
    noun = clause.head
    while noun != token and noun.dep_ == "appos":
        noun = noun.head
    return token == noun or token.tag_ in ("WDT", "WP")


def not_own_state_demand(draft: Draft) -> bool:
    """ "Johnson stated that Britain must leave": what his own state must do (the target only the state the
    source belongs to, named as a place) is no demand; "China and the US should be partners", said by
    China's minister, asks it of the other state only."""
    heads = draft.predicate.target_heads
    if not (
        draft.predicate.entry.frame == "report"
        and bool(heads)
        and all(draft.doc[h].ent_type_ == "GPE" for h in heads)
    ):
        return True
    own = {s.country for s in draft.source}
    draft.target = tuple(t for t in draft.target if t.country not in own)
    return bool(draft.target)


def no_command_of_own_forces(draft: Draft) -> bool:
    """ "Chavez ordered his troops to the border", "ordered security forces to open fire": a demand on the
    source's own state's forces is a command inside the state, no demand between parties (what the forces
    then do is the event)."""
    if draft.predicate.cameo[:2] != DEMAND or not draft.target:
        return True
    own = {s.country for s in draft.source}
    return not all(t.country in own and t.sector in FORCES for t in draft.target)


def not_on_itself(draft: Draft) -> bool:
    """An actor does not act on itself, nor on a party of its own that it moves ("Khartoum withdrew its
    troops", "recalled its ambassador", "put their own forces on alert"): whom such an act is done to is
    named elsewhere or nowhere (:func:`~dyad.nlp.event_counterparts.addressed_in_story` reads it from the
    story). Other acts can be on one's own ("thanked his supporters", "arrested its own officers")."""
    draft.target = tuple(t for t in draft.target if t not in draft.source)
    own = {s.country for s in draft.source}
    moved = draft.predicate.cameo[:2] in MOVED_ROOTS
    if moved and draft.target and {t.country for t in draft.target} <= own and _objects_own(draft):
        draft.target = ()
    return True


def _objects_own(draft: Draft) -> bool:
    """Whether every target phrase is the verb's object owned by a pronoun that agrees with the verb's
    subject ("Khartoum withdrew its troops"; not "the police seized the families' savings", nor "protests
    against his rule")."""
    subject = active_subject(draft.token) if draft.is_verb else None
    if subject is None or not draft.target_spans:
        return False
    for span in draft.target_spans:
        phrase = draft.doc.char_span(span.start, span.end, alignment_mode="expand")
        head = None if phrase is None else phrase.root
        if head is None or head.head != draft.token or head.dep_ not in OBJECT_DEPS:
            return False
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is None or not _agrees(owner, subject):
            return False
    return True


def _agrees(owner: Token, subject: Token) -> bool:
    """Whether a possessive pronoun can be the subject's: "its" a state's or a body's, "their" a plural
    or coordinated subject's, "his" or "her" a person's."""
    word = owner.lower_
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    if word == "its":
        return not plural and subject.ent_type_ != "PERSON"
    if word == "their":
        return plural
    return word in ("his", "her") and not plural and subject.ent_type_ not in ("GPE", "ORG", "NORP")


def meeting(draft: Draft) -> bool:
    """ "X, Y and Z met", "talks between X and Y": each acts on every other ("X, Y and Z joined the
    coalition" is no meeting), and "met in Rome" names where they met, not whom. Sides of more than one
    country that fight and name nobody else ("India and Pakistan exchanged fire") fight each other, and
    sides doing what is coded the same both ways ("Russia and Ukraine swapped prisoners") do it to each
    other; talks "in Brussels" are held there, with nobody named."""
    root = draft.predicate.cameo[:2]
    if draft.target and root in MUTUAL_BETWEEN and draft.predicate.between(draft.doc):
        # "talks between X and Y", "clashes between X, Y and Z": one coordination names every side, each
        # of which does the act to every other; no side is only its target.
        draft.source = tuple(dict.fromkeys((*draft.source, *draft.target)))
        draft.source_spans = (*draft.source_spans, *draft.target_spans)
        draft.target, draft.target_spans = (), ()
        draft.reciprocal = len(draft.source) > 1
        return True
    draft.reciprocal = len(draft.source) > 1 and (
        (
            root in RECIPROCAL_ROOTS
            and not any(
                c.dep_ in OBJECT_DEPS and (party_like(c) or root not in TALKS) and not joint_act(c)
                for c in draft.token.children
            )
        )
        or (root == FIGHT and not draft.target and len({s.country for s in draft.source}) > 1)
        or (not draft.target and draft.is_verb and mutual_act(draft.token, draft.predicate.cameo))
    )
    heads = draft.predicate.target_heads
    venues = all(is_venue(draft.doc[t]) for t in heads)
    # Talks held somewhere ("held an emergency meeting in Brussels") are held there, not with it; a visit
    # there ("arrived in Kazakhstan") is one to its state, and "the government in Kabul" is a party.
    talks = root == CONSULT and draft.predicate.cameo not in VISITS and bool(heads)
    held = all(draft.doc[t].head.head.pos_ in ("VERB", "AUX") or draft.is_noun for t in heads)
    draft.meeting_place = venues and (draft.reciprocal or (talks and held))
    if draft.meeting_place:
        draft.target = ()
    return True


def no_interview(draft: Draft) -> bool:
    """Speaking with a news outlet or its reporters ("spoke to the BBC", "Wikinews discussed the findings
    with Dr Seager", "talked to journalists") is an interview: the outlet reports the words, it does not
    consult with their speaker. No event; the words said are events of their own where they tell acts."""
    if draft.predicate.cameo[:2] != CONSULT:
        return True
    return not any(side and all(a.sector == PRESS for a in side) for side in (draft.source, draft.target))


def no_contest(draft: Draft) -> bool:
    """Beating or defeating a rival in a game or a vote ("Brazil beat Argentina 2-1 in the final", "Ruto
    defeated Odinga in the 2022 election") is no use of force: the verb's phrase tells the contest (a
    score, or a word of games and votes) and no side is armed ("troops defeated rebels" stays a fight)."""
    verb = draft.token
    if not draft.is_verb or verb.lemma_.lower() not in word_tables.words("force_words.tsv", "winning"):
        return True
    if any(a.sector in ARMED for a in (*draft.source, *draft.target)):
        return True
    words = list(verb.subtree)
    contests = word_tables.words("force_words.tsv", "contest")
    told = any(t.lemma_.lower() in contests for t in words) or bool(SCORE.search(_text(words)))
    return not told


def _text(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens)


def not_own_side_moving(draft: Draft) -> bool:
    """ "he returned to Oman", "withdraw from Iraq": a place of the source's own country is where its own
    side went, not whom it acted on."""
    if draft.meeting_place or draft.against_government or draft.located:
        return True
    return not (
        placed(draft.doc, draft.predicate.target_heads)
        and {t.country for t in draft.target} <= {s.country for s in draft.source}
    )


AID = ("07", "033")  # aid (root 07) and pledges of aid (033x)


def aid_to_home(draft: Draft) -> bool:
    """Aid, or a pledge of it, that names nobody it is for ("Britain pledged 5 million pounds in emergency
    aid", "sent rescue teams") goes to the state the article is about, when the giver is of another."""
    if draft.target or draft.reciprocal or draft.home is None or not draft.source:
        return True
    if draft.predicate.cameo[:2] != AID[0] and draft.predicate.cameo[:3] != AID[1]:
        return True
    if draft.home not in {s.country for s in draft.source}:
        draft.target = (state_party(draft.home),)
    return True


def directions(draft: Draft) -> bool:
    """The (source, target) pairs of the act: state acts told by places pair each state with its own
    people, a meeting with no other target each side with every other."""
    source, target = draft.source, draft.target
    if draft.located:
        draft.pairs = [((s,), tuple(t for t in target if t.country == s.country)) for s in source]
    elif not target and draft.reciprocal:  # "The two sides agreed", "X, Y and Z met"
        draft.pairs = [((s,), tuple(t for t in source if t != s)) for s in source]
    else:
        draft.pairs = [(source, target)]
    return True


def both_sides(draft: Draft) -> bool:
    """Precision first: an event with a party nobody can name is left out."""
    return bool(draft.source) and bool(draft.pairs[0][1])

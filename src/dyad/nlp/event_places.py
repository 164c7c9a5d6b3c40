"""Steps of a :class:`~dyad.nlp.event_drafts.Draft` that read a party from where an act happens: the
authorities of an agentless arrest, the unidentified attackers of an agentless attack, the state an attack on
an unplaced thing strikes, state acts told by places, and the government a protest is against."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyad.codebooks.cameo import VIOLENT_ROOTS
from dyad.model import Span
from dyad.nlp.actors import actor_for
from dyad.nlp.event_lexicon import coded_entry
from dyad.nlp.event_parties import authorities_of, is_venue, place_states, placed, state_party, struck_state
from dyad.nlp.noun_phrases import noun_phrase

if TYPE_CHECKING:
    from dyad.nlp.event_drafts import Draft, Side

# Acts only a state's authorities perform (arrest, detain, charge, ban, deport): said in the passive without
# an agent ("he was arrested on Friday"), their agent is the authorities where it happens.
STATE_ACTS = ("172", "173", "174")
# Violence said in the passive without an agent ("the mayor was stabbed on stage"): unidentified attackers
# of the country where it happens (the sector the article gold gives them, UAF).
UNKNOWN_ATTACKERS = ("unidentified attackers", "UAF")
# A protest that names nobody it is against is against the government where it is held (as CAMEO codes it).
PROTESTS = "14"
GOVERNMENT = ("government", "GOV")
RALLY = "rally"
# A state's own bodies, whose report of an arrest or an attack at home places it.
AUTHORITY_SECTORS = ("GOV", "COP", "MIL", "JUD", "SPY")
# Seizing property (171, its kinds 1711, 1712) takes it from the state where it is seized, when that is
# another state than the seizer's ("seized an oil tanker off the coast of Venezuela").
SEIZURES = "171"
# Harm that accidents and disasters do too ("two officers were injured", "killed in a crash"): no attacker.
HARMS = ("injure", "wound", "kill", "hurt", "harm")


def agent_of_passive(draft: Draft) -> bool:
    """An act in the passive without an agent: an arrest is by the authorities where it happens, an attack
    told by its means or its kind ("were killed in a bombing") by unidentified attackers there; harm that
    accidents do too ("were injured") has no actor."""
    if not draft.agentless:
        return True
    doc, predicate, target = draft.doc, draft.predicate, draft.target
    targets = [*predicate.targets]
    home = _reporting_authority(draft, draft.target) or draft.home
    if target and predicate.cameo.startswith(STATE_ACTS):
        authorities = authorities_of(doc, draft.sent, target, targets, home)
        draft.source = (authorities,) if authorities is not None else ()
        # "Babaryka, who was arrested": a person the article names is a party of the arrest, held by the
        # authorities where it happens, whatever the tables know of him.
        draft.named_target = draft.named_target or all(
            doc[h].ent_type_ == "PERSON" for h in predicate.target_heads
        )
    elif (
        target
        and predicate.cameo.startswith(VIOLENT_ROOTS)
        and (draft.means is not None or draft.token.lemma_.lower() not in HARMS)
    ):
        attackers = authorities_of(doc, draft.sent, target, targets, home, UNKNOWN_ATTACKERS)
        draft.source = (attackers,) if attackers is not None else ()
    draft.named_source = bool(draft.source)  # the authorities or attackers of a named target's place
    return True


def _reporting_authority(draft: Draft, side: Side) -> str | None:
    """The country of a state, or of its own body, reporting the act of or on another country's people
    (``side``): "Estonia's security service said three people, including a Russian national, had been
    arrested" (its authorities made the arrest), "Pakistan's military said Indian troops had shelled
    villages" (its villages were struck); an NGO, a newspaper or relatives say nothing of where it happened.
    Without such a report, the article's country places an act before the nationality of its target does (a
    national held abroad is news)."""
    if draft.predicate.reporter is None:
        return None
    start, end = noun_phrase(draft.doc[draft.predicate.reporter], with_conjuncts=False)
    reporter = actor_for(draft.doc, start, end)
    if reporter is None or not (reporter.kind == "state" or reporter.sector in AUTHORITY_SECTORS):
        return None
    # A government telling of its own people ("six Mexican nationals were killed, Mexico's president
    # said") may speak of what happened abroad: it places nothing.
    return reporter.country if reporter.country not in {t.country for t in side} else None


def struck_where_it_happens(draft: Draft) -> bool:
    """An attack a verb tells by one side on a thing or a spot no table names ("a Russian missile hit a
    hospital") strikes the state where it happens (an act noun's phrases are looser: "wounds in the
    attack"); sides of several countries fighting are read by :func:`~dyad.nlp.event_sides.meeting`. A thing
    seized at a place the sentence names of another state is seized from that state; one seized at home
    names no other party."""
    predicate = draft.predicate
    seized = predicate.cameo.startswith(SEIZURES)
    if (
        draft.target
        or not draft.named_source
        or not draft.is_verb
        or not (predicate.cameo.startswith(VIOLENT_ROOTS) or seized)
    ):
        return True
    own = {s.country for s in draft.source}
    if len(own) > 1:
        return True
    # What is seized is the verb's object, though the phrase ranker found no party in it ("a trawler").
    heads = predicate.target_heads or (draft.rules.target_heads if seized else ())
    if any(coded_entry(draft.doc[h]) is not None for h in heads):
        return True  # "described the attacks as": an act is told of, nothing is struck
    home = None if seized else _reporting_authority(draft, draft.source) or draft.home
    struck = struck_state(draft.doc, draft.text, draft.sent, heads, draft.parties(), home)
    draft.target = (struck,) if struck is not None and not (seized and struck.country in own) else ()
    return True


def state_acts_by_place(draft: Draft) -> bool:
    """ "arrests were made in Australia, Brazil and Canada": a nominal state act with no actor, told by the
    places it was made in, is each one's authorities' on its own people."""
    doc, predicate, rules = draft.doc, draft.predicate, draft.rules
    draft.located = (
        draft.is_noun
        and not rules.source_heads
        and predicate.cameo.startswith(STATE_ACTS)
        and placed(doc, rules.target_heads)
    )
    if draft.located:
        draft.target = place_states(doc, rules.target_heads)
        draft.target_spans = tuple(Span(start, end, draft.text[start:end]) for start, end in rules.targets)
        draft.source = tuple(state_party(t.country) for t in draft.target if t.country)
        draft.named_target = bool(draft.target)
        draft.named_source = bool(draft.source)
    return True


def _own_rally(draft: Draft) -> bool:
    """Whether the act is a rally ("held a rally", "rallies", "at a Biden rally") of the government's own
    people."""
    token = draft.token
    words = (token, *(c for c in token.children if c.dep_ == "dobj"))
    rally = any(w.lemma_.lower() == RALLY for w in words)
    return rally and all(s.sector == GOVERNMENT[1] for s in draft.source)


def protest_against_government(draft: Draft) -> bool:
    """A protest naming nobody it is against, or only where it is held ("Serbians protested", "held a rally
    in Minsk"), is against the government there; a rally the government's own people hold or speak at
    ("President Trump held a campaign rally in Tulsa"; a rally, not a protest, whose source may be read from
    another clause: "the PM resigned after weeks of student-led protests") is against nobody: no event."""
    doc, predicate = draft.doc, draft.predicate
    venue = placed(doc, predicate.target_heads) or all(is_venue(doc[h]) for h in predicate.target_heads)
    draft.against_government = (
        bool(draft.source) and predicate.cameo.startswith(PROTESTS) and (not draft.target or venue)
    )
    if draft.against_government and _own_rally(draft):
        return False
    if draft.against_government:
        government = authorities_of(
            doc, draft.sent, draft.source, [*predicate.sources], draft.home, GOVERNMENT
        )
        draft.target = (government,) if government is not None else ()
        draft.named_target = draft.named_source
    return True

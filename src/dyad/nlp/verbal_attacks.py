"""Words of force used of words: "Biden attacked Trump for the tweet", "Speakers hammered the president over
his response", "attacked the deal as a betrayal" criticise (CAMEO 111), they do no violence.

A verb of striking is read as criticism when it gives the reason it strikes for ("for", "over", "on" with
a gerund or a matter) or what it calls its target ("as"): force gives no reasons, and is told with its time,
place and means instead ("for the second day", "over the Black Sea", "on the highway", "with rockets"),
which this reading leaves to it.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.codebooks import word_tables

CRITICISE = "111"
REASON_PREPS = ("for", "over")
# Entities of time, place and amount, which tell when, where or how much force is used, not why.
_NOT_MATTER_ENTITIES = ("DATE", "TIME", "CARDINAL", "QUANTITY", "ORDINAL", "GPE", "LOC", "FAC")


def verbal_attack(verb: Token) -> bool:
    """Whether a verb of striking is told as criticism: it names a reason or a matter, or what it calls its
    target ("attacked Drudge as a consistent opponent")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in word_tables.words("force_words.tsv", "striking"):
        return False
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep"):
        for thing in (g for g in prep.children if g.dep_ in ("pobj", "pcomp")):
            word = prep.lower_
            if word == "as" or (word in (*REASON_PREPS, "on") and _a_matter(thing, word)):
                return True
    return False


def _a_matter(thing: Token, prep: str) -> bool:
    """Whether the object of "for", "over" or "on" is a reason or a matter (a gerund, "for accumulating
    wealth"; or, for "for" and "over", a noun that names no time, place or way: "for the tweet", "over the
    budget"), not when or where force is used."""
    if thing.tag_ == "VBG":
        return True
    if prep == "on" or thing.pos_ not in ("NOUN", "PROPN") or thing.ent_type_ in _NOT_MATTER_ENTITIES:
        return False
    circumstances = word_tables.words("force_words.tsv", "circumstance")
    return thing.lemma_.lower() not in circumstances and thing.lower_ not in circumstances

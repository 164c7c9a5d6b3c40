"""Whose words a document or a speech act carries: the issuer of "the court's ruling", "a statement from
the king", "a ministry statement", a communique read out by a bloc's official; the maker of "a pledge",
"a call for ...", "Russia's demand"."""

from __future__ import annotations

from spacy.tokens import Token

from dyad.codebooks.countries import roles
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.speech_cues import agent_of, lexicon, subject_of

_ANAPHORIC = {"the", "this", "that"}  # "the statement": one named before
_ISSUER_ENTITIES = {"ORG", "GPE", "NORP", "PERSON"}
# Things posted online: a name before them is the platform they are on ("a Facebook post", "a YouTube
# video"), not their author.
_POSTED = {"post", "tweet", "video", "channel", "account", "feed", "blog", "website"}
# Who saw or obtained a document is not its author: "a budget document seen by reporters".
_PERCEIVING = {"see", "obtain", "review", "view", "examine", "receive"}


def read_out_for(speaker: Token) -> Token | None:
    """ "The court's order, read out by its president, X, said ...": the parser can make "read" a finite
    verb with the document for its subject, and its reader the words' source. A reduced passive "read
    (out) by X" with a subject of its own is that misparse; the subject (the document, or the body whose
    document it is) speaks, not the reader."""
    path = list(speaker.ancestors)[:3]
    reading = next((t for t in path if t.lemma_ == "read" and t.pos_ == "VERB"), None)
    if reading is None or not any(t.lower_ == "by" for t in path[: path.index(reading)]):
        return None
    return next((c for c in reading.children if c.dep_ in SUBJECT_DEPS and c.i != speaker.i), None)


def author_of_document(noun: Token, *, text: bool = False) -> Token | None:
    """The issuer of a statement, decree or letter: "the court's summary", "statement from the king",
    "decree signed by the Pope", "Facebook released a statement", "X said in a statement", "a Pentagon
    report" (a name before it, when the noun is a document of the lexicon or, by ``text``, another
    text: "FEC records", not "the Carroll/Patel ticket"); "the statement" with none of these is the one
    the text named before with its issuer."""
    author = _named_author(noun, text)
    if author is not None or not any(c.dep_ == "det" and c.lower_ in _ANAPHORIC for c in noun.children):
        return author
    for earlier in reversed(noun.doc[: noun.i]):
        if earlier.lemma_ == noun.lemma_ and earlier.pos_ == noun.pos_:
            author = _named_author(earlier, text)
            if author is not None:
                return author
    return None


def speech_act_owner(noun: Token) -> Token | None:
    """Who made a pledge, call, warning or demand: "Russia's demand", "a call from the UN", "Leaders ended
    their summit with a pledge to ...". Not the subject of any verb it is the object of: "rejected calls
    for ..." answers somebody else's call."""
    return _own_author(noun) or (subject_of(noun.head.head) if _issued_with(noun) else None)


def _named_author(noun: Token, text: bool = False) -> Token | None:
    author = _own_author(noun)
    if author is not None:
        return author
    document = lexicon().noun(noun, "document")
    verb = noun.head
    if _issued_with(noun) and document:
        return subject_of(verb.head)  # "Leaders ended their summit with a joint communique"
    if noun.dep_ == "pobj" and verb.lower_ == "in" and document:
        clause = next((a for a in list(verb.ancestors)[:2] if a.pos_ == "VERB"), None)
        own = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None
        if own is not None:
            return own  # "X reflects this view in Ballot Access News comments": X's, not the paper's
    if noun.dep_ == "dobj" and verb.pos_ == "VERB":
        own = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if own is not None and verb.lemma_ == "read":
            return _reader_body(own) or own  # "The bloc's president read out a communique": the bloc's
        if own is not None or verb.tag_ == "VBG":
            return subject_of(verb)  # "Facebook released a statement", "..., releasing a statement"
    if (document or text) and noun.lemma_.lower() not in _POSTED:
        return next((c for c in noun.children if c.dep_ == "compound" and _issuer(c)), None)
    return None  # not '"...," read the statement': an inverted subject, not a document issued


def _own_author(noun: Token) -> Token | None:
    """An author the noun's own phrase names: a possessive, "from/by X", "of X", "signed by X"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("on", "in"):
            for pobj in child.children:  # "a post on the Houthis' Telegram channel"
                if pobj.dep_ == "pobj" and lexicon().noun(pobj, "document"):
                    return _named_author(pobj)
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for pobj in child.children:
                if pobj.dep_ != "pobj" or pobj.pos_ not in ("PROPN", "NOUN", "PRON"):
                    continue
                if lexicon().noun(pobj, "document"):
                    return _named_author(pobj)  # "the summary of the decision": whose decision
                if child.lower_ != "of" or pobj.pos_ == "PROPN":
                    return pobj
        if child.dep_ == "acl" and child.lemma_.lower() not in _PERCEIVING:
            agent = agent_of(child)
            if agent is not None:
                return agent
    return None


def _issued_with(noun: Token) -> bool:
    """ "ended their summit with a communique": the noun is what the clause's subject issued."""
    verb = noun.head
    return noun.dep_ == "pobj" and verb.lower_ == "with" and verb.head.pos_ == "VERB"


def _issuer(token: Token) -> bool:
    """A name or a body that issues documents: "Pentagon", "UN", "ministry", "police"; not "press",
    "video" or a capitalised first word the tagger took for a name ("Satellite images")."""
    if token.ent_type_ in _ISSUER_ENTITIES:
        return True
    role = roles().get(token.lemma_.lower())
    return role is not None and role.kind == "organization"


def _reader_body(reader: Token) -> Token | None:
    """The body a reader of a document speaks for: the owner of the reader's post ("the bloc's commission
    president", "X, the court's registrar"), or the body it is "of" ("the president of the court")."""
    titles = [reader, *(c for c in reader.children if c.dep_ == "appos")]
    if reader.dep_ == "appos":
        titles.append(reader.head)
    for title in titles:
        for child in title.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ == "of":
                body = next((c for c in child.children if c.dep_ == "pobj"), None)
                if body is not None and _issuer(body):
                    return body
    return None

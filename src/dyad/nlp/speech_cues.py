"""Speech cues over a parsed sentence: which verb introduces a quote, who speaks, to whom, through whom.

The lexicon (``codebooks/speech_cues.tsv``) lists speech verbs ("said", "told", "warned"), naming verbs
("named", "dubbed": the quoted text is a name, nobody's words), document nouns ("statement", "decree":
words whose author is their issuer), sign nouns ("banner", "placard"), term nouns ("the word ...") and
silent nouns (occasions, living and natural things, abstractions: "a press conference", "the virus",
"fear", which never speak).
The functions here read spaCy's dependency parse; :mod:`dyad.nlp.attribution` decides which quote a cue
serves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from spacy.tokens import Doc, Span, Token

from dyad.codebooks._tables import rows
from dyad.errors import CodebookError
from dyad.nlp.doc_cache import once
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.noun_phrases import object_of

CueKind = Literal["speech", "belief", "naming", "sanction", "document", "sign", "term", "silent", "hearsay"]
_KINDS: dict[str, set[str]] = {
    "VERB": {"speech", "belief", "naming", "sanction"},
    "NOUN": {"document", "sign", "term", "speech", "silent"},
    "ADV": {"hearsay"},
}
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_RELATIVE = {"which", "that", "who", "whom"}
_PHRASE_POS = ("PROPN", "NOUN", "DET", "ADJ", "NUM")  # words of a noun phrase before a participle
_TITLE_PREPS = ("of", "for")  # inside a title: "Minister of State for the Armed Forces"
# Verbs that pass on someone else's words when their agent is named: "as reported by X", "quoted by X".
_RELAY_VERBS = {"report", "quote", "publish", "cite", "carry", "broadcast", "relay"}
_NAME_ENTITIES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LAW"}
_MENTION_PREPS = {"of", "for", "at", "from", "in"}
_QUOTING = ("quote", "cite")
NOT_CURRENT = {"former", "ex", "late", "then", "new", "next", "incoming", "outgoing", "acting", "interim"}
# "the palace said": the seat of a monarchy speaks for its monarch
_MONARCHY_SEATS = {"palace", "royal palace", "royal household", "royal court", "imperial household"}
_MONARCHS = ("king", "queen", "emperor", "emir", "sultan")
PERSONAL_PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them"}


@dataclass(frozen=True, slots=True)
class CueEntry:
    lemma: str
    pos: str
    kind: CueKind
    takes_addressee: bool


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    verbs: dict[str, CueEntry]
    nouns: dict[str, CueEntry]
    adverbs: dict[str, CueEntry]

    def verb(self, token: Token) -> CueEntry | None:
        if token.pos_ not in ("VERB", "AUX") and not (token.pos_ == "NOUN" and token.tag_.startswith("VB")):
            return None
        return self.verbs.get(token.lemma_.lower())

    def noun(self, token: Token, kind: CueKind) -> bool:
        if token.pos_ not in ("NOUN", "PROPN"):
            return False
        if any(c.dep_ == "nsubj" for c in token.children):
            return False  # a verb the tagger took for a noun: the headline "Chile, Peru sign fisheries pact"
        entry = self.nouns.get(token.lemma_.lower()) or self.nouns.get(token.lower_)
        return entry is not None and entry.kind == kind

    def hearsay(self, token: Token) -> bool:
        """ "reportedly", "allegedly": the clause is somebody's claim."""
        return token.pos_ == "ADV" and token.lower_ in self.adverbs


@cache
def lexicon() -> SpeechLexicon:
    """The speech-cue lexicon, loaded once per process."""
    tables: dict[str, dict[str, CueEntry]] = {pos: {} for pos in _KINDS}
    for number, (lemma, pos, kind, addressee) in rows("speech_cues.tsv", 4):
        where = f"speech_cues.tsv:{number}"
        if pos not in _KINDS or kind not in _KINDS[pos]:
            raise CodebookError(f"cue kind {kind!r} does not fit part of speech {pos!r}", where=where)
        if addressee not in ("0", "1"):
            raise CodebookError(f"takes_addressee must be 0 or 1, not {addressee!r}", where=where)
        table = tables[pos]
        if lemma in table:
            raise CodebookError(f"duplicate cue {lemma!r} ({pos})", where=where)
        table[lemma] = CueEntry(lemma, pos, kind, addressee == "1")  # type: ignore[arg-type]
    return SpeechLexicon(tables["VERB"], tables["NOUN"], tables["ADV"])


def subject_of(verb: Token, usable: Callable[[Token], bool] = lambda _: True) -> Token | None:
    """Who performs ``verb``: its agent ("criticised by X"), its subject, or the subject of the clause a
    participle hangs from ("..., adding ...", "calling it ..."); a relative pronoun gives way to its noun.
    Tokens ``usable`` rejects (words inside a quotation the parser took for a subject) are skipped. A
    subject cut from its verb by a semicolon or colon yields to another one (the headline "Kosovo, Serbia
    end row; EU hails ..." gave "hails" both)."""
    current = verb
    for _ in range(5):
        agent = agent_of(current)
        if agent is not None and usable(agent):
            return agent
        subjects = [c for c in current.children if c.dep_ in _SUBJECTS and c.pos_ not in ("VERB", "AUX")]
        subjects += [s for c in current.children if c.dep_ == "nsubj" and (s := _participle_subject(c))]
        if len(subjects) > 1:  # "Speaking to Reuters, X said": a clause is nobody
            subjects.sort(key=lambda c: _across_clause(c, current))
        for child in subjects:
            if not usable(child):
                # "—The mayor, Sadiq Khan\n\nAlexis Boon, the head of ..., said": the parser ran the
                # line before into the subject; the part of it in the cue's own paragraph speaks
                child = next(
                    (
                        t
                        for t in child.subtree
                        if usable(t) and not usable(t.head) and t.pos_ in ("PROPN", "NOUN", "PRON")
                    ),
                    child,
                )
                if not usable(child):
                    continue
            if child.lower_ in _RELATIVE and current.dep_ == "relcl":
                return current.head
            return child
        absolute = absolute_subject(current)
        if absolute is not None and usable(absolute):
            return absolute
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN", "PRON") and usable(current.head):
            return current.head  # "a statement saying ...", "a banner reading ..."
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _participle_subject(word: Token) -> Token | None:
    """ "Arab and European foreign ministers meeting in Riyadh called for ...": the parser can make the
    participle the subject and the noun before it the participle's; that noun is the subject."""
    if word.tag_ != "VBG":
        return None
    return next(
        (c for c in word.children if c.dep_ == "nsubj" and c.i < word.i and c.pos_ in ("NOUN", "PROPN")), None
    )


def _across_clause(word: Token, verb: Token) -> bool:
    low, high = sorted((word.i, verb.i))
    return any(t.text in (";", ":") for t in word.doc[low + 1 : high])


def contact_subject(verb: Token) -> Token | None:
    """ "..., an act the organisation today condemned as "..."": a relative clause without a relative
    pronoun, which the parser may read as a conjunct of the sentence's verb or a participle of "act". The
    noun right before the verb (past an adverb of time), hung on a noun before it without a comma, is the
    verb's subject; a verb with a subject of its own is left alone."""
    if any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    doc = verb.doc
    k = verb.i - 1
    while k > verb.sent.start and doc[k].dep_ in ("advmod", "npadvmod") and doc[k].n_lefts == 0:
        k -= 1
    noun = doc[k]
    if noun.dep_ != "appos" or noun.pos_ not in ("NOUN", "PROPN") or noun in verb.ancestors:
        return None
    edge = noun.left_edge.i
    if edge <= verb.sent.start or doc[edge - 1].is_punct or doc[edge - 1] != noun.head:
        return None  # "Joseph Mensah, the chairman, said": an apposition set off by commas
    return noun


def absolute_subject(verb: Token) -> Token | None:
    """ "..., with Steve Scalise calling it "Soviet-style" and Ross Spano calling it ...": the noun phrase
    right before a participle in a with-clause is its subject, however the parser attached the two."""
    if verb.tag_ != "VBG":
        return None
    doc = verb.doc
    k = verb.i
    while k > verb.sent.start and (doc[k - 1].pos_ in _PHRASE_POS or doc[k - 1].lower_ in _TITLE_PREPS):
        k -= 1
    opener = doc[k - 1].lower_ if k > verb.sent.start else ""
    if k == verb.i or opener not in ("with", "and"):
        return None
    if opener == "and" and not any(t.lower_ == "with" for t in doc[verb.sent.start : k]):
        return None
    if doc[verb.i - 1].ent_type_ == "PERSON":
        return doc[verb.i - 1]  # "with U.N. special envoy for Congo Bintou Keita saying": the name
    head = None
    for token in doc[k : verb.i]:
        if token.lower_ in _TITLE_PREPS:
            break
        if token.pos_ in ("PROPN", "NOUN", "PRON"):
            head = token  # the last noun before "of": "Steve Scalise of Louisiana" -> Scalise
    return head


_VOICED = {
    "shout",
    "chant",
    "cry",
    "yell",
    "scream",
    "whisper",
    "sing",
    "mutter",
    "murmur",
    "shriek",
    "sob",
    "roar",
}


def reporting_subject(cue: Token, usable: Callable[[Token], bool]) -> Token | None:
    """ "The court ruled that Turkey had violated his rights, ordering his "release"", "The minister said the
    rebels had broken the truce, calling the attack "cowardly"": a participle of speech after a comma,
    hung by the parse on the reported clause, continues the reporter; not one that says how words
    sounded in the reported event ("soldiers opened fire, shouting "..."")."""
    if cue.tag_ != "VBG" or cue.dep_ != "advcl" or cue.lemma_.lower() in _VOICED:
        return None
    if cue.i == 0 or cue.doc[cue.i - 1].text != "," or any(c.dep_ in SUBJECT_DEPS for c in cue.children):
        return None
    clause = cue.head
    if clause.dep_ != "ccomp":
        return None
    entry = lexicon().verb(clause.head)
    if entry is None or entry.kind != "speech":
        return None
    return subject_of(clause.head, usable)


def outer_speech_verb(verb: Token) -> Token | None:
    """ "said the rains would cut off roads and urged donors to act": the parse hangs "urged" on "cut";
    its speaker is the subject of "said"."""
    if verb.dep_ != "conj":
        return None
    current = verb.head
    while current.head.i != current.i:
        if current.dep_ in ("ccomp", "xcomp"):
            entry = lexicon().verb(current.head)
            if entry is not None and entry.kind in ("speech", "belief"):
                return current.head
        if current.dep_ != "conj":
            return None
        current = current.head
    return None


def is_hypothetical(verb: Token) -> bool:
    """ "agreeing the issue should be decided by Congress": a speech verb under a modal is part of what is
    reported, not an act of speech that frames a quote."""
    doc = verb.doc
    return any(
        c.tag_ == "MD"
        and c.dep_ == "aux"
        and c.i < verb.i
        and c.lower_ not in ("will", "'ll")
        and all(t.pos_ in ("AUX", "ADV", "PART") for t in doc[c.i + 1 : verb.i])  # "should not be"
        for c in verb.children
    )


def agent_of(verb: Token) -> Token | None:
    """Who acts in a passive: "criticised by X", "described as "..." by X"."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    for token in verb.subtree:  # 'was described as "reckless" by X': the parser hung "by X" on the quote
        if (
            token.i > verb.i
            and token.lower_ == "by"
            and token.dep_ == "prep"
            and _no_verb_between(token, verb)
        ):
            return next((c for c in token.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN")), None)
    return None


def _no_verb_between(token: Token, verb: Token) -> bool:
    for ancestor in token.ancestors:
        if ancestor.i == verb.i:
            return True
        if ancestor.pos_ == "VERB":
            return False
    return False


def is_passive_without_agent(verb: Token) -> bool:
    """ "was called", "is known as": a naming use with nobody speaking."""
    has_passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    return has_passive and agent_of(verb) is None


def quoted_as(verb: Token) -> tuple[Token, Token | None] | None:
    """ "Politico quoted Tim Manning as saying ...": the quoted person speaks, the quoting outlet relays."""
    if verb.tag_ != "VBG":
        return None  # not "Erdoğan cited Article 5 and said"
    quoting = next((t for t in list(verb.ancestors)[:3] if t.pos_ == "VERB"), None)
    if (
        (quoting is None or quoting.lemma_.lower() not in _QUOTING)
        and verb.i > 0
        and verb.nbor(-1).lower_ == "as"
    ):
        # the parser may hang "as saying" inside the quote: the nearest "quoted" before it in the sentence
        before = verb.doc[verb.sent.start : verb.i]
        quoting = next(
            (t for t in reversed(before) if t.pos_ == "VERB" and t.lemma_.lower() in _QUOTING), None
        )
    if quoting is None or quoting.lemma_.lower() not in _QUOTING:
        return None
    for child in quoting.children:
        if child.dep_ == "dobj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child, subject_of(quoting)
    return None


def bare_office(mention: Span) -> tuple[str, ...]:
    """The offices a bare definite title names ("the president" -> president, "the palace" -> the
    monarch): no country, person or possessive in it and no "former"; () for anything else."""
    words = [t for t in mention if not (t.is_punct or t.is_space)]
    if len(words) < 2 or words[0].lower_ != "the":
        return ()
    rest = words[1:]
    if any(
        t.ent_type_ in ("GPE", "NORP", "PERSON") or t.dep_ == "poss" or t.lower_ in NOT_CURRENT for t in rest
    ):
        return ()
    if any(t.pos_ not in ("NOUN", "PROPN", "ADJ") for t in rest):
        return ()
    phrase = " ".join(t.lower_ for t in rest)
    return _MONARCHS if phrase in _MONARCHY_SEATS else (phrase,)


def addressee_of(verb: Token, entry: CueEntry) -> Token | None:
    """The person spoken to: the object of "told"/"urged", or "said to X", "speaking to X"."""
    for child in verb.children:
        if entry.takes_addressee and child.dep_ in ("dobj", "dative") and child.pos_ in ("PROPN", "NOUN"):
            return child
        if child.dep_ == "prep" and child.lower_ == "to":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def relay_agent(verb: Token) -> Token | None:
    """X in "as reported by X", "quoted by X", "remarks published by X"."""
    if verb.lemma_.lower() not in _RELAY_VERBS:
        return None
    return agent_of(verb)


def according_to(token: Token) -> Token | None:
    """X in "according to X", "in the words of X", "in X's words"."""
    if token.lower_ == "words" and token.head.lower_ == "in" and token.head.dep_ == "prep":
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        return object_of(token)
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.lower_ == "to":
        for pobj in following.children:
            if pobj.dep_ == "pobj":
                return pobj
    return None


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per doc: spaCy rebuilds the tuple from every token on each access."""
    return once(doc, f"dyad_quotes.ents.{len(doc)}", lambda: tuple(doc.ents))


def entity_around(token: Token, label: str | None = None) -> Span | None:
    """The named entity holding ``token`` (of that ``label``, if one is given), if any."""
    return next(
        (e for e in entities(token.doc) if e.start <= token.i < e.end and label in (None, e.label_)), None
    )


def token_starts(doc: Doc) -> list[int]:
    """Character offset of every token, built once per doc (for bisecting a character to its token)."""
    return once(doc, f"dyad_quotes.starts.{len(doc)}", lambda: [t.idx for t in doc])


def mention_span(token: Token) -> Span:
    """The words naming a speaker: the named entity around ``token``, else its noun phrase with "of/for"
    complements ("the head of the police's internal investigators"), never its appositions or clauses."""
    doc = token.doc
    for ent in entities(doc):
        if ent.start <= token.i < ent.end and ent.label_ in _NAME_ENTITIES:
            return ent
    if token.lower_ in PERSONAL_PRONOUNS:
        return doc[token.i : token.i + 1]
    start = token.i
    for child in token.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "npadvmod"):
            start = min(start, child.left_edge.i)
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in _MENTION_PREPS and token.pos_ != "PROPN":
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ in ("compound", "case"):
            end = max(end, child.i + 1)
    span = doc[start:end]
    for punct in span:
        if punct.i > token.i and punct.text in ",;(—–":
            return doc[start : punct.i]
    return span


def is_pronoun(span: Span) -> bool:
    """A personal pronoun ("he", "they"), not a quantifier ("some of the protesters")."""
    return len(span) == 1 and span[0].lower_ in PERSONAL_PRONOUNS

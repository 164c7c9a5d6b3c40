"""Reported speech and belief without quotation marks, as attributions of their own.

Three frames, read over the dependency parse of every sentence:

- a speech or belief verb with a clausal complement: "X said (that) ...", "police suspect ...", "She
  promised to ...", "It was reported that ..." (``indirect``; ``belief`` for believe, think, fear,
  suspect ...). The content is the complement clause without its "that"; a complement that is all
  quotation is left to the quote it is.
- "according to X": the content is the sentence without the frame, or the whole sentence when the
  frame sits inside it ("One child was, according to the fire service, among the dead").
- a hearsay adverb ("reportedly", "allegedly") on a main clause: the clause is somebody's claim, with no
  source named.

Each attribution keeps its cue (with auxiliaries: "has said", "It was reported", "according to"), its
source as written (the full noun phrase, appositions and relative clauses included) with its head, and
the speaker resolved as for quotations (:func:`dyad.nlp.speakers.speaker_for`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.model import Evidence, Quote, QuoteKind, Speaker, stable_id
from dyad.model import Span as TextSpan
from dyad.nlp import speech_cues as cues
from dyad.nlp import voices
from dyad.nlp.antecedents import pronoun_antecedent
from dyad.nlp.doc_cache import per_key
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.quote_frames import QuoteContext, inside_quote, usable_tokens
from dyad.nlp.speaker_mentions import actor_ref
from dyad.nlp.speaker_words import principal_speaker
from dyad.nlp.speakers import speaker_for

EXTRACTOR = "dyad_quotes@1.1"
_COMPLEMENTS = ("ccomp", "xcomp")
_MIN_WORDS = 2  # a shorter complement is no statement ("said so")
_CUE_CHAIN = ("aux", "auxpass", "neg", "advmod", "expl")
_MARKS = {"that", "whether", "if"}
_OPENING = ("“", "«", "‘")
_CLOSING = ("”", "»", "’")
_RELATIVES = {"which", "who", "that", "whom"}
_CUE_POS = frozenset({"VERB", "AUX", "NOUN"})  # the lexicon reads verbs, and nouns tagged as verbs
# The preposition of the charge a verb reports with its object ("accused X of ...", "blamed X for ..."); any
# other speech verb's is "of" ("warned X of ...")
_CHARGING = {"accuse": "of", "blame": "for"}
# Verbs whose "to"-infinitive is an act, not a statement ("agreed to meet"; "agreed that ..." is one)
_INFINITIVE_ACTS = {"agree", "decide"}
# "asked not to be named": the source's request to the reporter, nothing it states
_ANONYMITY = {"name", "identify"}
# Adverbs a cue is written with even before its auxiliaries ("also said", "have each assured"); others
# before the verb stay the reporter's ("specially asking")
_CUE_ADVERBS = {"also", "again", "repeatedly", "earlier", "previously", "further", "long", "each"}
# Words after the verb that belong to the cue: "called on", "called for", "warned of", "referred to"
_CUE_PARTICLES = {"call": ("on", "for"), "warn": ("of",), "talk": ("of",), "refer": ("to",)}


def reported_speech(context: QuoteContext) -> list[Quote]:
    """Every reported statement and belief of the document, in text order."""
    found: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for index, sentence in enumerate(context.sentences):
        for token in sentence:
            pos = token.pos_  # only verbs, "according" and adverbs can be cues: skip the rest cheaply
            quote = _from_verb(context, token, index) if pos in _CUE_POS else None
            if quote is None and token.lower_ == "according":
                quote = _according(context, token, index)
            if quote is None and pos == "ADV":
                quote = _hearsay(context, token, index)
            if quote is not None and (quote.start, quote.end) not in seen:
                seen.add((quote.start, quote.end))
                found.append(quote)
    return found


def cue_span(cue: Token) -> TextSpan:
    """The cue as written: the verb with its auxiliaries and the adverbs between them ("has further
    indicated", "was said"), "as saying", "It was reported", "according to"."""
    doc = cue.doc
    start = end = cue.i
    if cue.lower_ == "according" and cue.i + 1 < len(doc) and doc[cue.i + 1].lower_ == "to":
        end = cue.i + 1
    else:
        chain = {
            c.i: c.dep_
            for c in cue.children
            if c.i < cue.i
            and (
                c.dep_ in _CUE_CHAIN
                or (c.dep_ == "nsubjpass" and c.lower_ == "it")
                or (c.dep_ == "dep" and c.lower_ == "each")
            )
        }
        while start - 1 in chain:
            start -= 1
        while start < cue.i and chain.get(start) == "advmod" and doc[start].lower_ not in _CUE_ADVERBS:
            start += 1  # "has further indicated", "also said", but not "specially asking"
        if start > 0 and doc[start - 1].lower_ == "as" and cue.tag_ == "VBG":
            start -= 1
        end = _particle_end(cue)
    return TextSpan(doc[start].idx, doc[end].idx + len(doc[end].text), doc[start : end + 1].text)


def _particle_end(cue: Token) -> int:
    """The cue's last token: its particle or the preposition its lexicon entry is written with ("pointed
    out", "called on"), but not a preposition of time ("called on Tuesday for")."""
    doc = cue.doc
    if cue.i + 1 >= len(doc):
        return cue.i
    after = doc[cue.i + 1]
    if after.head.i != cue.i:
        return cue.i
    if after.dep_ == "prt" or (
        after.dep_ == "prep"
        and after.lower_ in _CUE_PARTICLES.get(cue.lemma_, ())
        and not any(c.ent_type_ in ("DATE", "TIME") for c in after.children)
    ):
        return after.i
    return cue.i


def source_span(token: Token) -> tuple[TextSpan, TextSpan]:
    """The source's full noun phrase (with appositions and relative clauses, without the punctuation
    around it) and its head: a person's name's last word, an organisation's whole name, else the noun."""
    doc = token.doc
    paragraph = _paragraph(token)
    cut = {
        t.i
        for child in token.children
        if (child.dep_ == "acl" and not _modifier(child))
        or child.dep_ == "advcl"
        or (child.dep_ == "prep" and any(c.dep_ == "pcomp" for c in child.children))
        for t in child.subtree
    }  # "a statement saying ...", "X in relaying the news": the phrase ends before the clauses that
    # carry the content; "figures released by ...", "an official speaking on condition of anonymity",
    # "some of the diplomats involved" keep theirs
    words = [t for t in token.subtree if t.i not in cut and t.i in paragraph]
    start, end = words[0].i, words[-1].i
    while end > start and any(t.i in cut for t in doc[start : end + 1]):
        end -= 1
    opened = any(t.text == "(" for t in doc[start:end])
    while end > start and (doc[end].is_punct or doc[end].is_space) and not (opened and doc[end].text == ")"):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    phrase = doc[start : end + 1]
    head: Span = doc[token.i : token.i + 1]
    for ent in cues.entities(doc):
        if ent.start <= token.i < ent.end and ent.label_ not in ("PERSON", "DATE", "CARDINAL"):
            words = [t for t in ent if not (t.lower_ == "the" and t.i == ent.start)]
            head = doc[words[0].i : words[-1].i + 1] if words else ent
    return _text_span(phrase), _text_span(head)


def _modifier(clause: Token) -> bool:
    """A participle that only describes its noun ("figures released by ...", "the diplomats involved"),
    not a clause that speaks ("a statement saying ...", "an eyewitness described ...") or has a subject of
    its own."""
    return (
        clause.tag_ in ("VBN", "VBG")
        and not _is_speech(clause)
        and not any(c.dep_ in _COMPLEMENTS or c.dep_ in SUBJECT_DEPS for c in clause.children)
    )


def _paragraph(token: Token) -> range:
    """Token indices of the paragraph (line) holding ``token``: the parser may run a phrase across a
    paragraph break."""
    sent = token.sent
    # Only the sentence's own line breaks matter; ``Doc.text`` would be rebuilt from every token per call,
    # and a sentence's text is built once per sentence.
    text = per_key(token.doc, "dyad_quotes.sentence_texts", sent.start, lambda: sent.text)
    offset = sent.start_char
    low = offset + text.rfind("\n", 0, token.idx - offset) + 1
    high = text.find("\n", token.idx - offset)
    high = sent.end_char if high < 0 else offset + high
    first = next((t.i for t in sent if t.idx >= low), token.i)
    last = next((t.i for t in reversed(sent) if t.idx < high), token.i)
    return range(first, last + 1)


def _text_span(span: Span) -> TextSpan:
    return TextSpan(span.start_char, span.end_char, span.text)


def _from_verb(context: QuoteContext, verb: Token, index: int) -> Quote | None:
    entry = cues.lexicon().verb(verb)
    if entry is None or entry.kind not in ("speech", "belief"):
        return None
    clause = next((c for c in verb.children if c.dep_ in _COMPLEMENTS and _is_clause(c)), None)
    if clause is not None and clause.dep_ == "xcomp" and _act_not_statement(verb, clause):
        return None
    frame = _framed_clause(verb) if clause is None else None
    if frame is not None and inside_quote(context, frame.idx):
        return None  # 'However, she added, "there are no ...": the quotation is the statement'
    charge = _charge(verb) if clause is None and frame is None and not entry.takes_addressee else []
    if (clause is None and frame is None and not charge) or inside_quote(context, verb.idx):
        return None
    passive = cues.is_passive_without_agent(verb)
    usable = usable_tokens(context)
    outer = cues.outer_speech_verb(verb)
    subject = None if passive else cues.subject_of(outer or verb, usable)  # "was said to" has none
    subject = cues.reporting_subject(verb, usable) or subject  # "X said ..., adding that ..."
    if subject is None and not passive:
        return None
    statement = clause if clause is not None else frame
    content = list(statement.subtree) if statement is not None else charge
    if subject is not None and subject in content and frame is None:
        return None
    antecedent = (
        pronoun_antecedent(context, subject) if subject is not None and subject.lower_ == "it" else None
    )
    if subject is not None and subject.lower_ == "it" and antecedent is None:
        return None  # "it is said", or an "it" standing for nobody that can speak
    paragraph = _paragraph(verb)
    cut = {
        t.i
        for c in (statement.children if statement is not None else ())
        if c is not verb
        and (c.dep_ == "conj" or cues.reporting_subject(c, usable) is not None)
        and _is_speech(c)
        for t in c.subtree
    }  # "... and urged ...", ", adding that ...": another statement
    last = max((t.i for t in content if not t.is_punct), default=-1)
    cut |= {t.i for c in content if c.right_edge.i >= last and _relative_frame(c) for t in c.subtree}
    kept = [t for t in content if t.i in paragraph and t.i not in cut]
    words = _trim(kept) if frame is not None else _content_words(kept)  # "which, they observed, occurred"
    if (
        clause is not None
        and entry.takes_addressee
        and not any(c.dep_ in ("dobj", "dative") for c in verb.children)
    ):
        # "told Agence France-Presse arson has been used": the parse folded the addressee into the clause
        own = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
        if own is not None and words and own.left_edge.i > words[0].i:
            words = [t for t in words if t.i >= own.left_edge.i]
    if not words or (frame is None and words[0].i <= verb.i <= words[-1].i):
        return None  # '"...," she said, "...": the quotation is the statement
    said = [t for t in words if frame is None or t not in verb.subtree]
    if not any(not t.is_punct and not inside_quote(context, t.idx) for t in said):
        return None  # all quotation: the quote is the attribution
    voice = voices.voice_of(antecedent or subject) if subject is not None else None
    if subject is not None and voice is None and cues.lexicon().noun(antecedent or subject, "document"):
        voice = principal_speaker(context, verb.idx)  # "The report said": its uncredited issuer
    kind: QuoteKind = "belief" if entry.kind == "belief" else "indirect"
    addressee = cues.addressee_of(verb, entry)
    written = _relative_pronoun(outer or verb) or subject
    return _quote(context, words, kind, cue_span(verb), written, voice, index, addressee=addressee)


def _relative_pronoun(verb: Token) -> Token | None:
    """ "Olof Gill, who said ...": the source as written is the pronoun; the speaker is its noun."""
    if verb.dep_ != "relcl":
        return None
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ in _RELATIVES), None)


def _charge(verb: Token) -> list[Token]:
    """ "accused Belgrade of running "parallel structures" in the north", "blamed Kigali for the delays": a
    speech verb's object and the phrase of its charge (``Y of Z``, ``Y for Z``) are what it reports; not a
    noun's own of-phrase ("declared three days of mourning", "called the isolation of Myanmar ...")."""
    target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if target is None:
        return []
    prep = _CHARGING.get(verb.lemma_, "of")
    charge = next(
        (c for c in verb.children if c.dep_ == "prep" and c.lower_ == prep and c.i > target.i), None
    )
    if charge is None and verb.lemma_ in _CHARGING:  # the parser may hang the charge on the (last) accused
        charge = next(
            (
                c
                for h in (target, *target.conjuncts)
                for c in h.children
                if c.dep_ == "prep" and c.lower_ == prep
            ),
            None,
        )
    if charge is None or not any(c.dep_ in ("pobj", "pcomp") for c in charge.children):
        return []
    return list(verb.doc[target.left_edge.i : charge.right_edge.i + 1])


def _relative_frame(token: Token) -> bool:
    """ "would restore funding for broadcasting, which they called ...": a relative clause closing the
    statement whose speaker is its own subject is another attribution, the reporter's addition."""
    return (
        token.dep_ == "relcl"
        and _is_speech(token)
        and any(c.lower_ in ("which", "whom", "who") for c in token.children)  # not "a message that ..."
        and any(c.dep_ in SUBJECT_DEPS and c.lower_ not in _RELATIVES for c in token.children)
    )


def _framed_clause(verb: Token) -> Token | None:
    """ "The appeal, the IFRC said, would fund shelter": the clause a parenthetical frame sits in, which is
    the statement, frame included; not a quotation split by its frame."""
    clause = verb.head
    if verb.dep_ != "parataxis" or clause.pos_ not in ("VERB", "AUX"):
        return None
    if not clause.left_edge.i < verb.i < clause.i or clause.doc[clause.left_edge.i].is_quote:
        return None
    return clause


def _act_not_statement(verb: Token, clause: Token) -> bool:
    return verb.lemma_ in _INFINITIVE_ACTS or (
        clause.lemma_ in _ANONYMITY and any(c.dep_ == "auxpass" for c in clause.children)
    )


def _is_speech(token: Token) -> bool:
    entry = cues.lexicon().verb(token)
    return entry is not None and entry.kind in ("speech", "belief")


def _is_clause(token: Token) -> bool:
    """A complement that states something: a finite clause, or "to"-infinitive after a speech verb."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    return token.tag_ != "VBG" or any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _according(context: QuoteContext, token: Token, index: int) -> Quote | None:
    source = cues.according_to(token)
    if source is None:
        return None
    frame = list(token.subtree)
    first, last = frame[0].i, frame[-1].i
    words = _segment(token)
    before = [t for t in words if t.i < first and not t.is_punct]
    after = [t for t in words if t.i > last and not t.is_punct]
    if before and after:
        content = words  # a parenthetical frame: the sentence around it is the claim
    elif after:
        content = [t for t in words if t.i > last]
    else:
        content = [t for t in words if t.i < first]
    content = _trim(content)
    if len(content) < _MIN_WORDS:
        return None
    return _quote(context, content, "indirect", cue_span(token), source, voices.voice_of(source), index)


def _hearsay(context: QuoteContext, token: Token, index: int) -> Quote | None:
    if not cues.lexicon().hearsay(token) or inside_quote(context, token.idx):
        return None
    clause = token.head
    if clause.dep_ not in ("ROOT", "conj") or clause.pos_ not in ("VERB", "AUX"):
        return None  # "the firearms he allegedly used": a claim inside another statement's words
    segment = {t.i for t in _segment(token)}
    words = [t for t in clause.subtree if not t.is_space and t.i in segment]
    if clause.dep_ == "conj":
        words = [t for t in words if not any(c.dep_ == "conj" and t in c.subtree for c in clause.children)]
    words = [t for t in words if not (t.dep_ == "cc" and t.head.i == clause.i and t.i < clause.i)]
    if words and words[0].i == token.i:
        words = words[1:]  # "Allegedly, X did": the adverb frames the claim; inside it, it is part of it
    content = _trim(words)
    if len(content) < _MIN_WORDS:
        return None
    return _quote(context, content, "indirect", cue_span(token), None, None, index)


def _segment(token: Token) -> list[Token]:
    """The words of ``token``'s sentence in its paragraph, between the semicolons around it."""
    paragraph = _paragraph(token)
    words = [t for t in token.sent if t.i in paragraph and not t.is_space]
    before = [t.i for t in words if t.text == ";" and t.i < token.i]
    after = [t.i for t in words if t.text == ";" and t.i > token.i]
    low, high = (before[-1] if before else -1), (after[0] if after else len(token.doc))
    return [t for t in words if low < t.i < high]


def _content_words(subtree: list[Token]) -> list[Token]:
    words = [t for t in subtree if not t.is_space]
    while words and (
        (words[0].dep_ == "mark" and words[0].lower_ in _MARKS) or words[0].lower_ in _RELATIVES
    ):
        words = words[1:]  # "that ...", "which his wife said was ...": the statement starts after them
    return _trim(words)


def _trim(words: list[Token]) -> list[Token]:
    """Without the punctuation, quotation marks and conjunctions at either end."""
    while words and (words[-1].is_punct or words[-1].is_space or words[-1].dep_ == "cc"):
        words = words[:-1]
    while words and (words[0].is_punct or words[0].is_space or words[0].dep_ == "cc"):
        if words[0].is_quote and len(words) > 1:
            break  # a content that opens with a quotation keeps its mark out only when closed too
        words = words[1:]
    if words and words[0].is_quote and not any(t.is_quote for t in words[1:]):
        words = words[1:]
    return words


def _closing_mark(text: str, start: int, end: int) -> int:
    """Past the closing quotation mark when the content opens a quotation it does not close
    ('the attackers had been "exposed to radicalism"')."""
    content = text[start:end]
    opened = sum(content.count(m) for m in _OPENING) + content.count('"') % 2
    closed = sum(content.count(m) for m in _CLOSING)
    if opened <= closed:
        return end
    for offset, char in enumerate(text[end : end + 3]):
        if char in _CLOSING or char == '"':
            return end + offset + 1
    return end


def _quote(
    context: QuoteContext,
    words: list[Token],
    kind: QuoteKind,
    cue: TextSpan,
    subject: Token | None,
    voice: Token | None,
    index: int,
    *,
    addressee: Token | None = None,
) -> Quote:
    doc = context.doc
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    end = _closing_mark(context.text, start, end)
    text = context.text[start:end]
    speaker: Speaker | None = speaker_for(context, voice)
    source, head = source_span(subject) if subject is not None else (None, None)
    return Quote(
        id=stable_id("quo", doc._.dyad_article_id or "", start, end, text),
        text=text,
        start=start,
        end=end,
        kind=kind,
        speaker=speaker,
        cue=cue,
        addressee=actor_ref(doc, addressee, named_only=True),
        relayed_by=None,
        evidence=Evidence(
            sentence=context.sentences[index].text.strip(),
            sentence_index=index,
            start=start,
            end=end,
            text=text,
            extractor=EXTRACTOR,
            confidence=0.6 if subject is not None else 0.4,
        ),
        source=source,
        source_head=head,
    )

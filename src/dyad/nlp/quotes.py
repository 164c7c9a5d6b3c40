"""The ``dyad_quotes`` component: every quotation with its speaker, addressee and relaying source.

Steps, per document:

1. :func:`~dyad.nlp.quotation_marks.find_quotes` finds the quoted spans in the raw text (every mark style,
   nested and multi-paragraph quotes, stray marks, block quotes).
2. Each span gets a *frame*: the sentences it touches, plus the sentence before when the quote follows a
   colon. Speech cues are looked for in the frame's words outside any quote.
3. Names, titles, glosses and sign texts are set aside ("Operation Peace Spring", the word "marriage",
   a banner reading "united in diversity"); short quotes need a speech cue to count as someone's words.
4. The cue's subject is the speaker mention; a relative pronoun, participle or document noun leads to
   the real speaker ("a statement which read" -> whoever released the statement). The mention is resolved
   to an actor by ``dyad.nlp.actors.actor_for`` (so "he" becomes the person); the object of "told"/"urged" is
   the addressee; an outer speech verb with another subject, "according to X" or "as reported by X" is the
   relaying source.
5. A quote with no cue in its frame continues the previous quote's speaker (a paragraph of quotation
   after "..., he said.").
6. Reported speech without quotation marks ("X said that ...", "X warned ...") becomes ``indirect`` quotes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyad.codebooks.people import builtin_people
from dyad.model import ActorRef, Evidence, Quote, QuoteKind, Speaker, stable_id
from dyad.model import Span as TextSpan
from dyad.nlp import speech_cues as cues
from dyad.nlp.actors import actor_for
from dyad.nlp.quotation_marks import QuotedSpan, find_quotes

log = logging.getLogger(__name__)

EXTRACTOR = "dyad_quotes@1.0"
_SMALL_WORDS = {"of", "the", "and", "in", "for", "on", "a", "an", "to", "vs.", "vs", "de", "la", "at", "&"}
_CONTINUATION_WORDS = 3  # a quote of at least this many words may stand alone after "..., he said."
_SHORT_QUOTE_WORDS = 3  # a quote this short with no speaker is a scare quote, not anybody's words
_CONTINUATION_PARAGRAPHS = 2  # how far back a cue-less quote may inherit the previous speaker
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_PART_WORDS = {"part", "parts", "portion", "section", "excerpt", "passage", "rest", "much"}  # part of a text


@dataclass(frozen=True, slots=True)
class _Attribution:
    cue: Token | None
    speaker: Token | None
    addressee: Token | None
    relay: Token | None
    confidence: float


@dataclass(slots=True)
class _Context:
    """Per-document state: the sentence index and the last attributed speaker."""

    doc: Doc
    starts: list[int]
    sentences: list[Span]
    spans: list[QuotedSpan]
    line_starts: list[int]
    text: str
    last_speaker: tuple[Speaker, int] | None = None  # speaker and paragraph of the last quote


@Language.component("dyad_quotes")
def dyad_quotes(doc: Doc) -> Doc:
    doc._.dyad_quotes = extract_quotes(doc)
    return doc


def extract_quotes(doc: Doc) -> list[Quote]:
    """Direct, partial and indirect quotes of a parsed doc, in text order."""
    text = doc.text  # spaCy joins every token on each access: read it once
    spans = find_quotes(text)
    sentences = list(doc.sents)
    context = _Context(
        doc=doc,
        starts=[s.start_char for s in sentences],
        sentences=sentences,
        spans=spans,
        line_starts=[m.start() for m in re.finditer(r"(?m)^", text)],
        text=text,
    )
    quotes: list[Quote] = []
    decisions: dict[int, _Attribution | None] = {}
    for index, span in enumerate(spans):
        inherited = _coordinated_with(context, index, decisions)
        attribution = inherited if inherited is not None else _attribute(context, span)
        decisions[index] = attribution
        if attribution is None:
            continue
        quote = _build(context, span, attribution)
        if quote is not None:
            quotes.append(quote)
    quotes.extend(_indirect_quotes(context))
    return sorted(quotes, key=lambda q: q.start)


# -- frames ---------------------------------------------------------------------------------------------


def _sentence_index(context: _Context, char: int) -> int:
    return max(0, bisect.bisect_right(context.starts, char) - 1)


def _frame(context: _Context, span: QuotedSpan) -> tuple[int, int]:
    """Indices of the first and last sentence a quote's attribution can be in."""
    text = context.text
    close = span.close_at if span.close_at is not None else span.end
    first = _sentence_index(context, span.open_at)
    last = _sentence_index(context, max(close, span.open_at))
    before = text[: span.open_at].rstrip()
    if before.endswith(":") and first > 0 and context.starts[first] >= len(before) - 1:
        first -= 1  # "X said:" split from its quote by the parser
    after = text[close + 1 : close + 3] if span.close_at is not None else ""
    sentence_end = context.sentences[last].end_char
    if (after[:1] in (",", " ") and sentence_end <= close + 2 and last + 1 < len(context.sentences)) and (
        text[close - 1 : close] == "," or after[:1] == ","
    ):
        last += 1  # '"...," he said.' split after the closing mark
    return first, last


def _outside_tokens(context: _Context, span: QuotedSpan, first: int, last: int) -> list[Token]:
    """Frame tokens that are not inside any quote and are not punctuation, kept to the quote's own
    paragraphs (the parser sometimes runs a sentence across a paragraph break), plus the paragraph
    before when the quote follows a colon."""
    text = context.text
    low = context.line_starts[_paragraph(context, span.open_at)]
    if text[: span.open_at].rstrip().endswith(":"):
        low = context.line_starts[_paragraph(context, len(text[: span.open_at].rstrip()) - 1)]
    end = span.close_at if span.close_at is not None else span.end
    high = text.find("\n", end)
    high = len(text) if high < 0 else high
    tokens = []
    for sentence in context.sentences[first : last + 1]:
        for token in sentence:
            if token.is_punct or token.is_space or _inside_quote(context, token.idx):
                continue
            if low <= token.idx < high:
                tokens.append(token)
    return tokens


def _inside_quote(context: _Context, char: int) -> bool:
    return any(s.start <= char < s.end for s in context.spans)


def _paragraph(context: _Context, char: int) -> int:
    return bisect.bisect_right(context.line_starts, char) - 1


# -- attribution ----------------------------------------------------------------------------------------


def _attribute(context: _Context, span: QuotedSpan) -> _Attribution | None:
    """Who said the quote, or None when it is a name, title, gloss or scare quote."""
    doc = context.doc
    if span.family == "block" and span.attribution is not None:
        mention = doc.char_span(*span.attribution, alignment_mode="expand")
        speaker = mention.root if mention is not None and len(mention) else None
        return _Attribution(None, speaker, None, None, 0.8)
    if _is_name_or_gloss(context, span):
        return None
    first, last = _frame(context, span)
    outside = _outside_tokens(context, span, first, last)
    lexicon = cues.lexicon()
    verbs = [t for t in outside if lexicon.verb(t) is not None]
    according = [t for t in outside if cues.according_to(t) is not None]
    relays = [t for t in verbs if cues.relay_agent(t) is not None]
    speech = [t for t in verbs if t not in relays]
    if speech:
        cue, firm = _choose_cue(context, span, speech)
        if firm or not according:
            return _from_verb(context, span, cue, according + relays, outside)
    if according:
        cue = _nearest(span, according)
        return _Attribution(cue, cues.according_to(cue), None, None, 0.85)
    document = _document_author(outside)
    if document is not None:
        return _Attribution(None, document, None, None, 0.75)
    return _continuation(context, span, outside)


def _choose_cue(context: _Context, span: QuotedSpan, candidates: list[Token]) -> tuple[Token, bool]:
    """The cue a quote belongs to, and whether the parse or layout ties them firmly: a cue right before
    it ('X said: "..."'); else one the quote hangs from directly ("told Wang that “...”"); else the
    outermost cue whose clause holds the quote ("the official said Blinken would reiterate ... “...”"),
    not reaching past a relative clause ("the decision, which Ross called “a stunt”"); weaker: after
    '"...," ' the one that follows, after a colon or comma the one before, else the nearest."""
    text = context.text
    close = span.close_at if span.close_at is not None else span.end
    after = [t for t in candidates if t.idx > close]
    before = [t for t in candidates if t.idx < span.open_at]
    lead = text[: span.open_at].rstrip()[-1:]
    if lead in (":", ",") and before and _is_lead_in(before[-1], span):
        return max(before, key=lambda t: t.idx), True  # 'X said: "..."', '"...," he said, "..."'
    attached = _attachments(context.doc, span)
    direct = [t for t in candidates if t in attached]
    if direct:
        return _nearest(span, direct), True
    governing = _governing(attached, set(candidates))
    if governing:
        return min(governing, key=_depth), True
    trailing_comma = text[close - 1 : close] == "," or text[close + 1 : close + 2] == ","
    if trailing_comma and after:
        return min(after, key=lambda t: t.idx), False
    if lead in (":", ",") and before:
        return max(before, key=lambda t: t.idx), False
    return _nearest(span, candidates), False


def _governing(attached: list[Token], candidates: set[Token]) -> list[Token]:
    """Cues among the ancestors of the quote's attachment words, up to the first relative clause."""
    found = []
    for token in attached:
        for ancestor in (token, *token.ancestors):
            if ancestor in candidates:
                found.append(ancestor)
            if ancestor.dep_ == "relcl":
                break
    return found


def _attachments(doc: Doc, span: QuotedSpan) -> list[Token]:
    """The words outside a quote that its words hang from in the parse."""
    inside = doc.char_span(span.start, span.end, alignment_mode="expand")
    if inside is None:
        return []
    return [t.head for t in inside if not (span.start <= t.head.idx < span.end) and t.head is not t]


def _is_lead_in(cue: Token, span: QuotedSpan) -> bool:
    """'X said, "..."': the cue sits right before the quote (a few words at most)."""
    return span.open_at - (cue.idx + len(cue.text)) < 40


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _nearest(span: QuotedSpan, tokens: list[Token]) -> Token:
    close = span.close_at if span.close_at is not None else span.end

    def distance(token: Token) -> int:
        return span.open_at - token.idx if token.idx < span.open_at else token.idx - close

    return min(tokens, key=distance)


def _from_verb(
    context: _Context, span: QuotedSpan, cue: Token, relays: list[Token], frame: list[Token]
) -> _Attribution | None:
    lexicon = cues.lexicon()
    entry = lexicon.verb(cue)
    assert entry is not None
    if entry.kind == "naming":
        return None
    passive = cues.is_passive_without_agent(cue)
    usable = _usable(context)
    quoted = cues.quoted_as(cue)
    speaker = None if passive else (cues.subject_of(cue, usable) or _adjacent_noun(cue, usable))
    if quoted is not None:
        speaker = quoted[0]
    if speaker is not None and speaker.lower_ in ("which", "that", "who"):
        speaker = _adjacent_noun(speaker, usable, forward=False) or speaker
    if _sign_before(cue, usable):
        return None  # "a banner from People's Vote saying ...", even where the parse lost the link
    if speaker is not None and lexicon.noun(speaker, "sign"):
        return None  # a banner or placard "reading" something is nobody's speech
    if speaker is not None and speaker.lower_ in _PART_WORDS:
        speaker = _of_object(speaker) or speaker  # "Part of the judge's statement reads"
    if speaker is not None and lexicon.noun(speaker, "document"):
        speaker = cues.author_of_document(speaker) or _principal_speaker(context, span) or speaker
    if speaker is None and not passive:
        speaker = _previous_speaker_in_sentence(context, cue, usable)  # '"...," further remarking, "..."'
    if speaker is None and _word_count(context, span) <= _SHORT_QUOTE_WORDS:
        return None  # "was called the 'breadbasket'": a label with no speaker
    relay = quoted[1] if quoted is not None and quoted[1] is not None else _relay(cue, speaker, relays, frame)
    addressee = cues.addressee_of(cue, entry)
    return _Attribution(cue, speaker, addressee, relay, 0.9 if speaker is not None else 0.6)


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _principal_speaker(context: _Context, span: QuotedSpan) -> Token | None:
    """Who issued a document the text never credits ("The proclamation said"): among the subjects of
    speech verbs and of verbs issuing a document before the quote, the person or organisation the article
    mentions most (latest on a tie)."""
    doc = context.doc
    lexicon = cues.lexicon()
    usable = _usable(context)
    best: tuple[int, int, Token] | None = None
    for token in doc[: _token_at(doc, span.open_at)]:
        entry = lexicon.verb(token) if usable(token) else None
        issues = token.pos_ == "VERB" and any(
            c.dep_ == "dobj" and lexicon.noun(c, "document") for c in token.children
        )  # "the court issued a ruling"
        if not issues and (entry is None or entry.kind != "speech"):
            continue
        subject = cues.subject_of(token, usable)
        if subject is None or subject.pos_ not in ("PROPN", "NOUN") or lexicon.noun(subject, "document"):
            continue
        mention = _named_mention(subject) or cues.mention_span(subject)
        try:
            actor = actor_for(doc, mention.start_char, mention.end_char)
        except Exception:  # the actor index failing on one mention must not lose the quote
            log.warning("actor_for failed on %r", mention.text, exc_info=True)
            continue
        if actor is None or actor.kind not in ("person", "organization"):
            continue
        score = (len(actor.mentions), subject.i, subject)
        if best is None or score[:2] >= best[:2]:
            best = score
    return best[2] if best is not None else None


def _previous_speaker_in_sentence(
    context: _Context, cue: Token, usable: Callable[[Token], bool]
) -> Token | None:
    """The subject of the speech verb before ``cue`` in its paragraph: 'X remarked, "...," further
    remarking, "..."' where the parser lost the participle's link to X."""
    lexicon = cues.lexicon()
    doc = cue.doc
    paragraph_start = context.text.rfind("\n", 0, cue.idx) + 1
    for token in reversed(doc[_token_at(doc, paragraph_start) : cue.i]):
        entry = lexicon.verb(token) if usable(token) else None
        if entry is not None and entry.kind == "speech":
            subject = cues.subject_of(token, usable)
            if subject is not None:
                return subject
    return None


def _usable(context: _Context) -> Callable[[Token], bool]:
    """Tokens that may name a speaker: not inside any quotation."""
    return lambda token: not _inside_quote(context, token.idx)


def _adjacent_noun(cue: Token, usable: Callable[[Token], bool], *, forward: bool = True) -> Token | None:
    """Where the parse gives a cue no subject: the noun right before it ("X, also known as Y, states"),
    else right after it ("said Tedros, the Director-General")."""
    sentence = cue.sent
    for token in reversed(sentence[: cue.i - sentence.start]):
        if not usable(token) or token.is_punct or token.pos_ in ("ADV", "AUX", "PART", "DET", "ADP", "NUM"):
            continue
        if token.pos_ in ("NOUN", "PROPN", "PRON"):
            return token
        if token.pos_ == "VERB" and token.tag_ not in ("VBN", "VBG"):
            break  # a finite verb ends the subject; participles ("also known as ...") do not
    if not forward:
        return None
    for token in sentence[cue.i - sentence.start + 1 : cue.i - sentence.start + 6]:
        if (usable(token) and token.pos_ in ("PROPN", "PRON")) or (
            token.pos_ == "NOUN" and token.dep_ == "nsubj"
        ):
            return token
    return None


def _sign_before(cue: Token, usable: Callable[[Token], bool]) -> bool:
    lexicon = cues.lexicon()
    window = [t for t in cue.doc[max(cue.sent.start, cue.i - 8) : cue.i] if usable(t)]
    return any(lexicon.noun(t, "sign") for t in window[-6:])


def _relay(cue: Token, speaker: Token | None, relays: list[Token], frame: list[Token]) -> Token | None:
    """Who passes the words on: an outer speech verb with another subject, "according to X", "as
    reported by X"."""
    lexicon = cues.lexicon()
    for ancestor in cue.ancestors:
        if ancestor not in frame:
            break
        entry = lexicon.verb(ancestor)
        if entry is None or entry.kind != "speech":
            continue
        outer = cues.subject_of(ancestor)
        if (
            outer is not None
            and speaker is not None
            and outer.i != speaker.i
            and outer not in speaker.subtree
        ):
            return outer
    for token in relays:
        source = cues.according_to(token) or cues.relay_agent(token)
        if source is not None and (speaker is None or source.i != speaker.i):
            return source
    return None


def _document_author(tokens: list[Token]) -> Token | None:
    """ "The palace issued the following statement from the king:" - the author of a document noun."""
    lexicon = cues.lexicon()
    for token in tokens:
        if lexicon.noun(token, "document"):
            author = cues.author_of_document(token)
            if author is not None:
                return author
    return None


def _continuation(context: _Context, span: QuotedSpan, outside: list[Token]) -> _Attribution | None:
    """A quote with no cue: a whole sentence or more of quotation continues the last speaker; one
    introduced by a colon belongs to the subject of the clause before it ('The court ruled ...: "..."')."""
    if _word_count(context, span) < _CONTINUATION_WORDS:
        return None
    if context.text[: span.open_at].rstrip().endswith(":"):
        introducer = _colon_clause_subject(context, span)
        if introducer is not None:
            return _Attribution(None, introducer, None, None, 0.6)
    if len(outside) > 2:
        return None
    if context.last_speaker is not None:
        paragraph = _paragraph(context, span.open_at)
        if paragraph - context.last_speaker[1] <= _CONTINUATION_PARAGRAPHS * 2:
            return _Attribution(None, None, None, None, 0.7)
    return _Attribution(None, None, None, None, 0.5)


def _colon_clause_subject(context: _Context, span: QuotedSpan) -> Token | None:
    """The subject of the first clause before the colon that has one ('The court ruled ..., finding ...:')."""
    colon = len(context.text[: span.open_at].rstrip()) - 1
    paragraph_start = context.line_starts[_paragraph(context, colon)]
    usable = _usable(context)
    for token in context.doc[_token_at(context.doc, paragraph_start) : _token_at(context.doc, colon)]:
        if token.pos_ != "VERB" or not usable(token):
            continue
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and usable(c)), None)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
            return subject
    return None


def _coordinated_with(
    context: _Context, index: int, decisions: dict[int, _Attribution | None]
) -> _Attribution | None:
    """'calling it "null and void" and "geographically ridiculous"': the second shares the first's fate."""
    if index == 0 or index - 1 not in decisions:
        return None
    previous = context.spans[index - 1]
    if previous.close_at is None:
        return None
    between = context.text[previous.close_at + 1 : context.spans[index].open_at].strip(" ,")
    if between not in ("and", "or", "&", ""):
        return None
    if between == "" and context.text[previous.close_at + 1 : context.spans[index].open_at] != " ":
        return None
    decision = decisions[index - 1]
    return decision if decision is not None else _Attribution(None, None, None, None, -1.0)


# -- names, titles, glosses -----------------------------------------------------------------------------


def _is_name_or_gloss(context: _Context, span: QuotedSpan) -> bool:
    text = context.text
    content = text[span.start : span.end].strip()
    words = content.split()
    before = text[: span.open_at].rstrip()
    after = text[(span.close_at or span.end) + 1 :].lstrip()
    if before.endswith("(") and after.startswith(")"):
        return True  # "Brexit ("British exit")"
    if len(words) <= 2 and any(ch.isdigit() for ch in content):
        return True  # "COVID-19", "2019-nCoV"
    if _is_title_case(words) and not content.endswith(("!", "?")):
        return True  # "Operation Peace Spring", "Blue House", case names
    lexicon = cues.lexicon()
    preceding = _words_before(context, span.open_at, 3)
    if preceding and (lexicon.noun(preceding[-1], "term") or _is_known_as(preceding)):
        return True  # the word "marriage", also known as the "Radio Control Law"
    if preceding and preceding[-1].lower_ == "for" and len(words) <= _SHORT_QUOTE_WORDS:
        head = preceding[-2] if len(preceding) > 1 else None
        if head is not None and head.pos_ == "PROPN":
            return True  # "Brexit for "British exit""
    if (
        len(preceding) > 1
        and preceding[-1].lower_ == "of"
        and preceding[-2].pos_ == "PROPN"
        and re.match(r",\s+(a|an|the)\s", after)
    ):
        return True  # 'Anna Franowska of "Have no fear", an abuse victim support charity'
    following = _words_after(context, (span.close_at or span.end) + 1, 1)
    return bool(following) and lexicon.noun(following[0], "sign")  # "..." poster


def _is_title_case(words: list[str]) -> bool:
    alpha = [w.strip("\"'“”‘’.,;:()[]") for w in words]
    alpha = [w for w in alpha if w and any(ch.isalpha() for ch in w)]
    if not alpha or len(alpha) > 8:
        return False
    if len(alpha) == 1:
        return False  # one capitalised word may well be speech ("Never"); let cues decide
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in alpha) and alpha[0][0].isupper()


def _is_known_as(words: list[Token]) -> bool:
    lowered = [w.lower_ for w in words if w.lower_ not in ("the", "a", "an")]
    return lowered[-2:] == ["known", "as"] or lowered[-1:] in (["so-called"], ["titled"], ["entitled"])


def _words_before(context: _Context, char: int, count: int) -> list[Token]:
    doc = context.doc
    index = _token_at(doc, char)
    found: list[Token] = []
    for token in reversed(doc[max(0, index - count - 2) : index]):
        if token.is_punct or token.is_space:
            if found or token.text not in ('"', "“", "'", "‘", ","):
                break
            continue  # the quote's own opening mark, or the comma of "the question, “...”"
        found.insert(0, token)
        if len(found) == count:
            break
    return found


def _words_after(context: _Context, char: int, count: int) -> list[Token]:
    doc = context.doc
    index = _token_at(doc, char)
    return [t for t in doc[index : index + count + 1] if not (t.is_punct or t.is_space)][:count]


def _token_at(doc: Doc, char: int) -> int:
    return max(0, min(len(doc), bisect.bisect_left(cues.token_starts(doc), char)))


def _word_count(context: _Context, span: QuotedSpan) -> int:
    return len(context.text[span.start : span.end].split())


# -- building quotes ------------------------------------------------------------------------------------


def _build(context: _Context, span: QuotedSpan, attribution: _Attribution) -> Quote | None:
    if attribution.confidence < 0:
        return None
    doc = context.doc
    paragraph = _paragraph(context, span.open_at)
    speaker = _speaker(context, attribution.speaker)
    if speaker is None and attribution.cue is None and context.last_speaker is not None:
        previous, previous_paragraph = context.last_speaker
        if paragraph - previous_paragraph <= _CONTINUATION_PARAGRAPHS * 2:
            speaker = previous
    if speaker is not None:
        context.last_speaker = (speaker, paragraph)
    cue = attribution.cue
    confidence = attribution.confidence - (0.2 if not span.balanced else 0.0)
    sentence_index = _sentence_index(context, span.start)
    first, last = _frame(context, span)
    sentence = context.text[context.sentences[first].start_char : context.sentences[last].end_char].strip()
    text = context.text[span.start : span.end]
    return Quote(
        id=stable_id("quo", doc._.dyad_article_id or "", span.start, span.end, text),
        text=text,
        start=span.start,
        end=span.end,
        kind=_kind(context.text, span),
        speaker=speaker,
        cue=TextSpan(cue.idx, cue.idx + len(cue.text), cue.text) if cue is not None else None,
        addressee=_actor(doc, attribution.addressee, named_only=True),
        relayed_by=_actor(doc, attribution.relay, named_only=False),
        evidence=Evidence(
            sentence=sentence,
            sentence_index=sentence_index,
            start=span.start,
            end=span.end,
            text=text,
            extractor=EXTRACTOR,
            confidence=max(0.05, confidence),
        ),
    )


def _kind(text: str, span: QuotedSpan) -> QuoteKind:
    """Direct when the quotation is a sentence of its own (capitalised, or a clause after "that" or a
    colon); partial when it is a fragment inside the reporter's sentence."""
    if span.family == "block":
        return "direct"
    content = text[span.start : span.end].lstrip("[.… '‘\"“")
    lead = text[: span.open_at].rstrip()
    if content[:1].isupper() or lead.endswith((":", " that")) or text[span.start : span.start + 1] == "[":
        return "direct"
    return "partial"


def _speaker(context: _Context, token: Token | None) -> Speaker | None:
    if token is None:
        return None
    mention = _named_mention(token) or cues.mention_span(token)
    ref = _resolve(context, mention)
    if ref is None:
        return None
    return Speaker(ref, TextSpan(mention.start_char, mention.end_char, mention.text))


def _named_mention(token: Token) -> Span | None:
    """The person's name when the subject is a title: "The Vice President, Mike Pence, said", "medical
    anthropologist Monica Schoch-Spana told" (where the parser made the institution the subject)."""
    if token.ent_type_ == "PERSON":
        return None
    doc = token.doc
    people = [e for e in cues.entities(doc) if e.label_ == "PERSON"]
    for child in token.children:
        if (
            child.dep_ == "appos"
            and child.pos_ == "PROPN"
            and doc[child.left_edge.i - 1].text == ","
            and (token.pos_ != "PROPN" or child.ent_type_ == "PERSON")
            and not any(c.dep_ == "det" for c in child.children)
        ):  # not "said Tedros Adhanom Ghebreyesus, the Director-General": there the name is the subject
            return cues.mention_span(child)  # NER sometimes calls the person an ORG: the parse decides
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


def _resolve(context: _Context, mention: Span) -> ActorRef | None:
    """The actor a mention stands for. A pronoun is first read as the nearest earlier speaker ('The head
    of ... told the court "...". She also said'), the way reporters chain attributions; then the actor
    index decides, and a pronoun nobody resolved falls back on the last quote's speaker."""
    if cues.is_pronoun(mention):
        earlier = _earlier_speaker(context, mention)
        if earlier is not None:
            return earlier
    actor = _actor_for(context.doc, mention.start_char, mention.end_char)
    holder = _office_holder(context, mention, actor)
    if holder is not None:
        return holder
    if actor is not None and _consistent(actor, mention):
        return actor
    if cues.is_pronoun(mention):
        return context.last_speaker[0].actor if context.last_speaker is not None else None
    return _unresolved_ref(mention)


def _office_holder(context: _Context, mention: Span, actor: ActorRef | None) -> ActorRef | None:
    """ "The president said", "the palace said": who held that office, in the country the article is
    about, on the article's date; unless the actor index already tied the title to a person who held it."""
    offices = cues.bare_office(mention)
    published = _published(context.doc)
    if not offices or published is None:
        return None
    people = builtin_people()
    if actor is not None:
        known = people.lookup(actor.name, published)
        if known is not None and known.role.lower() in offices and known.held_on(published):
            return None
    titled = _titled_person(context, mention, offices)
    if titled is not None:
        return titled
    country = _home_country(context.doc)
    if country is None:
        return None
    for office in offices:
        holder = people.holder(country, office, published)
        if holder is None:
            continue
        for candidate in context.doc._.dyad_actors or ():
            if candidate.name == holder.name:
                ref: ActorRef = candidate.ref
                return ref
        return ActorRef(stable_id("act", "person", holder.name), holder.name, holder.country, holder.sector)
    return None


def _titled_person(context: _Context, mention: Span, offices: tuple[str, ...]) -> ActorRef | None:
    """ "archbishop Jorge Eduardo Scheinig ... the archbishop said": the nearest earlier person named with
    that title (just before the name or in an apposition after it), within three sentences."""
    doc = context.doc
    heads = {office.split()[-1] for office in offices}
    first = context.sentences[max(0, _sentence_index(context, mention.start_char) - 3)].start
    people = [
        e for e in cues.entities(doc) if e.label_ == "PERSON" and first <= e.start and e.end <= mention.start
    ]
    for ent in reversed(people):
        window = doc[max(first, ent.start - 3) : min(mention.start, ent.end + 6)]
        if any(t.lower_ in heads for t in window if not (ent.start <= t.i < ent.end)):
            return _actor_for(doc, ent.start_char, ent.end_char) or _unresolved_ref(ent)
    return None


def _published(doc: Doc) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(doc._.dyad_published or "")[:10])
    except ValueError:
        return None


def _home_country(doc: Doc) -> str | None:
    """The country whose actors the article mentions most, if one stands out."""
    counts: Counter[str] = Counter()
    for actor in doc._.dyad_actors or ():
        if actor.country is not None:
            counts[actor.country] += len(actor.mentions)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _earlier_speaker(context: _Context, pronoun: Span) -> ActorRef | None:
    """The subject of the nearest speech verb before ``pronoun`` in its own or the two previous sentences."""
    doc = context.doc
    lexicon = cues.lexicon()
    first = context.sentences[max(0, _sentence_index(context, pronoun.start_char) - 2)].start
    usable = _usable(context)
    for token in reversed(doc[first : pronoun.start]):
        entry = lexicon.verb(token) if usable(token) else None
        if entry is None or entry.kind != "speech":
            continue
        subject = cues.subject_of(token, usable)
        if subject is None or subject.i >= pronoun.start or subject.lower_ in cues.PERSONAL_PRONOUNS:
            continue
        if pronoun.text.lower() in _PERSON_PRONOUNS and not _could_be_person(subject):
            continue
        mention = _named_mention(subject) or cues.mention_span(subject)
        actor = _actor_for(doc, mention.start_char, mention.end_char)
        return actor if actor is not None and _consistent(actor, mention) else _unresolved_ref(mention)
    return None


def _could_be_person(token: Token) -> bool:
    """He or she needs one person: a singular noun that is not a country, organisation or nationality."""
    lexicon = cues.lexicon()
    if any(lexicon.noun(token, kind) for kind in ("sign", "document", "term")):
        return False
    return token.tag_ in ("NN", "NNP") and token.ent_type_ not in ("GPE", "ORG", "NORP", "LOC")


def _consistent(actor: ActorRef, mention: Span) -> bool:
    """Guard against a resolver slip: a proper-name mention must share a word (or its initials) with the
    actor it resolves to; descriptions and pronouns may resolve to anyone."""
    if not any(t.pos_ == "PROPN" for t in mention):
        return True
    actor_words = set(re.findall(r"\w+", actor.name))
    names = {t.text for t in mention if t.pos_ == "PROPN"}
    initials = "".join(w[0] for w in actor_words if w[0].isupper())
    return bool(actor_words & names) or any(sorted(n) == sorted(initials) for n in names)


def _actor(doc: Doc, token: Token | None, *, named_only: bool) -> ActorRef | None:
    if token is None:
        return None
    mention = cues.mention_span(token)
    actor = _actor_for(doc, mention.start_char, mention.end_char)
    if actor is not None:
        return actor
    if named_only and not any(t.pos_ == "PROPN" for t in mention):
        return None  # "told reporters", "told the court": no actor
    if cues.is_pronoun(mention):
        return None
    return _unresolved_ref(mention)


def _actor_for(doc: Doc, start: int, end: int) -> ActorRef | None:
    try:
        actor = actor_for(doc, start, end)
    except Exception:  # the actor index failing on one mention must not lose the quote
        log.warning("actor_for failed on %r", doc.text[start:end], exc_info=True)
        return None
    return actor.ref if actor is not None else None


def _unresolved_ref(mention: Span) -> ActorRef:
    """A speaker the actor index does not know: named by its mention, with no country or sector."""
    name = " ".join(mention.text.split())
    for prefix in ("the ", "a ", "an "):
        if name.lower().startswith(prefix):
            name = name[len(prefix) :]
    return ActorRef(stable_id("act", "mention", name.lower()), name, None, None)


# -- reported speech ------------------------------------------------------------------------------------


def _indirect_quotes(context: _Context) -> list[Quote]:
    """'X said that ...', 'X warned ...', 'according to X, ...' in sentences without quotation marks."""
    doc = context.doc
    lexicon = cues.lexicon()
    found: list[Quote] = []
    for index, sentence in enumerate(context.sentences):
        if any(s.start < sentence.end_char and s.end > sentence.start_char for s in context.spans):
            continue
        for token in sentence:
            entry = lexicon.verb(token)
            if entry is None or entry.kind != "speech":
                continue
            clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
            speaker_token = cues.subject_of(token)
            if clause is None or speaker_token is None or speaker_token.lower_ == "it":
                continue
            words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.i == clause.left_edge.i)]
            words = [t for t in words if not t.is_space]
            while words and words[-1].is_punct:
                words.pop()
            if len(words) < 3:
                continue
            start, end = words[0].idx, words[-1].idx + len(words[-1].text)
            speaker = _speaker(context, speaker_token)
            text = context.text[start:end]
            found.append(
                Quote(
                    id=stable_id("quo", doc._.dyad_article_id or "", start, end, text),
                    text=text,
                    start=start,
                    end=end,
                    kind="indirect",
                    speaker=speaker,
                    cue=TextSpan(token.idx, token.idx + len(token.text), token.text),
                    addressee=_actor(doc, cues.addressee_of(token, entry), named_only=True),
                    relayed_by=None,
                    evidence=Evidence(
                        sentence=sentence.text.strip(),
                        sentence_index=index,
                        start=start,
                        end=end,
                        text=text,
                        extractor=EXTRACTOR,
                        confidence=0.6,
                    ),
                )
            )
            break  # one reported statement per sentence: the outermost speech verb
    return found

"""Finding the word that names a quote's speaker where the cue's parse gives none: the noun beside a
cue, the speaker of an earlier cue in the sentence, the subject before a colon or of the sentence before,
a document's author or the text's principal speaker, and the turn labels of interview transcripts."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from dyad.model import ActorRef, Speaker, stable_id
from dyad.nlp import speech_cues as cues
from dyad.nlp import voices
from dyad.nlp.authors import author_of_document
from dyad.nlp.mentions import SUBJECT_DEPS
from dyad.nlp.quotation_marks import QuotedSpan
from dyad.nlp.quote_frames import (
    QuoteContext,
    inside_quote,
    paragraph_at,
    sentence_at,
    token_at,
    usable_tokens,
)
from dyad.nlp.spans import token_span
from dyad.nlp.speaker_mentions import indexed_actor, indexed_ref, speaker_mention, unresolved_ref

_ASKING = {"correspondent", "reporter", "interviewer", "by", "editor", "host"}  # who asks, in an introduction


def adjacent_noun(cue: Token, usable: Callable[[Token], bool], *, forward: bool = True) -> Token | None:
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
            token.pos_ == "NOUN"
            and (token.dep_ == "nsubj" or (token.dep_ == "dobj" and token.head.i == cue.i))
        ):
            return token  # '"...;" read the statement': the parser took the inverted subject for an object
    return None


def previous_speaker_in_sentence(
    context: QuoteContext, cue: Token, usable: Callable[[Token], bool]
) -> Token | None:
    """The subject of the speech verb before ``cue`` in its paragraph: 'X remarked, "...," further
    remarking, "..."' where the parser lost the participle's link to X."""
    doc = cue.doc
    paragraph_start = context.text.rfind("\n", 0, cue.idx) + 1
    for token in reversed(doc[token_at(doc, paragraph_start) : cue.i]):
        if is_speech_verb(token, usable):
            subject = cues.subject_of(token, usable)
            if subject is not None:
                return subject
    return None


def document_author(tokens: list[Token]) -> Token | None:
    """ "The palace issued the following statement from the king:" - the author of a document noun."""
    lexicon = cues.lexicon()
    for token in tokens:
        if lexicon.noun(token, "document"):
            author = author_of_document(token)
            if author is not None:
                return author
    return None


def colon_clause_subject(context: QuoteContext, span: QuotedSpan) -> Token | None:
    """The subject of the first clause before the colon that has one ('The court ruled ..., finding ...:')."""
    colon = len(context.text[: span.open_at].rstrip()) - 1
    paragraph_start = context.line_starts[paragraph_at(context, colon)]
    usable = usable_tokens(context)
    for token in context.doc[token_at(context.doc, paragraph_start) : token_at(context.doc, colon)]:
        if not usable(token) or not (
            token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass"))
        ):  # "Resident Ali Khan was less sure:"
            continue
        subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS and usable(c)), None)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
            return subject
    return None


def previous_sentence_subject(context: QuoteContext, span: QuotedSpan) -> Token | None:
    """ "Elena Ruiz, a lawyer for the families, disagreed. "This is a cover-up."": a quotation opening its
    sentence with no cue of its own belongs to the subject (or agent) of the sentence right before it in
    its paragraph, when that sentence quotes nobody and its subject can speak; so a newly named speaker
    wins over the paragraph's running one."""
    text = context.text
    before = text[: span.open_at].rstrip(" \t")
    if not before or before[-1] not in ".!?" or before.endswith("\n"):
        return None
    index = sentence_at(context, len(before) - 1)
    sentence = context.sentences[index]
    if "\n" in text[sentence.start_char : span.open_at].strip():
        return None  # another paragraph
    if any(sentence.start_char <= s.open_at < len(before) for s in context.spans):
        return None  # a quote there: the quotation continues its speaker
    usable = usable_tokens(context)
    root = sentence.root
    if root.pos_ not in ("VERB", "AUX") or inside_quote(context, root.idx):
        return None
    subject = cues.subject_of(root, usable)
    if subject is None or not sentence.start <= subject.i < sentence.end:
        return None
    if subject.lower_ in ("i", "we", "you", "me", "us") or subject.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return subject if voices.can_speak(subject) else None


def principal_speaker(context: QuoteContext, before: int) -> Token | None:
    """Who issued a document the text never credits ("The proclamation said"): among the subjects of
    speech verbs and of verbs issuing a document before the quote, the person or organisation the article
    mentions most (latest on a tie)."""
    doc = context.doc
    lexicon = cues.lexicon()
    usable = usable_tokens(context)
    best: tuple[int, int, Token] | None = None
    for token in doc[: token_at(doc, before)]:
        issues = token.pos_ == "VERB" and any(
            c.dep_ == "dobj" and lexicon.noun(c, "document") for c in token.children
        )  # "the court issued a ruling"
        if not issues and not is_speech_verb(token, usable):
            continue
        subject = cues.subject_of(token, usable)
        if subject is None or subject.pos_ not in ("PROPN", "NOUN") or lexicon.noun(subject, "document"):
            continue
        mention = speaker_mention(subject)
        actor = indexed_actor(doc, mention.start_char, mention.end_char)
        if actor is None or actor.kind not in ("person", "organization"):
            continue
        score = (len(actor.mentions), subject.i, subject)
        if best is None or score[:2] >= best[:2]:
            best = score
    return best[2] if best is not None else None


def is_speech_verb(token: Token, usable: Callable[[Token], bool]) -> bool:
    entry = cues.lexicon().verb(token) if usable(token) else None
    return entry is not None and entry.kind == "speech" and not cues.is_hypothetical(token)


def turn_label(context: QuoteContext, token: Token) -> Span | None:
    """The label of a transcript turn ("Q", "HADDAD") as the layout gives it, where the parser ran the
    label into the question ("Q: How many ...?\n\nHADDAD: ...")."""
    for span in context.spans:
        if span.attribution is not None and span.attribution[0] == token.idx:
            return token_span(token.doc, context.text, *span.attribution)
    return None


def labelled_person(context: QuoteContext, mention: Span) -> ActorRef | None:
    """A transcript's speaker label ("EIDE") is the person of that surname the text names; in a Q/A
    transcript Q is the interviewer and A the person the introduction names."""
    label = mention.text.strip()
    if label in ("Q", "A") and _is_turn_label(context, mention):
        return _interviewer() if label == "Q" else _interviewee(context, mention)
    if len(label) < 2 or not label.isupper() or not label.replace("-", "").isalpha():
        return None
    doc = context.doc
    for ent in cues.entities(doc):
        if ent.label_ == "PERSON" and ent[-1].text.upper() == label:
            return indexed_ref(doc, ent.start_char, ent.end_char) or unresolved_ref(ent)
    return None


def _is_turn_label(context: QuoteContext, mention: Span) -> bool:
    return any(s.attribution == (mention.start_char, mention.end_char) for s in context.spans)


def headline_speaker(context: QuoteContext, span: QuotedSpan) -> Speaker | None:
    """ "Q&A: "Hospitals are not targets" – an aid group's director on ...": a quotation in the title of
    an interview transcript (its first paragraph, before the first turn) is the interviewee's."""
    turns = [s for s in context.spans if s.attribution is not None]
    if not turns or paragraph_at(context, span.open_at) != 0 or span.open_at >= turns[0].open_at:
        return None
    labels = {context.text[s.attribution[0] : s.attribution[1]].strip() for s in turns if s.attribution}
    if "A" not in labels and len(labels) < 2:
        return None
    ref = _interviewee(context, context.doc[0:0])
    return Speaker(ref, None, None, ()) if ref is not None else None


def _interviewer() -> ActorRef:
    return ActorRef(stable_id("act", "mention", "interviewer"), "interviewer", None, None)


def _interviewee(context: QuoteContext, label: Span) -> ActorRef | None:
    """The last person the text names before its first turn, not the one asking ("our correspondent X",
    "interviewed by X"): "We spoke to its international president, Dr Amara Diallo"."""
    first = min(s.open_at for s in context.spans if s.attribution is not None)
    doc = context.doc
    for ent in reversed([e for e in cues.entities(doc) if e.label_ == "PERSON" and e.end_char < first]):
        before = {t.lower_ for t in doc[max(0, ent.start - 3) : ent.start]}
        if not before & _ASKING:
            return indexed_ref(doc, ent.start_char, ent.end_char) or unresolved_ref(ent)
    return None

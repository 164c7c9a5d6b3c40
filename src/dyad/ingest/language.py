"""Language identification with py3langid (one model, loaded on first use).

An article is classified in runs of one script, each language weighted by the letters it covers, so an
English report quoting a Russian speaker in the original stays English (py3langid alone scores UTF-8
bytes, in which every Cyrillic letter counts twice, and a mixed paragraph goes to the other script).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# The vote is settled long before this; reading more only costs time.
_SAMPLE_CHARS = 2000
# Below this many letters a guess is noise (a headline-only stub, a number table).
_MIN_LETTERS = 20
_MIN_CONFIDENCE = 0.5
_MERGE_CHARS = 400
_NON_LETTERS = re.compile(r"[\W\d_]+")
# Runs of non-Latin letters (beyond Latin Extended-B), with the spaces and punctuation between them.
_NON_LATIN_RUN = re.compile(r"[^\W\d_\u0000-\u024f]+(?:[\W\d_]+[^\W\d_\u0000-\u024f]+)*")


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the main language of ``text``; None when too short or the guess too weak."""
    votes: Counter[str] = Counter()
    for segment in _segments(text[:_SAMPLE_CHARS]):
        letters = len(_NON_LETTERS.sub("", segment))
        if letters < _MIN_LETTERS:
            continue
        language, confidence = _identifier().classify(segment)
        if language != "und" and confidence >= _MIN_CONFIDENCE:
            votes[str(language)] += letters
    if not votes:
        return None
    language, weight = votes.most_common(1)[0]
    return language if weight * 2 > sum(votes.values()) else None


def _segments(text: str) -> list[str]:
    """Runs of one script (Latin or not), merged with their neighbours of the same script up to a few hundred
    characters: an interview that alternates English and Hindi sentences votes sentence by sentence."""
    latin: list[str] = []
    other: list[str] = []
    position = 0
    for match in _NON_LATIN_RUN.finditer(text):
        latin.append(text[position : match.start()])
        other.append(match.group())
        position = match.end()
    latin.append(text[position:])
    return _merge(latin) + _merge(other)


def _merge(pieces: list[str]) -> list[str]:
    merged: list[str] = []
    for piece in pieces:
        if not piece.strip():
            continue
        if merged and len(merged[-1]) < _MERGE_CHARS:
            merged[-1] += "\n" + piece
        else:
            merged.append(piece)
    return merged

"""Language identification with py3langid (one model, loaded on first use).

An article is classified in runs of one script, each language weighted by the letters it covers, so an
English report quoting a Russian speaker in the original stays English (py3langid alone scores UTF-8
bytes, in which every Cyrillic letter counts twice, and a mixed paragraph goes to the other script).
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# The vote is settled long before this; reading more only costs time.
_SAMPLE_CHARS = 6000
# Below this many letters a guess is noise (a headline-only stub, a number table).
_MIN_LETTERS = 20
_MIN_CONFIDENCE = 0.5


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the main language of ``text``; None when too short or the guess too weak."""
    votes: Counter[str] = Counter()
    for paragraph in _paragraphs(text[:_SAMPLE_CHARS]):
        letters = sum(ch.isalpha() for ch in paragraph)
        if letters < _MIN_LETTERS:
            continue
        language, confidence = _identifier().classify(paragraph)
        if language != "und" and confidence >= _MIN_CONFIDENCE:
            votes[str(language)] += letters
    if not votes:
        return None
    language, weight = votes.most_common(1)[0]
    return language if weight * 2 > sum(votes.values()) else None


def _paragraphs(text: str) -> list[str]:
    """Runs of one script (Latin or not), cut at line breaks and merged up to a few hundred characters, so
    an interview that alternates English and Hindi sentences votes sentence by sentence."""
    runs: list[str] = []
    for line in text.split("\n"):
        for run in _script_runs(line):
            if runs and len(runs[-1]) < 300 and _latin(runs[-1]) == _latin(run):
                runs[-1] += "\n" + run
            else:
                runs.append(run)
    return runs


def _script_runs(line: str) -> list[str]:
    runs: list[str] = []
    start, script = 0, None
    for index, ch in enumerate(line):
        if not ch.isalpha():
            continue
        latin = ch < "\u0250"  # Basic Latin to Latin Extended-B
        if script is not None and latin != script:
            runs.append(line[start:index])
            start = index
        script = latin
    runs.append(line[start:])
    return [run for run in runs if run.strip()]


def _latin(run: str) -> bool:
    return next((ch < "\u0250" for ch in run if ch.isalpha()), True)

"""Language identification with py3langid (one model, loaded on first use)."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# The classifier saturates long before this; reading more only costs time.
_SAMPLE_CHARS = 4000
# Below this many letters the guess is noise (a headline-only stub, a number table).
_MIN_LETTERS = 20
_MIN_CONFIDENCE = 0.5


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the text is too short or the guess too weak."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None
    language, confidence = _identifier().classify(sample)
    if language == "und" or confidence < _MIN_CONFIDENCE:
        return None
    return str(language)

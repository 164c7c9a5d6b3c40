"""Shipped model files set aside in this process, and what extraction loses without them.

A trained model ships as a file of ``dyad.codebooks``; one written by an older dyad or for other features
than this one computes is set aside and extraction goes on without it (the lexicon alone, the coder's own
confidences), so what it extracts changes. A log line alone let such runs go on quietly changed: the loaders
record each file set aside here, and :func:`dyad.nlp.events.set_aside_models` (which loads them first)
gives the commands a message per file to print with their output.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)
_SET_ASIDE: dict[str, str] = {}


def set_aside(file: str, reason: str, without: str, rebuild: str) -> None:
    """Record that model ``file`` is not used because of ``reason``; ``without`` says what extraction does
    instead and ``rebuild`` the command that rewrites the file."""
    message = f"{file} set aside ({reason}): {without} until `{rebuild}` rebuilds it"
    if file not in _SET_ASIDE:
        log.warning("%s", message)
    _SET_ASIDE[file] = message


def set_aside_messages() -> list[str]:
    """One message per model file set aside so far in this process."""
    return list(_SET_ASIDE.values())

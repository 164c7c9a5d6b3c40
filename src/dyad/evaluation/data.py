"""Where evaluation finds gold and corpora that do not ship with dyad: the ``$DYAD_SHARED`` setting.

``DYAD_SHARED`` names a folder laid out as ``gold/dev/`` (the development gold: ConfliBERT, PLOVER, the
seed's ``seed/seed.gold.json``) and ``corpus/`` (``wikinews/*.csv``, ``current-events/*.jsonl``). Every
``dyad eval`` and ``dyad train`` option that reads such a file takes it as an argument; when the argument
is left out, the file under ``$DYAD_SHARED`` is read. No shipped default points outside the working
folder: without the setting and without the argument, the command says which to give.
"""

from __future__ import annotations

import os
from pathlib import Path

from dyad.errors import EvaluationError

ENV = "DYAD_SHARED"
SEED_GOLD = "gold/dev/seed/seed.gold.json"
DEV_GOLD = "gold/dev"
WIKINEWS = "corpus/wikinews"
CURRENT_EVENTS = "corpus/current-events/current-events-2025.jsonl"


def shared(relative: str) -> Path | None:
    """``$DYAD_SHARED/relative``, or None when the setting is not made."""
    root = os.environ.get(ENV)
    return Path(root) / relative if root else None


def given_or_shared(path: Path | None, relative: str, option: str) -> Path:
    """``path`` when given, else ``$DYAD_SHARED/relative``; an :class:`EvaluationError` saying what to give
    when neither is."""
    found = path or shared(relative)
    if found is None:
        raise EvaluationError(f"give {option} or set {ENV} to the shared data folder (holding {relative})")
    return found

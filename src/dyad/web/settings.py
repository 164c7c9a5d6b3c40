"""What a running server knows: the store it serves, whether (and for whom) writes are allowed, and how
posted articles are extracted (the pipeline's settings: model, taxonomy).

A leaf of ``dyad.web``: the application (``app.py``) creates it, and every route module reads it from
``request.app.state.settings``, so no route module needs the application module.
"""

from __future__ import annotations

import hmac
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from dyad import pipeline
from dyad.store.database import connect


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path
    allow_writes: bool
    token: str | None
    pipeline: pipeline.Settings = field(default_factory=pipeline.Settings)

    def open(self) -> sqlite3.Connection:
        """A read-only connection for one request (cheap with SQLite; no state shared between threads)."""
        return connect(self.db, readonly=True)

    def writer(self) -> sqlite3.Connection:
        return connect(self.db)

    def authorised(self, header: str | None) -> bool:
        if not (self.allow_writes and self.token and header and header.startswith("Bearer ")):
            return False
        return hmac.compare_digest(header[len("Bearer ") :].encode(), self.token.encode())

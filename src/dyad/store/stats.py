"""``dyad stats``: one dict of counts over the store, built from each stage's own section.

Each stage contributes a function ``(conn) -> dict``; a stage that adds tables adds its section here.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from dyad.store import articles


def store_stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """``{"articles": N, "near_duplicates": ..., "languages": {...}, ...}`` plus each stage's section."""
    return {**articles.stats(conn)}

"""The Wikinews corpus as the gold files address it: (CSV file, last URL segment) -> the article's row."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from dyad.errors import EvaluationError


def corpus_rows(corpus: Path, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    """The rows (``url``, ``date``, ``title``, ``text``) of the wanted articles of ``corpus``'s CSV files."""
    csv.field_size_limit(sys.maxsize)
    found: dict[tuple[str, str], dict[str, str]] = {}
    for file in sorted({f for f, _ in wanted}):
        path = corpus / file
        if not path.is_file():
            raise EvaluationError(f"corpus file not found: {path}")
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                key = row["url"].rstrip("/").rsplit("/", 1)[-1]
                if (file, key) in wanted:
                    found[(file, key)] = row
    return found

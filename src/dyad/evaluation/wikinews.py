"""Gold files over the Wikinews corpus: their JSON lines, and the corpus rows they address by (CSV file,
last URL segment)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

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


def gold_rows(path: Path, required: set[str]) -> list[tuple[str, dict[str, Any]]]:
    """The JSON objects of a gold file, one a line, each with its ``file:line``; refuses a line that is not
    JSON or lacks a ``required`` field."""
    if not path.is_file():
        raise EvaluationError(f"gold file not found: {path}")
    rows: list[tuple[str, dict[str, Any]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"invalid JSON: {exc.msg}", where=where) from exc
        missing = required - set(row)
        if missing:
            raise EvaluationError(f"missing fields: {', '.join(sorted(missing))}", where=where)
        rows.append((where, row))
    return rows

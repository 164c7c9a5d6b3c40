"""The package's tab-separated data tables: one loader, one error shape, and one writer for the tables the
knowledge-base build derives."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from importlib import resources

from dyad.errors import CodebookError


def rows(name: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of every data line of ``dyad/codebooks/<name>``; ``#`` lines are comments."""
    text = resources.files("dyad.codebooks").joinpath(name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != columns:
            raise CodebookError(
                f"expected {columns} tab-separated fields, found {len(fields)}", where=f"{name}:{number}"
            )
        yield number, fields


def split(field: str) -> tuple[str, ...]:
    """A ``|``-separated list field."""
    return tuple(v.strip() for v in field.split("|") if v.strip())


def tsv_text(header: str, lines: Iterable[Sequence[object]]) -> str:
    """A derived table: its ``#`` header, then one tab-separated line per row."""
    return header + "".join("\t".join(str(f) for f in line) + "\n" for line in lines)

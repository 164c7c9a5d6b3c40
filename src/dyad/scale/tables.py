"""The Parquet tables of a Spark run: their columns, and the conversion between objects and rows.

One folder per table under the output directory. A row of ``actors``, ``places``, ``dates``, ``events``,
``quotes`` and ``issues`` holds exactly the fields of the item's ``to_dict()`` (the output of
``dyad extract``): scalars as typed columns, nested values (spans, actor references, evidence) as JSON text,
so any engine (Spark, DuckDB, pandas) can read them and :func:`item_from_row` rebuilds the very dict
``dyad extract`` prints, which ``from_dict`` (``dyad.model``) turns back into the object. Each row also
carries the article id, its position in the article's list (so order survives), the partition columns, the
fields ``to_dict`` leaves out (an actor's and an issue tag's extractor, a tag's taxonomy version) and, for
the series, what the domain rules derive (``series_day``, ``event_dyads``, the issues of each item).

All rows of a run travel through Spark in one wide frame (:data:`COLUMNS`, the union of every table's
columns, plus ``table``); a column has the same type in every table that has it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pyarrow as pa

from dyad.model import Article, Extraction, event_dyads, series_day

Kind = Literal["str", "int", "float", "bool", "json"]
_ARROW: dict[Kind, pa.DataType] = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "json": pa.string(),
}
_SPARK: dict[Kind, str] = {
    "str": "string",
    "int": "bigint",
    "float": "double",
    "bool": "boolean",
    "json": "string",
}

# Partition columns, outermost first: the run's batch (see job.py) and the publication day (YYYY-MM-DD,
# null when unknown). Batch first, so a run's days sit in one folder: writing a day then creates one
# folder, not two (each costs a `chmod` process on a local disk, see docs/cluster.md).
PARTITION = ("batch", "pub_date")


@dataclass(frozen=True, slots=True)
class Table:
    """A table's item fields (the keys of ``to_dict``, in order) and its extra columns."""

    name: str
    fields: tuple[tuple[str, Kind], ...]
    extras: tuple[tuple[str, Kind], ...] = ()

    @property
    def columns(self) -> tuple[tuple[str, Kind], ...]:
        return (("article_id", "str"), ("position", "int"), *self.fields, *self.extras)


ITEM_TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "actors",
            (("id", "str"), ("name", "str"), ("kind", "str"), ("country", "str"), ("sector", "str"),
             ("role", "str"), ("mentions", "json"), ("confidence", "float")),
            (("extractor", "str"),),
        ),
        Table(
            "places",
            (("name", "str"), ("country", "str"), ("kind", "str"), ("lat", "float"), ("lon", "float"),
             ("mentions", "json")),
        ),
        Table(
            "dates",
            (("text", "str"), ("start", "int"), ("end", "int"), ("value", "str"), ("granularity", "str"),
             ("direction", "str")),
        ),
        Table(
            "events",
            (("id", "str"), ("source", "json"), ("target", "json"), ("cameo", "str"), ("cameo_root", "str"),
             ("goldstein", "float"), ("quad_class", "int"), ("plover", "json"), ("negated", "bool"),
             ("modality", "str"), ("reported_by", "json"), ("date", "str"), ("place", "str"),
             ("primary", "bool"), ("confidence", "float"), ("evidence", "json"), ("source_spans", "json"),
             ("target_spans", "json"), ("predicate", "json")),
            # As the store derives them: the day the event counts on in series, its issues
            # ([{"issue", "score"}, ...]) and the country pairs it counts between ([{"source", "target"}]).
            (("day", "str"), ("item_issues", "json"), ("dyads", "json")),
        ),
        Table(
            "quotes",
            (("id", "str"), ("text", "str"), ("start", "int"), ("end", "int"), ("kind", "str"),
             ("speaker", "json"), ("cue", "json"), ("addressee", "json"), ("relayed_by", "json"),
             ("source", "json"), ("source_head", "json"), ("sentence", "str"), ("confidence", "float"),
             ("evidence", "json")),
            (("day", "str"), ("item_issues", "json")),
        ),
        Table(
            "issues",
            (("id", "str"), ("label", "str"), ("score", "float"), ("evidence", "json"), ("items", "json")),
            (("taxonomy_version", "str"), ("extractor", "str")),
        ),
    )
}  # fmt: skip

# One row per article: the Article's fields, its near-duplicate link and how its extraction went.
ARTICLE_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("id", "str"), ("url", "str"), ("title", "str"), ("text", "str"), ("source", "str"),
    ("published", "str"), ("language", "str"), ("author", "str"), ("origin", "str"), ("metadata", "json"),
    ("canonical_id", "str"), ("similarity", "float"), ("pipeline", "str"),
)  # fmt: skip
# One row per input record or article that failed, with the stage and the reason.
ERROR_COLUMNS: tuple[tuple[str, Kind], ...] = (
    ("stage", "str"),
    ("where", "str"),
    ("reason", "str"),
    ("record", "str"),
    ("article_id", "str"),
)
TABLES = ("articles", *ITEM_TABLES, "errors")


def _union() -> tuple[tuple[str, Kind], ...]:
    seen: dict[str, Kind] = {"table": "str"}
    groups = [ARTICLE_COLUMNS, ERROR_COLUMNS, *(t.columns for t in ITEM_TABLES.values())]
    for name, kind in (c for group in groups for c in group):
        if _SPARK[seen.setdefault(name, kind)] != _SPARK[kind]:
            raise TypeError(f"column {name} has two types")  # a bug in the table definitions above
    seen.setdefault("pub_date", "str")
    seen.setdefault("batch", "str")
    return tuple(seen.items())


COLUMNS = _union()
ARROW_SCHEMA = pa.schema([(name, _ARROW[kind]) for name, kind in COLUMNS])
SPARK_SCHEMA = ", ".join(f"`{name}` {_SPARK[kind]}" for name, kind in COLUMNS)


def table_columns(table: str) -> tuple[str, ...]:
    """The columns written for ``table`` (partition columns included, last)."""
    if table == "articles":
        own = ARTICLE_COLUMNS
    elif table == "errors":
        own = ERROR_COLUMNS
    else:
        own = ITEM_TABLES[table].columns
    return (*(name for name, _ in own), *PARTITION)


def spark_schema(table: str) -> str:
    """The Spark DDL of a table as written (so an empty table still reads with its columns)."""
    kinds = dict(COLUMNS)
    return ", ".join(f"`{name}` {_SPARK[kinds[name]]}" for name in table_columns(table))


def publication_day(published: str | None) -> str | None:
    """The partition day of an article: the date part of its publication date, None when unknown."""
    return series_day(None, published)


# -- objects to rows -----------------------------------------------------------------------------------


def article_row(article: Article, *, batch: str) -> dict[str, Any]:
    """The ``articles`` row of an article read from input (near-duplicate link and pipeline come later)."""
    return {
        "table": "articles",
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "text": article.text,
        "source": article.source,
        "published": article.published,
        "language": article.language,
        "author": article.author,
        "origin": article.origin,
        "metadata": _json(dict(article.metadata)),
        "pub_date": publication_day(article.published),
        "batch": batch,
    }


def error_row(*, stage: str, where: str | None, reason: str, batch: str, record: str | None = None,
              article_id: str | None = None, pub_date: str | None = None) -> dict[str, Any]:  # fmt: skip
    """An ``errors`` row; ``record`` keeps the start of the offending input so it can be found."""
    return {
        "table": "errors",
        "stage": stage,
        "where": where,
        "reason": reason,
        "record": record[:500] if record else None,
        "article_id": article_id,
        "pub_date": pub_date,
        "batch": batch,
    }


def extraction_rows(
    extraction: Extraction,
    *,
    article_id: str,
    pub_date: str | None,
    batch: str,
) -> Iterator[dict[str, Any]]:
    """The item rows of one article's extraction, one per actor, place, date, event, quote and issue."""
    item_issues = extraction.item_issues()
    extras: dict[str, Sequence[Any]] = {
        "actors": extraction.actors,
        "places": extraction.places,
        "dates": extraction.dates,
        "events": extraction.events,
        "quotes": extraction.quotes,
        "issues": extraction.issues,
    }
    for name, items in extras.items():
        table = ITEM_TABLES[name]
        for position, item in enumerate(items):
            data = item.to_dict()
            row: dict[str, Any] = {
                "table": name,
                "article_id": article_id,
                "position": position,
                "pub_date": pub_date,
                "batch": batch,
            }
            for field, kind in table.fields:
                row[field] = _json(data[field]) if kind == "json" else data[field]
            row.update(_extra_values(name, item, extraction.published, item_issues))
            yield row


def _extra_values(
    table: str, item: Any, published: str | None, item_issues: Mapping[str, Sequence[tuple[str, float]]]
) -> dict[str, Any]:
    if table == "actors":
        return {"extractor": item.extractor}
    if table in ("events", "quotes"):
        issues = _json([{"issue": issue, "score": score} for issue, score in item_issues.get(item.id, ())])
        if table == "quotes":
            return {"day": series_day(None, published), "item_issues": issues}
        dyads = [{"source": s.country, "target": t.country if t else None} for s, t in event_dyads(item)]
        return {"day": series_day(item.date, published), "item_issues": issues, "dyads": _json(dyads)}
    if table == "issues":
        return {"taxonomy_version": item.taxonomy_version, "extractor": item.extractor}
    return {}


# -- rows back to objects ------------------------------------------------------------------------------


def item_from_row(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The ``to_dict()`` of the item a row was written from."""
    return {
        field: json.loads(row[field]) if kind == "json" and row[field] is not None else row[field]
        for field, kind in ITEM_TABLES[table].fields
    }


def extraction_from_rows(
    article: Mapping[str, Any], items: Mapping[str, Sequence[Mapping[str, Any]]]
) -> Extraction:
    """Rebuild an article's :class:`Extraction` from its ``articles`` row and its item rows."""

    def decoded(table: str) -> list[dict[str, Any]]:
        rows = sorted(items.get(table, ()), key=lambda r: int(r["position"]))
        extras = [name for name, _ in ITEM_TABLES[table].extras]
        return [{**item_from_row(table, r), **{name: r[name] for name in extras}} for r in rows]

    record = {name: decoded(name) for name in ITEM_TABLES}
    return Extraction.from_dict(
        {
            **record,
            "id": article["id"],
            "published": article["published"],
            "pipeline": article["pipeline"] or "",
        }
    )


_JSON_SEPARATORS = (",", ":")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=_JSON_SEPARATORS)

"""Article SQL: storing, duplicate and near-duplicate lookup, full-text expressions, statistics.

Searching articles with filters is :func:`dyad.store.queries.search`, over the one ``Query`` of every list.

Callers own the transaction (``store.database.transaction``): a batch of inserts and whatever rows are
derived from them commit together or not at all.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dyad import parameters
from dyad.model import Article

ARTICLE_COLUMNS = (
    "id", "url", "title", "text", "source", "published", "first_seen",
    "language", "author", "origin", "metadata", "canonical_id", "similarity",
)  # fmt: skip
_COLUMNS = ", ".join(ARTICLE_COLUMNS)


def text_hash(text: str) -> str:
    """Hash of the normalised text (whitespace collapsed, lower-cased): equal texts, equal hashes."""
    return hashlib.sha1(" ".join(text.split()).lower().encode("utf-8")).hexdigest()


def existing_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` are already stored."""
    found: set[str] = set()
    for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
    return found


def band_candidates(conn: sqlite3.Connection, bands: Iterable[tuple[int, str]]) -> list[tuple[str, bytes]]:
    """Stored articles sharing at least one LSH band bucket, with their MinHash signatures."""
    pairs = list(bands)
    if not pairs:
        return []
    clause = " OR ".join("(b.band = ? AND b.bucket = ?)" for _ in pairs)
    params = [v for pair in pairs for v in pair]
    rows = conn.execute(
        f"SELECT DISTINCT s.article_id, s.signature FROM minhash_bands b "
        f"JOIN minhash_signatures s ON s.article_id = b.article_id WHERE {clause}",
        params,
    )
    return [(r[0], r[1]) for r in rows]


def canonical_of(conn: sqlite3.Connection, article_id: str) -> str:
    """The canonical article of ``article_id`` (itself when it is not a near-duplicate)."""
    row = conn.execute("SELECT canonical_id FROM articles WHERE id = ?", (article_id,)).fetchone()
    return str(row[0]) if row and row[0] else article_id


def insert_article(
    conn: sqlite3.Connection,
    article: Article,
    *,
    signature: bytes,
    bands: Iterable[tuple[int, str]],
    canonical_id: str | None = None,
    similarity: float | None = None,
    first_seen: str | None = None,
) -> None:
    """Store one new article with its MinHash signature and bands (inside the caller's transaction)."""
    conn.execute(
        f"INSERT INTO articles ({_COLUMNS}, text_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            article.url,
            article.title,
            article.text,
            article.source,
            article.published,
            first_seen or datetime.now(UTC).isoformat(timespec="seconds"),
            article.language,
            article.author,
            article.origin,
            json.dumps(dict(article.metadata), ensure_ascii=False, sort_keys=True),
            canonical_id,
            similarity,
            text_hash(article.text),
        ),
    )
    conn.execute(
        "INSERT INTO minhash_signatures (article_id, signature) VALUES (?, ?)", (article.id, signature)
    )
    conn.executemany(
        "INSERT INTO minhash_bands (band, bucket, article_id) VALUES (?, ?, ?)",
        [(band, bucket, article.id) for band, bucket in bands],
    )


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored, with what the store adds: when first seen and its canonical article."""

    article: Article
    first_seen: str
    canonical_id: str | None
    similarity: float | None
    snippet: str | None = None

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        a = self.article
        record: dict[str, Any] = {
            "id": a.id,
            "title": a.title,
            "url": a.url,
            "source": a.source,
            "published": a.published,
            "first_seen": self.first_seen,
            "language": a.language,
            "author": a.author,
            "origin": a.origin,
            "canonical_id": self.canonical_id,
            "similarity": self.similarity,
            "snippet": self.snippet,
            "metadata": dict(a.metadata),
        }
        if with_text:
            record["text"] = a.text
        return record


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """One page of results and the total number of matches (results are never silently capped)."""

    total: int
    offset: int
    items: list[StoredArticle]


HIT_START, HIT_END = "\x02", "\x03"  # around each matched word of a snippet; never in article text


def snippets(conn: sqlite3.Connection, ids: Sequence[str], query: str) -> dict[str, str]:
    """The passage of each article around the words of the full-text ``query``, matches between
    ``HIT_START`` and ``HIT_END``, from the title when only the title matches."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT a.id, snippet(articles_fts, 1, ?, ?, ' … ', 28), snippet(articles_fts, 0, ?, ?, ' … ', 28)"
        f" FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        f" WHERE articles_fts MATCH ? AND a.id IN ({marks})",
        [HIT_START, HIT_END, HIT_START, HIT_END, parameters.search_expression(query), *ids],
    )
    return {r[0]: r[1] if HIT_START in (r[1] or "") else r[2] or r[1] for r in rows}


def article_count(conn: sqlite3.Connection) -> int:
    """How many articles the store holds."""
    return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def get_article(conn: sqlite3.Connection, article_id: str) -> StoredArticle | None:
    row = conn.execute(
        f"SELECT {_COLUMNS}, NULL AS snippet FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    return stored_article(row) if row else None


def article_from_row(row: Mapping[str, Any] | sqlite3.Row) -> Article:
    """An article from a row of the ``articles`` table (or a record with its columns, e.g. Parquet)."""
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        url=row["url"],
        source=row["source"],
        published=row["published"],
        language=row["language"],
        author=row["author"],
        origin=row["origin"],
        metadata=json.loads(row["metadata"] or "{}"),
    )


def stored_article(row: sqlite3.Row) -> StoredArticle:
    """A row of the ``articles`` table (:data:`ARTICLE_COLUMNS` and a ``snippet``) as a stored article."""
    article = article_from_row(row)
    return StoredArticle(article, row["first_seen"], row["canonical_id"], row["similarity"], row["snippet"])


def stats(conn: sqlite3.Connection, *, top: int = 20) -> dict[str, Any]:
    """Counts over the store as a plain dict; other stages add their own keys (events, quotes, ...)."""
    counts = conn.execute(
        "SELECT count(*), count(canonical_id), min(published), max(published), "
        "min(first_seen), max(first_seen) FROM articles"
    ).fetchone()
    languages = conn.execute(
        "SELECT coalesce(language, 'unknown'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()
    sources = conn.execute(
        "SELECT coalesce(source, 'unknown'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
        (top,),
    ).fetchall()
    source_count = conn.execute("SELECT count(DISTINCT source) FROM articles").fetchone()[0]
    return {
        "articles": counts[0],
        "near_duplicates": counts[1],
        "distinct_articles": counts[0] - counts[1],
        "published": {"first": counts[2], "last": counts[3]},
        "first_seen": {"first": counts[4], "last": counts[5]},
        "languages": {r[0]: r[1] for r in languages},
        "top_sources": {r[0]: r[1] for r in sources},  # the `top` largest; source_count counts them all
        "source_count": source_count,
    }

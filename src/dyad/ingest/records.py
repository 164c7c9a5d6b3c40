"""From raw reader fields to an :class:`~dyad.model.Article`: field mapping, URL, date, language, identity.

Every reader ends here, so the rules for what makes an article (non-empty text, a canonical URL as its
identity, an ISO publication date, a detected language) live in one place.
"""

from __future__ import annotations

import email.utils
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dyad.errors import InputError
from dyad.ingest.language import detect_language
from dyad.model import Article

log = logging.getLogger(__name__)

# One article above this is not an article (a dump, a log, a binary mistaken for text).
MAX_TEXT_CHARS = 5_000_000

ARTICLE_FIELDS = ("text", "title", "date", "url", "source", "author", "language")

# Names other tools commonly use for each field; tried in order when no explicit mapping is given.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "maintext", "article", "full_text"),
    "title": ("title", "headline"),
    "date": ("date", "published", "published_at", "publish_date", "date_publish", "pubdate", "datetime"),
    "url": ("url", "link", "canonical_url", "uri"),
    "source": ("source", "site", "sitename", "site_name", "publisher", "outlet", "domain"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}

# Query parameters that only track a click; dropping them makes shared links one article.
_TRACKING_PARAM = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|at_medium|at_campaign)$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class InputFailure:
    """One input (file, line, record or URL) that did not yield an article, and why; ``count`` is above 1
    for the summary of a file's errors beyond the per-file cap, which stands for that many failures."""

    error: InputError
    count: int = 1

    @property
    def where(self) -> str | None:
        return self.error.where

    def __str__(self) -> str:
        return str(self.error)


@dataclass(frozen=True, slots=True)
class FieldMapping:
    """Which input field holds each article field (``text``, ``title``, ``date``, ...).

    Unmapped fields fall back to common names (``body``, ``headline``, ``published``, ``link``...);
    a dotted name (``meta.title``) reaches into nested JSON objects.
    """

    fields: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, pairs: list[str] | tuple[str, ...]) -> FieldMapping:
        """Build from ``NAME=COLUMN`` strings, as given on the command line."""
        fields: dict[str, str] = {}
        for pair in pairs:
            name, sep, column = pair.partition("=")
            name, column = name.strip().lower(), column.strip()
            if not sep or not column:
                raise InputError(f"field mapping {pair!r} is not NAME=COLUMN")
            if name not in ARTICLE_FIELDS:
                raise InputError(f"unknown article field {name!r} in {pair!r}; use one of {ARTICLE_FIELDS}")
            fields[name] = column
        return cls(fields)

    def split(self, record: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The article fields found in ``record``, and the remaining fields (kept as metadata)."""
        found: dict[str, Any] = {}
        used: set[str] = set()
        for name in ARTICLE_FIELDS:
            candidates = (self.fields[name],) if name in self.fields else FIELD_ALIASES[name]
            for candidate in candidates:
                value = _lookup(record, candidate)
                if value is not None and value != "":
                    found[name] = value
                    used.add(candidate.split(".", 1)[0])
                    break
        metadata = {k: v for k, v in record.items() if k not in used and v not in (None, "")}
        return found, metadata


def _lookup(record: Mapping[str, Any], dotted: str) -> Any:
    if dotted in record:
        return record[dotted]
    value: Any = record
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def canonical_url(url: str | None) -> str | None:
    """Lower-cased scheme and host, no fragment, no default port, no click-tracking parameters."""
    if not url or not url.strip():
        return None
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return url
    netloc = parts.hostname.lower()
    default_port = {"http": 80, "https": 443}[scheme]
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port != default_port:
        netloc = f"{netloc}:{port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAM.match(k)]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def source_from_url(url: str | None) -> str | None:
    """The site an article came from, as its host without ``www.``."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")


def normalise_date(value: object) -> str | None:
    """An ISO date (datetime when a time is given) from the many ways news gives one; None if unreadable."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        return text
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        return _iso(parsed, has_time="T" in text or ":" in text)
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()  # RSS: "Mon, 22 Apr 2024 10:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import; only free-form dates need it

    parsed_free = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False})
    if parsed_free is None:
        return None
    return _iso(parsed_free, has_time=":" in text)


def _iso(value: datetime, *, has_time: bool) -> str:
    return value.isoformat() if has_time else value.date().isoformat()


def make_article(
    fields: Mapping[str, Any], *, origin: str, metadata: Mapping[str, Any] | None = None
) -> Article:
    """An :class:`Article` from mapped fields; raises :class:`InputError` naming ``origin`` if not one."""
    raw_text = fields.get("text")
    text = _clean_text(raw_text if isinstance(raw_text, str) else "" if raw_text is None else str(raw_text))
    if not text:
        raise InputError("empty text: no article body found", where=origin)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"text has {len(text):,} characters, over the {MAX_TEXT_CHARS:,} limit for one article",
            where=origin,
        )
    url = canonical_url(_as_str(fields.get("url")))
    extra = dict(metadata or {})
    raw_date = fields.get("date")
    published = normalise_date(raw_date)
    if raw_date not in (None, "") and published is None:
        log.warning("%s: unreadable date %r kept in metadata as date_raw", origin, raw_date)
        extra["date_raw"] = str(raw_date)
    language = _as_str(fields.get("language")) or detect_language(text)
    return Article(
        id=Article.make_id(url=url, text=text),
        text=text,
        title=_as_str(fields.get("title")),
        url=url,
        source=_as_str(fields.get("source")) or source_from_url(url),
        published=published,
        language=language.lower() if language else None,
        author=_as_str(fields.get("author")),
        origin=origin,
        metadata=_jsonable(extra),
    )


def _as_str(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value if v)
    text = " ".join(str(value).split())
    return text or None


def _clean_text(text: str) -> str:
    """Normalise line endings and strip; paragraphs and offsets inside the text are otherwise kept."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def decode_text(data: bytes, *, where: str) -> str:
    """UTF-8 text from bytes, or an :class:`InputError` saying why the bytes are not text."""
    if b"\x00" in data[:8192]:
        raise InputError("binary data, not text (NUL bytes near the start)", where=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it to UTF-8",
            where=where,
        ) from exc

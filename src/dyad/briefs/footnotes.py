"""Footnotes of a brief: every claim cites its article (title, source, publication day, URL) and its
sentence, by number and character span, so it can be checked; one sentence gets one number however many
claims cite it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dyad.store.series import ArticleRef


@dataclass(frozen=True, slots=True)
class Footnote:
    n: int
    article_id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    sentence_index: int | None
    sentence: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


class Footnotes:
    """Numbers footnotes in order of first use; one sentence of one article gets one number, whatever
    events and quotes cite it, and its span is the sentence's (a passage's is the passage's)."""

    def __init__(self, articles: dict[str, ArticleRef]) -> None:
        self._articles = articles
        self._by_key: dict[tuple[str, int, int], Footnote] = {}

    def cite(
        self, article_id: str, sentence: str, sentence_index: int | None, start: int, end: int
    ) -> Footnote:
        art = self._articles[article_id]
        if sentence_index is not None:
            start, end = _sentence_span(art.text, sentence, start, end)
        key = (article_id, start, end)
        if key not in self._by_key:
            self._by_key[key] = Footnote(
                len(self._by_key) + 1, article_id, art.title, art.url, art.source, art.published,
                sentence_index, sentence, start, end,
            )  # fmt: skip
        return self._by_key[key]


def _sentence_span(text: str, sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the evidence sentence holding the item at ``start``-``end`` lies in the article (the item's
    own span where the sentence is not found around it)."""
    at = text.rfind(sentence, max(0, end - len(sentence)), start + len(sentence)) if sentence else -1
    return (at, at + len(sentence)) if at >= 0 else (start, end)

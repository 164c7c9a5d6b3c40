"""Find quoted spans in raw text: every quotation-mark style, nesting, multi-paragraph quotes, stray marks.

This works on characters only (no parse), so it is fast and testable on its own. Attribution (who said
it) happens in :mod:`dyad.nlp.attribution` over the spaCy doc.

Rules, in the order a journalist's copy needs them:

* Double marks (" “ ” „ « ») and single marks (‘ ’ ') pair within a paragraph; the outermost pair is the
  quote, inner pairs are nested quotes kept inside its content.
* A straight mark opens when it follows a space or an opening bracket and closes when it is followed by a
  space or punctuation; only where context cannot tell does it alternate.
* ’ and ' between letters are apostrophes (Greece’s, can't); a trailing one closes a single quote only when
  one is open (so "the Workers' Party" stays an apostrophe).
* A paragraph that opens a quote and does not close it continues into the next paragraph when that one
  starts with an opening mark (the news convention for multi-paragraph quotes); otherwise the quote ends
  at the end of its paragraph and is marked unbalanced, so one stray mark never swallows the article.
* Block quotes: an indented paragraph followed by a short "– Name" line is a quote of that name.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚"
SINGLE_CLOSE = "’"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'"
_OPEN_CONTEXT = set(" \t\n([{—–-/:") | set(DOUBLE_OPEN) | set(SINGLE_OPEN) | {'"', "'"}
_ATTRIBUTION_LINE = re.compile(r"^[ \t]*[–—-][ \t]*(?P<name>\S[^\n]{0,100})$")
# A transcript turn: a capitalised label (a surname, "MODERATOR", or Q and A) and a colon opening the
# paragraph.
_TURN = re.compile(r"[ \t]*(?P<label>[A-Z][A-Z'’\-]+(?: [A-Z][A-Z'’\-]+){0,2}|Q|A):[ \t]+")
_MIN_TURNS = 3


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """One quotation: ``start``/``end`` is the content without its outer marks.

    ``open_at`` is the position of the opening mark (``start - 1`` except for block quotes);
    ``close_at`` the closing mark, or None when the paragraph ended first (``balanced`` False).
    ``reopen_at`` lists the re-opening marks of later paragraphs of a multi-paragraph quote.
    ``attribution`` is the "– Name" span of a block quote.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    family: str  # "double" | "single" | "block"
    balanced: bool = True
    reopen_at: tuple[int, ...] = ()
    attribution: tuple[int, int] | None = None

    @property
    def paragraphs(self) -> int:
        return 1 + len(self.reopen_at)


@dataclass(slots=True)
class _Open:
    family: str
    at: int
    reopen_at: list[int]


def find_quotes(text: str) -> list[QuotedSpan]:
    """All outermost quotations of ``text`` in order, plus block quotes."""
    spans: list[QuotedSpan] = []
    pending: _Open | None = None  # an outer quote left open at the end of the previous paragraph
    lines = _lines(text)
    for index, (line_start, line_end) in enumerate(lines):
        stack: list[_Open] = []
        position = line_start
        if pending is not None:
            first = _first_mark(text, line_start, line_end)
            if first is not None and _role(text, first, pending.family, open_family=None) == "open":
                pending.reopen_at.append(first)
                stack.append(pending)
                position = first + 1
            else:
                spans.append(_unbalanced(text, pending, _previous_end(lines, index)))
            pending = None
        for at in range(position, line_end):
            char = text[at]
            if char not in ALL_MARKS:
                continue
            family = "single" if char in SINGLE_OPEN + SINGLE_CLOSE + "'" else "double"
            open_family = _innermost(stack, family)
            role = _role(text, at, family, open_family)
            if role == "open":
                stack.append(_Open(family, at, []))
            elif role == "close" and open_family is not None:
                while stack and stack[-1].family != family:
                    stack.pop()  # an inner opener of the other family that never closed: an apostrophe
                opener = stack.pop()
                if not stack:
                    spans.append(
                        QuotedSpan(
                            start=opener.at + 1,
                            end=at,
                            open_at=opener.at,
                            close_at=at,
                            family=family,
                            reopen_at=tuple(opener.reopen_at),
                        )
                    )
        outer = stack[0] if stack else None
        if outer is not None and outer.family == "double":
            pending = outer  # single marks left open are apostrophes, not quotes
    if pending is not None:
        spans.append(_unbalanced(text, pending, lines[-1][1] if lines else len(text)))
    spans.extend(_block_quotes(text, lines))
    spans.extend(_transcript_turns(text, lines))
    spans = [s for s in spans if text[s.start : s.end].strip()]
    return sorted(spans, key=lambda s: s.start)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line; a line is a paragraph in plain-text news."""
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            lines.append((match.start(), match.end()))
    return lines


def _previous_end(lines: list[tuple[int, int]], index: int) -> int:
    return lines[index - 1][1] if index > 0 else 0


def _first_mark(text: str, start: int, end: int) -> int | None:
    stripped = len(text[start:end]) - len(text[start:end].lstrip())
    at = start + stripped
    return at if at < end and text[at] in DOUBLE_OPEN + '"' else None


def _innermost(stack: list[_Open], family: str) -> str | None:
    return family if any(o.family == family for o in stack) else None


def _role(text: str, at: int, family: str, open_family: str | None) -> str:
    """ "open", "close" or "none" (an apostrophe or a stray mark) for the mark at ``at``."""
    char = text[at]
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if char in DOUBLE_OPEN or char in SINGLE_OPEN:
        if char == "“" and open_family == "double" and _opened_with(text, at, "„"):
            return "close"  # German „...“
        return "open"
    if char in DOUBLE_CLOSE:
        return "close"
    if char == "’":
        if before.isalnum() and after.isalnum():
            return "none"
        return "close" if open_family == "single" and not before.isspace() else "none"
    left_flanking = before in _OPEN_CONTEXT and not after.isspace()
    right_flanking = not before.isspace() and (after.isspace() or not after.isalnum())
    if char == "'":
        if before.isalnum() and after.isalnum():
            return "none"
        if open_family == "single" and right_flanking:
            return "close"
        return "open" if left_flanking and (after.isalnum() or after in "[") else "none"
    # straight double quote
    if left_flanking and not right_flanking:
        return "open"
    if right_flanking and not left_flanking:
        return "close" if open_family == "double" else "none"
    return "close" if open_family == "double" else "open"


def _opened_with(text: str, at: int, mark: str) -> bool:
    last_open = max(text.rfind(c, 0, at) for c in DOUBLE_OPEN + '"')
    return last_open >= 0 and text[last_open] == mark


def _unbalanced(text: str, opener: _Open, paragraph_end: int) -> QuotedSpan:
    end = paragraph_end
    while end > opener.at + 1 and text[end - 1].isspace():
        end -= 1
    return QuotedSpan(
        start=opener.at + 1,
        end=end,
        open_at=opener.at,
        close_at=None,
        family=opener.family,
        balanced=False,
        reopen_at=tuple(opener.reopen_at),
    )


def _transcript_turns(text: str, lines: list[tuple[int, int]]) -> list[QuotedSpan]:
    """An interview transcript ("BERG: Minister, does Norway ...", "EIDE: Yes. ..."): each turn is the
    words of the speaker its capitalised label names. Only where at least two labels take turns, so a
    lone "NOTE:" or "UPDATE:" is no speaker."""
    turns = [(start, end, _TURN.match(text, start, end)) for start, end in lines]
    labelled = [(start, end, match) for start, end, match in turns if match is not None]
    if len(labelled) < _MIN_TURNS or len({m.group("label") for _, _, m in labelled}) < 2:
        return []
    found = []
    for start, end, match in labelled:
        content_start = match.end()
        content_end = start + len(text[start:end].rstrip())
        if content_end > content_start:
            found.append(_block(content_start, content_end, (match.start("label"), match.end("label"))))
    return found


def _block(start: int, end: int, attribution: tuple[int, int]) -> QuotedSpan:
    """A quotation set apart by layout, not marks (a transcript turn, a block quote), and who says it."""
    return QuotedSpan(
        start=start, end=end, open_at=start, close_at=None, family="block", attribution=attribution
    )


def _block_quotes(text: str, lines: list[tuple[int, int]]) -> list[QuotedSpan]:
    """Indented paragraphs followed by a "– Name" line (the Wikinews and wiki block-quote layout)."""
    found = []
    for (start, end), (next_start, next_end) in itertools.pairwise(lines):
        line = text[start:end]
        attribution = _ATTRIBUTION_LINE.match(text[next_start:next_end])
        if attribution is None or not line[:1].isspace() or _ATTRIBUTION_LINE.match(line):
            continue
        if any(c in line for c in DOUBLE_OPEN + '"'):
            continue  # quoted inside already; the marks decide
        content_start = start + len(line) - len(line.lstrip())
        content_end = start + len(line.rstrip())
        name_start = next_start + attribution.start("name")
        name_end = next_start + len(text[next_start:next_end].rstrip())
        found.append(_block(content_start, content_end, (name_start, name_end)))
    return found

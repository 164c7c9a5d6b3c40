"""A wire story's dateline: where (and often when, and through which agency) it was filed, before its first
sentence: "SEOUL, Aug 18 - ", "GENEVA (Reuters) - ", "NAIROBI, Kenya, Feb. 2 - ", "TBILISI, Oct 28 (Wire) –
", "GENEVA/N'DJAMENA – ", "THE HAGUE, 9 August 2023 – ".

One definition for every reader: the sentence splitter (:mod:`dyad.nlp.sentences`) makes it a sentence of
its own, so its place is no subject of the story's first verb; quote frames (:mod:`dyad.nlp.quote_frames`)
take no speaker or reported words from it; the web summary (:mod:`dyad.web.summary`) shows evidence without
it. Plain ``re``: the web imports it without spaCy.
"""

from __future__ import annotations

import itertools
import re

DATELINE = re.compile(
    r"[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+)*"  # SEOUL, GENEVA/N'DJAMENA, THE HAGUE, PORT-AU-PRINCE
    r"(?:,[^\n–—(]{1,40}?)?"  # , Oct 28 / , Kenya, Feb. 2 / , 9 August 2023
    r"(?:[ \t]*\([^)\n]{1,40}\)(?:,[^\n–—(]{1,40}?)?)?"  # (Wire) / (Reuters), Aug 18
    r"[ \t]*[–—-]{1,2}[ \t]"
)
_PARAGRAPHS = 4  # a dateline opens the story: look no further than its first paragraphs


def find_datelines(text: str) -> tuple[tuple[int, int], ...]:
    """The character spans of the datelines opening the text's first paragraphs (lines with words)."""
    found = []
    for line in itertools.islice(re.finditer(r"(?m)^[^\S\n]*\S", text), _PARAGRAPHS):
        dateline = DATELINE.match(text, line.end() - 1)
        if dateline is not None:
            found.append((dateline.start(), dateline.end()))
    return tuple(found)

"""Ships named after people ("USS Ralph Johnson", "the Harry S. Truman aircraft carrier", "the carrier Carl
Vinson"): things, not the people they are named after, whom the knowledge base would otherwise find (the
USS Ralph Johnson read as the Speaker Mike Johnson). A navy's ship prefix also gives the ship's state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Ship prefixes of navies, and the state each stands for; None where one prefix serves several navies (INS:
# India's and Israel's) or merchant ships of any flag (MV, SS). Prefixes that are also common words or
# initials of other bodies (ITS, RSS, FS, KD) are left out.
PREFIXES: dict[str, str | None] = {
    "USS": "USA", "U.S.S.": "USA", "USNS": "USA", "HMS": "GBR", "HMCS": "CAN", "HMAS": "AUS",
    "HMNZS": "NZL", "ROKS": "KOR", "BRP": "PHL", "TCG": "TUR", "PNS": "PAK", "KRI": "IDN",
    "HNLMS": "NLD", "HDMS": "DNK", "FGS": "DEU", "ESPS": "ESP", "NRP": "PRT", "RFS": "RUS",
    "INS": None, "MV": None, "M/V": None, "SS": None,
}  # fmt: skip
# Nouns of vessels a name modifies ("the Harry S. Truman aircraft carrier") or stands beside ("the
# destroyer Kang Kon").
VESSEL_NOUNS = frozenset(
    {"carrier", "destroyer", "frigate", "submarine", "warship", "cruiser", "corvette", "ship", "vessel",
     "tanker", "freighter", "icebreaker", "battleship", "gunboat", "boat", "ferry", "yacht"}
)  # fmt: skip
_LOOK_BACK = 4  # capitalised words before a name that may hold its prefix ("USS Ralph" before "Johnson")


def prefix_index(ent: Span) -> int | None:
    """The token of the ship prefix that starts the name ``ent`` ends ("USS" for "Johnson" in "USS Ralph
    Johnson"), looking back over the capitalised words before it."""
    doc = ent.doc
    i = ent.start + 1
    while i > 0 and ent.start - i < _LOOK_BACK:
        i -= 1
        if doc[i].text in PREFIXES:
            return i
        if i < ent.start and not doc[i].text[:1].isupper():
            return None
    return None


def names_a_vessel(ent: Span) -> bool:
    """The name is a ship's: after a navy's prefix, or a modifier or apposition of a noun of vessels, or
    right after one ("the destroyer Kang Kon")."""
    if prefix_index(ent) is not None:
        return True
    root, doc = ent.root, ent.doc
    if root.dep_ in ("compound", "appos") and not ent.start <= root.head.i < ent.end and _vessel(root.head):
        return True
    return ent.start > 0 and _vessel(doc[ent.start - 1])


def _vessel(token: Token) -> bool:
    """A noun of vessels; "carrier" only as an aircraft carrier (a "flag carrier" is an airline)."""
    if token.lower_ != "carrier":
        return token.lower_ in VESSEL_NOUNS
    return token.i > 0 and token.doc[token.i - 1].lower_ == "aircraft"


def vessel(ent: Span) -> tuple[Span, str | None] | None:
    """The full name of a ship named with a prefix, from the prefix to the name's last capitalised word
    (the tagger cuts "HMS Queen Elizabeth" to "HMS Queen"), and the state of the prefix's navy."""
    start = prefix_index(ent)
    if start is None:
        return None
    doc, end = ent.doc, ent.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    return doc[start:end], PREFIXES[doc[start].text]

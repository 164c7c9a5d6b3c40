"""Build the actor gold from our own sentences: gold/actors.src.txt gives gold/actors.jsonl and
gold/actors.heldout.jsonl; gold/actors.kb.src.txt (people and organisations of 2000-2018 and 2025-2026,
written before the knowledge base was built) gives gold/actors.kb.jsonl and gold/actors.kb.heldout.jsonl;
gold/actors.kb2.src.txt (a second such set of 2003-2018 and 2025, written in the second round before dyad
was run on it) gives gold/actors.kb2.jsonl and gold/actors.kb2.heldout.jsonl; gold/actors.owners.src.txt
(titles owned by a noun or pronoun, "the ministry's spokesman X", written in session 7 before dyad was
run on it) gives gold/actors.owners.jsonl and gold/actors.owners.heldout.jsonl; gold/actors.orgs.src.txt
(international bodies, armed groups, ministries by portfolio, parties, unions and state companies, written
in session 8 before dyad was run on it) gives gold/actors.orgs.jsonl and gold/actors.orgs.heldout.jsonl;
gold/actors.people.src.txt (people resolved by the article's own words, namesakes, coordinated offices and
dated roles, written in session 8 before dyad was run on it) gives gold/actors.people.jsonl and
gold/actors.people.heldout.jsonl; gold/actors.orgnames.src.txt (names that hold a known body, a state or a
place plus other words: universities, companies, national Red Cross societies, parties, councils; written
in session 9 before dyad was run on it) gives gold/actors.orgnames.jsonl and
gold/actors.orgnames.heldout.jsonl; gold/actors.people2.src.txt (real people of 2005-2025: roles the sources
lack or date late, namesakes and kin, former office holders, people only the sentence describes, written in
session 9 before dyad was run on it) gives gold/actors.people2.jsonl and gold/actors.people2.heldout.jsonl; gold/actors.kb3.src.txt (the second
knowledge-base gold's error classes: near spellings of other people's names, companies, US state bodies named
after a country, rebel councils; written in session 10 before dyad was run on it) gives gold/actors.kb3.jsonl
and gold/actors.kb3.heldout.jsonl;
gold/actors.people3.src.txt (kin of office holders, Persian names spelled with "gh" or "q", parties named
without "party" fighting elections, written in session 10 before dyad was run on it) gives
gold/actors.people3.jsonl and gold/actors.people3.heldout.jsonl; gold/actors.kb4.src.txt (rebels' transitional
councils, armed groups the open data places in a region, officials named by a role noun the open data lacks,
companies and channels placed by the sentence; written in session 11 before dyad was run on it) gives
gold/actors.kb4.jsonl and gold/actors.kb4.heldout.jsonl; gold/actors.kb5.src.txt (dated office holders
around successions: heads between a successor's election and inauguration, heads who left office, deputies
who became heads; written in session 11 before dyad was run on it) gives gold/actors.kb5.jsonl and
gold/actors.kb5.heldout.jsonl; gold/actors.kb6.src.txt (Arabic names romanised with other particles than the
open data's: "Abdul"/"Abd al-", "ibn"/"bin"; written in session 11b before dyad was run on it) gives
gold/actors.kb6.jsonl and gold/actors.kb6.heldout.jsonl; gold/actors.kb7.src.txt (people of 2008-2026 whose
role changes with the date: former office holders, opposition leaders who took office, namesakes told apart
by first name, surnames after a full mention, deputies, governors, heads of armed groups; written in session
12 before dyad was run on it) gives gold/actors.kb7.jsonl and gold/actors.kb7.heldout.jsonl;
gold/actors.orgs3.src.txt (companies and parties named without their country, aid and rights groups, Libya's
rival governments, armed groups of several names, ministries of smaller states, state companies; written in
session 12 before dyad was run on it) gives gold/actors.orgs3.jsonl and gold/actors.orgs3.heldout.jsonl.

Every fourth text (every third of the owners', organisations', people's, organisation names', kb3, people3, kb4,
kb5, kb6, kb7 and orgs3 sets), with all its mentions, goes to the held-out file.
Run: python gold/build_actors.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def parse(line: str) -> tuple[str | None, str, list[tuple[str, int, str | None, str | None]]]:
    published = None
    if line.startswith("@"):
        published, line = line[1:].split(" ", 1)
    text, _, spec = line.partition(" || ")
    cases = []
    for item in filter(None, (s.strip() for s in spec.split(" ; "))):
        mention, _, label = item.rpartition("=")
        nth = 1
        if "#" in mention:
            mention, n = mention.rsplit("#", 1)
            nth = int(n)
        country, sector = label.split("/")
        cases.append((mention, nth, None if country == "-" else country, None if sector == "-" else sector))
    return published, text, cases


def build(source: str, dev_name: str, held_name: str, every: int = 4) -> None:
    dev, held = [], []
    lines = [
        line.rstrip("\n")
        for line in (HERE / source).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for n, line in enumerate(lines):
        published, text, cases = parse(line)
        for mention, nth, country, sector in cases:
            start = -1
            for _ in range(nth):
                start = text.index(mention, start + 1)
            record = {
                "text": text,
                "published": published,
                "mention": mention,
                "start": start,
                "end": start + len(mention),
                "country": country,
                "sector": sector,
            }
            (held if n % every == every - 1 else dev).append(record)
    for name, records in ((dev_name, dev), (held_name, held)):
        with (HERE / name).open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{source}: {len(dev)} dev and {len(held)} held-out cases")


def main() -> None:
    build("actors.src.txt", "actors.jsonl", "actors.heldout.jsonl")
    build("actors.kb.src.txt", "actors.kb.jsonl", "actors.kb.heldout.jsonl")
    build("actors.kb2.src.txt", "actors.kb2.jsonl", "actors.kb2.heldout.jsonl")
    build("actors.owners.src.txt", "actors.owners.jsonl", "actors.owners.heldout.jsonl", every=3)
    build("actors.orgs.src.txt", "actors.orgs.jsonl", "actors.orgs.heldout.jsonl", every=3)
    build("actors.people.src.txt", "actors.people.jsonl", "actors.people.heldout.jsonl", every=3)
    build("actors.orgnames.src.txt", "actors.orgnames.jsonl", "actors.orgnames.heldout.jsonl", every=3)
    build("actors.people2.src.txt", "actors.people2.jsonl", "actors.people2.heldout.jsonl", every=3)
    build("actors.kb3.src.txt", "actors.kb3.jsonl", "actors.kb3.heldout.jsonl", every=3)
    build("actors.people3.src.txt", "actors.people3.jsonl", "actors.people3.heldout.jsonl", every=3)
    build("actors.kb4.src.txt", "actors.kb4.jsonl", "actors.kb4.heldout.jsonl", every=3)
    build("actors.kb5.src.txt", "actors.kb5.jsonl", "actors.kb5.heldout.jsonl", every=3)
    build("actors.kb6.src.txt", "actors.kb6.jsonl", "actors.kb6.heldout.jsonl", every=3)
    build("actors.kb7.src.txt", "actors.kb7.jsonl", "actors.kb7.heldout.jsonl", every=3)
    build("actors.orgs3.src.txt", "actors.orgs3.jsonl", "actors.orgs3.heldout.jsonl", every=3)


if __name__ == "__main__":
    main()

"""Build gold/actors.jsonl and gold/actors.heldout.jsonl from gold/actors.src.txt (our own sentences).

Every fourth text (with all its mentions) goes to the held-out file. Run: python gold/build_actors.py
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


def main() -> None:
    dev, held = [], []
    lines = [
        line.rstrip("\n")
        for line in (HERE / "actors.src.txt").read_text(encoding="utf-8").splitlines()
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
            (held if n % 4 == 3 else dev).append(record)
    for name, records in (("actors.jsonl", dev), ("actors.heldout.jsonl", held)):
        with (HERE / name).open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(dev)} dev and {len(held)} held-out cases")


if __name__ == "__main__":
    main()

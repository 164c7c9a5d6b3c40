"""Check the attribution gold: every offset inside its text, every check snippet equal to the text there.

Usage: python gold/quotes/validate_attribution.py [path/to/shared]   (default: ../shared from the repository root)
"""
import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / "shared"


def load_wikinews():
    arts = {}
    for fn in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with open(SHARED / "corpus" / "wikinews" / fn, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                arts[(fn, row["url"].rstrip("/").split("/")[-1])] = row["text"]
    return arts


def own_text(rel):
    raw = (HERE / rel).read_text(encoding="utf-8")
    header, body = raw.split("\n\n", 1)
    assert header.startswith("Date: "), rel
    return body


def main():
    arts = load_wikinews()
    reserved = {l.strip() for l in open("/work/reserved_wikinews.txt")} if Path("/work/reserved_wikinews.txt").exists() else set()
    n = 0
    for path in sorted(HERE.glob("attribution.*.jsonl")):
        split = "heldout" if ".heldout" in path.name else "dev"
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            assert r["split"] == split
            assert r["article"] not in reserved, r["article"]
            t = own_text(r["file"]) if r["file"].startswith("texts/") else arts[(r["file"], r["article"])]
            s, e = r["start"], r["end"]
            assert 0 <= s < e <= len(t) and t[s:min(e, s + 30)] == r["check"], r
            src = r["source"]
            if src:
                assert 0 <= src["start"] <= src["head_start"] < src["head_end"] <= src["end"] <= len(t), r
                assert t[src["start"]:min(src["end"], src["start"] + 30)] == src["check"], r
            if r["cue"] is not None:
                assert t[r["cue_start"]:r["cue_end"]] == r["cue"], r
            assert r["kind"] in ("direct", "partial", "indirect", "belief"), r
            sp = r["speaker"]
            assert sp["name"] and isinstance(sp["named"], bool), r
            n += 1
    print(f"{n} attributions ok")


if __name__ == "__main__":
    main()

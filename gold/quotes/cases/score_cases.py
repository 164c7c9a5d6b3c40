"""Score dyad's quote speakers on the sentences of ``speaker_cases.jsonl`` (see README.md here).

Usage: ``python gold/quotes/cases/score_cases.py [--split dev|heldout|all] [--show]``. A case is right when
the quote is found and its speaker is the gold one by ``dyad eval quotes``' name rule; a group also needs
every gold member among the predicted members, a null gold speaker no predicted one, a named speaker with a gold country that country, an
affiliation the organisation named, and ``not_country`` is a country the speaker must not have."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dyad.evaluation.quotes import GoldParty, extracted_quotes, same_party
from dyad.model import Quote

CASES = Path(__file__).with_name("speaker_cases.jsonl")
# Passages of several quotes each: a case whose ``quotes`` list holds ``quote`` and ``speaker`` pairs.
PASSAGES = Path(__file__).with_name("speaker_passages.jsonl")


def judge(case: dict, quotes: list[Quote]) -> tuple[bool, str]:
    """One quote of a case (``quote`` and ``speaker``) against dyad's quotes of its text."""
    found = [q for q in quotes if q.kind in ("direct", "partial") and case["quote"] in q.text]
    if found and case["speaker"] is None:  # words nobody in the text is named for: no speaker is right
        speaker = found[0].speaker
        return speaker is None, "no speaker" if speaker is None else speaker.actor.name
    if not found or found[0].speaker is None:
        return False, "no quote" if not found else "no speaker"
    speaker, gold = found[0].speaker, case["speaker"]
    actor = speaker.actor
    shown = f"{actor.name} ({actor.country}) members={[(m.name, m.country) for m in speaker.members]}"
    if speaker.affiliation is not None:
        shown += f" affiliation={speaker.affiliation.name}"
    party = GoldParty(gold["name"], gold.get("country"), gold.get("named", True))
    if gold.get("members"):
        ok = all(
            any(
                same_party(GoldParty(m["name"], m["country"], True), p) and p.country == m["country"]
                for p in speaker.members
            )
            for m in gold["members"]
        )
    else:
        ok = same_party(party, actor)
        if gold.get("named", True) and gold.get("country"):
            ok = ok and actor.country == gold["country"]
    if gold.get("affiliation"):
        ok = ok and speaker.affiliation is not None and gold["affiliation"] in speaker.affiliation.name
    if gold.get("not_country"):
        ok = ok and actor.country != gold["not_country"]
    return ok, shown


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev", choices=("dev", "heldout", "all"))
    parser.add_argument("--show", action="store_true", help="print each case's prediction")
    parser.add_argument("--passages", action="store_true", help="score speaker_passages.jsonl instead")
    args = parser.parse_args()
    path = PASSAGES if args.passages else CASES
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    cases = [c for c in cases if args.split == "all" or c["split"] == args.split]
    texts = [(c["id"], c["text"], c["date"]) for c in cases]
    right = total = 0
    for case, quotes in zip(cases, extracted_quotes(texts, "md"), strict=True):
        for one in case.get("quotes") or [case]:
            ok, shown = judge(one, list(quotes))
            right += ok
            total += 1
            if args.show:
                mark = "ok " if ok else "BAD"
                print(f"{case['id']} {mark} {one['quote'][:30]!r} gold={(one['speaker'] or {}).get('name')} pred={shown}")
    print(f"{args.split}: {right}/{total}")


if __name__ == "__main__":
    main()

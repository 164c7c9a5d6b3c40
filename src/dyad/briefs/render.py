"""A brief as Markdown, HTML or JSON.

Article text is untrusted: HTML goes through jinja2 with autoescaping on, and Markdown escapes the
characters that would let a quoted sentence inject markup or links.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined

from dyad.analysis.dyads import QUAD_NAMES
from dyad.briefs.brief import Brief

Format = Literal["md", "html", "json"]
FORMATS: tuple[Format, ...] = ("md", "html", "json")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
# The day of an item of an article stored without a publication date whose text gives none either.
UNDATED = "undated"
_ARROWS = {False: "→", True: "↔"}  # one side acting on the other, or both on each other


def render(brief: Brief, fmt: Format) -> str:
    if fmt == "json":
        return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "html":
        return (
            _environment()
            .get_template("brief.html")
            .render(b=brief.to_dict(), quad_names=QUAD_NAMES, safe_url=safe_url, undated=UNDATED)
        )
    return to_markdown(brief.to_dict())


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("dyad.briefs", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def md(text: object) -> str:
    """Markdown-safe text: markup characters escaped, line breaks folded."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def safe_url(url: str | None) -> str | None:
    """Only http(s) links, with the characters that could close a Markdown autolink encoded."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def _claim(e: dict[str, Any]) -> str:
    """Whose claim an act is: its own side's, said by it, or another's report of it."""
    if not e["reported_by"]:
        return ""
    return f", {'said' if e['own_claim'] else 'as reported'} by {md(e['reported_by'])}"


def _names(names: list[str]) -> str:
    return md(", ".join(names) or "unknown")


def to_markdown(b: dict[str, Any]) -> str:
    a, c = b["pair"]
    stamp = b["stamp"]
    period = b["period"]
    lines = [
        f"# {a}–{c}: the major divides",
        "",
        f"Period: {period['since'] or 'start'} to {period['until'] or 'now'}"
        f" (evidence from {period['first_evidence'] or '-'} to {period['last_evidence'] or '-'}). "
        f"{b['evidence']['articles']} article(s), {b['evidence']['events']} event(s), "
        f"{b['evidence']['quotes']} quote(s).",
        "",
    ]
    lines += [f"> {md(note)}" for note in b["notes"]]
    if b["notes"]:
        lines.append("")
    for issue in b["issues"]:
        lines += [
            f"## {issue['rank']}. {md(issue['label'])}",
            "",
            f"Salience {issue['salience']}, conflict {issue['conflict']}. {md(issue['trend']['text'])}",
            "",
        ]
        if issue["subissues"]:
            lines += [f"Including: {md(', '.join(issue['subissues']))}.", ""]
        if issue["thin_evidence"]:
            lines += [f"*{md(issue['thin_evidence'])}*", ""]
        if issue["events"]:
            lines += ["**What happened**", ""]
            for e in issue["events"]:
                lines.append(
                    f"- {e['day'] or UNDATED}: {_names(e['source'])} {_ARROWS[e['mutual']]}"
                    f" {_names(e['target'])},"
                    f" CAMEO {e['cameo']}"
                    f" ({QUAD_NAMES[e['quad_class']]}, Goldstein {e['goldstein']:+.1f})"
                    f"{_claim(e)}:"
                    f" “{md(e['sentence'])}” {''.join(f'[^{n}]' for n in e['footnotes'])}"
                )
            if issue["omitted"]["events"]:
                lines.append(f"- … and {issue['omitted']['events']} more event(s).")
            lines.append("")
        if issue["quotes"]:
            lines += ["**What each side said**", ""]
            for q in issue["quotes"]:
                relay = f", relayed by {md(q['relayed_by'])}" if q["relayed_by"] else ""
                to = f" to {md(q['addressee'])}" if q["addressee"] else ""
                lines.append(
                    f"- {q['side']}, {md(q['speaker'] or 'unnamed speaker')}{to}{relay}"
                    f" ({q['day'] or UNDATED}):"
                    f" “{md(q['text'])}” [^{q['footnote']}]"
                )
            if issue["omitted"]["quotes"]:
                lines.append(f"- … and {issue['omitted']['quotes']} more quote(s).")
            lines.append("")
        if issue["context"]:
            lines += ["**In the coverage**", ""]
            lines += [
                f"- {c['day'] or UNDATED}: “{md(c['text'])}” [^{c['footnote']}]" for c in issue["context"]
            ]
            lines.append("")
    if b["more_issues"]:
        lines += ["## Further issues", "", ", ".join(md(i["label"]) for i in b["more_issues"]), ""]
    notes = {f["n"]: f for issue in b["issues"] for f in issue["footnotes"]}
    if notes:
        lines += ["## Sources", ""]
        for n in sorted(notes):
            f = notes[n]
            where = f"sentence {f['sentence_index'] + 1}" if f["sentence_index"] is not None else "passage"
            title = md(f["title"] or f["article_id"])
            link = f" <{safe_url(f['url'])}>" if safe_url(f["url"]) else ""
            lines.append(
                f"[^{n}]: {title}, {md(f['source'] or '')} {(f['published'] or '')[:10]}, {where}"
                f" (chars {f['start']}–{f['end']}): “{md(f['sentence'])}”{link}"
            )
        lines.append("")
    lines.append(
        f"*dyad {stamp['dyad']}, taxonomy {', '.join(stamp['taxonomy']) or 'none'}, query "
        f"{md(json.dumps(stamp['query']))}, generated {stamp['generated_at']}.*"
    )
    return "\n".join(lines) + "\n"

"""``dyad kb``: build the actor knowledge base from open data, and ask what a name resolves to and why."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from dyad.cli.common import fail
from dyad.errors import DyadError


@click.group("kb")
def kb_group() -> None:
    """The actor knowledge base: people and organisations with dated roles.

    \b
    Layers, first match wins: your file (--kb FILE or $DYAD_KB), the hand tables
    (people.tsv, organizations.tsv), the table built from open data (actors_kb.tsv.gz).
    """


@kb_group.command("build")
@click.option(
    "--shared",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared"),
    show_default=True,
    help="Folder holding actors/ and codebooks/petrarch/.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("src/dyad/codebooks/actors_kb.tsv.gz"),
    show_default=True,
    help="Where to write the table.",
)
@click.option("--report", is_flag=True, help="Also list every dropped row count, by source and reason.")
def kb_build_command(shared: Path, out: Path, report: bool) -> None:
    """Build the knowledge-base table from the Phoenix dictionaries and the open actor data.

    \b
    Examples:
      dyad kb build
      dyad kb build --shared /data/shared --out /tmp/actors_kb.tsv.gz --report
    """
    from dyad.codebooks.kb_build import build

    try:
        entities, drops = build(shared, out)
    except DyadError as exc:
        fail(exc)
    rows = sum(len(e.rows) for e in entities)
    people = sum(e.kind == "person" for e in entities)
    click.echo(f"{out}: {len(entities)} entities ({people} people), {rows} dated roles")
    click.echo(f"dropped or changed: {sum(drops.counts.values())} rows")
    if report:
        for line in drops.lines():
            click.echo("  " + line.replace("\t", "  "))


@kb_group.command("lookup")
@click.argument("name")
@click.option("--date", "day", help="The article's date (YYYY-MM-DD); default: no date (latest roles).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer and every candidate as JSON.")
def kb_lookup_command(name: str, day: str | None, as_json: bool) -> None:
    """Show what NAME resolves to (country, sector, role) and why: the layer that decided, the rule
    applied, and every candidate with its dated roles and sources.

    \b
    Examples:
      dyad kb lookup "Nouri al-Maliki" --date 2010-11-11
      dyad kb lookup "Joe Biden" --date 2026-02-10
      dyad kb lookup "Nusra Front"
      dyad --kb my_actors.csv kb lookup "Jane Roe" --json
    """
    from dyad.codebooks.people import builtin_people

    try:
        on = dt.date.fromisoformat(day) if day else None
    except ValueError:
        raise click.BadParameter(f"{day!r} is not a YYYY-MM-DD date", param_hint="--date") from None
    try:
        kb = builtin_people()
    except DyadError as exc:
        fail(exc)
    person = kb.explain(name, on)
    body = kb.organization(name, on) if person is None else None
    found = person or body
    answer: dict[str, Any] = {"name": name, "date": day, "resolved": None, "candidates": []}
    if found is not None:
        answer["resolved"] = {
            "entity": found.entity.name,
            "kind": found.entity.kind,
            "country": found.role.country,
            "sector": found.role.sector,
            "role": found.role.role,
            "source": found.role.source,
            "why": found.why,
        }
    for layer, entities in kb.candidates(name):
        for entity in entities:
            answer["candidates"].append(
                {
                    "layer": layer,
                    "entity": entity.name,
                    "kind": entity.kind,
                    "aliases": list(entity.aliases),
                    "roles": [
                        {
                            "country": r.country,
                            "sector": r.sector,
                            "role": r.role,
                            "start": r.start.isoformat() if r.start else None,
                            "end": r.end.isoformat() if r.end else None,
                            "source": r.source,
                        }
                        for r in entity.roles
                    ],
                }
            )
    if as_json:
        click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    _print(answer)


def _print(answer: dict[str, Any]) -> None:
    when = f" on {answer['date']}" if answer["date"] else ""
    resolved = answer["resolved"]
    if resolved is None:
        click.echo(f"{answer['name']}{when}: not in the knowledge base")
    else:
        click.echo(
            f"{answer['name']}{when}: {resolved['entity']} ({resolved['kind']}) -> "
            f"{resolved['country'] or '-'}/{resolved['sector'] or '-'}, {resolved['role']} "
            f"[{resolved['source']}]"
        )
        click.echo(f"  why: {resolved['why']}")
    for candidate in answer["candidates"]:
        click.echo(f"  candidate ({candidate['layer']}): {candidate['entity']} ({candidate['kind']})")
        for role in candidate["roles"]:
            period = f"{role['start'] or '…'}..{role['end'] or '…'}"
            code = f"{role['country'] or '-'}/{role['sector'] or '-'}"
            click.echo(f"    {code}  {role['role']}  {period}  [{role['source']}]")

"""The command reference (docs/cli.md), generated from the commands' own help so it cannot drift.

``python -m dyad.cli.reference > docs/cli.md`` rewrites it; a test checks the file is current.
"""

from __future__ import annotations

import click


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found += _walk(command.commands[name], [*path, name])
    return found


def reference(root: click.Group) -> str:
    """Markdown with the full ``--help`` of every command and subcommand."""
    lines = [
        "# Command reference",
        "",
        "Generated from `dyad --help` and each command's help by `python -m dyad.cli.reference`.",
        "",
    ]
    for path, command in _walk(root, ["dyad"]):
        context = click.Context(command, info_name=" ".join(path), terminal_width=100, max_content_width=100)
        lines += [f"## `{' '.join(path)}`", "", "```text", command.get_help(context).rstrip(), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    from dyad.cli import main

    click.echo(reference(main), nl=False)

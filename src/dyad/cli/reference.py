"""The command reference (docs/cli.md), generated from the commands' own help so it cannot drift.

``python -m dyad.cli.reference > docs/cli.md`` rewrites it; a test checks the file is current.
"""

from __future__ import annotations

import click


def _walk(command: click.Command, name: str, parent: click.Context | None) -> list[click.Context]:
    # Contexts chained as on the command line, so subcommands inherit the root's settings (-h, --help).
    settings = {"terminal_width": 100, "max_content_width": 100, **command.context_settings}
    context = click.Context(command, info_name=name, parent=parent, **settings)
    found = [context]
    if isinstance(command, click.Group):
        for sub in sorted(command.commands):
            found += _walk(command.commands[sub], sub, context)
    return found


def reference(root: click.Group) -> str:
    """Markdown with the full ``--help`` of every command and subcommand."""
    lines = [
        "# Command reference",
        "",
        "Generated from `dyad --help` and each command's help by `python -m dyad.cli.reference`.",
        "",
    ]
    for context in _walk(root, "dyad", None):
        help_text = context.command.get_help(context).rstrip()
        lines += [f"## `{context.command_path}`", "", "```text", help_text, "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    from dyad.cli import main

    click.echo(reference(main), nl=False)

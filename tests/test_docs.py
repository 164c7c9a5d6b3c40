"""Docs are checked by tests: the command reference is current and every command is documented."""

from __future__ import annotations

import click

from conftest import ROOT
from dyad.cli import main
from dyad.cli.reference import reference


def test_command_reference_is_current() -> None:
    documented = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert documented == reference(main), "docs/cli.md is stale: python -m dyad.cli.reference > docs/cli.md"


def test_every_command_has_help_with_examples() -> None:
    def leaves(group: click.Group, path: str) -> list[tuple[str, click.Command]]:
        found: list[tuple[str, click.Command]] = []
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                found += leaves(command, f"{path} {name}")
            else:
                found.append((f"{path} {name}", command))
        return found

    missing = [path for path, command in leaves(main, "dyad") if "Example" not in (command.help or "")]
    assert not missing, f"commands without examples in --help: {missing}"


def test_every_option_is_described() -> None:
    undocumented = []
    for name, command in main.commands.items():
        subcommands = command.commands.values() if isinstance(command, click.Group) else [command]
        for sub in subcommands:
            for param in sub.params:
                if isinstance(param, click.Option) and not param.help and "--help" not in param.opts:
                    undocumented.append(f"{name} {sub.name} {param.opts[0]}")
    assert not undocumented, f"options without help text: {undocumented}"


def test_the_spark_submit_script_of_docs_cluster_runs() -> None:
    """docs/cluster.md submits site-packages/dyad/cli/spark.py: run as a script, it is `dyad spark`."""
    import subprocess
    import sys

    import dyad.cli.spark

    assert "dyad/cli/spark.py" in (ROOT / "docs" / "cluster.md").read_text(encoding="utf-8")
    done = subprocess.run(
        [sys.executable, dyad.cli.spark.__file__, "extract", "--help"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and "Usage: dyad-spark-job extract" in done.stdout, done.stderr

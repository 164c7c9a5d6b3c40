"""The command line judges parameters by the same rules as the API: one error line, exit status 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli import main
from web_store import build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("cli") / "store.db")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dyad", "ZZZ", "CHN"], "unknown country 'ZZZ' in A"),
        (["brief", "USA", "QQQ"], "unknown country 'QQQ' in B"),
        (["dyad", "USA", "CHN", "--since", "2024-02-30"], "since '2024-02-30' is not a date"),
        (["articles", "NEAR("], "text 'NEAR(' ends where a word or phrase should follow"),
        (["articles", "x", "--since", "2024-13-45"], "month must be in 1..12"),
        (["export", "events", "--country", "ZZZ"], "unknown country 'ZZZ' in countries"),
        (["export", "events", "--text", "a AND"], "ends where a word or phrase should follow"),
        (
            ["export", "events", "--since", "2024-06", "--until", "2024-05"],
            "since 2024-06 is after until 2024-05",
        ),
    ],
)
def test_bad_parameters_are_one_error_line(store: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, [*args, "--db", str(store)])
    assert result.exit_code == 1, result.output
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: ") and message in line


def test_countries_by_alpha2_and_name_and_partial_dates(store: Path) -> None:
    runner = CliRunner()
    by_code = runner.invoke(main, ["dyad", "USA", "CHN", "--db", str(store), "--format", "json"])
    by_name = runner.invoke(
        main, ["dyad", "US", "China", "--since", "2024", "--db", str(store), "--format", "json"]
    )
    assert by_code.exit_code == by_name.exit_code == 0
    code, name = json.loads(by_code.output), json.loads(by_name.output)
    assert code["totals"] == name["totals"] and code["pair"] == name["pair"] == ["USA", "CHN"]
    assert name["period"]["since"] == "2024-01-01"  # a year is the period from its first day

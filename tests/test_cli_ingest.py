"""`dyad ingest`, `dyad articles`, `dyad stats`: exit codes, error lines, totals, --db and DYAD_DB."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import EXAMPLES
from dyad import __version__
from dyad.cli import main
from dyad.cli.progress import ProgressDisplay
from dyad.ingest import SourceReader
from dyad.store.batches import IngestReport
from ingest_helpers import write_jsonl


def _run(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None) -> Result:
    return CliRunner(env=env).invoke(main, list(args), input=stdin, catch_exceptions=False)


def _ingest(*args: str, **kwargs: object) -> Result:
    return _run("ingest", *args, "--no-extract", **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "examples.db"
    result = _ingest(str(EXAMPLES), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("command", ["ingest", "articles", "stats"])
def test_every_command_has_help_with_examples(command: str) -> None:
    result = _run(command, "--help")
    assert result.exit_code == 0 and "Examples:" in result.stdout and f"dyad {command}" in result.stdout
    assert "--db" in result.stdout


def test_version() -> None:
    assert _run("--version").stdout.strip() == f"dyad, version {__version__}"


def test_ingest_then_reingest(examples_db: Path) -> None:
    again = _ingest(str(EXAMPLES), "--db", str(examples_db), "--format", "json")
    assert again.exit_code == 0
    summary = json.loads(again.stdout)
    assert (summary["new"], summary["near_duplicate"], summary["duplicate"]) == (0, 0, 14)
    assert "duplicate 14" in again.stderr  # the final progress line (plain: not a TTY)


def test_bad_inputs_print_one_line_each_and_exit_nonzero(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "good.jsonl", 3)
    (tmp_path / "bad.jsonl").write_text('{"text": "Fine."}\n{broken\n', encoding="utf-8")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path / "x.db"
    result = _ingest(str(tmp_path), "--db", str(db), "-q")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert f"{tmp_path / 'bad.jsonl'}:2: malformed JSON" in errors[0]
    assert f"{tmp_path / 'junk.txt'}: binary data" in errors[1]
    assert "Traceback" not in result.output
    assert result.stdout.startswith("4 new, 0 near-duplicate, 0 already stored, 2 failed")


def test_stdin_and_field_mapping(tmp_path: Path) -> None:
    data = b'{"body": "Read from standard input.", "headline": "Piped", "when": "2024-05-01"}\n'
    db = tmp_path / "s.db"
    result = _ingest("-", "--db", str(db), "--field", "title=headline", "--field", "date=when", stdin=data)
    assert result.exit_code == 0, result.output
    listed = json.loads(_run("articles", "--db", str(db), "--format", "json").stdout)
    assert listed["items"][0]["title"] == "Piped" and listed["items"][0]["published"] == "2024-05-01"
    assert listed["items"][0]["origin"] == "stdin:1"
    bad = _ingest("-", "--db", str(db), "--field", "headline", stdin=data)
    assert bad.exit_code == 1 and "NAME=COLUMN" in bad.stderr


def test_db_option_env_and_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", 2)
    monkeypatch.chdir(tmp_path)
    assert _ingest(str(source), "-q").exit_code == 0
    assert (tmp_path / "dyad.db").exists()
    env_db = tmp_path / "env" / "from-env.db"
    assert _ingest(str(source), "-q", env={"DYAD_DB": str(env_db)}).exit_code == 0
    stats = json.loads(_run("stats", "--format", "json", env={"DYAD_DB": str(env_db)}).stdout)
    assert stats["articles"] == 2


def test_articles_table_json_csv_always_show_the_total(examples_db: Path) -> None:
    table = _run("articles", "China", "--db", str(examples_db), "--limit", "3")
    assert table.exit_code == 0
    first_line = table.stdout.splitlines()[0]
    assert first_line.startswith("13 articles match; showing 1-3 (next: --page 2)")
    page = json.loads(_run("articles", "China", "--db", str(examples_db), "--format", "json", "--page", "5",
                           "--limit", "3").stdout)  # fmt: skip
    assert page["total"] == 13 and page["offset"] == 12 and len(page["items"]) == 1
    exported = _run("articles", "--db", str(examples_db), "--format", "csv", "--limit", "0", "--with-text")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert len(rows) == 14 and rows[0]["text"] and "14 articles match; showing 1-14" in exported.stderr
    empty = _run("articles", "zebra", "--db", str(examples_db))
    assert empty.stdout.startswith("0 articles match; showing none")


def test_articles_filters_and_query_errors(examples_db: Path) -> None:
    french = json.loads(_run("articles", "--db", str(examples_db), "--lang", "fr", "--format", "json").stdout)
    assert french["total"] == 1
    dated = json.loads(
        _run(
            "articles",
            "--db",
            str(examples_db),
            "--since",
            "2025-08",
            "--until",
            "2025-09",
            "--format",
            "json",
        ).stdout
    )
    assert dated["total"] == 3
    for bad in (["(China"], ['"open phrase'], ["--since", "yesterday"]):
        result = _run("articles", *bad, "--db", str(examples_db))
        assert result.exit_code == 1 and result.stderr.startswith("error: ") and "[E600]" in result.stderr
        assert "Traceback" not in result.output


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    for command in ("articles", "stats"):
        result = _run(command, "--db", str(tmp_path / "none.db"))
        assert result.exit_code == 1 and "no such database" in result.stderr


def test_stats_json_and_text(examples_db: Path) -> None:
    result = json.loads(_run("stats", "--db", str(examples_db), "--format", "json").stdout)
    assert result["articles"] == 14 and result["near_duplicates"] == 1 and result["languages"]["fr"] == 1
    text = _run("stats", "--db", str(examples_db)).stdout
    assert "articles: 14" in text and "languages:\n  en: 13" in text


def test_progress_bar_on_a_tty_and_plain_lines_otherwise() -> None:
    reader = SourceReader([str(EXAMPLES)])
    reader.done = 3
    report = IngestReport(new=10, duplicate=2, near_duplicate=1, failed=4)
    tty = io.StringIO()
    display = ProgressDisplay(tty, reader, tty=True)
    display.update(report)
    display.finish(report)
    assert tty.getvalue().startswith(
        "\r[##########--------------] 3/7 inputs | new 10  duplicate 2  near-duplicate 1"
    )
    assert "failed 4" in tty.getvalue() and tty.getvalue().endswith("\n")
    plain = io.StringIO()
    display = ProgressDisplay(plain, reader, tty=False)
    display.update(report)  # within the first seconds: no line yet
    display.finish(report)
    assert "\r" not in plain.getvalue() and plain.getvalue().count("\n") == 1

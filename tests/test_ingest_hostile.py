"""Hostile and careless input: deep nesting, broken arrays, huge records, empty files, floods of errors,
FIFOs and unreadable folders. Each case ends in clear failures, never a traceback or a hang, and every good
record around the bad one is kept."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from dyad.ingest import InputFailure, read_sources
from dyad.ingest.sources import MAX_ERRORS_PER_FILE
from dyad.ingest.structured import MAX_DEPTH
from dyad.model import Article
from ingest_helpers import article_text


def _read(*targets: Path | str) -> tuple[list[Article], list[str]]:
    items = list(read_sources([str(t) for t in targets]))
    return (
        [i for i in items if isinstance(i, Article)],
        [str(i) for i in items if isinstance(i, InputFailure)],
    )


def _good(n: int) -> dict[str, str]:
    return {"url": f"https://good.example/{n}", "text": article_text(n, 40)}


def _nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def test_deep_jsonl_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    lines = [json.dumps(_good(1)), _nested(2000), json.dumps(_good(2)), "[" * 200_000 + "]" * 200_000]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, failures = _read(path)
    assert [a.url for a in articles] == ["https://good.example/1", "https://good.example/2"]
    assert len(failures) == 2
    assert f"deep.jsonl:2: JSON nested more than {MAX_DEPTH} levels deep" in failures[0]
    assert "deep.jsonl:4: JSON nested more than" in failures[1]


def test_deep_json_records_fail_alone(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    records = [json.dumps(_good(1)), _nested(100_000), json.dumps(_good(2))]
    path.write_text("[" + ",\n".join(records) + "]", encoding="utf-8")
    articles, failures = _read(path)
    assert [a.url for a in articles] == ["https://good.example/1", "https://good.example/2"]
    assert len(failures) == 1 and "deep.json#2: JSON nested more than" in failures[0]


def test_deep_bare_arrays_are_reported_not_silently_empty(tmp_path: Path) -> None:
    path = tmp_path / "arrays.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    articles, failures = _read(path)
    assert articles == [] and len(failures) == 1
    assert "arrays.json#1: JSON nested more than" in failures[0]


@pytest.mark.parametrize(
    "bad",
    [
        '{"text": "broken", }',  # a trailing comma
        '{"text": "no closing quote}',  # unbalanced: the scan must find the next record again
        '{"text": "one" "two"}',
        "nonsense",
        '{"text": "x"',  # an unclosed brace
    ],
)
def test_malformed_json_array_record_loses_only_itself(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "array.json"
    body = ",\n".join([json.dumps(_good(1)), bad, json.dumps(_good(2)), json.dumps(_good(3))])
    path.write_text(f"[\n{body}\n]\n", encoding="utf-8")
    articles, failures = _read(path)
    assert [a.url for a in articles] == [f"https://good.example/{n}" for n in (1, 2, 3)], failures
    assert len(failures) == 1 and "array.json#2: malformed JSON" in failures[0]


def test_fifty_megabyte_json_record_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    big = {"url": "https://big.example/1", "text": article_text(7, 80), "appendix": "x" * 50_000_000}
    path.write_text("[" + ",".join(json.dumps(r) for r in (big, _good(1))) + "]", encoding="utf-8")
    assert path.stat().st_size > 50_000_000
    articles, failures = _read(path)
    assert failures == []
    assert [a.url for a in articles] == ["https://big.example/1", "https://good.example/1"]
    assert len(articles[0].metadata["appendix"]) == 50_000_000


def test_empty_record_files_say_empty(tmp_path: Path) -> None:
    for name, content in (("a.jsonl", ""), ("b.json", ""), ("c.jsonl", "\n  \n"), ("d.json", " [ ] ")):
        (tmp_path / name).write_text(content, encoding="utf-8")
    articles, failures = _read(tmp_path)
    assert articles == []
    names = ("a.jsonl", "b.json", "c.jsonl", "d.json")
    assert [f.split(": ", 1)[0] for f in failures] == [str(tmp_path / n) for n in names]
    assert all("empty" in f and "no records" in f for f in failures), failures


def test_errors_per_file_are_capped_with_a_count(tmp_path: Path) -> None:
    junk = bytes(b % 255 + 1 for b in os.urandom(200_000))  # binary without a single NUL byte
    (tmp_path / "junk.jsonl").write_bytes(junk.replace(b"\n", b"\n\xff"))
    lines = ["{bad"] * 500 + [json.dumps(_good(1))]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, failures = _read(tmp_path)
    assert [a.url for a in articles] == ["https://good.example/1"]
    junk_lines = [f for f in failures if "junk.jsonl" in f]
    many_lines = [f for f in failures if "many.jsonl" in f]
    assert len(junk_lines) == MAX_ERRORS_PER_FILE + 1 and len(many_lines) == MAX_ERRORS_PER_FILE + 1
    assert f"and {500 - MAX_ERRORS_PER_FILE} more errors in this file" in many_lines[-1]
    assert "more errors in this file" in junk_lines[-1]


def test_failure_counts_include_the_capped_errors(tmp_path: Path, db_path: Path) -> None:
    from dyad.store.batches import ingest
    from dyad.store.database import connect

    (tmp_path / "many.jsonl").write_text("{bad\n" * 100 + json.dumps(_good(1)) + "\n", encoding="utf-8")
    conn = connect(db_path)
    try:
        report = ingest(read_sources([str(tmp_path)]), conn)
    finally:
        conn.close()
    assert report.new == 1 and report.failed == 100


def test_csv_without_text_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "notext.csv"
    path.write_text("title,url\n" + "".join(f"T{n},https://x.example/{n}\n" for n in range(50)))
    articles, failures = _read(path)
    assert articles == [] and len(failures) == 1
    assert "notext.csv: no text column" in failures[0]
    assert "'title', 'url'" in failures[0] and "--field text=COLUMN" in failures[0]


def test_csv_mapped_text_column_missing_is_named(tmp_path: Path) -> None:
    path = tmp_path / "mapped.csv"
    path.write_text("body,url\nSome text here.,https://x.example/1\n")
    from dyad.ingest import FieldMapping

    items = list(read_sources([str(path)], mapping=FieldMapping({"text": "story"})))
    [failure] = [str(i) for i in items if isinstance(i, InputFailure)]
    assert "no column 'story'" in failure and "mapped.csv" in failure


def test_csv_errors_name_the_right_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.csv"
    good = article_text(1, 30).replace('"', "")
    path.write_text(
        "url,text\n"  # line 1
        "\n"  # 2: blank
        f'https://x.example/1,"{good}\n\nsecond paragraph"\n'  # 3-5
        "\n"  # 6: blank
        "https://x.example/2,\n"  # 7: empty text
        "https://x.example/3,a,b\n",  # 8: too many fields
        encoding="utf-8",
    )
    articles, failures = _read(path)
    assert [a.url for a in articles] == ["https://x.example/1"]
    assert [f.split(": ", 1)[0] for f in failures] == [f"{path}:7", f"{path}:8"]


def test_fifo_and_device_in_a_folder_are_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps(_good(1)) + "\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "null.txt").symlink_to("/dev/null")
    result: list[tuple[list[Article], list[str]]] = []
    reader = threading.Thread(target=lambda: result.append(_read(folder)), daemon=True)
    reader.start()
    reader.join(20)
    if reader.is_alive():  # unblock the hung open so the test process can finish
        with open(folder / "pipe.jsonl", "wb"):
            pass
        pytest.fail("reading a folder with a FIFO hung")
    articles, failures = result[0]
    assert [a.url for a in articles] == ["https://good.example/1"]
    assert len(failures) == 2
    assert any("null.txt: not a regular file (a character device); skipped" in f for f in failures)
    assert any("pipe.jsonl: not a regular file (a FIFO); skipped" in f for f in failures)


def test_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.jsonl").write_text(json.dumps(_good(1)) + "\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.jsonl").write_text(json.dumps(_good(2)) + "\n", encoding="utf-8")
    if os.geteuid() == 0:  # root reads every folder: refuse this one as the kernel would refuse others
        real = os.scandir

        def scandir(path: str | os.PathLike[str] = ".") -> object:
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        articles, failures = _read(tmp_path)
    finally:
        locked.chmod(0o755)
    assert [a.url for a in articles] == ["https://good.example/1"]
    assert len(failures) == 1 and f"{locked}: cannot read folder: Permission denied" in failures[0]

"""Bad input: one clear failure naming the file (and line or record) and the reason; the rest is stored."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dyad.ingest import InputFailure, read_sources
from dyad.model import Article
from dyad.store.batches import IngestReport, ingest
from dyad.store.database import connect
from ingest_helpers import article_text, html_page, write_jsonl, write_warc


def _run(db_path: Path, *targets: Path | str) -> IngestReport:
    conn = connect(db_path)
    try:
        return ingest(read_sources([str(t) for t in targets]), conn, batch_size=7)
    finally:
        conn.close()


def _failure(report: IngestReport, fragment: str) -> str:
    matches = [str(f) for f in report.failures if fragment in str(f)]
    assert len(matches) == 1, [str(f) for f in report.failures]
    return matches[0]


def _stored(db_path: Path) -> int:
    conn = connect(db_path)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def test_unreadable_file(tmp_path: Path, db_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", 3)
    broken = tmp_path / "gone.txt"
    broken.symlink_to(tmp_path / "missing-target.txt")  # chmod 000 does not stop root; a dangling link does
    report = _run(db_path, broken, good, tmp_path / "never-existed.csv")
    assert "cannot read" in _failure(report, "gone.txt")
    assert "no such file" in _failure(report, "never-existed.csv")
    assert report.new == 3 and report.failed == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_by_permissions(tmp_path: Path, db_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Some text.", encoding="utf-8")
    locked.chmod(0)
    report = _run(db_path, locked)
    assert "Permission denied" in _failure(report, "locked.txt")


def test_invalid_utf8(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Le ministre a rencontré son homologue.".encode("latin-1"))
    lines = tmp_path / "mixed.jsonl"
    lines.write_bytes(
        b'{"text": "Good line one."}\n{"text": "Bad \xff\xfe line."}\n{"text": "Good line three."}\n'
    )
    csv_file = tmp_path / "mixed.csv"
    csv_file.write_bytes(b'text,title\n"Good row.",A\n"Bad \xe9 row.",B\n"Another good row.",C\n')
    report = _run(db_path, tmp_path)
    assert "not valid UTF-8 (byte 0xe9" in _failure(report, "latin1.txt")
    assert "not valid UTF-8" in _failure(report, "mixed.jsonl:2")
    assert "not valid UTF-8" in _failure(report, "mixed.csv:3")
    assert report.new == 4


def test_malformed_jsonl_line(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "One."}\n{"text": "Two.",\n[1, 2]\n{"text": "Four."}\n', encoding="utf-8")
    report = _run(db_path, path)
    assert "malformed JSON" in _failure(report, "x.jsonl:2")
    assert "expected a JSON object" in _failure(report, "x.jsonl:3")
    assert report.new == 2


def test_malformed_json_and_csv(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "bad.json").write_text('[{"text": "Fine."}, {"text": oops}]', encoding="utf-8")
    (tmp_path / "ragged.csv").write_text('text,title\n"Row one.",A\n"Row two.",B,extra\n', encoding="utf-8")
    report = _run(db_path, tmp_path)
    assert "bad.json#2: malformed JSON" in _failure(report, "bad.json")
    assert "more fields than the header" in _failure(report, "ragged.csv:3")
    assert report.new == 2


def test_truncated_gzip(tmp_path: Path, db_path: Path) -> None:
    packed = gzip.compress(write_jsonl(tmp_path / "src.jsonl", 200).read_bytes())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    (tmp_path / "src.jsonl").unlink()
    report = _run(db_path, path)
    assert "truncated or corrupt gzip" in _failure(report, "cut.jsonl.gz")
    assert 50 < report.new < 200  # what came before the cut is stored


def test_corrupt_warc(tmp_path: Path, db_path: Path) -> None:
    pages = [(f"https://cc.example/{n}", html_page(f"Story {n}", article_text(n))) for n in range(6)]
    data = write_warc(tmp_path / "full.warc", pages, gzip=False).read_bytes()
    (tmp_path / "full.warc").unlink()
    second_record = data.index(b"WARC/1.0", data.index(b"WARC-Type: response"))
    broken = data[:second_record] + b"WARC/1.0\r\nthis is not a header\r\n\r\n" + b"\x00garbage" * 100
    path = tmp_path / "broken.warc"
    path.write_bytes(broken)
    report = _run(db_path, path)
    assert "corrupt WARC" in _failure(report, "broken.warc")
    assert report.new == 1


def test_empty_text(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("Title: Nothing here\nDate: 2024-01-01\n\n   \n", encoding="utf-8")
    (tmp_path / "blank.jsonl").write_text('{"title": "No body", "text": "  "}\n{"text": "Body."}\n')
    (tmp_path / "boiler.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    report = _run(db_path, tmp_path)
    assert "empty text" in _failure(report, "empty.txt")
    assert "empty text" in _failure(report, "blank.jsonl:1")
    assert "no article text" in _failure(report, "boiler.html")
    assert report.new == 1


def test_binary_junk(tmp_path: Path, db_path: Path) -> None:
    junk = bytes(range(256)) * 64
    for name in ("junk.txt", "junk.jsonl", "junk.csv", "junk.html", "junk.json"):
        (tmp_path / name).write_bytes(junk)
    (tmp_path / "junk.rss").write_bytes(junk)
    (tmp_path / "junk.warc").write_bytes(junk)
    (tmp_path / "junk.jsonl.gz").write_bytes(junk)  # not even gzip
    write_jsonl(tmp_path / "zz-good.jsonl", 2)
    report = _run(db_path, tmp_path)
    for name in ("junk.txt", "junk.jsonl", "junk.csv", "junk.html", "junk.json"):
        assert "binary data" in _failure(report, f"/{name}: ")
    assert "not a readable RSS/Atom feed" in _failure(report, "junk.rss")
    assert "corrupt WARC" in _failure(report, "junk.warc")
    assert "gzip" in _failure(report, "junk.jsonl.gz")
    assert report.new == 2 and report.failed == 8


def test_unknown_suffix_named_explicitly(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "article.docx"
    path.write_bytes(b"PK\x03\x04")
    report = _run(db_path, path)
    assert "unknown file type '.docx'" in _failure(report, "article.docx")


_PEAK_RSS = """
import resource, sys
from dyad.ingest import read_sources
from dyad.store.batches import ingest
from dyad.store.database import connect
report = ingest(read_sources([sys.argv[1]]), connect(sys.argv[2]), batch_size=4)
print(report.stored, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def _ingest_peak_rss(path: Path, db: Path) -> tuple[int, int]:
    """Articles stored and the peak resident memory (bytes) of a fresh process ingesting ``path``."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, str(path), str(db)], capture_output=True, text=True, check=True
    )
    stored, peak = done.stdout.split()
    return int(stored), int(peak)


def _big_jsonl(path: Path, records: int) -> Path:
    body = article_text(0, 150_000)  # ~0.8 MB per record
    with path.open("w", encoding="utf-8") as f:
        for n in range(records):
            f.write(json.dumps({"url": f"https://big.example/{n}", "text": f"Record {n}. {body}"}) + "\n")
    return path


def test_fifty_megabyte_file_streams(tmp_path: Path) -> None:
    big = _big_jsonl(tmp_path / "big.jsonl", 64)
    small = _big_jsonl(tmp_path / "small.jsonl", 6)
    assert big.stat().st_size > 50_000_000
    stored_small, peak_small = _ingest_peak_rss(small, tmp_path / "small.db")
    stored_big, peak_big = _ingest_peak_rss(big, tmp_path / "big.db")
    assert (stored_small, stored_big) == (6, 64)
    # Ten times the input may cost a few records' worth of buffers more, never the file's size.
    assert peak_big - peak_small < 25_000_000, (
        f"peak memory {peak_small / 1e6:.0f} -> {peak_big / 1e6:.0f} MB"
    )


def test_fifty_megabyte_text_file_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as f:
        for _ in range(50):
            f.write("word " * 200_000 + "\n")
    [failure] = list(read_sources([str(path)]))
    assert isinstance(failure, InputFailure) and not isinstance(failure, Article)
    assert "too large for one article" in str(failure) and "huge.txt" in str(failure)

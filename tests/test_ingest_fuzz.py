"""Every reader and compression fuzzed: random bytes, truncations, deep nesting, huge fields, junk between
good records. Whatever the input: no exception escapes, nothing hangs (a deadline per example), memory stays
bounded, and the good records around the junk are kept.

Bounded for CI: a fixed number of examples per test and a derandomised seed, about 30 s in all.
"""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.ingest import InputFailure, read_sources
from dyad.ingest.records import MAX_TEXT_CHARS
from dyad.model import Article
from ingest_helpers import article_text, html_page, write_warc

FUZZ = settings(
    max_examples=40,
    deadline=10_000,  # ms per example: far above a normal read, far below a hang
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SUFFIXES = (".txt", ".html", ".jsonl", ".json", ".csv", ".rss", ".warc")
# Peak Python memory for reading one fuzzed file of at most a few MB (the huge field is 5 MB).
MEMORY_BOUND = 96 * 1024 * 1024

junk_bytes = st.binary(min_size=0, max_size=4096)
deep = st.builds(
    lambda opener, depth: (opener * depth).encode(),
    st.sampled_from(["[", "{", '{"a":', '[{"text":']),
    st.integers(min_value=50, max_value=50_000),
)
huge_field = st.builds(
    lambda n, quote: (('{"text": "' if quote else "") + "x" * n).encode(),
    st.sampled_from([10_000, MAX_TEXT_CHARS + 1]),
    st.booleans(),
)


def _valid(suffix: str, n: int) -> bytes:
    """A valid file of the format holding article ``n`` (and ``n + 1`` for record formats)."""
    records = [{"url": f"https://fuzz.example/{k}", "text": article_text(k, 40)} for k in (n, n + 1)]
    if suffix == ".jsonl":
        return "".join(json.dumps(r) + "\n" for r in records).encode()
    if suffix == ".json":
        return json.dumps(records, indent=1).encode()
    if suffix == ".csv":
        rows = "".join(f'{r["url"]},"{r["text"].replace(chr(34), chr(34) * 2)}"\n' for r in records)
        return ("url,text\n" + rows).encode()
    if suffix == ".html":
        return html_page("Fuzz", article_text(n, 60)).encode()
    if suffix == ".rss":
        items = "".join(
            f"<item><title>T{k}</title><link>https://fuzz.example/{k}</link>"
            f"<description>{article_text(k, 30)}</description></item>"
            for k in (n, n + 1)
        )
        channel = f"<channel><title>F</title>{items}</channel>"
        return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()
    if suffix == ".warc":
        with TemporaryDirectory() as tmp:
            page = html_page("Fuzz", article_text(n, 60))
            return write_warc(
                Path(tmp) / "a.warc", [(f"https://fuzz.example/{n}", page)], gzip=False
            ).read_bytes()
    return f"Title: Fuzz {n}\n\n{article_text(n, 60)}\n".encode()


@pytest.fixture(autouse=True, scope="module")
def _warm(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Load what readers load once (language model, parsers), so it does not count as a reader's memory."""
    folder = tmp_path_factory.mktemp("warm")
    for suffix in SUFFIXES:
        (folder / f"warm{suffix}").write_bytes(_valid(suffix, 500))
    list(read_sources([str(folder)]))


def _read_all(folder: Path) -> tuple[list[Article], list[InputFailure]]:
    """Read ``folder``, checking that nothing escapes and memory stays bounded."""
    tracemalloc.start()
    try:
        items = list(read_sources([str(folder)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND, f"peak {peak / 1e6:.0f} MB"
    assert all(isinstance(i, Article | InputFailure) for i in items)
    for failure in (i for i in items if isinstance(i, InputFailure)):
        assert failure.where and str(failure).startswith(failure.where), str(failure)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputFailure)]


def _write(folder: Path, name: str, data: bytes, gzipped: bool) -> None:
    if gzipped:
        (folder / f"{name}.gz").write_bytes(gzip.compress(data))
    else:
        (folder / name).write_bytes(data)


@FUZZ
@given(
    suffix=st.sampled_from(SUFFIXES),
    payload=st.one_of(junk_bytes, deep, huge_field),
    gzipped=st.booleans(),
)
def test_any_bytes_in_any_format_never_escape(suffix: str, payload: bytes, gzipped: bool) -> None:
    with TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write(folder, f"fuzz{suffix}", payload, gzipped)
        _write(folder, "zz-good.jsonl", _valid(".jsonl", 900), False)
        articles, _ = _read_all(folder)
        assert {a.url for a in articles} >= {"https://fuzz.example/900", "https://fuzz.example/901"}


@FUZZ
@given(
    suffix=st.sampled_from(SUFFIXES),
    cut=st.floats(min_value=0.0, max_value=1.0),
    gzipped=st.booleans(),
    truncate_compressed=st.booleans(),
)
def test_truncated_files_never_escape(
    suffix: str, cut: float, gzipped: bool, truncate_compressed: bool
) -> None:
    data = _valid(suffix, 1)
    with TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if gzipped and truncate_compressed:
            packed = gzip.compress(data)
            (folder / f"cut{suffix}.gz").write_bytes(packed[: int(len(packed) * cut)])
        else:
            _write(folder, f"cut{suffix}", data[: int(len(data) * cut)], gzipped)
        articles, failures = _read_all(folder)
        assert articles or failures  # a cut file is read or reported, never passed over in silence


@FUZZ
@given(
    suffix=st.sampled_from([".jsonl", ".json", ".csv"]),
    junk=st.one_of(junk_bytes, deep, huge_field),
    gzipped=st.booleans(),
)
def test_junk_between_good_records_loses_only_itself(suffix: str, junk: bytes, gzipped: bool) -> None:
    # Junk stays on its own line: a record format cannot tell where a line break in junk ends the junk.
    junk = junk.replace(b"\n", b" ").replace(b"\r", b" ")
    if suffix == ".csv":
        junk = junk.replace(b'"', b"'")  # a quote would open a field to the end of the file
    good = [
        {"url": f"https://fuzz.example/{k}", "text": article_text(k, 40).replace('"', "'")} for k in (1, 2)
    ]
    if suffix == ".jsonl":
        data = b"\n".join([json.dumps(good[0]).encode(), junk, json.dumps(good[1]).encode()])
    elif suffix == ".json":
        data = (
            b"[\n" + b",\n".join([json.dumps(good[0]).encode(), junk, json.dumps(good[1]).encode()]) + b"\n]"
        )
    else:
        rows = [f'{g["url"]},"{g["text"]}"'.encode() for g in good]
        data = b"\n".join([b"url,text", rows[0], junk, rows[1]])
    with TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write(folder, f"mixed{suffix}", data, gzipped)
        articles, _ = _read_all(folder)
        kept = [a.url for a in articles if a.url in ("https://fuzz.example/1", "https://fuzz.example/2")]
        assert kept == ["https://fuzz.example/1", "https://fuzz.example/2"]

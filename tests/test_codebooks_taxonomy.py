"""The bundled issue taxonomy is whole, and user files replace, extend or fail with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.codebooks.taxonomy import load_taxonomy
from dyad.errors import CodebookError

REQUIRED = [
    "taiwan",
    "south-china-sea",
    "russia-ukraine-war",
    "middle-east",
    "israel-gaza",
    "iran",
    "proxy-groups",
    "korean-peninsula",
    "trade-tariffs",
    "export-controls-technology",
    "sanctions",
    "fentanyl",
    "human-rights",
    "xinjiang",
    "tibet",
    "hong-kong",
    "detained-citizens",
    "military-communication",
    "nuclear-arms-control",
    "climate",
    "cyber",
    "migration",
    "elections",
    "energy",
]


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_taxonomy_integrity() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.version
    assert 35 <= len(taxonomy) <= 60
    ids = [i.id for i in taxonomy.issues]
    assert len(ids) == len(set(ids))
    assert set(REQUIRED) <= set(ids)
    for issue in taxonomy.issues:
        assert 1 <= issue.description.count(". ") + 1 <= 3, issue.id  # 1-3 sentences
        assert issue.cues.keywords, f"{issue.id} has no keyword cue"
        cues = [c.lower() for _, group in issue.cues.by_kind() for c in group]
        assert len(cues) == len(set(cues)), f"{issue.id} lists a cue twice"
    assert taxonomy.get("fentanyl-narcotics").id == "fentanyl"  # alias
    assert taxonomy.ancestors("iran") == ("middle-east",)
    assert set(taxonomy.children("human-rights")) == {"xinjiang", "tibet", "hong-kong"}
    assert taxonomy.with_ancestors(["xinjiang", "taiwan"]) == {"xinjiang", "human-rights", "taiwan"}
    assert load_taxonomy() is taxonomy  # read once


def test_user_file_extends_the_default(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
version: "1"
extends: default
remove: [arctic]
issues:
  - id: semiconductors
    label: Semiconductors
    description: Chips, the factories that make them and subsidies for them.
    cues: {keywords: [chip factory, foundry]}
  - id: taiwan
    label: Taiwan (ours)
    description: Our own account of the Taiwan issue.
    cues: {places: [Taiwan]}
""",
    )
    taxonomy = load_taxonomy(path)
    assert taxonomy.version == f"{load_taxonomy().version}+1"
    assert "semiconductors" in taxonomy and "arctic" not in taxonomy
    assert taxonomy.get("taiwan").label == "Taiwan (ours)"
    assert len(taxonomy) == len(load_taxonomy())


def test_user_file_replaces_the_default(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 3\nissues:\n  - id: water\n    label: Water\n    description: Rivers and dams.\n"
        "    cues: {keywords: [dam]}\n",
    )
    taxonomy = load_taxonomy(path)
    assert [i.id for i in taxonomy.issues] == ["water"] and taxonomy.version == "3"


def test_fingerprint_follows_the_content(tmp_path: Path) -> None:
    def water(description: str, name: str) -> Path:
        return write(
            tmp_path,
            f"version: 1\nissues:\n  - id: water\n    label: Water\n    description: {description}\n"
            "    cues: {keywords: [dam]}\n",
            name,
        )

    first = load_taxonomy(water("Rivers and dams.", "a.yaml"))
    again = load_taxonomy(water("Rivers and dams.", "b.yaml"))
    other = load_taxonomy(water("Rivers, dams and canals.", "c.yaml"))
    assert first.fingerprint == again.fingerprint != other.fingerprint
    assert len(other.fingerprint) == 16


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version: 1\nissues: [{id: Bad Id, label: x, description: y, cues: {keywords: [z]}}]", "bad id"),
        ("version: 1\nissues: [{id: a, label: x, cues: {keywords: [z]}}]", "'description'"),
        ("version: 1\nissues: [{id: a, label: x, description: y, cues: {keyword: [z]}}]", "unknown cue kind"),
        ("version: 1\nissues: [{id: a, label: x, description: y, cues: {}}]", "at least one cue"),
        (
            "version: 1\nissues: [{id: a, label: x, description: y, cues: {keywords: [z]}, parent: b}]",
            "parent",
        ),
        ("issues: [{id: a, label: x, description: y, cues: {keywords: [z]}}]", "'version'"),
        (
            "version: 1\nissues:\n  - {id: a, label: x, description: y, cues: {keywords: [z]}}\n"
            "  - {id: a, label: x, description: y, cues: {keywords: [z]}, aliases: [a]}",
            "names both",
        ),
        ("version: 1\nextends: default\nremove: [no-such-issue]", "no-such-issue"),
        ("version: 1\nissues: [unclosed", "not valid YAML"),
    ],
)
def test_bad_files_name_the_file_and_entry(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(CodebookError) as error:
        load_taxonomy(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_cycle_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "version: 1\nissues:\n"
        "  - {id: a, parent: b, label: A, description: x, cues: {keywords: [a]}}\n"
        "  - {id: b, parent: a, label: B, description: x, cues: {keywords: [b]}}\n",
    )
    with pytest.raises(CodebookError, match="its own ancestor"):
        load_taxonomy(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match="cannot read"):
        load_taxonomy(tmp_path / "absent.yaml")

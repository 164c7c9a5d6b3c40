"""Integrity of the CAMEO tables: codes exist, Goldstein present, no duplicates, lexicon codes valid."""

from __future__ import annotations

from dyad.codebooks import cameo


def test_codes_have_goldstein_and_quad_class() -> None:
    codes = cameo.codes()
    assert len(codes) == 311  # every code of GDELT's Goldstein table
    for value in codes.values():
        assert -10.0 <= value.goldstein <= 10.0
        assert value.quad_class in (1, 2, 3, 4)
        assert value.name
        assert value.root in codes, f"{value.code} has no root row"


def test_quad_classes_follow_gdelt() -> None:
    assert cameo.code("111").quad_class == 3
    assert cameo.code("0841").quad_class == 2
    assert cameo.code("190").quad_class == 4
    assert cameo.code("042").quad_class == 1
    assert cameo.code("111").goldstein == -2.0


def test_plover_crosswalk() -> None:
    table = cameo.plover_table()
    assert set(table) <= set(cameo.codes())
    assert cameo.plover("111") is not None and cameo.plover("111").type == "ACCUSE"  # type: ignore[union-attr]
    assert cameo.plover("042").mode == "visit"  # type: ignore[union-attr]
    assert cameo.plover("0211").type == "REQUEST"  # type: ignore[union-attr]  # 02 by analogy to 10
    assert cameo.plover("010") is None  # statements are no PLOVER event
    for code in cameo.codes():
        if not code.startswith("01"):
            assert cameo.plover(code) is not None, code


def test_lexicon_entries_are_valid() -> None:
    entries = cameo.lexicon()
    assert len(entries) > 250
    for (lemma, pos, particle), entry in entries.items():
        assert lemma == lemma.lower() and lemma.strip() == lemma
        assert entry.cameo is None or entry.cameo in cameo.codes()
        assert entry.cameo is not None or entry.frame, (lemma, pos, particle)
    assert entries[("condemn", "VERB", "")].cameo == "111"
    assert entries[("call", "VERB", "on")].frame == "appeal"
    assert entries[("say", "VERB", "")].cameo is None

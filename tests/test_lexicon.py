"""The entity word lists in data/lexicon: well formed, and what the rules and the model read."""

from __future__ import annotations

from collections import Counter

import pytest

from xhextract import lexicon, ner_model
from xhextract.components import entities


def test_every_file_parses_and_is_not_empty() -> None:
    assert len(lexicon.suffixes()) > 200
    assert len(lexicon.titles()) > 40
    for name in lexicon.WORD_LISTS:
        assert lexicon.words(name), name


def test_no_suffix_or_title_twice() -> None:
    assert not [s for s, n in Counter(s.suffix for s in lexicon.suffixes()).items() if n > 1]
    rows = [line.split("\t")[0] for line in (entities.files("xhextract") / "data" / "lexicon" /
            "titles.tsv").read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    assert len(rows) == len(set(rows))


@pytest.mark.parametrize("name", sorted(lexicon.WORD_LISTS))
def test_word_lists_have_no_repeats_or_spaces(name: str) -> None:
    words = lexicon.words(name)
    assert len(words) == len(set(words)), [w for w, n in Counter(words).items() if n > 1]
    assert all(w == w.strip() and " " not in w for w in words)


def test_model_heads_are_organisation_suffixes() -> None:
    for s in lexicon.suffixes():
        if s.head in ("name", "word"):
            assert s.label == "ORG", s
        if s.head == "tail":
            assert s.label in ("GPE", "LOC", "FAC"), s


def test_one_line_adds_a_suffix_to_rules_and_model_heads() -> None:
    """The rules and the model's take-over read the same table: every ORG rule suffix that
    names an institution is also a head by which a model span may replace a place in it."""
    assert "研究院" in entities._ORG_SUFFIXES and "研究院" in entities.ORG_HEADS
    assert "水电站" in entities._FAC_STRONG
    assert ner_model.place_label("小湾水电站") == "FAC"
    assert ner_model.place_label("神农架国家公园") == "FAC"
    assert ner_model.place_label("长江") == "LOC"
    assert ner_model.place_label("浦东新区") == "GPE"


def test_a_bad_row_is_an_error(monkeypatch) -> None:
    monkeypatch.setattr(lexicon, "_rows", lambda name: [["公司", "COMPANY", "anchored", "-"]])
    lexicon.suffixes.cache_clear()
    try:
        with pytest.raises(ValueError, match="suffixes.tsv"):
            lexicon.suffixes()
    finally:
        monkeypatch.undo()
        lexicon.suffixes.cache_clear()

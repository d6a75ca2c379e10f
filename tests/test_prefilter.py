"""The first-character prefilter (xhextract.prefilter): the right sets, and the same matches."""

from __future__ import annotations

import random
import re

import pytest

from xhextract.prefilter import compile_prefiltered, first_chars, word_alternation


@pytest.mark.parametrize("pattern,expected", [
    ("abc|d", "ad"),
    ("[0-3]年", "0123"),
    ("(?<![0-9])(?:公元)?[0-9]{4}年", "公0123456789"),  # a look-behind consumes nothing
    ("近(?:几|些)?年|前[一二]个月", "近前"),
    ("(?P<n>[一二]?)十", "一二十"),  # an optional first item lets the next one start
    ("(?:x*|y)z", "xyz"),
])
def test_first_characters(pattern: str, expected: str) -> None:
    assert first_chars(pattern) == frozenset(expected)


@pytest.mark.parametrize("pattern", [r"\d+年", "[^年]月", ".年", "a|", "x*", "(?i:a)b", "(?=年)"])
def test_no_set_when_any_character_or_nothing_can_start(pattern: str) -> None:
    assert first_chars(pattern) is None
    assert compile_prefiltered(pattern).pattern == pattern  # compiled as it is


@pytest.mark.parametrize("pattern", ["[东中西]、[东中西]", "年|月|日", "(?:北京|上海)市", "(年)度"])
def test_no_lookahead_where_the_engine_skips_to_candidates_itself(pattern: str) -> None:
    assert first_chars(pattern)  # the set is known ...
    assert compile_prefiltered(pattern).pattern == pattern  # ... but re jumps to it in C already


def test_prefiltered_pattern_finds_the_same_matches() -> None:
    pattern = r"""
        (?P<year>(?<![0-9])[0-9]{4}年(?:度)?)   # 2020年, 2020年度
      | (?P<month>(?:十[一二]?|[一二三四五六七八九])月(?!份))
      | (?P<rel>近(?:[一二三四五六七八九十]|几)?年(?:来)?)  # a trailing comment"""
    rx = compile_prefiltered(pattern, re.VERBOSE)
    plain = re.compile(pattern, re.VERBOSE)
    assert rx.pattern.startswith("(?=[")
    rng = random.Random(3)
    alphabet = "0123456789年度月份十一二三近几来的是，"
    found = 0
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(80))
        got = [(m.span(), m.lastgroup) for m in rx.finditer(text)]
        assert got == [(m.span(), m.lastgroup) for m in plain.finditer(text)]
        found += len(got)
    assert found > 100


def test_word_trie_matches_the_longest_first_alternation() -> None:
    words = ["北京", "北京市", "北海", "上海", "上海市", "海", "市", "京津冀", "北"]
    trie = re.compile(word_alternation(words))
    plain = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    assert word_alternation(["北京", "北京市", "北海"]) == "北(?:京(?:市|)|海)"
    rng = random.Random(5)
    found = 0
    for _ in range(300):
        text = "".join(rng.choice("北京市海上津冀的") for _ in range(60))
        got = [m.span() for m in trie.finditer(text)]
        assert got == [m.span() for m in plain.finditer(text)]
        found += len(got)
    assert found > 1000
    assert re.search(word_alternation([]), "北京") is None  # no words: matches nothing
    with pytest.raises(ValueError):
        word_alternation(["北京", ""])

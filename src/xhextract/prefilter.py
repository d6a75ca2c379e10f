"""Faster big alternation regexes, with the same matches: a first-character prefilter computed
from the pattern itself, and word lists as a trie.

Python's `re` tries every alternative at every position of the text; a pattern whose matches
can only start with a few characters fails much faster when it begins with a lookahead on
them, `(?=[...])`: most positions are rejected by one character-class test. The class is
derived from the parsed pattern (the stdlib's own parser), so it cannot drift from the
alternatives, and a prefiltered pattern finds exactly the matches of the plain one. A list of
literal words, longest first, is faster as a trie (北京|北京市|北海 -> 北(?:京(?:市|)|海)): the
engine reads each character once instead of trying every word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants as sre  # the stdlib parser's opcodes; stable across 3.11+
from re import _parser as sre_parse

# Lookahead/lookbehind and anchors consume nothing: they cannot decide the first character.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of `pattern` can start with; None when that is not a small known
    set (a pattern that can match the empty string, `.`, a negated class, `\\d`, ignored case)."""
    if flags & re.IGNORECASE:
        return None
    chars, nullable = _first_of_sequence(sre_parse.parse(pattern, flags).data)
    if chars is None or nullable:
        return None
    return frozenset(map(chr, chars))


def with_lookahead(pattern: str, flags: int = 0) -> str:
    """`pattern` led by a lookahead on its possible first characters (unchanged when they are
    not known, or when the engine skips to them by itself: a pattern that starts with a
    character, a class or an alternation of characters). The same matches. For the
    alternatives of a big alternation, each gets its own."""
    chars = first_chars(pattern, flags)
    if chars is None or _engine_skips(sre_parse.parse(pattern, flags).data):
        return pattern
    klass = "".join(re.escape(c) for c in sorted(chars))
    # the newline ends a trailing comment of a VERBOSE pattern before the closing parenthesis
    return f"(?=[{klass}])(?:{pattern}\n)" if flags & re.VERBOSE else f"(?=[{klass}])(?:{pattern})"


def compile_prefiltered(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, led by a lookahead on its possible first characters when
    they are known (same matches, same groups; many positions rejected at once)."""
    return re.compile(with_lookahead(pattern, flags), flags)


def word_alternation(words: Iterable[str]) -> str:
    """A regex matching, at a position, the longest of `words` that starts there: the same
    matches as the words escaped and joined longest first with "|", written as a trie."""
    trie: dict[str, dict] = {}
    for word in words:
        if not word:
            raise ValueError("word_alternation: an empty word matches everywhere")
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie) or "(?!)"


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _trie_pattern(node[ch]) for ch in sorted(node) if ch]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    # the longer words first; an empty last branch where a word may also end here
    return "(?:" + "|".join(branches) + ("|)" if "" in node else ")")


def _engine_skips(items: list) -> bool:
    """Whether `re` finds a literal or character-set prefix of the parsed pattern itself (as
    `re._compiler._compile_info` does) and so jumps over the text to candidates in C: a
    lookahead in front would only hide it."""
    while items and items[0][0] is sre.SUBPATTERN:
        _, add_flags, del_flags, sub = items[0][1]
        if add_flags or del_flags:
            return False
        items = sub.data
    if not items:
        return False
    op, arg = items[0]
    if op is sre.LITERAL or op is sre.IN:
        return True
    if op is sre.BRANCH:
        return all(alt.data and alt.data[0][0] is sre.LITERAL for alt in arg[1])
    return False


def _first_of_sequence(items: list) -> tuple[set[int] | None, bool]:
    """(first code points, can be empty) of a sequence of parsed items; None: any character."""
    out: set[int] = set()
    for op, arg in items:
        chars, nullable = _first_of_item(op, arg)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_of_item(op: object, arg) -> tuple[set[int] | None, bool]:  # noqa: ANN001 (parser tuples)
    if op is sre.LITERAL:
        return {arg}, False
    if op is sre.IN:
        chars: set[int] = set()
        for kind, value in arg:
            if kind is sre.LITERAL:
                chars.add(value)
            elif kind is sre.RANGE:
                chars.update(range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY (\d, \s, \w): not a small known set
                return None, False
        return chars, False
    if op is sre.BRANCH:
        chars, nullable = set(), False
        for alternative in arg[1]:
            first, empty = _first_of_sequence(alternative.data)
            if first is None:
                return None, False
            chars |= first
            nullable = nullable or empty
        return chars, nullable
    if op is sre.SUBPATTERN:
        _, add_flags, _, sub = arg
        if add_flags & re.IGNORECASE:
            return None, False
        return _first_of_sequence(sub.data)
    if op in _REPEATS:
        low, _, sub = arg
        first, empty = _first_of_sequence(sub.data)
        return first, empty or low == 0
    if op is sre.ATOMIC_GROUP:
        return _first_of_sequence(arg.data)
    if op in _ZERO_WIDTH:
        return set(), True
    return None, False  # ANY, NOT_LITERAL, GROUPREF, conditionals: anything may come first

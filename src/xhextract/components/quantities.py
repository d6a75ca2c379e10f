"""MONEY / PERCENT / QUANTITY / CARDINAL / ORDINAL, found on characters as Duckling does.

jieba cuts across quantity boundaries (20万公斤 -> 20 / 万公斤), so numbers are found with
regular expressions on the raw text, then extended right (multiplier, 多/余, unit or
classifier, 以上/左右 ...) and left (近/约/超 ...). Offsets are never re-derived from tokens.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from importlib import resources

import numpy as np

from ..numbers import (
    ARABIC_DIGITS,
    CHINESE_NUMERAL_CHARS,
    DIGIT_CHARS,
    DIGIT_VALUE,
    INFORMAL_SUFFIX_VALUE,
    MULTIPLIER_VALUE,
    SECTION_MULTIPLIERS,
    NumeralError,
    normalize_digits,
    parse_arabic,
    parse_chinese,
    parse_mixed,
    parse_multiplier,
)
from ..prefilter import compile_prefiltered, first_chars, word_alternation
from ..schema import Mention
from ..units import Unit, currency_prefixes, load_units, match_unit, traditional_table

SOURCE = "quantities"


@lru_cache(maxsize=1)
def _words() -> dict:
    """data/quantity_words.toml: qualifier words, classifier-initial words, cue words."""
    return tomllib.loads(resources.files("xhextract").joinpath("data/quantity_words.toml").read_text("utf-8"))


def _longest_first(table: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))


# ---- the numeral alphabet, from numbers.py --------------------------------------------------
_CN_DIGITS = DIGIT_CHARS
_CN_ALL = CHINESE_NUMERAL_CHARS
_SINGLE_MULTIPLIERS = "十百千万亿兆"
_FW_DIGITS = ARABIC_DIGITS[10:]
# Digits with thousands separators: ',' after any head, a full-width '，' only after 1-3 digits
# or another group (人民币1，234，567.00元; 2020，123 stays two numbers).
ARABIC = (
    rf"[0-9{_FW_DIGITS}]+(?:(?:,|(?<![0-9{_FW_DIGITS}]{{4}})，)[0-9{_FW_DIGITS}]{{3}}(?![0-9{_FW_DIGITS}]))*"
    rf"(?:[.．][0-9{_FW_DIGITS}]+)?"
)
CHINESE = rf"[{_CN_ALL}]+(?:点[{_CN_DIGITS}]+)?"
NUMBER_RE = compile_prefiltered(rf"(?P<ar>{ARABIC})|(?P<cn>{CHINESE})")
ARABIC_MULT = "十百千万亿兆拾佰仟"

# ---- word lists, from data/quantity_words.toml ----------------------------------------------
PRE_QUALIFIERS: tuple[tuple[str, str], ...] = _longest_first(_words()["qualifiers"]["before"])
PRE_BLOCKERS: dict[str, str] = dict(_words()["qualifiers"]["before_blockers"])
POST_QUALIFIERS: tuple[tuple[str, str], ...] = _longest_first(_words()["qualifiers"]["after"])
_PRE_WORDS = tuple(w for w, _ in PRE_QUALIFIERS)
_POST_WORDS = tuple(w for w, _ in POST_QUALIFIERS)
CLASSIFIER_WORDS = frozenset(_words()["classifiers"]["words_starting_with_a_classifier"])
RANGE_SEPARATORS = _words()["ranges"]["separators"]
INCLUSIVE_MARKS = tuple(_words()["ranges"]["inclusive_marks"])
CHENG_WORDS = tuple(sorted(_words()["cheng"]["words"], key=len, reverse=True))
SHANG_BLOCKED_AFTER = frozenset(_words()["shang"]["blocked_after"])
MONEY_CUES = tuple(_words()["money_cues"]["words"])
IDENTIFIER_AFTER = _words()["identifiers"]["after"]
IDENTIFIER_BEFORE = tuple(_words()["identifiers"]["before"])
FINANCIAL_DIGITS = "壹贰貳貮叁參肆伍陆陸柒捌玖"
INDEX_POINT_CUES = tuple(_words()["index_points"]["cues"])
RACE_BEFORE = tuple(_words()["races"]["before"])
RACE_AFTER = tuple(_words()["races"]["after"])

# Units of time that make a DATE (handled by the dates component), not a figure.
DATE_UNITS = ("个月", "年", "月", "日", "号", "天", "周", "季度", "世纪", "岁", "点", "时", "分")
ORDINAL_EXCLUDED_UNITS = ("年", "月", "日", "天", "季度", "周", "世纪")
SHORT_QUOTE_MAX = 20
LEFT_BLOCK = re.compile(r"[A-Za-z0-9_.．/=%&?]")
ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
HAN = re.compile(r"[\u4e00-\u9fff]")
ORDINAL_BLOCKERS_BEFORE_SHOU = set("元榜党为居昂回俯叩自")
SHOU_CLASSIFIERS = "次个位批家台款届座条例套场轮期项件架艘辆部种"


@lru_cache(maxsize=1)
def _stop_phrases() -> re.Pattern[str]:
    """Idioms and names that contain numerals but are no figure (data/numeral_stopwords.txt)."""
    raw = resources.files("xhextract").joinpath("data/numeral_stopwords.txt").read_text("utf-8")
    lines = [w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#")]
    patterns = [w[3:] for w in lines if w.startswith("re:")]
    words = sorted({w for w in lines if not w.startswith("re:")}, key=len, reverse=True)
    # the patterns first, then the longest word at a position (as a trie: twice as fast)
    alternation = "|".join(patterns + ([word_alternation(words)] if words else []))
    for pattern in patterns:
        _first_chars(pattern)  # each must start with known characters, or the lookahead is lost
    # A lookahead on the possible first characters lets the engine skip most positions at once
    # (the plain alternation costs as much as all the rest of the figure extractor).
    return compile_prefiltered(alternation)


def _first_chars(pattern: str) -> set[str]:
    """The characters a stop-phrase pattern can start with (ValueError: not a known set)."""
    chars = first_chars(pattern)
    if not chars:
        raise ValueError(f"numeral_stopwords.txt: cannot find the first character of {pattern!r}")
    return set(chars)


@dataclass(slots=True)
class _Reading:
    """A figure found in the text: its span, label and normalised value, and how it was read."""

    start: int
    end: int
    label: str
    value: Decimal
    unit: str | None
    qualifier: str = "exact"
    value_max: Decimal | None = None
    mult: Decimal = Decimal(1)  # the section multiplier written with the number (万 of 150万元)
    unit_obj: Unit | None = None
    per: Decimal = Decimal(1)  # the denominator's factor of a per-unit amount (元/吨: 1000)


@dataclass(slots=True)
class _Numeral:
    """A numeral as read from the text, before any unit: value, where it ends, what it holds.

    `over` is set when a placeholder (十几) or 多/余 was read inside it (七千多万); `closed` when
    its multiplier was read already, so none may follow (七千多万元: 万 is read with 七千).
    """

    start: int
    end: int
    value: Decimal
    value_max: Decimal | None = None
    is_arabic: bool = False
    over: bool = False
    closed: bool = False
    raw: str = ""


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans whose numerals are not annotated: stop phrases, 《titles》 and short “slogans”."""
    spans = [m.span() for m in _stop_phrases().finditer(text)]
    for m in re.finditer(r"《[^《》\n]*》", text):
        spans.append(m.span())
    for m in re.finditer(r"“([^“”\n]*)”", text):
        if len(m.group(1)) <= SHORT_QUOTE_MAX:
            spans.append(m.span())
    return spans


def _parse_numeral(raw: str, is_arabic: bool) -> Decimal:
    return parse_arabic(raw) if is_arabic else parse_chinese(raw)


def _section_multiplier(raw: str) -> Decimal:
    """The multiplier that closes a Chinese numeral (一百五十万 -> 1e4, 九千亿 -> 1e8), else 1."""
    i = len(raw)
    while i > 0 and raw[i - 1] in SECTION_MULTIPLIERS:
        i -= 1
    return parse_multiplier(raw[i:]) if i < len(raw) and i > 0 else Decimal(1)


_ADJACENT_DIGITS = re.compile(r"(.*?)([一二三四五六七八九两])([二三四五六七八九两])([十百千万亿]*)")


def _chinese_range(raw: str) -> tuple[Decimal, Decimal] | None:
    """七八 -> (7, 8); 十七八 -> (17, 18); 三四十 -> (30, 40); 一两 -> (1, 2)."""
    m = _ADJACENT_DIGITS.fullmatch(raw)
    if not m:
        return None
    prefix, d1, d2, suffix = m.groups()
    v1, v2 = DIGIT_VALUE[d1], DIGIT_VALUE[d2]
    if not (v2 == v1 + 1 or (d1, d2) in {("三", "五"), ("一", "两")}):
        return None
    if prefix and not prefix.endswith(("十", "百", "千", "万")):
        return None
    if prefix and suffix:
        return None
    try:
        if suffix:
            mult = parse_multiplier(suffix)
            return Decimal(v1) * mult, Decimal(v2) * mult
        return parse_chinese(prefix + d1), parse_chinese(prefix + d2)
    except NumeralError:
        return None


def _best_unit(text: str, pos: int, mult_chars: str) -> tuple[int, Unit | None]:
    """Split the characters after a number into multiplier + unit, preferring the longest unit."""
    best: tuple[int, Unit | None] = (len(mult_chars), None)
    best_len = 0
    for k in range(len(mult_chars), -1, -1):
        unit = match_unit(text, pos + k)
        if unit is not None and len(unit.surface) > best_len:
            best, best_len = (k, unit), len(unit.surface)
    return best


def _accept_unit_boundary(text: str, end: int, unit: Unit) -> bool:
    """An ASCII unit (km, kg) must not run on into more letters (5kWp is no kW)."""
    if unit.surface[-1].isascii() and unit.surface[-1].isalpha():
        return end >= len(text) or not ASCII_ALNUM.match(text[end])
    return True


def _money_context(text: str, start: int) -> bool:
    """A money word earlier in the clause (国内生产总值57万亿, 月薪15k)."""
    clause_start = max(text.rfind(ch, 0, start) for ch in "，。；！？\n,;")
    window = text[max(clause_start + 1, start - 15) : start]
    return any(cue in window for cue in MONEY_CUES)


# ---- qualifier rule: one place for the words before and after a figure ------------------------
def _pre_qualifier(text: str, start: int) -> tuple[int, str] | None:
    """近/约/超/不到 … touching the figure's start: (new start, qualifier)."""
    if not text.endswith(_PRE_WORDS, 0, start):  # the common case, in one C call
        return None
    for word, qualifier in PRE_QUALIFIERS:
        s = start - len(word)
        if s >= 0 and text.startswith(word, s):
            blockers = PRE_BLOCKERS.get(word)
            if blockers and s > 0 and text[s - 1] in blockers:
                continue
            return s, qualifier
    return None


def _post_qualifier(text: str, pos: int) -> tuple[int, str] | None:
    """以上/左右/及以上/(含)以下 … right after the figure: (new end, qualifier)."""
    if not text.startswith(_POST_WORDS, pos):
        return None
    for word, qualifier in POST_QUALIFIERS:
        if text.startswith(word, pos):
            if word in ("多", "余") and pos + 1 < len(text) and text[pos + 1] in "万亿":
                continue
            return pos + len(word), qualifier
    return None


# ---- the numeral reader ---------------------------------------------------------------------
_MORE_THEN_MULTIPLIER = re.compile(r"[多余]([万亿]{1,3})")


def _read_numeral(text: str, m: re.Match[str]) -> _Numeral | None:
    """The value of a number match: Arabic, Chinese, 七八 ranges, 七千多万, 十几, spaced groups."""
    if m.group("ar") is not None:
        try:
            return _Numeral(m.start(), m.end(), parse_arabic(m.group(0)), is_arabic=True, raw=m.group(0))
        except (NumeralError, ArithmeticError):
            return None
    start, raw, end = m.start(), m.group(0), m.end()
    if len(raw) == 1 and raw in FINANCIAL_DIGITS and not _money_unit_at(text, end):
        return None  # 陆 of 登陆部队, 伍 as a name: a financial digit stands only in a written amount
    if "兆" in raw and all(ch in MULTIPLIER_VALUE for ch in raw):
        return None  # 千兆, 百兆, 万兆: names of bandwidths (千兆网络), no figure
    if raw in ("俩", "倆"):
        return None  # 他们俩: a pronoun phrase; 俩 is a digit only inside a longer numeral
    nxt = text[end : end + 1]
    if nxt == " ":
        spaced = _spaced_numeral(text, m)
        if spaced is not None:
            return _with_placeholder(text, spaced)
    rng = _chinese_range(raw) if len(raw) > 1 else None
    if rng:
        return _Numeral(start, end, rng[0], rng[1], raw=raw)
    tail = _MORE_THEN_MULTIPLIER.match(text, end) if nxt in ("多", "余") else None
    if tail:  # 七亿七千多万: the multiplier after 多 belongs to the numeral's last section
        try:
            value = parse_chinese(raw + tail.group(1))
            return _Numeral(start, end + 1 + len(tail.group(1)), value, over=True, closed=True, raw=raw)
        except NumeralError:
            pass
    if len(raw) >= 2 and raw.endswith("两") and raw[-2] in _CN_ALL:
        raw, end = raw[:-1], end - 1  # 三十两: the last 两 is the mass unit (0.05 kg)
    split = _unit_prefix_split(text, start, raw)
    if split is not None:
        return split
    try:
        value = parse_chinese(raw)
    except (NumeralError, ArithmeticError):
        return None
    if text.startswith("个", end) and end + 1 < len(text) and text[end + 1] in "亿万" and raw[-1] not in "亿万":
        j = end + 1  # 两个亿, 一个亿: 个 between a number and its multiplier (spoken)
        while j < len(text) and text[j] in "亿万":
            j += 1
        return _Numeral(start, j, value * parse_multiplier(text[end + 1 : j]), closed=True, raw=raw)
    return _with_placeholder(text, _Numeral(start, end, value, raw=raw))


def _with_placeholder(text: str, num: _Numeral) -> _Numeral:
    """十几, 二十几万, 一百零几万: 几 after a multiplier or 零 holds an unknown digit (over)."""
    if num.end < len(text) and text[num.end] == "几" and num.raw[-1] in "十百千万零":
        num.end, num.over = num.end + 1, True
    return num


def _money_unit_at(text: str, pos: int) -> bool:
    unit = match_unit(text, pos)
    return unit is not None and unit.label == "MONEY"


def _unit_prefix_split(text: str, start: int, raw: str) -> _Numeral | None:
    """五兆瓦, 一百千瓦, 十万千瓦时: a trailing multiplier character that begins a unit (兆瓦,
    千瓦) is the unit's prefix, not part of the numeral."""
    end = start + len(raw)
    if end >= len(text) or raw[-1] not in MULTIPLIER_VALUE or text[end] not in _unit_prefix_continuations():
        return None
    k = len(raw) - 1
    while k > 0 and raw[k] in MULTIPLIER_VALUE:
        unit = match_unit(text, start + k)
        if unit is not None and len(unit.surface) > len(raw) - k and unit.label in ("QUANTITY", "MONEY"):
            try:
                return _Numeral(start, start + k, parse_chinese(raw[:k]), raw=raw[:k])
            except NumeralError:
                pass
        k -= 1
    return None


@lru_cache(maxsize=1)
def _unit_prefix_continuations() -> frozenset[str]:
    """Characters that follow a multiplier character inside a unit (千瓦, 兆帕, 千克 ...)."""
    return frozenset(ch for u in load_units() if u[0] in MULTIPLIER_VALUE for ch in u[1:])


_SPACED_GROUP = re.compile(rf" (点 ?[{_CN_DIGITS}]+|[{_CN_ALL}]+)")


def _spaced_numeral(text: str, m: re.Match[str]) -> _Numeral | None:
    """三千 八百 九十六 万, 一百 五 十 二: a numeral spaced out (speech transcripts) is one number
    when the groups joined read as one with a multiplier."""
    end = m.end()
    if not text.startswith(" ", end):
        return None
    groups = [m.group(0)]
    g = _SPACED_GROUP.match(text, end)
    if g is None:
        return None
    while g is not None:
        groups.append(g.group(1).replace(" ", ""))
        end = g.end()
        g = _SPACED_GROUP.match(text, end)
    joined = "".join(groups)
    if not any(ch in MULTIPLIER_VALUE or ch == "点" for ch in joined):
        return None
    for n in range(len(groups), 1, -1):  # the longest run of groups that reads as one numeral
        candidate = "".join(groups[:n])
        try:
            value = parse_chinese(candidate)
        except NumeralError:
            continue
        stop = m.end()
        for _ in range(n - 1):
            stop = _SPACED_GROUP.match(text, stop).end()  # type: ignore[union-attr]
        return _Numeral(m.start(), stop, value, raw=candidate)
    return None


# ---- the amount rule: multiplier, 多/余, unit, range, per-unit, qualifier after ----------------
@dataclass(slots=True)
class _Amount:
    """The amount rule's state while it reads right from a numeral: where it is, the value so
    far, the multiplier written after the numeral (own_mult: one was written), the unit."""

    num: _Numeral
    pos: int
    value: Decimal
    qualifier: str = "exact"
    mult: Decimal = Decimal(1)
    own_mult: bool = False
    unit: Unit | None = None
    per: Decimal = Decimal(1)


def _extend(text: str, num: _Numeral, blocked: list[tuple[int, int]]) -> _Reading | None:
    """A numeral extended right into its figure: 多, multiplier, unit, range, per-unit, 以上 …"""
    a = _Amount(num, num.end, num.value, "over" if num.over else "exact")
    _over_before_multiplier(text, a)
    a.pos, mult_chars = _multiplier_run(text, num, a.pos, a.qualifier)
    if not mult_chars:
        informal = _informal_suffix(text, num, a.pos)
        if informal is not None:
            return informal
        _space_before_unit(text, a)
    _read_unit(text, a, mult_chars)
    _over_after_multiplier(text, a)
    if num.value_max is None and _range_may_follow(text, a.pos):
        ranged = _range_rule(text, num.start, a.pos, a.value, a.mult, a.own_mult, None, num, blocked)
        if ranged is not None:
            return ranged
    if a.unit is None:
        figure = _bare_figure(text, a)
    else:
        figure = _unit_figure(text, a, blocked)
    if figure is None or isinstance(figure, _Reading):
        return figure
    label, unit_name, amount = figure
    return _closing(text, a, label, unit_name, amount)


def _over_before_multiplier(text: str, a: _Amount) -> None:
    """3000多平方米, 100余人次, 1000多万: 多/余 right after the digits."""
    if not a.num.over and a.pos < len(text) and text[a.pos] in "多余" and not is_arabic_decimal_tail(text, a.pos):
        a.qualifier, a.pos = "over", a.pos + 1


def _space_before_unit(text: str, a: _Amount) -> None:
    """5 km, 30 %: one space between a number and a measure unit."""
    if text[a.pos : a.pos + 1] == " ":
        spaced = match_unit(text, a.pos + 1)
        if spaced is not None and spaced.label != "CARDINAL":
            a.pos += 1


def _read_unit(text: str, a: _Amount, mult_chars: str) -> None:
    """Split multiplier and unit (万千瓦: 万 + 千瓦), and read 两个半小时 as 2.5 hours."""
    k, unit = _unit_after(text, a.pos, mult_chars)
    if unit is not None and unit.surface == "个" and text[a.pos + k + 1 : a.pos + k + 2] == "半":
        half_unit = match_unit(text, a.pos + k + 2)
        if half_unit is not None and half_unit.label == "QUANTITY":
            a.value += Decimal("0.5")
            k, unit = k + 2, half_unit
    a.unit, a.own_mult = unit, k > 0
    a.mult = parse_multiplier(mult_chars[:k]) if k else Decimal(1)
    a.pos += k


def _over_after_multiplier(text: str, a: _Amount) -> None:
    """1万多家, 3亿多: 多/余 after the multiplier (but 14亿多人口: 人 starts a word there)."""
    if a.unit is not None or a.pos >= len(text) or text[a.pos] not in "多余":
        return
    unit_after = match_unit(text, a.pos + 1)
    if unit_after is not None and unit_after.label == "CARDINAL" and text[a.pos + 1 : a.pos + 3] in CLASSIFIER_WORDS:
        unit_after = None
    if unit_after is not None:
        a.qualifier, a.pos, a.unit = "over", a.pos + 1, unit_after
    elif a.own_mult:
        a.qualifier, a.pos = "over", a.pos + 1


def _bare_figure(text: str, a: _Amount) -> tuple[str, str | None, Decimal] | _Reading | None:
    """A number without unit: index points, a date range's start, 兆 bandwidth, or _bare_reading."""
    start, pos = a.num.start, a.pos
    if text.startswith(DATE_UNITS, pos):
        return _index_points(text, a.num, pos)
    if _date_range_start(text, pos):
        return None  # 1至9月: the lower end of a date range (the dates component's)
    zhao = "兆" in a.num.raw if not a.num.is_arabic else a.own_mult and "兆" in text[start:pos]
    if zhao and not _money_context(text, start):
        return None  # 20兆进牧户: 兆 without a unit is a bandwidth (Mbit/s), not 10^12
        return None  # 20兆进牧户: 兆 without a unit is a bandwidth (Mbit/s), not 10^12
    has_mult = a.own_mult or (not a.num.is_arabic and any(ch in "万亿萬億兆" for ch in text[start:pos]))
    label, unit_name, amount = _bare_reading(text, start, pos, a.value * a.mult, has_mult, a.num.is_arabic)
    return None if label is None else (label, unit_name, amount)


def _unit_figure(text: str, a: _Amount, blocked: list[tuple[int, int]]
                 ) -> tuple[str, str | None, Decimal] | _Reading | None:
    """An amount in its unit: 一吨半, 五元-六元 (a range written with both units), 5000元/吨, 元整."""
    unit = a.unit
    assert unit is not None
    end_unit = a.pos + len(unit.surface)
    if not _accept_unit_boundary(text, end_unit, unit):
        return None
    a.pos = end_unit
    if unit.label in ("QUANTITY", "MONEY") and text[a.pos : a.pos + 1] == "半" and a.num.value_max is None:
        a.value, a.pos = a.value + Decimal("0.5") / a.mult, a.pos + 1
    amount = unit.convert(a.value * a.mult)
    if a.num.value_max is None and a.qualifier == "exact" and _range_may_follow(text, a.pos):
        ranged = _range_rule(text, a.num.start, a.pos, a.value, a.mult, True, unit, a.num, blocked)
        if ranged is not None:
            return ranged
    unit_name = unit.unit
    per = _per_unit(text, a.pos, unit_name)
    if per is not None:
        a.pos, unit_name, a.per = per
        amount /= a.per
    a.pos = _whole_amount_mark(text, a.pos, unit.label)
    return unit.label, unit_name, amount


def _closing(text: str, a: _Amount, label: str, unit_name: str | None, amount: Decimal) -> _Reading:
    """The qualifier after the figure (以上, 左右, 多), and a 七八个-style range's upper end."""
    pos, qualifier = a.pos, a.qualifier
    post = _post_qualifier(text, pos)
    if post is not None and (qualifier == "exact" or post[1] in ("at_least", "at_most", "about")):
        pos, qualifier = post
    num = a.num
    section = a.mult if a.own_mult else (Decimal(1) if num.is_arabic else _section_multiplier(num.raw))
    if num.value_max is not None:
        high = num.value_max * a.mult
        if a.unit is not None:
            high = a.unit.convert(high) / a.per
        return _Reading(num.start, pos, label, amount, unit_name, "range", high, section, a.unit, a.per)
    return _Reading(num.start, pos, label, amount, unit_name, qualifier, None, section, a.unit, a.per)


_DATE_RANGE_REST = re.compile(rf"[{re.escape(RANGE_SEPARATORS)}](?:[0-9]+|[{_CN_ALL}]+)(?:{'|'.join(DATE_UNITS)})")


def _date_range_start(text: str, pos: int) -> bool:
    """A separator and a number with a time unit follow: 1至9月, 3-5年 are dates, not counts."""
    return pos < len(text) and text[pos] in RANGE_SEPARATORS and _DATE_RANGE_REST.match(text, pos) is not None


def _multiplier_run(text: str, num: _Numeral, pos: int, qualifier: str) -> tuple[int, str]:
    """Where the multiplier characters after the numeral start, and what they are (5.2亿,
    1000多万, 十几万, 1000  万); a Chinese numeral holds its own multipliers, so only a decimal
    or a 几/多 form takes more."""
    if num.closed:
        return pos, ""
    if num.is_arabic and text.startswith(" ", pos):
        spaced = _SPACED_MULTIPLIER.match(text, pos)  # a transcript's spacing
        if spaced is None:
            return pos, ""
        pos = spaced.end() - 1
    if num.is_arabic or "点" in num.raw or qualifier == "over":
        j = pos
        while j < len(text) and text[j] in ARABIC_MULT:
            j += 1
        return pos, text[pos:j]
    return pos, ""


_SPACED_MULTIPLIER = re.compile(r" {1,2}[万亿](?![\u4e00-\u9fff]{0,1}[年月日])")


def _unit_after(text: str, pos: int, mult_chars: str) -> tuple[int, Unit | None]:
    """The unit or classifier after the multiplier; a classifier that starts a word is none."""
    k, unit = _best_unit(text, pos, mult_chars)
    if unit is not None and unit.label == "CARDINAL" and text[pos + k : pos + k + 2] in CLASSIFIER_WORDS:
        unit = None
    return k, unit


def _informal_suffix(text: str, num: _Numeral, pos: int) -> _Reading | None:
    """月薪15k, 年薪30w, 3M: k/K (1e3), w/W (1e4), M (1e6) after Arabic digits, in a money
    context or as the whole input; 65W elsewhere stays watts, 4K a resolution."""
    if not num.is_arabic or pos >= len(text) or text[pos] not in INFORMAL_SUFFIX_VALUE:
        return None
    end = pos + 1
    if end < len(text) and (ASCII_ALNUM.match(text[end]) or text.startswith("公司", end)):
        return None
    factor = Decimal(INFORMAL_SUFFIX_VALUE[text[pos]])
    value = num.value * factor
    unit = match_unit(text, end)
    if unit is not None and unit.label == "MONEY":
        return _Reading(num.start, end + len(unit.surface), "MONEY", unit.convert(value), unit.unit,
                        mult=factor, unit_obj=unit)
    post = _post_qualifier(text, end)
    rest = text[post[0] if post else end :]
    whole = not text[: num.start].strip(" -－−负~～至到0123456789.kKwWM") and not rest.strip()
    ranged = _range_rule(text, num.start, end, num.value, factor, True, None, num, [])
    if ranged is not None:
        return ranged  # 月薪10k-15k
    if _money_context(text, num.start):
        reading = _Reading(num.start, end, "MONEY", value, "CNY", mult=factor)
    elif whole:
        reading = _Reading(num.start, end, "CARDINAL", value, None, mult=factor)
    else:
        return None
    if post is not None:
        reading.end, reading.qualifier = post
    return reading


# ---- the range rule: one place for "a number, a separator, a number" ---------------------------
def _range_may_follow(text: str, pos: int) -> bool:
    """A range separator or an inclusive mark (含) at `pos`: the quick test before _range_rule."""
    return pos < len(text) and (text[pos] in RANGE_SEPARATORS or text[pos] in "(（")


def _range_rule(text: str, start: int, pos: int, value: Decimal, mult: Decimal, own_mult: bool,
                unit: Unit | None, num: _Numeral, blocked: list[tuple[int, int]]) -> _Reading | None:
    """3至5亿元, 20%-30%, 一百二十到一百五十万元, 1万(含)-5万元, 每月8000至1.2万元.

    The upper end is read as a figure of its own; a unit or multiplier written only once,
    after it, is shared by the lower end when the lower end is then not above the upper.
    """
    sep = pos
    for mark in INCLUSIVE_MARKS:
        if text.startswith(mark, sep):
            sep += len(mark)
            break
    if sep >= len(text) or text[sep] not in RANGE_SEPARATORS:
        return None
    if text[sep + 1 : sep + 2] == text[sep] and text[sep] in "-—~～":
        sep += 1  # 1万元--5万元, 2——3万港币
    upper = _upper_end(text, sep + 1, blocked)
    if upper is None or upper.qualifier != "exact" or upper.value_max is not None:
        return None
    if unit is not None and (upper.unit != unit.unit or upper.label != unit.label):
        return None
    shared = unit or upper.unit_obj
    candidates = [value * mult]
    if not own_mult and (num.is_arabic or _section_multiplier(num.raw) == 1):
        # the upper end's multiplier is shared when it fits: 两到三万 (万), 八到九百亿 (百亿)
        candidates = [value * upper.mult, value]
        if num.raw and len(num.raw) == 1 and num.raw in DIGIT_VALUE or num.is_arabic and value < 10:
            candidates.insert(0, value * _digit_multiplier(text, sep + 1, upper))
    for low in candidates:
        if shared is not None:
            low = shared.convert(low) / upper.per
        if low <= upper.value:
            return _Reading(start, upper.end, upper.label, low, upper.unit, "range", upper.value,
                            upper.mult, upper.unit_obj, upper.per)
    return None


def _digit_multiplier(text: str, pos: int, upper: _Reading) -> Decimal:
    """三千 -> 1000, 九百亿 -> 1e10, 3百 -> 100: all the multipliers of an upper end that is one
    digit and multipliers (十 excluded: 三到五十 is 3..50), else 1."""
    m = re.match(rf"(?:[{_CN_DIGITS}]|[0-9])([百佰千仟万萬亿億兆]+)", text[pos:upper.end])
    return parse_multiplier(m.group(1)) if m else Decimal(1)


def _upper_end(text: str, pos: int, blocked: list[tuple[int, int]]) -> _Reading | None:
    """The figure after a range separator (两~3百日元: in either script)."""
    second = NUMBER_RE.match(text, pos)
    if second is None:
        return None
    num = _read_numeral(text, second)
    if num is None or num.value_max is not None:
        return None
    return _extend(text, num, blocked)


# ---- per-unit amounts: 0.56元/千瓦时, 5000元/吨, 320人/平方公里 (section 9) ----------------------
def _per_unit(text: str, pos: int, unit_name: str | None) -> tuple[int, str, Decimal] | None:
    """A unit after '/' is the denominator, both ends canonical (5000元/吨 -> 5 CNY/kg):
    (end, compound unit, the factor to divide the amount by)."""
    if pos >= len(text) or text[pos] != "/" or unit_name is None or "/" in unit_name:
        return None
    den = match_unit(text, pos + 1)
    if den is None or den.label == "PERCENT" or den.offset or den.unit is None or "/" in den.unit:
        return None
    end = pos + 1 + len(den.surface)
    if not _accept_unit_boundary(text, end, den):
        return None
    return end, f"{unit_name}/{den.unit}", den.convert(Decimal(1))


def _whole_amount_mark(text: str, pos: int, label: str) -> int:
    """伍佰元整, 肆佰叁拾萬圆整, 壹拾壹元正: 整 (or 正) closing a written-out amount of money
    is in its span."""
    if label == "MONEY" and pos < len(text) and text[pos] in "整正" and text[pos - 1] in "元圆" and (pos + 1 >= len(text) or not HAN.match(text[pos + 1])):
        return pos + 1
    return pos


def is_arabic_decimal_tail(text: str, pos: int) -> bool:
    """多 inside a longer word (多方面, 多个) does not qualify the number before it."""
    return pos + 1 < len(text) and text[pos + 1] in "方种样元"


def _index_points(text: str, num: _Numeral, pos: int) -> _Reading | None:
    """3128.67点, 上证指数涨25点: 点 after an index level or change is a point, not a clock time."""
    if not text.startswith("点", pos) or not num.is_arabic:
        return None
    after = text[pos + 1 : pos + 2]
    if after and (after.isdigit() or after in "钟半整多前后左" or after in _CN_DIGITS):
        return None
    decimal = "." in normalize_digits(num.raw)
    cue = any(c in text[max(0, num.start - 10) : num.start] for c in INDEX_POINT_CUES)
    if not (decimal or num.value >= 25 or cue):
        return None
    reading = _Reading(num.start, pos + 1, "CARDINAL", num.value, "点")
    return _with_qualifiers(text, reading)


def _bare_reading(text: str, start: int, pos: int, amount: Decimal, has_mult: bool,
                  is_arabic: bool) -> tuple[str | None, str | None, Decimal]:
    """A number with no unit: 三大支撑 (CARDINAL), 国内生产总值57万亿 (MONEY), 1200 (CARDINAL)."""
    raw = text[start:pos]
    if not is_arabic and all(ch in "百千万亿兆" for ch in raw.replace("多", "")):
        return None, None, amount  # 千万不能, 亿万人民: vague or an adverb, no count
    if has_mult:
        if _money_context(text, start):
            return "MONEY", "CNY", amount
        return "CARDINAL", None, amount
    if is_arabic and _plain_count(text, start, pos, raw):
        return "CARDINAL", None, amount
    if not is_arabic and "点" in raw and not _clock_context(text, start, pos):
        return "CARDINAL", None, amount
    if not is_arabic and len(raw) >= 2 and any(ch in "十百千拾佰仟" for ch in raw):
        nxt = text[pos : pos + 1]
        before = text[start - 1 : start] if start else ""
        if not (nxt and (nxt in "大届、）)" or nxt in _CN_ALL)) and before not in ("（", "("):
            return "CARDINAL", None, amount
    if (not is_arabic and pos < len(text) and text[pos] == "大" and pos - start == 1
            and text[start] not in "一壹零〇百千万亿"):
        nxt = text[pos + 1 : pos + 2]
        if nxt and HAN.match(nxt) and nxt not in _CN_ALL:
            return "CARDINAL", None, amount
    return None, None, amount


def find_quantities(text: str) -> list[Mention]:
    """Every figure of `text` as a Mention with exact value, canonical unit and qualifier."""
    original = text
    if _fold_needed().search(text):  # most texts have nothing to fold
        text = _fold(text)  # same length: offsets into `text` hold for `original`
    readings = _readings(text)
    whole = _whole_numeral(text)
    if whole is not None and not any(r.start <= whole.start and whole.end <= r.end for r in readings):
        readings = [whole]
    readings.sort(key=lambda r: r.start)
    return [
        Mention(
            start=r.start,
            end=r.end,
            text=original[r.start : r.end],
            label=r.label,
            value=r.value,
            value_max=r.value_max,
            unit=_unit_as_written(r, text, original),
            qualifier=r.qualifier,
            source=SOURCE,
        )
        for r in readings
    ]


def _readings(text: str) -> list[_Reading]:
    """Every figure of a (folded) text: one scan of number matches, then the word rules."""
    blocked = _Blocked(_blocked_spans(text))
    readings: list[_Reading] = []
    consumed_until = 0
    for m in NUMBER_RE.finditer(text):
        start = m.start()
        if start < consumed_until or blocked.covers(start):
            continue
        reading = _reading_at(text, m, blocked.spans)
        if reading is None:
            continue
        readings.append(reading)
        consumed_until = reading.end
    readings = _merge_money(text, readings)
    if not (len(readings) == 1 and not text[: readings[0].start].strip() and not text[readings[0].end :].strip()):
        readings = _drop_article_one(text, readings)  # a whole input 一个 is the count 1
    taken = [(r.start, r.end) for r in readings]
    extra = [r for r in _half_readings(text) + _shou_readings(text) + _yiban_readings(text)
             if not any(r.start < e and s < r.end for s, e in taken) and not blocked.covers(r.start)]
    readings.extend(extra)
    return readings


_WHOLE_NUMERAL = re.compile(rf"\s*(?P<sign>[-－−负]?)\s*(?P<num>{ARABIC}|[{_CN_ALL}]+(?:点[{_CN_DIGITS}]+)?)\s*")


_SCIENTIFIC = re.compile(r"\s*(?P<num>[-－−]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE](?P<e>[-+－]?\d+)|\^(?P<p>[-+]?\d+))?)\s*")


def _whole_numeral(text: str) -> _Reading | None:
    """A whole input that is only a numeral ("二", "3000000", "廿", "2e5", "一 百 五 十 个 百 分 点")
    is that number: the rules for the article 一, codes and years apply inside prose only."""
    if len(text) > 40:
        return None
    m = _WHOLE_NUMERAL.fullmatch(text)
    if m is None:
        return _whole_scientific(text) or _whole_spaced(text) or _whole_mixed(text)
    raw = m.group("num")
    if all(ch in "百千万亿兆" for ch in raw):
        return None  # 万, 万万: a multiplier alone is no number
    try:
        value = parse_arabic(raw) if raw[0] in ARABIC_DIGITS else parse_chinese(raw)
    except (NumeralError, ArithmeticError):
        return None
    if m.group("sign"):
        value = -value
    return _Reading(m.start("sign") if m.group("sign") else m.start("num"), m.end("num"), "CARDINAL", value, None)


def _whole_scientific(text: str) -> _Reading | None:
    """2e5, -12e-1, 2^5, .5: a number in scientific or power notation, as a whole input."""
    m = _SCIENTIFIC.fullmatch(normalize_digits(text))
    if m is None or not any(ch.isdigit() for ch in m.group("num")):
        return None
    raw = m.group("num").replace("－", "-").replace("−", "-")
    try:
        if m.group("p") is not None:
            base, _, exp = raw.partition("^")
            value = Decimal(base) ** int(exp)
        else:
            value = Decimal(raw.replace("－", "-"))
    except (ArithmeticError, ValueError):
        return None
    return _Reading(m.start("num"), m.end("num"), "CARDINAL", value, None)


_MIXED_WHOLE = re.compile(rf"\s*(?P<num>[-负]?(?=.*[0-9])(?=.*[{_CN_ALL}])[0-9.{_CN_ALL}点]+)\s*")


def _whole_mixed(text: str) -> _Reading | None:
    """100万三千, 一百点123, 1百01: Arabic and Chinese numerals mixed in one whole input."""
    m = _MIXED_WHOLE.fullmatch(normalize_digits(text))
    if m is None:
        return None
    try:
        value = parse_mixed(m.group("num"))
    except NumeralError:
        return None
    return _Reading(m.start("num"), m.end("num"), "CARDINAL", value, None)


_SPACED_WHOLE = re.compile(rf"[\s{_CN_ALL}0-9{_FW_DIGITS}.．点分之又余多几成折个%％]+")


def _whole_spaced(text: str) -> _Reading | None:
    """五 分之 一, 一 百 五 十 个 百 分 点, 九 九 折: a whole input spelled out with spaces (speech
    transcripts) reads as the same input without them."""
    stripped = text.strip()
    if " " not in stripped or not _SPACED_WHOLE.fullmatch(stripped):
        return None
    compact = stripped.replace(" ", "")
    if not HAN.search(compact):
        return None  # 3 5, 2020 2021: Arabic groups side by side are separate numbers
    found = _readings(compact)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(compact):
        return None
    reading = found[0]
    reading.start = text.index(stripped[0])
    reading.end = reading.start + len(stripped)
    reading.unit_obj = None  # the unit as written is looked up in the compact text, not here
    return reading


_YIBAN = re.compile(r"一半|对折")


def _yiban_readings(text: str) -> list[_Reading]:
    """一半 is PERCENT 50 (section 9), with its qualifiers (一半以上, 近一半); so is 打对折."""
    out: list[_Reading] = []
    if "一半" not in text and "对折" not in text:
        return out
    for m in _YIBAN.finditer(text):
        before = text[m.start() - 1 : m.start()]
        if (m.group() == "一半" and before and before in "另这那每各") or (m.group() == "对折" and before != "打"):
            continue
        out.append(_with_qualifiers(text, _Reading(m.start(), m.end(), "PERCENT", Decimal(50), "%")))
    return out


def _unit_as_written(r: _Reading, folded: str, original: str) -> str | None:
    """A classifier is the unit as written (個 stays 個), though it was matched folded (个)."""
    if r.label != "CARDINAL" or r.unit is None or r.unit_obj is None or r.unit != r.unit_obj.surface:
        return r.unit
    i = folded.rfind(r.unit, r.start, r.end)
    return original[i : i + len(r.unit)] if i >= 0 else r.unit


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, int]:
    """Traditional characters and full-width slash folded, one character for one."""
    table = dict(traditional_table())
    table[ord("／")] = ord("/")
    return table


@lru_cache(maxsize=1)
def _fold_bmp() -> np.ndarray:
    """`_fold_table` as a code point -> code point array over the Basic Multilingual Plane."""
    table = np.arange(0x10000, dtype=np.uint32)
    for src, dst in _fold_table().items():
        if src < 0x10000:
            table[src] = dst
    return table


def _fold(text: str) -> str:
    """`text.translate(_fold_table())`, by a numpy lookup where every character is in the BMP
    (str.translate with a dict costs about 0.1 us a character)."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if not len(points) or int(points.max()) >= 0x10000:
        return text.translate(_fold_table())
    return _fold_bmp()[points].tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=1)
def _fold_needed() -> re.Pattern[str]:
    """Any character `_fold_table` changes."""
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_fold_table())) + "]")


class _Blocked:
    """Sorted, merged blocked spans with a binary-search membership test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.spans = merged
        self.starts = [s for s, _ in merged]

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.spans[i][1]


_CN_DIGIT_AFTER_MONEY = re.compile(rf"(零)?([{_CN_DIGITS}]|[0-9])(?![{_CN_ALL}0-9.．])")


def _merge_money(text: str, readings: list[_Reading]) -> list[_Reading]:
    """五元三毛 -> 5.3, 一块二 -> 1.2, 两毛五 -> 0.25, 三块零四 -> 3.04, 3斤5两 -> 1.75 kg."""
    out = _merge_adjacent_units(text, readings)
    for r in out:
        _trailing_coins(text, r)
    return out


def _merge_adjacent_units(text: str, readings: list[_Reading]) -> list[_Reading]:
    """Amounts in falling units side by side are one amount: 五元三毛, 3斤5两, 两美元又三美分."""
    out: list[_Reading] = []
    for r in readings:
        prev = out[-1] if out else None
        if (
            prev is not None and text[prev.end : r.start] in ("", "又", "零") and prev.unit == r.unit
            and prev.label == r.label and prev.label in ("MONEY", "QUANTITY")
            and prev.unit_obj is not None and r.unit_obj is not None
            and r.unit_obj.factor < prev.unit_obj.factor and prev.value_max is None
            and r.value_max is None and r.qualifier == "exact" and not r.unit_obj.offset
        ):
            prev.end, prev.value = r.end, prev.value + r.value
            prev.unit_obj = r.unit_obj
            continue
        out.append(r)
    return out


def _trailing_coins(text: str, r: _Reading) -> None:
    """A digit after 块/元/毛/角 names the next smaller coin: 一块二, 两毛五, 三块零四, 一角七分."""
    if r.label != "MONEY" or r.unit_obj is None or r.value_max is not None:
        return
    if r.unit_obj.surface not in ("块", "元", "圆", "毛", "角") or r.end >= len(text) or r.mult != 1:
        return
    m = _CN_DIGIT_AFTER_MONEY.match(text, r.end)
    if m is None or (match_unit(text, m.end()) is not None and text[m.end()] not in "角毛分"):
        return
    digit = Decimal(DIGIT_VALUE.get(m.group(2), 0) if not m.group(2).isdigit() else int(m.group(2)))
    step = r.unit_obj.factor / 10 / (10 if m.group(1) else 1)
    end = m.end()
    coin = text[end : end + 1]
    if coin == "分":  # 三块四分 -> 3.04, 两角五分 -> 0.25
        step, end = Fraction(1, 100), end + 1
    elif coin in ("角", "毛"):  # 一块二角 -> 1.2
        step, end = Fraction(1, 10), end + 1
    r.value += digit * Decimal(step.numerator) / Decimal(step.denominator)
    r.end = end
    if coin in ("角", "毛"):  # 一角七分: the cents after the dimes
        cents = _CN_DIGIT_AFTER_MONEY.match(text, end)
        if cents is not None and text.startswith("分", cents.end()):
            value = cents.group(2)
            r.value += Decimal(int(value) if value.isdigit() else DIGIT_VALUE[value]) / 100
            r.end = cents.end() + 1
            if text.startswith("钱", r.end):
                r.end += 1


HALF_RE = compile_prefiltered(rf"(?<![0-9{_CN_ALL}个])半(?=[^\s])")


def _half_readings(text: str) -> list[_Reading]:
    """半公升 -> 0.0005 m3, 半小时 -> 1800 s, 半成 -> 5 %: 半 standing for the number 0.5."""
    out = []
    for m in HALF_RE.finditer(text):
        pos = m.end()
        if text.startswith("成", pos):
            out.append(_Reading(m.start(), pos + 1, "PERCENT", Decimal(5), "%"))
            continue
        if text.startswith("折", pos) and not text.startswith(tuple(ZHE_BLOCKERS), pos + 1):  # 半折
            out.append(_Reading(m.start(), pos + 1, "PERCENT", Decimal(50), "%"))
            continue
        if text.startswith("百", pos):  # 年过半百
            out.append(_Reading(m.start(), pos + 1, "CARDINAL", Decimal(50), None))
            continue
        unit = match_unit(text, pos)
        if unit is not None and unit.label == "QUANTITY" and not unit.offset:
            out.append(_Reading(m.start(), pos + len(unit.surface), "QUANTITY",
                                unit.convert(Decimal("0.5")), unit.unit, unit_obj=unit))
    return out


_PASS = object()  # a rule's answer when it does not apply here (None: it applies, no figure)


def _reading_at(text: str, m: re.Match[str], blocked: list[tuple[int, int]]) -> _Reading | None:
    """The figure that starts with the number match `m`. Each rule fires on a pattern of the
    characters around the number (as Duckling's rules do); the first that applies reads it."""
    if _identifier_left(text, m):
        return None
    start, end = m.span()
    prev = text[start - 1] if start else ""
    nxt = text[end] if end < len(text) else ""
    cn = m.group("cn") is not None
    for fires, rule in (
        (prev == "每", _per_denominator_rule),
        (nxt in _FRACTION_TRIGGERS, _fraction_rule),
        (prev == "第", _ordinal_rule),
        (prev == "之", _percent_prefix_rule),
        (cn and prev in "几数上成", _vague_rule),
        (nxt in "度°", _temperature_rule),
        (cn and end - start == 1, _bare_multiplier_rule),
        (not cn and (nxt in ARABIC_MULT or nxt == " "), _arabic_sections_rule),
    ):
        if fires:
            reading = rule(text, m, blocked)
            if reading is not _PASS:
                return reading  # type: ignore[return-value]
    return _amount_rule(text, m, blocked)  # type: ignore[return-value]


_FRACTION_TRIGGERS = frozenset("分/又")


def _per_denominator_rule(text: str, m: re.Match[str], blocked: list[tuple[int, int]]) -> object:
    """每10股派1.5元, 每10万人口: a number right after 每 is the denominator of a rate, no
    figure (the amount after it is; section 9)."""
    return None if m.start() > 0 and text[m.start() - 1] == "每" else _PASS


def _identifier_left(text: str, m: re.Match[str]) -> bool:
    """Digits glued to letters, a dot or a slash on the left are part of a code (A380, v2.1),
    unless the letters are a currency written before the amount (RMB100, USD100); a factor of
    a product (7×24小时) is none either."""
    start = m.start()
    if start > 0 and text[start - 1] in "×＊*":
        return True
    if m.group("ar") is None or start == 0:
        return False
    if LEFT_BLOCK.match(text[start - 1]):
        return not text.endswith(_ascii_currency_prefixes(), 0, start)
    return start > 1 and text[start - 1] == "-" and bool(ASCII_ALNUM.match(text[start - 2]))


@lru_cache(maxsize=1)
def _ascii_currency_prefixes() -> tuple[str, ...]:
    return tuple(symbol for symbol, _ in currency_prefixes() if symbol.isascii() and symbol.isalpha())


def _fraction_rule(text: str, m: re.Match[str], blocked: list[tuple[int, int]]) -> object:
    """四分之一, 1/4, and the mixed number 三百五十又3分之1."""
    fraction = _fraction_at(text, m)
    if fraction is not None:
        return fraction
    if text.startswith("又", m.end()):
        nxt = NUMBER_RE.match(text, m.end() + 1)
        if nxt is not None:
            mixed = _fraction_at(text, nxt)
            if mixed is not None and mixed.start <= m.start():
                return mixed  # read from the whole part
    return _PASS


def _ordinal_rule(text: str, m: re.Match[str], blocked: list[tuple[int, int]]) -> object:
    """第三批, 第十一次."""
    if m.start() > 0 and text[m.start() - 1] == "第":
        return _ordinal(text, m)
    return _PASS


def _percent_prefix_rule(text: str, m: re.Match[str], blocked: list[tuple[int, int]]) -> object:
    """百分之二十, 千分之五, 百分之五到百分之八."""
    if _cn_percent_prefix(text, m.start()):
        return _percent_prefixed(text, m, blocked)
    return _PASS


def _vague_rule(text: str, m: re.Match[str], blocked: list[tuple[int, int]]) -> object:
    """几十个, 数百家, 成千: no definite figure; 上千人, 上百家, 上亿元: at_least (section 9)."""
    start, raw = m.start(), m.group(0)
    if start == 0 or text[start - 1] not in "几数上成" or raw[0] not in _SINGLE_MULTIPLIERS:
        return _PASS
    if text[start - 1] != "上" or raw[0] == "十" or (start > 1 and text[start - 2] in SHANG_BLOCKED_AFTER):
        return None
    if any(ch not in _SINGLE_MULTIPLIERS for ch in raw):
        return None
    num = _Numeral(start, m.end(), parse_multiplier(raw), raw=raw)
    pos = m.end()
    k, unit = _unit_after(text, pos, "")
    if unit is None:
        return None
    end = pos + len(unit.surface)
    if not _accept_unit_boundary(text, end, unit):
        return None
    return _Reading(start - 1, end, unit.label, unit.convert(num.value), unit.unit, "at_least",
                    unit_obj=unit)


def _bare_multiplier_rule(text: str, m: re.Match[str], blocked: list[tuple[int, int]]) -> object:
    """近千人, 千余人, 逾百万人次, 十几个, 十至十五个, 十大工程, 万吨级: a bare multiplier is a
    number only with a qualifier, a range, 大, or a class unit (…级); 万元国内生产总值,
    百公里油耗, 每千人口 name an indicator's denominator and are no figure (section 9)."""
    raw = m.group(0)
    if len(raw) != 1 or raw not in _SINGLE_MULTIPLIERS:
        return _PASS
    after = text[m.end() : m.end() + 1]
    unit_after = match_unit(text, m.end())
    if (
        (after and after in "余多几" + RANGE_SEPARATORS)
        or (raw == "十" and (after == "大" or unit_after is not None or (after != "" and after in "成折")))
        or _pre_qualifier(text, m.start()) is not None
        or (unit_after is not None and unit_after.surface.endswith("级"))
        or (unit_after is not None and raw != "兆"
            and _post_qualifier(text, m.end() + len(unit_after.surface)) is not None)
        or (unit_after is not None and unit_after.label == "QUANTITY"
            and (text.endswith(RACE_BEFORE, 0, m.start())
                 or text.startswith(RACE_AFTER, m.end() + len(unit_after.surface))))
    ):
        return _PASS
    return None


def _temperature_rule(text: str, m: re.Match[str], blocked: list[tuple[int, int]]) -> object:
    """摄氏37度, 零下5度."""
    temperature = _temperature(text, m)
    return _PASS if temperature is None else temperature


def _arabic_sections_rule(text: str, m: re.Match[str], blocked: list[tuple[int, int]]) -> object:
    """1万6千多户, 1亿5000万, 3万多亿元, 5万4千6百: Arabic digits written in sections."""
    if m.group("ar") is None:
        return _PASS
    start = m.start()
    compound = ARABIC_COMPOUND.match(text, start)
    sections = ARABIC_SECTIONS.match(text, start)
    if sections is not None and (compound is None or sections.end() > compound.end()):
        value = _sections_value(sections.group(0))
        if value is not None:
            num = _Numeral(start, sections.end(), value, raw=sections.group(0))
            reading = _extend(text, num, blocked)
            return None if reading is None else _finish(text, reading)
    if compound is not None and compound.group("n2") is not None and "." in compound.group("n1"):
        compound = None  # 1.5万3000 is no sectioned number
    if compound is not None:
        num = _Numeral(start, compound.end(), _compound_value(compound), over=bool(compound.group("more")),
                       raw=compound.group(0))
        reading = _extend(text, num, blocked)
        return None if reading is None else _finish(text, reading)
    return _PASS


def _amount_rule(text: str, m: re.Match[str], blocked: list[tuple[int, int]]) -> object:
    """Any other number: a share in 成 or 折, or an amount with its unit, range and qualifiers."""
    num = _read_numeral(text, m)
    if num is None:
        return None
    nxt = text[num.end : num.end + 1]
    if nxt and (nxt in "成折" or nxt in RANGE_SEPARATORS):
        cheng = _cheng_rule(text, num, blocked)
        if cheng is not _PASS:
            return cheng
    reading = _extend(text, num, blocked)
    return None if reading is None else _finish(text, reading)


# 1万6千多户, 1亿3千多万, 2万5千公里, 3万多亿元: an Arabic number written in sections.
ARABIC_COMPOUND = re.compile(
    r"(?P<n1>[0-9]+(?:\.[0-9]+)?)(?P<m1>[亿万])(?:(?<![.0-9][0-9][亿万])(?P<n2>[0-9]+)(?P<m2>[千百]?万?)|(?=[多余][亿万]))"
    r"(?P<more>多|余)?(?P<m3>(?<=[多余])[亿万])?"
)


ARABIC_SECTIONS = re.compile(r"(?:[0-9]+(?:\.[0-9]+)? ?[亿万千百十])(?: ?[0-9]+ ?[亿万千百十])+[0-9]*")
_SECTION = re.compile(r"([0-9]+(?:\.[0-9]+)?) ?([亿万千百十]?)")


def _sections_value(raw: str) -> Decimal | None:
    """5万4千6百 -> 54600, 1亿5000万 -> 150000000: multipliers must fall from left to right."""
    total, last = Decimal(0), None
    for number, mult in _SECTION.findall(raw):
        if not number:
            continue
        factor = MULTIPLIER_VALUE[mult] if mult else 1
        if last is not None and factor >= last:
            return None
        total += Decimal(number) * factor
        last = factor
    return total


def _compound_value(m: re.Match[str]) -> Decimal:
    first = Decimal(m.group("n1")) * MULTIPLIER_VALUE[m.group("m1")]
    if m.group("n2") is None:  # 3万多亿: the trailing multiplier scales the whole
        return first * MULTIPLIER_VALUE[m.group("m3")] if m.group("m3") else first
    second = Decimal(m.group("n2")) * parse_multiplier(m.group("m2") or "")
    if m.group("m3"):
        second *= MULTIPLIER_VALUE[m.group("m3")]
    return first + second


def _finish(text: str, reading: _Reading) -> _Reading | None:
    """Prefixes (currency, sign) and qualifier words before the number."""
    reading = _with_prefix(text, reading)
    pre = _pre_qualifier(text, reading.start)
    if pre is not None and reading.qualifier in ("exact", "over", "about") and reading.value_max is None:
        qualifier = pre[1] if reading.qualifier == "exact" else reading.qualifier
        reading.start, reading.qualifier = pre[0], qualifier
    return reading


NEGATIVE_PREFIXES = ("零下", "负", "-", "－", "−")


@lru_cache(maxsize=1)
def _prefix_words() -> tuple[str, ...]:
    return tuple(w for w, _ in currency_prefixes()) + NEGATIVE_PREFIXES


def _with_prefix(text: str, reading: _Reading) -> _Reading:
    """¥100 / $5亿 / 韩元100万 (a currency before the number, units.toml), 零下5摄氏度 / 负3% /
    -2% (negative)."""
    start = reading.start
    if start > 1 and text[start - 1] == " " and reading.label in ("MONEY", "CARDINAL"):
        start -= 1  # 新台币 177.1 亿元, USD 120万: one space after a currency
    if not text.endswith(_prefix_words(), 0, start):
        return _with_sign(text, reading)
    for symbol, code in currency_prefixes():
        s = start - len(symbol)
        if s >= 0 and text.startswith(symbol, s):
            if reading.label == "MONEY" or (reading.label == "CARDINAL" and reading.unit is None):
                if reading.label != "MONEY" or reading.unit == "CNY":
                    reading.label, reading.unit = "MONEY", code
                reading.start = s
            return reading
    return _with_sign(text, reading)


def _with_sign(text: str, reading: _Reading) -> _Reading:
    """负3%, -2%, 零下5摄氏度: a sign before the figure; 2020-2025 and 五元-六元 are ranges."""
    start = reading.start
    for prefix in NEGATIVE_PREFIXES:
        s = start - len(prefix)
        if s >= 0 and text.startswith(prefix, s):
            if prefix in "-－−" and s > 0 and (
                ASCII_ALNUM.match(text[s - 1]) or text[s - 1] in "%％" or _ends_with_unit(text, s)
            ):
                return reading
            if reading.label in ("PERCENT", "QUANTITY", "MONEY", "CARDINAL"):
                reading.start = s
                reading.value = -reading.value
                if reading.value_max is not None:
                    reading.value, reading.value_max = -reading.value_max, reading.value
            return reading
    return reading


def _ends_with_unit(text: str, pos: int) -> bool:
    """Whether a unit or classifier ends right before `pos` (五元-六元: '-' joins a range)."""
    for n in range(1, 5):
        if pos - n >= 0 and match_unit(text, pos - n) is not None:
            unit = match_unit(text, pos - n)
            if unit is not None and len(unit.surface) == n:
                return True
    return False


TEMPERATURE_PREFIXES = (("摄氏温度", "℃"), ("华氏温度", "°F"), ("摄氏", "℃"), ("华氏", "°F"))


def _temperature(text: str, m: re.Match[str]) -> _Reading | None:
    """摄氏37度, 华氏70度, 零下5度: a scale named before the number, 度 or ° after it."""
    start, end = m.start(), m.end()
    if end >= len(text) or text[end] not in "度°":
        return None
    scale = None
    prefix_start = start
    sign = 1
    for word in ("零下", "负", "-"):
        if text.startswith(word, start - len(word)):
            prefix_start, sign = start - len(word), -1
            break
    for word, unit_name in TEMPERATURE_PREFIXES:
        if text.startswith(word, prefix_start - len(word)):
            scale, prefix_start = unit_name, prefix_start - len(word)
            break
    if scale is None:
        below_zero = prefix_start != start and text[prefix_start:start] == "零下"
        if not below_zero and "温" not in text[max(0, prefix_start - 6) : prefix_start]:
            return None  # 度 is a temperature after 零下, or after 气温/体温/温度
        scale = "℃"
    try:
        value = _parse_numeral(m.group(0), m.group("ar") is not None)
    except (NumeralError, ArithmeticError):
        return None
    unit = match_unit(scale, 0)
    assert unit is not None
    return _Reading(prefix_start, end + 1, "QUANTITY", unit.convert(sign * value), unit.unit,
                    unit_obj=unit)


def _cn_percent_prefix(text: str, start: int) -> bool:
    return start >= 3 and text[start - 3 : start] in _PERCENT_PREFIX


_PERCENT_PREFIX = {
    "百分之": Decimal(1), "千分之": Decimal("0.1"), "万分之": Decimal("0.01"),
    "佰分之": Decimal(1), "仟分之": Decimal("0.1"),
}


IDENTIFIER_NEIGHBOURS = set("-－—–/:：.．﹒#@_~～·+＋×÷*=<>＜＞“”\"'版兆")


def _plain_count(text: str, start: int, pos: int, raw: str) -> bool:
    """A bare Arabic number that reads as a count, not a year, code, phone number or list index."""
    digits = normalize_digits(raw).replace(",", "")
    grouped = "," in normalize_digits(raw)
    if not grouped and (len(digits.split(".")[0]) >= 7 or (digits.startswith("0") and not digits.startswith("0."))):
        return False  # a telephone number, code or identifier
    before = text[start - 1] if start else ""
    if before and before in "-－−" and (start == 1 or not (ASCII_ALNUM.match(text[start - 2]) or text[start - 2] in "%％")):
        before = text[start - 2] if start > 1 else ""  # a sign, read by _with_prefix
    after = text[pos] if pos < len(text) else ""
    if after and (ASCII_ALNUM.match(after) or after in IDENTIFIER_NEIGHBOURS or after in "、）)]】〕」"):
        return False
    if before and (before in IDENTIFIER_NEIGHBOURS or before in "（([【〔「" or ASCII_ALNUM.match(before)):
        return False
    if before == " " and start > 1 and text[start - 2].isascii() and text[start - 2].isalpha():
        return False  # iPhone 15, Windows 11: a model name
    if after and after in IDENTIFIER_AFTER:
        return False  # 国道318线, 12345热线, 3号楼: names and identifiers
    if after == "后" and len(digits) == 2:
        return False  # 95后, 00后: a generation
    if text[max(0, start - 8) : start].rstrip(":： ").endswith(IDENTIFIER_BEFORE):
        return False  # 邮编200030, 电话：12345

    if re.fullmatch(r"(19|20)\d\d", digits):
        return False  # a year written without 年 (2020-2025, 2021版)
    return True


def _clock_context(text: str, start: int, pos: int) -> bool:
    """三点五 after 上午/下午 or before 分 is a time of day, not 3.5."""
    before = text[max(0, start - 2) : start]
    after = text[pos : pos + 1]
    return before in ("上午", "下午", "晚上", "凌晨", "早上", "中午", "傍晚") or (after != "" and after in "分半刻")


def _percent_prefixed(text: str, m: re.Match[str], blocked: list[tuple[int, int]]) -> _Reading | None:
    """百分之二十 -> 20 %; 千分之五 -> 0.5 %; 百分之十到十五 and 百分之五到百分之八 are ranges."""
    start = m.start() - 3
    prefix = text[start : m.start()]
    scale = _PERCENT_PREFIX[prefix]
    num = _read_numeral(text, m)
    if num is None or num.closed:
        return None
    value, value_max, end = num.value, num.value_max, num.end
    if value_max is None and end + 1 < len(text) and text[end] in RANGE_SEPARATORS:
        upper_start = end + 1 + (len(prefix) if text.startswith(prefix, end + 1) else 0)
        second = NUMBER_RE.match(text, upper_start)
        if second is not None and (second.group("cn") is not None) == (m.group("cn") is not None):
            upper = _read_numeral(text, second)
            if upper is not None and upper.value_max is None and not upper.closed and upper.value >= value:
                value_max, end = upper.value, upper.end
    if value_max is not None:
        return _Reading(start, end, "PERCENT", value * scale, "%", "range", value_max * scale)
    reading = _Reading(start, end, "PERCENT", value * scale, "%")
    post = _post_qualifier(text, reading.end)
    if post is not None and post[1] != "over":
        reading.end, reading.qualifier = post
    pre = _pre_qualifier(text, start)
    if pre is not None:
        reading.start, reading.qualifier = pre
    return reading


def _fraction_at(text: str, m: re.Match[str]) -> _Reading | None:
    """四分之一 / 三分之二 / 1/4 as a share of a whole: PERCENT."""
    end = m.end()
    if text.startswith("分之", end):
        numerator = NUMBER_RE.match(text, end + 2)
        if numerator is None:
            return None
        try:
            denominator_value = _parse_numeral(m.group(0), m.group("ar") is not None)
            numerator_value = _parse_numeral(numerator.group(0), numerator.group("ar") is not None)
        except (NumeralError, ArithmeticError):
            return None
        if denominator_value in (100, 1000, 10000) and m.group(0) in ("百", "千", "万", "佰", "仟"):
            return None  # 百分之 and friends are percentages, read by _percent_prefixed
        if denominator_value == 0:
            return None
        share = numerator_value / denominator_value
        start, stop = m.start(), numerator.end()
        whole = _mixed_whole(text, start)
        unit = match_unit(text, stop)
        if unit is not None and unit.label in ("QUANTITY", "MONEY") and whole is None:
            # 四分之一公升: a fraction of a unit is an amount of it
            stop += len(unit.surface)
            return _with_qualifiers(text, _Reading(start, stop, unit.label, unit.convert(share),
                                                   unit.unit, unit_obj=unit))
        if whole is not None or share > 1:
            # 十一又十四分之一, 三分之十: a number, not a share of a whole
            value = share if whole is None else whole[1] + (share if whole[1] >= 0 else -share)
            return _Reading(whole[0] if whole else start, stop, "CARDINAL", value, None)
        reading = _Reading(start, stop, "PERCENT", share * 100, "%")
        return _with_qualifiers(text, reading)
    if m.group("ar") is not None and text.startswith("/", end):
        second = NUMBER_RE.match(text, end + 1)
        if second is None or second.group("ar") is None:
            return None
        try:
            a, b = parse_arabic(m.group(0)), parse_arabic(second.group(0))
        except NumeralError:
            return None
        stop = second.end()
        if stop < len(text) and (text[stop] in "/-" or ASCII_ALNUM.match(text[stop])):
            return None
        if not (0 < a < b <= 100) or "." in m.group(0) + second.group(0):
            return None
        return _with_qualifiers(text, _Reading(m.start(), stop, "PERCENT", a * 100 / b, "%"))
    return None


def _mixed_whole(text: str, start: int) -> tuple[int, Decimal] | None:
    """The whole part of a mixed number ending in 又 before `start`: 十一又 -> (pos, 11)."""
    if start == 0 or text[start - 1] != "又":
        return None
    j = start - 1
    while j > 0 and (text[j - 1] in _CN_ALL or text[j - 1] in "0123456789０１２３４５６７８９.．"):
        j -= 1
    raw = text[j : start - 1]
    if not raw:
        return None
    try:
        value = _parse_numeral(raw, raw[0] in "0123456789０１２３４５６７８９")
    except (NumeralError, ArithmeticError):
        return None
    if text[j - 1 : j] == "负" and j > 0:
        return j - 1, -value
    return j, value


def _with_qualifiers(text: str, reading: _Reading) -> _Reading:
    post = _post_qualifier(text, reading.end)
    if post is not None and post[1] != "over":
        reading.end, reading.qualifier = post
    pre = _pre_qualifier(text, reading.start)
    if pre is not None and reading.qualifier == "exact":
        reading.start, reading.qualifier = pre
    return reading


def _cheng_rule(text: str, num: _Numeral, blocked: list[tuple[int, int]]) -> object:
    """三成, [三成]企业, 近[六成]受访者, 两到三成, 八折: a share in tenths (section 9)."""
    pos, value_max = num.end, num.value_max
    if value_max is None and pos + 1 < len(text) and text[pos] in RANGE_SEPARATORS:
        second = NUMBER_RE.match(text, pos + 1)  # 两到三成, 3-5成
        if second is not None and text.startswith("成", second.end()):
            upper = _read_numeral(text, second)
            if upper is not None and upper.value_max is None and upper.end == second.end():
                value_max, pos = upper.value, second.end()
    if pos >= len(text) or text[pos] not in "成折":
        return _PASS
    reading = _cheng(text, num.start, num.value, value_max, pos)
    return None if reading is None else _finish(text, reading)


def _cheng(text: str, start: int, value: Decimal, value_max: Decimal | None, pos: int) -> _Reading | None:
    """三成 -> 30 %; 七八成 -> 70-80 % range; 一成不变 and 唯一成为 are no shares."""
    if text[pos] == "折":
        return _zhe(text, start, value, pos) if value_max is None else None
    if text.startswith(CHENG_WORDS, pos):
        return None
    if value > 10 or (value_max is not None and value_max > 10):
        return None
    end = pos + 1
    if text[end : end + 1] == "半":  # 三成半 -> 35 %
        value, end = value + Decimal("0.5"), end + 1
    reading = _Reading(start, end, "PERCENT", value * 10, "%")
    if value_max is not None:
        reading.qualifier, reading.value_max = "range", value_max * 10
        return reading
    return _with_qualifiers(text, reading)


ZHE_BLOCKERS = set("合旧算射叠扣返腾磨服中")


def _zhe(text: str, start: int, value: Decimal, pos: int) -> _Reading | None:
    """八折 -> 80 %, 75折 -> 75 %, 9.9折 -> 99 %, 三八折 -> 38 %: a price as a share of the full one."""
    nxt = text[pos + 1 : pos + 2]
    if nxt and nxt in ZHE_BLOCKERS:
        return None  # 折合, 折旧, 折算
    raw = text[start:pos]
    if value == 10 and "点" not in raw and "." not in raw:
        return None  # 十折 is no discount
    if len(raw) == 2 and all(ch in DIGIT_VALUE for ch in raw):
        share = Decimal(DIGIT_VALUE[raw[0]] * 10 + DIGIT_VALUE[raw[1]])
    elif value < 10:
        share = value * 10
    elif value < 100:
        share = value
    else:
        return None
    return _Reading(start, pos + 1, "PERCENT", share, "%")


def _ordinal(text: str, m: re.Match[str]) -> _Reading | None:
    """第三批 -> 3 (classifier kept in the span), 第十一次 -> 11; dates like 第二季度 are not."""
    start = m.start() - 1
    try:
        value = _parse_numeral(m.group(0), m.group("ar") is not None)
    except (NumeralError, ArithmeticError):
        return None
    pos = m.end()
    if m.group("ar") is not None:
        j = pos
        while j < len(text) and text[j] in "万亿":
            j += 1
        value, pos = value * parse_multiplier(text[pos:j]), j  # 第100万辆
    if text.startswith(ORDINAL_EXCLUDED_UNITS, pos):
        return None
    if pos < len(text) and text[pos] in "章节条款编卷":
        return None  # a section number of a text (第三章, 第十七条) is an identifier
    if pos < len(text) and text[pos] in "、，,：:．." and (start == 0 or text[start - 1] in "\n：:；;。 \u3000（("):
        return None  # a list index: 第一、 第二，
    unit = match_unit(text, pos)
    if unit is not None and unit.label == "CARDINAL" and text[pos : pos + 2] not in CLASSIFIER_WORDS:
        pos += len(unit.surface)
    return _Reading(start, pos, "ORDINAL", value, None)


def _drop_article_one(text: str, readings: list[_Reading]) -> list[_Reading]:
    """一 + classifier is an article (打造一支队伍), unless it stands in a list of counts."""
    kept: list[_Reading] = []
    for r in readings:
        if r.label == "CARDINAL" and r.qualifier == "exact" and text[r.start] in "一壹":
            numeral = text[r.start : r.end]
            fan = r.unit == "番" and text[r.start - 1 : r.start] == "翻"  # 翻一番 (section 9)
            if r.unit is not None and r.unit != "倍" and not fan and numeral == "一" + (r.unit or ""):
                prev = kept[-1] if kept else None
                sentence_start = max(text.rfind(ch, 0, r.start) for ch in "。！？\n")
                if not (prev and prev.label == "CARDINAL" and prev.unit == r.unit
                        and prev.start > sentence_start):
                    continue
        kept.append(r)
    return kept


def _shou_readings(text: str) -> list[_Reading]:
    """首次, 首个, 首批 ... are ORDINAL 1 (gold/GUIDELINES.md, ANNOTATION.md section 8)."""
    out = []
    for m in re.finditer(rf"首(?:[{SHOU_CLASSIFIERS}])", text):
        if m.start() > 0 and text[m.start() - 1] in ORDINAL_BLOCKERS_BEFORE_SHOU:
            continue
        out.append(_Reading(m.start(), m.end(), "ORDINAL", Decimal(1), None))
    return out


__all__ = ["find_quantities"]

"""MONEY / PERCENT / QUANTITY / CARDINAL / ORDINAL, found on characters as Duckling does.

jieba cuts across quantity boundaries (20万公斤 -> 20 / 万公斤), so numbers are found with
regular expressions on the raw text, then extended right (multiplier, 多/余, unit or
classifier, 以上/左右 ...) and left (近/约/超 ...). Offsets are never re-derived from tokens.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from importlib import resources

from ..numbers import (
    DIGIT_VALUE,
    MULTIPLIER_VALUE,
    NumeralError,
    normalize_digits,
    parse_arabic,
    parse_chinese,
    parse_multiplier,
)
from ..schema import Mention
from ..units import Unit, match_unit, traditional_table

SOURCE = "quantities"

_CN_DIGITS = "零〇一二三四五六七八九两壹贰叁肆伍陆柒捌玖"
_CN_ALL = _CN_DIGITS + "十百千万亿拾佰仟萬億"
ARABIC = (
    r"[0-9０-９]+(?:,[0-9０-９]{3}(?![0-9０-９]))*(?:，[０-９]{3}(?![０-９]))*(?:[.．][0-9０-９]+)?"
)
CHINESE = rf"[{_CN_ALL}]+(?:点[{_CN_DIGITS}]+)?"
NUMBER_RE = re.compile(rf"(?P<ar>{ARABIC})|(?P<cn>{CHINESE})")
ARABIC_MULT = "十百千万亿"

# Qualifier words (ANNOTATION.md section 3 and 4), longest first.
PRE_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("不少于", "at_least"), ("不低于", "at_least"), ("不超过", "at_most"), ("不高于", "at_most"),
    ("不多于", "at_most"), ("最少", "at_least"), ("至多", "at_most"), ("多于", "over"),
    ("高于", "over"), ("大于", "over"), ("少于", "under"), ("小于", "under"),
    ("将近", "nearly"), ("接近", "nearly"), ("大约", "about"), ("超过", "over"),
    ("不到", "under"), ("不足", "under"), ("至少", "at_least"), ("最多", "at_most"),
    ("低于", "under"), ("近", "nearly"), ("约", "about"), ("超", "over"), ("逾", "over"),
)
# A one-character qualifier is a qualifier only when it does not end a word (附近, 节约, 赶超).
PRE_BLOCKERS: dict[str, str] = {
    "近": "附最邻靠就亲贴接将逼临", "约": "节签合制公条预契相特", "超": "赶高",
    "多于": "不", "高于": "不", "少于": "不",
}
POST_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("以上", "at_least"), ("以下", "at_most"), ("以内", "at_most"), ("左右", "about"),
    ("上下", "about"), ("多", "over"), ("余", "over"), ("内", "at_most"),
)
_PRE_WORDS = tuple(w for w, _ in PRE_QUALIFIERS)
_POST_WORDS = tuple(w for w, _ in POST_QUALIFIERS)
# A one-character classifier that starts a word is no classifier there: 十亿人口, 三家庭.
CLASSIFIER_WORDS = frozenset(
    "人口 人民 人才 人员 人类 人均 人工 人大 人力 人们 人群 人身 人文 人事 人居 人心 人物 "
    "家庭 家长 家园 家乡 家电 家属 家政 家族 部门 部署 部分 部件 条件 条例 条款 所有 "
    "所得 所在 种植 种子 类型 类别 位置 名单 名称 名义 名牌 台湾 台阶 批准 批发 次要 "
    "期间 期货 期限 场所 场景 场地 处理 处置 门户 门槛 件事 个人 个体 个性 个税 头部 支持 "
    "支出 支撑 支付 张家 座谈 户籍 户口 间接 对外 对于 对接 对标 例如 只有 只要 倍增 层次 "
    "层面 层级 组织 组建 组合 根本 根据 套餐 支柱 支队 台风 名片 个月 倍数".split()
)
RANGE_SEPARATORS = "至到-—–~～"
# Units of time that make a DATE (handled by the dates component), not a figure.
DATE_UNITS = ("个月", "年", "月", "日", "号", "天", "周", "季度", "世纪", "岁", "点", "时", "分")
ORDINAL_EXCLUDED_UNITS = ("年", "月", "日", "天", "季度", "周", "世纪")
MONEY_CUES = (
    "生产总值", "GDP", "收入", "投资", "资金", "金额", "财政", "赤字", "国债", "债券", "贷款",
    "支出", "预算", "税", "利润", "营收", "产值", "资产", "融资", "补贴", "奖励", "基金",
    "销售额", "营业额", "交易额", "贸易额", "进出口", "消费", "规模",
)
SHORT_QUOTE_MAX = 20
LEFT_BLOCK = re.compile(r"[A-Za-z0-9_.．/=%&?]")
ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
HAN = re.compile(r"[\u4e00-\u9fff]")
CHENG_FOLLOW = set("以左上多的，。；、）)：:,.;!?！？半")
ORDINAL_BLOCKERS_BEFORE_SHOU = set("元榜党为居昂回俯叩自")
SHOU_CLASSIFIERS = "次个位批家台款届座条例套场轮期项件架艘辆部种"


@lru_cache(maxsize=1)
def _stop_phrases() -> re.Pattern[str]:
    """Idioms and names that contain numerals but are no figure (data/numeral_stopwords.txt)."""
    raw = resources.files("xhextract").joinpath("data/numeral_stopwords.txt").read_text("utf-8")
    lines = [w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#")]
    patterns = [w[3:] for w in lines if w.startswith("re:")]
    words = sorted({w for w in lines if not w.startswith("re:")}, key=len, reverse=True)
    alternation = "|".join(patterns + [re.escape(w) for w in words])
    # A lookahead on the possible first characters lets the engine skip most positions at once
    # (the plain alternation costs as much as all the rest of the figure extractor).
    firsts = set().union(*(_first_chars(p) for p in patterns), (w[0] for w in words))
    return re.compile(f"(?=[{''.join(sorted(re.escape(c) for c in firsts))}])(?:{alternation})")


def _first_chars(pattern: str) -> set[str]:
    """The characters a stop-phrase pattern can start with (its first literal or class)."""
    from re import _parser as sre_parse  # the stdlib parser; stable across 3.11+

    chars: set[str] = set()
    for op, arg in sre_parse.parse(pattern):
        if op is sre_parse.ASSERT_NOT or op is sre_parse.ASSERT:
            continue  # a look-behind consumes nothing
        if op is sre_parse.LITERAL:
            chars.add(chr(arg))
        elif op is sre_parse.IN:
            for kind, value in arg:
                if kind is sre_parse.LITERAL:
                    chars.add(chr(value))
                elif kind is sre_parse.RANGE:
                    chars.update(chr(c) for c in range(value[0], value[1] + 1))
                else:
                    raise ValueError(f"numeral_stopwords.txt: unsupported class in {pattern!r}")
        elif op is sre_parse.MAX_REPEAT or op is sre_parse.MIN_REPEAT:
            return _first_chars_of(arg[2], pattern)
        else:
            raise ValueError(f"numeral_stopwords.txt: cannot find the first character of {pattern!r}")
        return chars
    raise ValueError(f"numeral_stopwords.txt: empty pattern {pattern!r}")


def _first_chars_of(subpattern, pattern: str) -> set[str]:
    from re import _parser as sre_parse

    for op, arg in subpattern:
        if op is sre_parse.LITERAL:
            return {chr(arg)}
        if op is sre_parse.IN:
            out = set()
            for kind, value in arg:
                if kind is sre_parse.LITERAL:
                    out.add(chr(value))
                elif kind is sre_parse.RANGE:
                    out.update(chr(c) for c in range(value[0], value[1] + 1))
            return out
    raise ValueError(f"numeral_stopwords.txt: cannot find the first character of {pattern!r}")


@dataclass
class _Reading:
    start: int
    end: int
    label: str
    value: Decimal
    unit: str | None
    qualifier: str = "exact"
    value_max: Decimal | None = None
    mult: Decimal = Decimal(1)
    unit_obj: Unit | None = None


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


def _chinese_range(raw: str) -> tuple[Decimal, Decimal] | None:
    """七八 -> (7, 8); 十七八 -> (17, 18); 三四十 -> (30, 40); 一两 -> (1, 2)."""
    m = re.fullmatch(r"(.*?)([一二三四五六七八九两])([二三四五六七八九两])([十百千万亿]*)", raw)
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
    clause_start = max(text.rfind(ch, 0, start) for ch in "，。；！？\n,;")
    window = text[max(clause_start + 1, start - 15) : start]
    return any(cue in window for cue in MONEY_CUES)


def _pre_qualifier(text: str, start: int) -> tuple[int, str] | None:
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
    if not text.startswith(_POST_WORDS, pos):
        return None
    for word, qualifier in POST_QUALIFIERS:
        if text.startswith(word, pos):
            if word in ("多", "余") and pos + 1 < len(text) and text[pos + 1] in "万亿":
                continue
            return pos + len(word), qualifier
    return None


def _read_amount(text: str, m: re.Match[str]) -> tuple[Decimal, Decimal | None, int, bool] | None:
    """Value (and range end) of a number match, its end, and whether it was approximate (几)."""
    is_arabic = m.group("ar") is not None
    raw = m.group(0)
    end = m.end()
    if not is_arabic:
        rng = _chinese_range(raw)
        if rng:
            return rng[0], rng[1], end, False
    if not is_arabic:
        # 七亿七千多万: the multiplier after 多 belongs to the numeral's last section
        tail = re.match(r"[多余]([万亿]+)", text[end : end + 4])
        if tail:
            try:
                return parse_chinese(raw + tail.group(1)), None, -end, False
            except NumeralError:
                pass
    if not is_arabic and len(raw) >= 2 and raw.endswith("两") and raw[-2] in _CN_ALL:
        raw, end = raw[:-1], end - 1  # 三十两: the last 两 is the mass unit (0.05 kg)
    try:
        value = _parse_numeral(raw, is_arabic)
    except (NumeralError, ArithmeticError):
        if is_arabic:
            return None
        # 一百千瓦: the numeral ran on into a unit that starts with a multiplier character
        for k in range(len(raw) - 1, 0, -1):
            if raw[k] in "十百千万亿" and match_unit(text, m.start() + k) is not None:
                try:
                    return parse_chinese(raw[:k]), None, m.start() + k, False
                except NumeralError:
                    continue
        return None
    approx = False
    if not is_arabic and end < len(text) and text[end] == "几" and raw[-1] in "十百千万":
        end += 1
        approx = True
    return value, None, end, approx


def _extend(text: str, start: int, value: Decimal, value_max: Decimal | None, pos: int,
            is_arabic: bool, approx: bool, blocked: list[tuple[int, int]]) -> _Reading | None:
    """Extend a number right (多, multiplier, unit, range, qualifiers) and left (近, 约 ...)."""
    qualifier = "over" if approx else "exact"
    if pos < 0:  # premultiplied Chinese numeral (七亿七千多万): skip 多 and the multiplier
        pos = -pos + 1
        while pos < len(text) and text[pos] in "万亿":
            pos += 1
        approx = True
        qualifier = "over"
    # 多/余 straight after the number: 3000多平方米, 100余人次, 1000多万
    if not approx and pos < len(text) and text[pos] in "多余" and not is_arabic_decimal_tail(text, pos):
        qualifier, pos = "over", pos + 1
    mult_chars = ""
    premultiplied = approx and qualifier == "over" and pos > start and text[pos - 1] in "万亿"
    if is_arabic or "点" in text[start:pos] or (qualifier == "over" and not premultiplied):
        j = pos
        while j < len(text) and text[j] in ARABIC_MULT:
            j += 1
        mult_chars = text[pos:j]
    if not mult_chars and text[pos : pos + 1] == " ":
        spaced = match_unit(text, pos + 1)
        if spaced is not None and spaced.label != "CARDINAL":
            pos += 1
    k, unit = _best_unit(text, pos, mult_chars)
    if unit is not None and unit.label == "CARDINAL" and text[pos + k : pos + k + 2] in CLASSIFIER_WORDS:
        unit = None
    if unit is not None and unit.surface == "个" and text[pos + k + 1 : pos + k + 2] == "半":
        half_unit = match_unit(text, pos + k + 2)
        if half_unit is not None and half_unit.label == "QUANTITY":  # 两个半小时
            value += Decimal("0.5")
            k, unit = k + 2, half_unit
    mult = parse_multiplier(mult_chars[:k]) if k else Decimal(1)
    pos += k
    if unit is None and pos < len(text) and text[pos] in "多余":
        # 1万多家 (but 14亿多人口: 人 starts a word there)
        unit_after = match_unit(text, pos + 1)
        if unit_after is not None and unit_after.label == "CARDINAL" and text[pos + 1 : pos + 3] in CLASSIFIER_WORDS:
            unit_after = None
        if unit_after is not None:
            qualifier, pos, unit = "over", pos + 1, unit_after
        elif k:
            qualifier, pos = "over", pos + 1
    # range: 3至5亿元, 20%-30%, 3-5亿元
    if value_max is None and pos < len(text) and text[pos] in RANGE_SEPARATORS:
        second = NUMBER_RE.match(text, pos + 1)
        if second is not None and (second.group("ar") is not None) == is_arabic:
            amount = _read_amount(text, second)
            if amount is not None and amount[1] is None and amount[2] > 0:
                inner = _extend(text, pos + 1, amount[0], None, amount[2], is_arabic, amount[3], blocked)
                if (
                    inner is not None
                    and inner.qualifier == "exact"
                    and (unit is None or inner.unit == _canonical(unit))
                ):
                    # a unit or multiplier written once, after the second number, is shared
                    own_mult = mult if k else inner.mult
                    low = value * own_mult
                    shared = unit or inner.unit_obj
                    if shared is not None:
                        low = shared.convert(low)
                    if low <= inner.value:
                        return _Reading(start, inner.end, inner.label, low, inner.unit, "range", inner.value)
    if unit is None:
        if pos < len(text) and text.startswith(DATE_UNITS, pos):
            return None
        has_mult = k > 0 or (not is_arabic and any(ch in "万亿萬億" for ch in text[start:pos]))
        label, unit_name, amount = _bare_reading(text, start, pos, value * mult, has_mult, is_arabic)
        if label is None:
            return None
    else:
        end_unit = pos + len(unit.surface)
        if not _accept_unit_boundary(text, end_unit, unit):
            return None
        pos = end_unit
        if unit.label in ("QUANTITY", "MONEY") and text[pos : pos + 1] == "半" and value_max is None:
            value, pos = value + Decimal("0.5") / mult, pos + 1  # 一吨半, 两米半
        label, unit_name, amount = unit.label, _canonical(unit), unit.convert(value * mult)
        if value_max is None and qualifier == "exact" and pos < len(text) and text[pos] in RANGE_SEPARATORS:
            second = NUMBER_RE.match(text, pos + 1)
            if second is not None and (second.group("ar") is not None) == is_arabic:
                upper = _read_amount(text, second)
                if upper is not None and upper[1] is None and upper[2] > 0:
                    inner = _extend(text, pos + 1, upper[0], None, upper[2], is_arabic, upper[3], blocked)
                    if (inner is not None and inner.qualifier == "exact" and inner.unit == unit_name
                            and inner.label == label and amount <= inner.value):
                        return _Reading(start, inner.end, label, amount, unit_name, "range", inner.value, mult, unit)
    post = _post_qualifier(text, pos)
    if post is not None and qualifier == "exact":
        pos, qualifier = post
    elif post is not None and post[1] in ("at_least", "at_most", "about"):
        pos, qualifier = post
    if value_max is not None:
        high = value_max * mult
        if unit is not None:
            high = unit.convert(high)
        return _Reading(start, pos, label, amount, unit_name, "range", high, mult, unit)
    return _Reading(start, pos, label, amount, unit_name, qualifier, None, mult, unit)


def is_arabic_decimal_tail(text: str, pos: int) -> bool:
    """多 inside a longer word (多方面, 多个) does not qualify the number before it."""
    return pos + 1 < len(text) and text[pos + 1] in "方种样元"


def _canonical(unit: Unit) -> str | None:
    return unit.unit


def _bare_reading(text: str, start: int, pos: int, amount: Decimal, has_mult: bool,
                  is_arabic: bool) -> tuple[str | None, str | None, Decimal]:
    """A number with no unit: 三大支撑 (CARDINAL), 国内生产总值57万亿 (MONEY), 1200 (CARDINAL)."""
    raw = text[start:pos]
    if not is_arabic and all(ch in "百千万亿" for ch in raw.replace("多", "")):
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
    if _fold_needed().search(text):  # most texts have nothing to fold: skip the slow translate
        text = text.translate(_fold_table())  # same length: offsets into `text` hold for `original`
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
    readings = _drop_article_one(text, readings)
    taken = [(r.start, r.end) for r in readings]
    extra = [r for r in _half_readings(text) + _shou_readings(text)
             if not any(r.start < e and s < r.end for s, e in taken) and not blocked.covers(r.start)]
    readings.extend(extra)
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


_CN_DIGIT_AFTER_MONEY = re.compile(rf"(零)?([{_CN_DIGITS}]|[0-9])(?![{_CN_ALL}0-9])")


def _merge_money(text: str, readings: list[_Reading]) -> list[_Reading]:
    """五元三毛 -> 5.3, 一块二 -> 1.2, 两毛五 -> 0.25, 三块零四 -> 3.04, 3斤5两 -> 1.75 kg."""
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
    for r in out:
        # a trailing digit after 块/元/毛/角 names the next smaller coin: 一块二, 两毛五, 三块零四
        if r.label != "MONEY" or r.unit_obj is None or r.value_max is not None:
            continue
        if r.unit_obj.surface not in ("块", "元", "毛", "角") or r.end >= len(text):
            continue
        m = _CN_DIGIT_AFTER_MONEY.match(text, r.end)
        if m is None or match_unit(text, m.end()) is not None:
            continue
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
    return out


HALF_RE = re.compile(r"(?<![0-9零〇一二三四五六七八九十百千万亿两个])半(?=[^\s])")


def _half_readings(text: str) -> list[_Reading]:
    """半公升 -> 0.0005 m3, 半小时 -> 1800 s, 半成 -> 5 %: 半 standing for the number 0.5."""
    out = []
    for m in HALF_RE.finditer(text):
        pos = m.end()
        if text.startswith("成", pos):
            out.append(_Reading(m.start(), pos + 1, "PERCENT", Decimal(5), "%"))
            continue
        unit = match_unit(text, pos)
        if unit is not None and unit.label == "QUANTITY" and not unit.offset:
            out.append(_Reading(m.start(), pos + len(unit.surface), "QUANTITY",
                                unit.convert(Decimal("0.5")), unit.unit, unit_obj=unit))
    return out


def _reading_at(text: str, m: re.Match[str], blocked: list[tuple[int, int]]) -> _Reading | None:
    start = m.start()
    is_arabic = m.group("ar") is not None
    if is_arabic and start > 0 and LEFT_BLOCK.match(text[start - 1]):
        return None
    if is_arabic and start > 1 and text[start - 1] == "-" and ASCII_ALNUM.match(text[start - 2]):
        return None
    fraction = _fraction_at(text, m)
    if fraction is not None:
        return fraction
    if text.startswith("又", m.end()):
        nxt = NUMBER_RE.match(text, m.end() + 1)
        if nxt is not None:
            mixed = _fraction_at(text, nxt)
            if mixed is not None and mixed.start == start:
                return mixed  # 三百五十又3分之1: read from the whole part
            if mixed is not None and mixed.start < start:
                return mixed
    if start > 0 and text[start - 1] == "第":
        return _ordinal(text, m)
    raw = m.group(0)
    if _cn_percent_prefix(text, start):
        return _percent_prefixed(text, m)
    if start > 0 and text[start - 1] in "几数上成" and raw[0] in "十百千万亿":
        return None  # 几十个, 数百家, 上千人, 成千: no definite figure
    if len(raw) == 1 and raw in "十百千万亿":
        # 近千人, 千余人, 逾百万人次, 十几个, 十至十五个, 十大工程, 万吨级: a bare multiplier is
        # a number only with a qualifier, a range, 大, or a class unit (…级)
        after = text[m.end() : m.end() + 1]
        unit_after = match_unit(text, m.end())
        if not (
            (after and after in "余多几" + RANGE_SEPARATORS)
            or (raw == "十" and (after == "大" or unit_after is not None or (after != "" and after in "成折")))
            or (unit_after is not None and unit_after.label != "CARDINAL")
            or _pre_qualifier(text, start) is not None
            or (unit_after is not None and unit_after.surface.endswith("级"))
        ):
            return None
    temperature = _temperature(text, m)
    if temperature is not None:
        return temperature
    compound = ARABIC_COMPOUND.match(text, start) if is_arabic else None
    sections = ARABIC_SECTIONS.match(text, start) if is_arabic else None
    if sections is not None and (compound is None or sections.end() > compound.end()):
        value = _sections_value(sections.group(0))
        if value is not None:
            reading = _extend(text, start, value, None, sections.end(), False, False, blocked)
            return None if reading is None else _finish(text, reading, True)
    if compound is not None:
        value, pos, approx = _compound_value(compound), compound.end(), bool(compound.group("more"))
        value_max = None
        reading = _extend(text, start, value, None, pos, False, approx, blocked)
        return None if reading is None else _finish(text, reading, True)
    amount = _read_amount(text, m)
    if amount is None:
        return None
    value, value_max, pos, approx = amount
    if value_max is None and pos + 1 < len(text) and text[pos] in RANGE_SEPARATORS:
        second = NUMBER_RE.match(text, pos + 1)  # 两到三成, 3-5成
        if second is not None and text.startswith("成", second.end()):
            upper = _read_amount(text, second)
            if upper is not None and upper[1] is None and upper[2] == second.end():
                value_max, pos = upper[0], second.end()
    if pos < len(text) and text[pos] in "成折":
        cheng = _cheng(text, start, value, value_max, pos)
        return None if cheng is None else _finish(text, cheng, is_arabic)
    reading = _extend(text, start, value, value_max, pos, is_arabic, approx, blocked)
    if reading is None:
        return None
    return _finish(text, reading, is_arabic)


# 1万6千多户, 1亿3千多万, 2万5千公里, 3万多亿元: an Arabic number written in sections.
ARABIC_COMPOUND = re.compile(
    r"(?P<n1>[0-9]+)(?P<m1>[亿万])(?:(?P<n2>[0-9]+)(?P<m2>[千百]?万?)|(?=多[亿万]))"
    r"(?P<more>多|余)?(?P<m3>(?<=[多余])[亿万])?"
)


ARABIC_SECTIONS = re.compile(r"(?:[0-9]+(?:\.[0-9]+)?[亿万千百十])(?:[0-9]+[亿万千百十])+[0-9]*")
_SECTION = re.compile(r"([0-9]+(?:\.[0-9]+)?)([亿万千百十]?)")


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


def _finish(text: str, reading: _Reading, is_arabic: bool) -> _Reading | None:
    """Prefixes (currency symbol, sign) and qualifier words before the number."""
    reading = _with_prefix(text, reading, is_arabic)
    if reading is None:
        return None
    pre = _pre_qualifier(text, reading.start)
    if pre is not None and reading.qualifier in ("exact", "over", "about") and reading.value_max is None:
        qualifier = pre[1] if reading.qualifier == "exact" else reading.qualifier
        reading.start, reading.qualifier = pre[0], qualifier
    return reading


CURRENCY_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("US$", "USD"), ("HK$", "HKD"), ("US＄", "USD"), ("$", "USD"), ("＄", "USD"),
    ("¥", "CNY"), ("￥", "CNY"), ("€", "EUR"), ("£", "GBP"), ("￡", "GBP"),
    # a currency named before the amount: 人民币3.14, 港币3.14元
    ("人民币", "CNY"), ("港币", "HKD"), ("港元", "HKD"), ("美元", "USD"), ("欧元", "EUR"),
    ("日元", "JPY"), ("英镑", "GBP"), ("新台币", "TWD"), ("澳门币", "MOP"),
)
NEGATIVE_PREFIXES = ("零下", "负", "-", "－", "−")
_PREFIX_WORDS = tuple(w for w, _ in CURRENCY_SYMBOLS) + NEGATIVE_PREFIXES


def _with_prefix(text: str, reading: _Reading, is_arabic: bool) -> _Reading | None:
    """¥100 / $5亿 (currency symbol before the number), 零下5摄氏度 / 负3% / -2% (negative)."""
    start = reading.start
    if not text.endswith(_PREFIX_WORDS, 0, start):
        return reading
    for symbol, code in CURRENCY_SYMBOLS:
        s = start - len(symbol)
        if s >= 0 and text.startswith(symbol, s):
            if reading.label == "MONEY" or (reading.label == "CARDINAL" and reading.unit is None):
                if reading.label != "MONEY" or reading.unit == "CNY":
                    reading.label, reading.unit = "MONEY", code
                reading.start = s
            return reading
    for prefix in NEGATIVE_PREFIXES:
        s = start - len(prefix)
        if s >= 0 and text.startswith(prefix, s):
            if prefix in "-－−" and s > 0 and (
                ASCII_ALNUM.match(text[s - 1]) or text[s - 1] in "%％" or _ends_with_unit(text, s)
            ):
                return reading  # 2020-2025, 20%-30%, 五元-六元 are ranges, not signs
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
    if end >= len(text) or text[end] not in "度°":
        return None
    if scale is None:
        if prefix_start == start or text[prefix_start : start] != "零下":
            return None
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
    return start >= 3 and text[start - 3 : start] in ("百分之", "千分之", "万分之")


_PERCENT_PREFIX = {"百分之": Decimal(1), "千分之": Decimal("0.1"), "万分之": Decimal("0.01")}


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
    if after and after in "线路号室楼届期版":
        return False  # 国道318线, 12345热线, 3号楼: names and identifiers
    if re.fullmatch(r"(19|20)\d\d", digits):
        return False  # a year written without 年 (2020-2025, 2021版)
    return True


def _clock_context(text: str, start: int, pos: int) -> bool:
    """三点五 after 上午/下午 or before 分 is a time of day, not 3.5."""
    before = text[max(0, start - 2) : start]
    after = text[pos : pos + 1]
    return before in ("上午", "下午", "晚上", "凌晨", "早上", "中午", "傍晚") or (after != "" and after in "分半刻")


def _percent_prefixed(text: str, m: re.Match[str]) -> _Reading | None:
    """百分之二十 -> 20 %; 千分之五 -> 0.5 %."""
    start = m.start() - 3
    scale = _PERCENT_PREFIX[text[start : m.start()]]
    amount = _read_amount(text, m)
    if amount is None or amount[2] < 0:
        return None
    value, value_max, end, _ = amount
    if value_max is None and end + 1 < len(text) and text[end] in RANGE_SEPARATORS:
        second = NUMBER_RE.match(text, end + 1)  # 百分之十到十五
        if second is not None and (second.group("cn") is not None) == (m.group("cn") is not None):
            upper = _read_amount(text, second)
            if upper is not None and upper[1] is None and upper[2] > 0 and upper[0] >= value:
                value_max, end = upper[0], upper[2]
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
        if denominator_value in (100, 1000, 10000) and m.group(0) in ("百", "千", "万"):
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


def _cheng(text: str, start: int, value: Decimal, value_max: Decimal | None, pos: int) -> _Reading | None:
    """三成 -> 30 %; 七八成 -> 70-80 % range; 一成不变 and 唯一成为 are no shares."""
    if text[pos] == "折":
        return _zhe(text, start, value, pos) if value_max is None else None
    nxt = text[pos + 1 : pos + 2]
    if nxt and nxt not in CHENG_FOLLOW and not nxt.isspace():
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
            if r.unit is not None and r.unit != "倍" and numeral == "一" + (r.unit or ""):
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

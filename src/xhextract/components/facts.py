"""The facts stage (ANNOTATION.md section 5): what each figure measures, whose, and when.

Pure functions over the text and its resolved mentions. Every MONEY, PERCENT, QUANTITY and
CARDINAL mention gets `sentence`, `measure`, and, where the text states them, `indicator`,
`object`, `period` (a DATE mention) and `subject` (a GPE/ORG/LOC/FAC mention). Rules read
clauses, jieba dictionary words of short windows (cached) and the entity and date mentions;
a field the rules cannot settle stays absent, since a wrong indicator misleads more than none.
Word lists live in data/facts.toml; demonstratives and their head nouns in data/anaphora.toml.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from ..schema import FACT_LABELS, Mention, Ref
from ..segment import dict_words, word_tags

OWNER_LABELS: frozenset[str] = frozenset(("GPE", "ORG", "LOC", "FAC"))
CLAUSE_BREAKS = "，。；！？\n,;!?"
SENTENCE_BREAKS = "。！？\n!?"
_CLOSERS = "”’」』）)"
_CLAUSE_RE = re.compile(f"[{CLAUSE_BREAKS}]")
_SENTENCE_RE = re.compile(f"[{SENTENCE_BREAKS}]")
# words, and GDP, CPI, M2, 5G
_CJK = re.compile(r"^(?:[\u4e00-\u9fff]+|[A-Za-z][A-Za-z0-9]*|[0-9]+[A-Za-z][A-Za-z0-9]*)$")
_BASELINE = frozenset(("比", "较", "相比", "相较"))  # words opening the baseline of a comparison
_CONNECTORS = frozenset(("、", "和", "与", "及", "以及", "或", "至"))
# Connectors of a coordinated indicator (电力、热力、燃气及水生产和供应业; 与 is often a preposition)
_COORDINATORS = frozenset(("、", "和", "及", "以及"))
_NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两几数多半余")
MAX_PHRASE = 20  # characters of an indicator, parentheticals not counted
MAX_OBJECT = 14  # characters read after a count for its object
MAX_TOPIC = 28  # characters of a quantity named by a clause before (inheritance)
MAX_TOPIC_CLAUSES = 3  # clauses looked back over for it
# A money figure written with its currency (not a bare 1100多万 read as money from its context)
_CURRENCY = re.compile(r"[元币镑]")
_HAN = re.compile("[\u4e00-\u9fff]")
# a bare count that is a value all the same (总诊疗人次[95.5亿], 收入比缩小至[2.05], 人口[14亿])
_SIZED = re.compile(r"[万亿.．]")
_PAREN = re.compile(r"[（(][^（()）]*[）)]")
# 每 + a round number + its noun before an indicator (每千人口, 每万人, 每百户): a denominator
_PER_UNIT = re.compile(r"每[0-9０-９一二三四五六七八九十百千万亿]+[\u4e00-\u9fff]{0,2}")
WINDOW = 40  # characters before a figure that its indicator and measure are read from
NOUN_TAGS = ("n", "vn", "an", "j", "l", "b", "ng")
# Tags that end a phrase: function words, pronouns, adverbs, numerals, time words...
STOP_TAGS = ("p", "c", "d", "r", "m", "q", "t", "u", "y", "e", "o", "x", "f", "zg", "uj")
# Standard statistical phrases jieba cuts in two (规模/以上): kept whole inside an indicator.
COMPOUNDS = ("规模以上", "限额以上", "亿元以上", "万元以上")


@dataclass(frozen=True)
class Lexicon:
    """The word lists of data/facts.toml, as sets."""

    increase: frozenset[str]
    decrease: frozenset[str]
    rate_only: frozenset[str]
    share: frozenset[str]
    to_level: frozenset[str]
    comparative_up: frozenset[str]
    comparative_down: frozenset[str]
    comparison: frozenset[str]
    not_a_whole: frozenset[str]
    linking: frozenset[str]
    auxiliaries: frozenset[str]
    stop: frozenset[str]
    verb_heads: frozenset[str]
    continues: tuple[str, ...]
    source_after: tuple[str, ...]
    not_owner_before: tuple[str, ...]
    topic_prefix: frozenset[str]
    own_reports: tuple[str, ...]
    measure_heads: tuple[str, ...]
    share_verbs: frozenset[str]
    share_nouns: frozenset[str]
    change_nouns: tuple[str, ...]
    inner_words: frozenset[str]
    modifiers: frozenset[str]
    basis: frozenset[str]
    conditions: frozenset[str]
    per_head: frozenset[str]
    prefixes: frozenset[str]
    place_nouns: frozenset[str]
    partners: frozenset[str]
    terms: frozenset[str]
    time_modifiers: frozenset[str]
    compare_up: tuple[str, ...]
    compare_down: tuple[str, ...]

    @property
    def changes(self) -> frozenset[str]:
        return self.increase | self.decrease


# Lists matched by prefix or suffix, tried longest first (比上年 before 比).
_LONGEST_FIRST = frozenset(("continues", "source_after"))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """data/facts.toml, read once: each field of Lexicon from the list of that name in any of
    the file's sections, as a frozenset or a tuple (file order) as the field is typed."""
    data = tomllib.loads(files("xhextract").joinpath("data/facts.toml").read_text("utf-8"))
    lists = {name: words for section in data.values() for name, words in section.items()}
    values: dict[str, frozenset[str] | tuple[str, ...]] = {}
    for f in fields(Lexicon):
        words = lists.pop(f.name)
        if f.name in _LONGEST_FIRST:
            words = sorted(words, key=len, reverse=True)
        values[f.name] = tuple(words) if f.type.startswith("tuple") else frozenset(words)
    if lists:
        raise ValueError(f"data/facts.toml: lists no Lexicon field reads: {sorted(lists)}")
    values["terms"] = values["terms"] | frozenset(COMPOUNDS)
    return Lexicon(**values)


class _Unit(NamedTuple):
    """A word of a window, or a whole mention inside it (a tuple: cheap to make)."""

    start: int
    end: int
    text: str
    mention: Mention | None = None


@lru_cache(maxsize=16384)
def _gap_words(phrase: str) -> tuple[str, ...]:
    """Dictionary words of a gap, with the COMPOUNDS and the terms jieba lacks merged back
    (规模/以上 -> 规模以上, 营/收 -> 营收; cached)."""
    lex = lexicon()
    out: list[str] = []
    for w in dict_words(phrase):
        if out and out[-1] + w in lex.terms:
            out[-1] += w
        elif len(out) >= 2 and out[-2] + out[-1] + w in lex.terms:
            out[-2:] = [out[-2] + out[-1] + w]
        elif len(w) >= 3 and word_tags().get(w, "l") == "l" and w[-2:] in lex.changes \
                and w[:-2] in word_tags():
            out.extend((w[:-2], w[-2:]))  # 价格上涨 (an idiom to jieba) is 价格 + 上涨
        else:
            out.append(w)
    return tuple(out)


def _tag(word: str) -> str:
    return word_tags().get(word, "n" if _CJK.match(word) else "x")


def _nounish(word: str, lex: Lexicon) -> bool:
    """A noun, a verb that heads quantities (收入), or a one-character measure head (赤字率's 率)."""
    return _tag(word).startswith(NOUN_TAGS) or word in lex.verb_heads or word in lex.terms \
        or (len(word) == 1 and word in lex.measure_heads)


def _boundaries(pattern: re.Pattern[str], text: str, mentions: Sequence[Mention]) -> list[int]:
    """Positions of break characters that are not inside a mention (1，234元 is one figure)."""
    inside = {m.start + hit.start() for m in mentions for hit in pattern.finditer(m.text)}
    return [hit.start() for hit in pattern.finditer(text) if not inside or hit.start() not in inside]


class _Doc:
    """A text with its mentions, clause and sentence breaks, for the per-figure rules."""

    def __init__(self, text: str, mentions: Sequence[Mention]) -> None:
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.mentions]
        self.clauses = _boundaries(_CLAUSE_RE, text, self.mentions)
        self.sentences = _boundaries(_SENTENCE_RE, text, self.mentions)
        self.lex = lexicon()
        self.topics: dict[tuple[int, int], Mention | None] = {}
        self.demonstratives: dict[tuple[int, int, bool], tuple[int, frozenset[str]] | None] = {}

    # -- spans ---------------------------------------------------------------------------
    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause holding [start, end): after the last break before it, to the next."""
        i = bisect.bisect_left(self.clauses, start)
        s = self.clauses[i - 1] + 1 if i else 0
        j = bisect.bisect_left(self.clauses, end)
        e = self.clauses[j] if j < len(self.clauses) else len(self.text)
        return s, e

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence holding [start, end), its terminator included, leading blanks not."""
        text, n = self.text, len(self.text)
        i = bisect.bisect_left(self.sentences, start)
        s = self.sentences[i - 1] + 1 if i else 0
        while s < start and (text[s].isspace() or text[s] in _CLOSERS):
            s += 1
        j = bisect.bisect_left(self.sentences, end)
        e = self.sentences[j] if j < len(self.sentences) else n
        if e < n and text[e] != "\n":
            e += 1
            while e < n and text[e] in _CLOSERS:
                e += 1
        return s, e

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions lying wholly inside [start, end), in order."""
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def units(self, start: int, end: int) -> list[_Unit]:
        """[start, end) as mentions and the dictionary words of the gaps between them."""
        out: list[_Unit] = []
        pos = start
        for m in self.mentions_in(start, end):
            if m.start < pos:
                continue
            out.extend(self._words(pos, m.start))
            out.append(_Unit(m.start, m.end, m.text, m))
            pos = m.end
        out.extend(self._words(pos, end))
        return out

    def _words(self, start: int, end: int) -> list[_Unit]:
        out = []
        pos = start
        if end > start:
            for w in _gap_words(self.text[start:end]):
                out.append(_Unit(pos, pos + len(w), w))
                pos += len(w)
        return out


# -- indicator --------------------------------------------------------------------------------


def _skip_linking(units: list[_Unit], lex: Lexicon) -> list[_Unit]:
    """`units` without the verbs, comparisons and dates between an indicator and its figure."""
    k = len(units)
    while k:
        u = units[k - 1]
        if u.mention is not None:
            # (首次 is an ORDINAL, and an adverb here: 粮食产量首次跃上[1.4万亿斤])
            if u.mention.label != "DATE" and not (u.mention.label == "ORDINAL" and u.text in lex.linking):
                break
        elif _ratio_noun(units, k - 1, lex):
            break  # 收入比缩小至[2.05], 与地区生产总值之比为[2.41%]: 比 is the noun "ratio"
        elif not (u.text in lex.linking or u.text.isspace() or u.text in lex.auxiliaries
                  or (u.text == "的" and k >= 2 and units[k - 2].mention is not None
                      and units[k - 2].mention.label == "DATE")  # 由2015年的[56.1%]
                  # 缩小至, 扩大到: a change word stating the level reached
                  or (u.text in lex.changes and k < len(units) and units[k].mention is None
                      and units[k].text in lex.to_level)):
            break
        k -= 1
    return units[:k]


def _ratio_noun(units: list[_Unit], i: int, lex: Lexicon) -> bool:
    """Whether the 比 at units[i] is the noun "ratio" ending an indicator (城乡居民收入比缩小至,
    与国内生产总值之比为), not the comparison 比上年: after a noun or 之, and followed up to the
    figure by linking and change words only (a baseline after 比 is a date or a noun)."""
    u = units[i]
    if u.mention is not None or u.text != "比" or i == 0 or i == len(units) - 1:
        return False
    left = units[i - 1]
    if left.mention is not None or not (left.text == "之" or _nounish(left.text, lex)):
        return False
    return all(x.mention is None and (x.text in lex.linking or x.text in lex.changes or x.text in lex.to_level)
               for x in units[i + 1 :])


def _opens_statement(units: list[_Unit], first: _Unit, lex: Lexicon) -> bool:
    """Whether a phrase starts a statement: after a verb that takes a quantity (实现, 完成), an
    owner or a date, or nothing (腾讯控股第二季度实现收入[1611亿元])."""
    k = units.index(first)
    if k == 0:
        return True
    u = units[k - 1]
    if u.mention is not None:  # (比去年预算: a date after 比 opens a baseline)
        return u.mention.label in OWNER_LABELS or (u.mention.label == "DATE" and not (
            k >= 2 and units[k - 2].mention is None and units[k - 2].text in _BASELINE))
    return u.text in ("实现", "完成", "取得", "录得")


def _is_age(u: _Unit) -> bool:
    """An age (60岁, 18周岁): a DATE mention that modifies a noun, never a period."""
    return u.mention is not None and u.mention.source.startswith("dates:age")


def _phrase_before(
    units: list[_Unit], lex: Lexicon, inner: frozenset[str] = frozenset(), lone: bool = False,
    verbal: bool = False, item: bool = False,
) -> tuple[str, int] | None:
    """The noun phrase ending the units (after linking words): (text, start), or None.

    `inner` words (和 of a 、-separated list item) are kept inside the phrase; with `lone`, a
    verb that heads quantities may stand alone (收入 of …生活费的收入, to be widened over 的);
    with `verbal`, a verb after a noun may head it (人才评选 of 人才评选、项目申报); with
    `item` (a member of a coordination), a lone verb too (研究 of 研究与试验发展).
    """
    given = len(units)
    units = _skip_linking(units, lex)
    touching = len(units) == given  # no verb or comparison between the phrase and the figure
    if units and units[-1].text in ("）", ")"):  # 固定资产投资（不含农户）[460814亿元]
        opening = [k for k, u in enumerate(units) if u.mention is None and u.text in ("（", "(")]
        if opening:
            units = _skip_linking(units[: opening[-1]], lex)
    kept: list[_Unit] = []
    skip_to = len(units)
    for k in range(len(units) - 1, -1, -1):
        if k >= skip_to:
            continue
        u = units[k]
        w = u.text
        if kept and u.mention is None and w in ("以上", "以下") and k >= 1:
            # 地级及以上城市, 县级以上医院: a class bound written before the noun it limits
            j = k - 1 if units[k - 1].text not in ("及", "或") else k - 2
            if j >= 0 and units[j].mention is None and _nounish(units[j].text, lex) \
                    and units[j].text not in lex.stop:
                kept.extend(reversed(units[j + 1 : k + 1]))
                skip_to = j + 1
                continue
            if j >= 0 and _is_age(units[j]):  # 60岁及以上老年人口: an age bound
                kept.extend(reversed(units[j : k + 1]))
                skip_to = j
                continue
        if kept and u.end == kept[-1].start and (
                _is_age(u) or (u.mention is not None and u.mention.label == "DATE"
                               and u.mention.source.startswith("dates:duration") and k
                               and units[k - 1].mention is None and units[k - 1].end == u.start
                               and kept[-1].mention is None
                               and _name_duration(units[k - 1].text, kept[-1].text, lex))):
            kept.append(u)  # 65岁老年人口, 学前三年毛入园率: an age or a span of years in a name
            continue
        left = units[k - 1] if k else None
        if kept and u.mention is None and len(w) == 1 and _tag(w) == "q" and left is not None \
                and left.mention is None and _CJK.match(left.text) and not _tag(left.text).startswith("m") \
                and left.end == u.start:
            kept.append(u)  # 充电桩数量: a one-character classifier after a word is a noun in it
            continue
        if kept and u.mention is None and w in ("”", "’") and kept[-1].start == u.end:
            opening = next((j for j in range(k - 1, max(-1, k - 6), -1) if units[j].mention is None
                            and units[j].text in ("“", "‘")), None)
            if opening is not None and units[k].end - units[opening].start <= 8:
                kept.extend(reversed(units[opening : k + 1]))  # 专精特新“小巨人”企业: a quoted
                skip_to = opening  # term inside the name
                continue
        if kept and u.mention is not None and u.mention.label in ("MONEY", "QUANTITY") \
                and u.mention.qualifier == "at_least" and u.end == kept[-1].start \
                and kept[-1].mention is None and _nounish(kept[-1].text, lex):
            kept.append(u)  # 亿元以上项目, 5000万元及以上项目投资: a class bound of the noun
            continue
        if kept and u.mention is None and w in ("）", ")"):
            # 广义货币(M2)余额, 细颗粒物（PM2.5）平均浓度: a short parenthetical inside the name
            opening = next((j for j in range(k - 1, max(-1, k - 8), -1) if units[j].mention is None
                            and units[j].text in ("（", "(")), None)
            if opening is not None and opening > 0 and units[k].end - units[opening].start <= 12 \
                    and _nounish(units[opening - 1].text, lex) and units[opening - 1].mention is None:
                kept.extend(reversed(units[opening : k + 1]))
                skip_to = opening
                continue
        left = units[k - 1] if k else None
        if not kept and k == len(units) - 1 and _ratio_noun(units + [_Unit(u.end, u.end, "为")], k, lex):
            kept.append(u)  # 收入比, 之比: the ratio noun heads the indicator
            if left is not None and left.text == "之":
                kept.append(left)
                skip_to = k - 1
            continue
        if not kept and touching and k == len(units) - 1 and u.mention is None and w in lex.stop \
                and _tag(w) == "v" and w not in lex.linking and left is not None and left.mention is None \
                and _tag(left.text).startswith(("n", "j")) and left.text not in lex.stop \
                and k >= 2 and units[k - 2].mention is None and _tag(units[k - 2].text) == "v":
            # 完成棚户区改造[4.8万套]: the object of a verb, a verb after its noun touching the
            # figure (but 保障性住房基本建成[470万套]: a clause with its own verb)
            kept.append(u)
            continue
        if kept and left is not None and left.mention is None and left.text not in lex.stop and (
            (w in inner and _CJK.match(left.text))
            or (w in lex.inner_words and _nounish(left.text, lex))
        ):
            kept.append(u)  # 可再生能源新增装机, 农村建成住宅, 家电类商品零售额
            continue
        modifier = (  # 超长期特别国债: adverb-tagged words before a noun are modifiers
            kept and len(w) > 1 and _tag(w) == "d"
            and (_nounish(kept[-1].text, lex) or (_tag(kept[-1].text) == "d" and len(kept) > 1))
            and u.mention is None and w not in lex.stop and w not in lex.linking
        ) or (  # 经济增长预期目标: a change word between two nouns names the growth of the first
            kept and w in lex.changes and len(w) > 1 and u.mention is None and left is not None
            and left.mention is None and _tag(left.text).startswith("n") and left.text not in lex.stop
            and _nounish(kept[-1].text, lex)
        ) or (kept and w in lex.time_modifiers and u.mention is None and _nounish(kept[-1].text, lex)
              ) or (  # 基本每股收益, 每户用电量: a per-unit word before the noun it divides
            kept and len(w) == 2 and w[0] == "每" and u.mention is None and _nounish(kept[-1].text, lex)
        ) or (kept and w in lex.modifiers and u.mention is None
              and (_nounish(kept[-1].text, lex) or _tag(kept[-1].text).startswith("v")
                   or kept[-1].text in lex.per_head)) or (
            # 平均每人占有粮食: a per-head word before the verb it qualifies
            kept and w in lex.per_head and u.mention is None
            and (_tag(kept[-1].text).startswith("v") or kept[-1].text in lex.modifiers)
        ) or (  # (平均每人拥有住房面积: the verb stays, though 拥有 ends a phrase elsewhere)
            kept and u.mention is None and _tag(w) == "v" and _nounish(kept[-1].text, lex)
            and left is not None and left.mention is None
            and (left.text in lex.per_head or left.text == "平均")
        ) or (
            # 超长期特别国债: a one-character prefix glued to the modifier jieba cut it from
            kept and w in lex.prefixes and u.mention is None and kept[-1].mention is None
            and u.end == kept[-1].start and _tag(kept[-1].text) in ("d", "a", "b")
        ) or (
            # 利息年支出, 港澳台商: a "numeral" without a numeral in it modifies the noun
            kept and _tag(w) == "m" and not _NUMERAL_CHARS.intersection(w) and u.mention is None
            and _CJK.match(w) is not None and w not in lex.stop and w not in lex.linking
        )
        if kept and u.mention is not None and u.mention.label in OWNER_LABELS \
                and len(kept[-1].text) == 1 and kept[-1].start == u.end and kept[-1].mention is None \
                and _tag(kept[-1].text).startswith("n"):
            kept.append(u)  # 港澳台商投资企业: a place bound to a one-character noun is in a name
            continue
        if kept and u.mention is None and w in lex.place_nouns and any(
                x.mention is None and x.text in lex.partners for x in units[max(0, k - 6) : k]):
            break  # 与其他RCEP国家货物贸易: a place group after a partner preposition is the partner
        stop = not modifier and (
            u.mention is not None or w in lex.stop or w in lex.linking or not _CJK.match(w)
            or (_tag(w).startswith(STOP_TAGS) and w not in lex.terms))
        if stop:
            if kept and ((u.mention is None and w in _BASELINE) or (
                    k and (u.mention is not None or _tag(w).startswith(("f", "r")))
                    and units[k - 1].mention is None and units[k - 1].text in _BASELINE)):
                return None  # 比全省平均水平, 较上季度: a phrase after 比/较 is the baseline
            if kept:  # 集团购买力要按上年实际数额核减: the quantity stands before the basis
                for j in range(k, max(-1, k - 3), -1):
                    if units[j].mention is None and units[j].text in lex.basis:
                        return _phrase_before(units[:j], lex, inner) if j else None
            break
        kept.append(u)
    kept.reverse()
    if kept and kept[0].mention is None:
        k = units.index(kept[0])
        for j in range(k - 1, max(-1, k - 5), -1):
            # 每千人口执业医生, 每万人口发明专利拥有量: the denominator names the indicator (section 9)
            if units[j].mention is None and _PER_UNIT.fullmatch("".join(u.text for u in units[j:k])):
                kept[:0] = units[j:k]
                break
    if kept:
        k = units.index(kept[0])
        if len(kept) > 2 and kept[-2].text == "之" and k and units[k - 1].mention is None \
                and units[k - 1].text in ("与", "同", "和"):
            kept.insert(0, units[k - 1])  # 与国内生产总值之比: the ratio's partner is its name
            k -= 1
        if k and units[k - 1].mention is None and units[k - 1].text in lex.inner_words \
                and ((kept[-1].text.endswith(lex.measure_heads) and len(kept[-1].text) > 1)
                     or kept[-1].text in lex.verb_heads):  # (新增城镇就业: a flow)
            kept.insert(0, units[k - 1])  # 新增政府债务总规模: a new amount keeps its 新增
            k -= 1
        if any(u.mention is None and u.text in lex.conditions for u in units[max(0, k - 1) : k + 1]):
            return None  # 扣除价格因素实际增长6.1%: a condition, not the quantity
    if len(kept) == 1 and _tag(kept[0].text) == "v":
        # a lone verb (就业) takes the linking word and nouns before it: 城镇新增就业
        i = len(units) - 2
        if i >= 1 and units[i].mention is None and units[i].text in lex.linking \
                and units[i - 1].mention is None and _nounish(units[i - 1].text, lex) \
                and units[i - 1].text not in lex.stop:
            kept = [units[i - 1], units[i], kept[0]]
    kept = _object_of_inner_verb(kept, lex)
    if touching and len(kept) > 2 and kept[-1].mention is None and _tag(kept[-1].text) == "v" \
            and not _nounish(kept[-1].text, lex):
        verbs = [i for i, x in enumerate(kept[:-1]) if x.mention is None and _tag(x.text) == "v"
                 and x.text not in lex.inner_words]
        if verbs:  # 省级给予一次性奖补[100万元]: an activity's phrase ends at the verb before it
            kept = kept[verbs[-1] + 1 :]
    # (支付各类赔款: a verb before a quantifier of kinds takes an object, even of an amount noun)
    if len(kept) > 1 and (not kept[-1].text.endswith(lex.measure_heads) or kept[1].text.startswith("各")):
        while len(kept) > 1 and _tag(kept[0].text) == "v" and kept[0].text not in lex.verb_heads \
                and kept[0].text not in lex.inner_words and len(kept[0].text) > 1 \
                and kept[1].text not in _COORDINATORS:  # (租赁和商务服务业: a coordinated item)
            kept.pop(0)  # 审议法律议案 -> 法律议案, but 转化金额 keeps its verb
    if not kept:
        return None
    phrase = "".join(u.text for u in kept)
    head = kept[-1].text
    # 人才评选 of a list (verbal), 生猪出栏[72662万头], 研究生教育招生[130万人]: a verb after its
    # noun names the quantity of that activity when nothing stands between it and the figure
    event = len(kept) > 1 and _nounish(kept[-2].text, lex) and kept[-2].mention is None and (
        (verbal and _tag(head) in ("v", "vn"))
        or (touching and _tag(head) == "v" and head not in lex.changes and head not in lex.linking
            and not head.endswith(_RESULT_ENDS) and not _after_preposition(units, kept[0])))
    if not (2 <= len(_PAREN.sub("", phrase)) <= MAX_PHRASE) or not _HAN.search(phrase) \
            or not (_nounish(head, lex) or event or (head == "比" and len(kept) > 1)
                    or (item and len(kept) == 1 and _tag(head) == "v")) \
            or _tag(head) == "b":
        return None  # (a distinguishing word such as 省级 or 大型 heads no quantity)
    if len(kept) == 1 and (_tag(head) == "v" or (_tag(head) == "vn" and head not in lex.verb_heads)) \
            and not (lone and head in lex.verb_heads) and not item \
            and not (head in lex.verb_heads and _opens_statement(units, kept[0], lex)):
        return None  # a lone verb (就业, 培育) names no quantity without its noun
    return phrase, kept[0].start


# verbs ending in a result or copula (定为, 列为, 用于): they link a phrase to a figure, they name no
# activity of their own
_RESULT_ENDS = ("为", "在", "到", "至", "于", "成")


def _after_preposition(units: list[_Unit], first: _Unit) -> bool:
    """Whether the phrase starting at `first` follows a preposition (向实体经济让利, 为企业减税):
    its noun is no subject of the verb after it."""
    k = units.index(first)
    while k > 0 and units[k - 1].mention is None and (  # 为企业和个人减税: past the coordination
            units[k - 1].text in _COORDINATORS or _tag(units[k - 1].text).startswith(("n", "j"))):
        k -= 1
    return k > 0 and units[k - 1].mention is None and (
        _tag(units[k - 1].text) == "p" or units[k - 1].text in ("为", "向", "对", "给", "替"))


def _object_of_inner_verb(kept: list[_Unit], lex: Lexicon) -> list[_Unit]:
    """The object of a verb inside a phrase, when a subject noun stands before the verb and a
    quantifier of kinds (各类, 各项) opens its object: 组织企业参加各类技能竞赛 -> 各类技能竞赛.
    Other verbs inside a phrase stay: they make compounds (医疗器械注册证书, 粮食种植面积)."""
    for i in range(len(kept) - 2, 0, -1):
        u, left, right = kept[i], kept[i - 1], kept[i + 1]
        if u.mention is None and _tag(u.text) == "v" and u.text not in lex.verb_heads \
                and u.text not in lex.inner_words and left.mention is None \
                and _tag(left.text).startswith(("n", "j")) and left.text not in lex.per_head \
                and right.mention is None and right.text in lex.modifiers and right.text.startswith("各"):
            return kept[i + 1 :]
    return kept


def _indicator_before(
    units: list[_Unit], lex: Lexicon, opens_clause: bool = True
) -> tuple[str, int] | None:
    """The indicator ending the units: the noun phrase before the figure, widened to the left
    over coordinated phrases (国民收入和国家财政收入都比上年增长) and over a modifier joined by 的
    (银行的各项贷款总额), when what stands left of the widened phrase is a clean boundary
    (`opens_clause`: the units start where the clause does, not after a figure or a cut)."""
    found = _phrase_before(units, lex)
    lone = found is None  # 生活费的收入: a lone verb head counts only with its 的 modifier
    if lone:
        # (各类赔款及给付: a lone verb counts only as the last member of a coordination)
        found = _phrase_before(units, lex, lone=True)
        if found is None:
            found = _phrase_before(units, lex, item=True)
            at = None if found is None else _unit_at(units, found[1])
            if not at or units[at - 1].mention is not None or units[at - 1].text not in ("及", "和", "与", "以及"):
                return None
    text, start = found
    end = start + len(text)
    k = _unit_at(units, start)
    if k is None:
        return None if lone else found
    best = start
    while k >= 2:
        joint = units[k - 1]
        if joint.mention is not None or joint.text not in _COORDINATORS | {"的", "与"}:
            break
        if joint.text == "与" and (units[k - 2].mention is not None
                                  or not _tag(units[k - 2].text).startswith(("n", "vn"))
                                  or units[k - 2].text in lex.stop or units[k - 2].text in lex.place_nouns):
            break  # 全省与沿线国家, 上海与江苏: 与 names a partner; 研究与试验发展 is one name
        if joint.text == "的" and units[k - 2].mention is None and units[k - 2].text == "下" and k >= 3:
            # 非国际财务报告准则下的净利润, 新口径下的增速: a frame "X下" before 的 is part of the name
            left = _phrase_before(units[: k - 2], lex)
            if left is not None and left[1] + len(left[0]) == units[k - 2].start:
                j = _unit_at(units, left[1])
                if j is not None and _clean_left(units, j, lex, opens_clause) \
                        and not (j and units[j - 1].text in ("在", "于")):  # 在疫情影响下的: a circumstance
                    start = best = left[1]
            break
        if joint.text == "的" and units[k - 2].mention is None and not _nounish(units[k - 2].text, lex):
            j = _verbal_modifier(units[: k - 1], lex, text)
            if j is not None:  # 实际使用的国外资金, 对全球经济增长的贡献率
                start = best = units[j].start
            break  # 加快建设的重大项目: another verbal modifier is no part of the name
        # (a list item before 、 may be an event noun: 推荐各类人才评选、人才项目申报)
        left = _phrase_before(units[: k - 1], lex, verbal=joint.text == "、", item=joint.text != "的")
        if left is not None and joint.text == "、" and "“" in left[0]:
            break  # (农村承包地“三权”分置改革、确权面积: a quoted reform is no list item)
        if left is None or left[1] + len(left[0]) != joint.start:
            break  # (a linking word was skipped: no phrase ends at the joint)
        j = _unit_at(units, left[1])
        if j is None:
            break
        k, start = j, left[1]
        if _clean_left(units, j, lex, opens_clause):
            best = start  # (a list item after another connector is not yet a boundary)
    start = best
    if start == found[1]:
        return None if lone else found
    return "".join(u.text for u in units if start <= u.start and u.end <= end), start


def _unit_at(units: list[_Unit], start: int) -> int | None:
    """The index of the unit that starts at `start`, if one does."""
    return next((i for i, u in enumerate(units) if u.start == start), None)


def _verbal_modifier(units: list[_Unit], lex: Lexicon, head: str) -> int | None:
    """Where a verbal modifier ending the units (before 的 and the indicator `head`) starts,
    when it belongs to the indicator: a 对 phrase before a rate or a degree (对全球经济增长的
    贡献率, with the noun phrase before 对 if any), or a verb led by a statistical qualifier
    (实际使用的国外资金); None for a plain verbal modifier (加快建设的重大项目)."""
    n = len(units)
    if head.endswith(("率", "度")):
        for j in range(n - 2, max(-1, n - 8), -1):
            u = units[j]
            if (u.mention is not None and u.mention.label not in OWNER_LABELS) or not _CJK.match(u.text):
                break
            if u.mention is None and u.text == "对":
                left = _phrase_before(units[:j], lex)  # 最终消费支出对经济增长的贡献率
                if left is not None and left[1] + len(left[0]) == u.start:
                    k = _unit_at(units, left[1])
                    if k is not None and _clean_left(units, k, lex):
                        return k
                return j
    i = n  # the verb's object (可用于生活费), then the verb, then its qualifier
    while i and units[i - 1].mention is None and _nounish(units[i - 1].text, lex) \
            and units[i - 1].text not in lex.stop:
        i -= 1
    j = i
    while j and units[j - 1].mention is None and (
            _tag(units[j - 1].text) == "v" or units[j - 1].text in lex.auxiliaries) \
            and units[j - 1].text not in lex.stop:
        j -= 1
    q = j
    while q and units[q - 1].mention is None and units[q - 1].text in lex.modifiers:
        q -= 1
    return q if q < j < i else None


def _clean_left(units: list[_Unit], j: int, lex: Lexicon, opens_clause: bool = True) -> bool:
    """Whether a widened indicator may start at units[j]: at the start of the clause, or after
    a date, a place or organisation, a colon, or a verb (推荐各类人才评选、人才项目申报)."""
    if j == 0:
        return opens_clause
    u = units[j - 1]
    if u.mention is not None:
        return u.mention.label == "DATE" or u.mention.label in OWNER_LABELS
    if u.text.isspace() or not _CJK.match(u.text):
        return u.text in ("：", ":") or (u.text.isspace() and _clean_left(units, j - 1, lex, opens_clause))
    return _tag(u.text).startswith(("v", "p")) or u.text in lex.topic_prefix or \
        u.text in ("全国", "全市", "全省", "全区", "全县", "我国", "全年", "其中")


def _trim(phrase: str, lex: Lexicon) -> str:
    """An indicator without a trailing change noun: 居民消费价格涨幅 -> 居民消费价格."""
    for tail in lex.change_nouns:
        if phrase.endswith(tail) and len(phrase) > len(tail) + 1:
            return phrase[: -len(tail)]
    return phrase


def _phrase_after(units: list[_Unit], lex: Lexicon, whole: bool = False) -> str | None:
    """The noun phrase opening a clause (全市粮食产量再获丰收 -> 粮食产量), for inheritance;
    with `whole`, only when the clause is nothing but that phrase (农民的纯收入，…)."""
    i = 0
    while i < len(units) and (
        (units[i].mention is not None and units[i].mention.label in OWNER_LABELS | {"DATE"})
        or (units[i].text in lex.stop and not _tag(units[i].text).startswith("p"))
        or units[i].text.isspace()
    ):
        i += 1  # 全市粮食产量…, but not 从中央到地方
    kept: list[str] = []
    rest = units[i:]
    if whole and len(rest) > 2 and rest[-1].text in lex.share_nouns \
            and any(u.text in lex.share_verbs for u in rest) \
            and all(u.mention is None and _CJK.match(u.text) for u in rest):
        # 积累在国民收入中所占的比重，…: a share named as a whole clause is the indicator whole
        phrase = "".join(u.text for u in rest)
        return phrase if len(phrase) <= MAX_TOPIC else None
    for j, u in enumerate(rest):
        w = u.text
        nxt = rest[j + 1].text if j + 1 < len(rest) else ""
        if w == "的" and kept and (_nounish(nxt, lex) or nxt in lex.modifiers):
            kept.append(w)  # 农民的纯收入
            continue
        if w in lex.modifiers and u.mention is None and nxt and _nounish(nxt, lex):
            kept.append(w)  # 城乡居民的平均消费水平
            continue
        if u.mention is not None or w in lex.stop or w in lex.linking or not _CJK.match(w):
            break
        if _tag(w).startswith(STOP_TAGS) or not (_nounish(w, lex) or _tag(w).startswith("v")):
            break
        if not kept and not _nounish(w, lex):
            break  # a clause opening with a verb (进行通报) names no quantity
        kept.append(w)
    complete = len(kept) == len(rest)
    while kept and not _nounish(kept[-1], lex):
        kept.pop()
    phrase = "".join(kept)
    if whole and not (kept and complete and len(kept) == len(rest)
                      and (_tag(kept[-1]).startswith("n") or kept[-1] in lex.verb_heads)):
        return None
    return phrase if 2 <= len(phrase) <= MAX_TOPIC and _HAN.search(phrase) else None


def _continues(d: _Doc, start: int, end: int) -> bool:
    """Whether text[start:end] only carries the previous statement on (比上年增长, 同比…)."""
    lex = d.lex
    units = d.units(start, min(end, start + 24))
    i = 0
    if units and units[0].mention is None and units[0].text in lex.conditions:
        # 扣除价格因素实际增长: what follows the condition carries the statement on
        ends = [k for k, u in enumerate(units) if u.text.endswith(("因素", "影响", "计算"))]
        if ends:
            i = ends[0] + 1
    while i < len(units) and (
        (units[i].mention is not None and units[i].mention.label == "DATE")
        or units[i].text.isspace()
        or units[i].text in ("也", "还", "再", "均", "都", "并", "且", "而", "其中", "实际", "名义", "一律")
        # (远远超过: an adverb before the verb that carries the statement on)
        or (units[i].mention is None and _tag(units[i].text) == "d"
            and not d.text.startswith(lex.continues, units[i].start))
    ):
        i += 1
    while i < len(units):
        rest = d.text[units[i].start : end]
        if rest.startswith(lex.continues):
            return True
        u = units[i]
        if not (u.text in _CONNECTORS or u.text in lex.linking or u.text.isspace()
                or (u.mention is not None and u.mention.label == "DATE")):
            return False
        i += 1  # 赤字率拟按4%左右安排、比上年提高[1个百分点]
    return False


_SPLITS = (_CONNECTORS, frozenset(("、", "和", "及", "以及")), frozenset(("、",)))


def _fenbie_items(d: _Doc, clause_start: int, pos: int, n: int) -> list[str | None]:
    """The `n` indicators of a 分别 list: 社会消费品零售总额、固定资产投资分别… -> both phrases.

    Items are cut at 、和与及, else at 、和及 (与 may be a preposition), else at 、 alone
    (信息传输软件和信息技术服务业、租赁和商务服务业增加值分别…), whichever gives `n` items.
    """
    lex = d.lex
    units = d.units(clause_start, pos)
    for split in _SPLITS:
        items: list[list[_Unit]] = [[]]
        for u in units:
            if u.mention is None and u.text in split:
                items.append([])
            else:
                items[-1].append(u)
        if len(items) == n:
            out: list[str | None] = []
            inner = frozenset(_CONNECTORS - split)
            for item in items:
                found = _phrase_before(item, lex, inner)
                out.append(_trim(found[0], lex) if found else None)
            return out
    return []


def _list_items(d: _Doc, start: int, end: int) -> list[str | None]:
    """The leading noun phrases of a list opening a clause (A、B近年来首次下降 -> A, B)."""
    items: list[list[_Unit]] = [[]]
    for u in d.units(start, end):
        if u.mention is None and u.text in _CONNECTORS:
            items.append([])
        else:
            items[-1].append(u)
    return [_phrase_after(item, d.lex) for item in items] if len(items) > 1 else []


def _run_after(d: _Doc, figures: list[Mention], k: int, pos: int, clause_end: int) -> list[Mention]:
    """The figures after `pos` in one clause joined only by connectors (3.2万亿元和2.7万亿元)."""
    run: list[Mention] = []
    for m in figures[k:]:
        if m.start >= clause_end:
            break
        if m.start < pos:
            continue
        if run:
            gap = d.text[run[-1].end : m.start].strip()
            if gap and gap not in _CONNECTORS:
                break
        run.append(m)
    return run


# -- measure ----------------------------------------------------------------------------------


def _measure(d: _Doc, m: Mention, units: list[_Unit], previous: str | None) -> str:
    """level / increase / decrease / share, from the words before the figure in its stretch."""
    lex = d.lex
    words = [u.text for u in units if u.mention is None or u.mention.label == "DATE"]
    joined = "".join(w for w in words if not w.isspace())
    if previous is not None and (not joined or joined in _CONNECTORS):
        return previous  # 分别增长5%和[6%]
    compared = any(w in lex.comparison for w in words)
    if m.label == "PERCENT" and any(w in lex.share for w in words):
        return "share"  # 占全球比重超过60%, 占全市人口的18.4%
    # the change word in the verbal position: the first word before the figure that is not
    # an adverb, a linking verb or a date (比上年增长了5.3%, 同比下降1.8%, 提高到71%)
    nxt = ""
    for u in reversed(units):
        w = u.text
        if u.mention is not None and u.mention.label != "DATE":
            break
        if w in lex.changes and not (w in lex.rate_only and m.label != "PERCENT"):
            if nxt in lex.to_level:
                return "level"
            up = w in lex.increase
            i = units.index(u)
            if compared and i and units[i - 1].mention is None and units[i - 1].text in lex.comparative_down:
                up = not up  # 比上年少增[8万人]: a smaller rise than the baseline's
            return "increase" if up else "decrease"
        if w.endswith(("到", "至")) and w[:-1] in lex.changes:
            return "level"  # 降至, 增至
        if compared and w in lex.comparative_up:
            return "increase"
        if compared and w in lex.comparative_down:
            return "decrease"
        if not (u.mention is not None or w in lex.linking or w.isspace()):
            break
        nxt = w
    for u in units:  # 高于全国[1.9个百分点]: a comparative verb before its baseline
        if u.mention is None and d.text.startswith(lex.compare_up, u.start):
            return "increase"
        if u.mention is None and d.text.startswith(lex.compare_down, u.start):
            return "decrease"
    after = d.text[m.end : m.end + 4]
    for change in (after[1:3], after[1:2]) if after.startswith("的") else ():
        if change in lex.changes:  # 实现了5.2%的增长
            return "increase" if change in lex.increase else "decrease"
    if m.label == "PERCENT" and m.unit == "%":
        after = d.text[m.end : m.end + 8]
        if after.startswith("的"):
            after = after[1:]
        elif not m.text.endswith("成"):
            return "level"
        nxt_words = _gap_words(re.split(f"[{CLAUSE_BREAKS}、]", after)[0]) if after else ()
        if nxt_words and _nounish(nxt_words[0], lex) and nxt_words[0] not in lex.not_a_whole:
            return "share"  # 超四成的行政村, 三成企业
    return "level"


# -- period and subject -----------------------------------------------------------------------


def _is_baseline(d: _Doc, date: Mention, figure_start: int | None = None) -> bool:
    """A DATE after 比/较/与/同 (比2020年增长) is the baseline of a change, never the period."""
    before = d.text[max(0, date.start - 2) : date.start]
    if before.endswith("在") and figure_start is not None and figure_start > date.end:
        # 在１９７９到１９８３年…的基础上，比上年增长[１４．２％]: the base of a change after it
        if "的基础上" in d.text[date.end : figure_start]:
            return True
    # (按上年实际数额核减, 占全年增加额的: the year of a base or of a whole, not the period)
    return before[-1:] in ("比", "较", "与", "同", "按", "占") or before in ("相比", "对比", "相较")


def _usable_date(d: _Doc, m: Mention) -> bool:
    """A DATE that can scope a figure: not an age, not a frequency (平均每年增长), not a
    duration inside a name (学前三年毛入园率)."""
    return m.label == "DATE" and not m.source.startswith("dates:age") and not m.text.startswith("每") \
        and not _duration_in_name(d.text, m)


def _duration_in_name(text: str, m: Mention) -> bool:
    """A duration written between the words of a name (学前[三年]毛入园率): a Chinese word right
    before it and a noun right after it, with no break."""
    if not m.source.startswith("dates:duration") or m.start == 0 or m.end >= len(text):
        return False
    if not ("\u4e00" <= text[m.start - 1] <= "\u9fff"):
        return False
    before = _gap_words(text[max(0, m.start - 4) : m.start])
    after = _gap_words(text[m.end : m.end + 4])
    return bool(before and after) and _name_duration(before[-1], after[0], lexicon())


def _name_duration(before: str, after: str, lex: Lexicon) -> bool:
    """Whether a duration between the words `before` and `after` is part of a name (学前三年
    毛入园率: a verb-like term before, a noun after), not the period of a statement (中央财政
    五年支出: a noun before, a verb after)."""
    return _CJK.match(before) is not None and before not in lex.stop and before not in lex.linking \
        and not _tag(before).startswith(STOP_TAGS + ("n",)) \
        and _nounish(after, lex) and after not in lex.stop and not _tag(after).startswith("v")


def _period(d: _Doc, m: Mention, sentence: tuple[int, int], clause: tuple[int, int]) -> Ref | None:
    """The nearest non-baseline DATE before the figure in its sentence, else after it in its clause."""
    # within the figure's stretch after the last ；, else the sentence's opening stretch
    # (parallel clauses after ； share the sentence's opening date)
    semi = d.text.rfind("；", sentence[0], m.start)
    first = d.text.find("；", sentence[0], m.start)
    if semi >= 0:
        opening = next((x.start for x in d.mentions_in(sentence[0], first)
                        if x.label in FACT_LABELS), first)
        spans = [(semi + 1, m.start), (sentence[0], opening)]
    else:
        spans = [(sentence[0], m.start)]
    for lo, hi in spans:
        for x in reversed([x for x in d.mentions_in(lo, hi) if _usable_date(d, x)]):
            if not _is_baseline(d, x, m.start):
                return Ref(x.start, x.end, x.text, value=x.value if isinstance(x.value, str) else None)
    for x in d.mentions_in(m.end, clause[1]):
        if _usable_date(d, x) and not _is_baseline(d, x):
            return Ref(x.start, x.end, x.text, value=x.value if isinstance(x.value, str) else None)
    return None


def _owner_ok(d: _Doc, o: Mention | Ref, after_preposition: bool = False) -> bool:
    """Not a source (据国家统计局, 海关总署发布) and not after a preposition (在上海, 对美国)."""
    lex = d.lex
    before = d.text[max(0, o.start - 2) : o.start]
    if before.endswith(("据", "根据")):
        return False
    if not after_preposition and any(before.endswith(w) for w in lex.not_owner_before):
        return False
    end = o.end
    for x in d.mentions_in(o.end, o.end + 8):  # 国家统计局今天发布: past a date right after it
        if x.start == end and x.label == "DATE":
            end = x.end
    after = d.text[end : end + 6]
    if after.startswith("的"):
        after = after[1:]
    if not after.startswith(lex.source_after):
        return True
    # 比亚迪发布2024年半年报: a company publishing its own results owns them
    rest = d.text[end : min(d.clause(end, end)[1], end + 16)]
    return any(w in rest for w in lex.own_reports)


def _is_owner(m: Mention) -> bool:
    """A place or organisation of two characters or more (a lone 华 or 中 owns nothing)."""
    return m.label in OWNER_LABELS and m.end - m.start >= 2


def _owner_ref(o: Mention) -> Ref:
    return Ref(o.start, o.end, o.text, label=o.label)


def _subject(d: _Doc, pos: int, sentence: tuple[int, int], indicator_start: int | None) -> Ref | None:
    """The place or organisation owning the figure at `pos` (its indicator's), in its sentence.

    A figure inside a parenthetical note takes, when the note names no owner of its own, the
    owner of the phrase the note explains: 区域型“TTO”1+N平台(注:…新建的[5个]…平台…).
    """
    lo = sentence[0]
    paren = _open_paren(d.text, lo, pos)
    if paren is not None:
        lo = paren + 1
    settled, owner = _owner_before(d, pos, lo, sentence[0], indicator_start)
    if settled or paren is None:
        return owner
    i = bisect.bisect_left(d.starts, paren) - 1
    explained = d.mentions[i] if i >= 0 else None
    if explained is not None and explained.end == paren and _is_owner(explained):
        return _owner_ref(explained) if _owner_ok(d, explained, after_preposition=True) else None
    cs = max(d.clause(paren, paren)[0], sentence[0])
    units = d.units(max(cs, paren - WINDOW), paren)
    found = _phrase_before(units, d.lex) if units else None
    # (上海市高新技术企业(含…共[1.2万家]): the owner of the explained noun phrase)
    return _subject(d, paren, sentence, found[1] if found else None)


def _open_paren(text: str, lo: int, pos: int) -> int | None:
    """The position of a parenthesis opened in text[lo:pos] and not closed before `pos`."""
    opening = max(text.rfind("（", lo, pos), text.rfind("(", lo, pos))
    if opening < 0 or max(text.rfind("）", opening, pos), text.rfind(")", opening, pos)) >= 0:
        return None
    return opening


def _owner_before(
    d: _Doc, pos: int, lo: int, sentence_start: int, indicator_start: int | None
) -> tuple[bool, Ref | None]:
    """(settled, owner) of a figure at `pos` from text[lo:pos]: the owner before its indicator,
    else the topic or demonstrative phrase of its clause or of an earlier one. `settled` is
    False when nothing there names or rules out an owner."""
    if indicator_start is not None and indicator_start >= lo:  # 徐汇区技术合同成交额
        units = d.units(max(lo, indicator_start - 16), indicator_start)
        possessive = False
        while units and (units[-1].text == "的" or (
                units[-1].mention is not None and units[-1].mention.label == "DATE")):
            possessive = possessive or units[-1].text == "的"
            units.pop()
        if units and units[-1].mention is not None and _is_owner(units[-1].mention):
            o = units[-1].mention
            # (生活在徐汇的两院院士: a place with 的 owns its indicator even after 在)
            if _owner_ok(d, o, after_preposition=possessive):
                return True, _owner_ref(o)
    # the topic of the figure's clause or of an earlier clause of its sentence
    cur = pos
    while cur > lo:
        cs, ce = d.clause(cur, cur)
        cs = _outside_paren(d, max(cs, lo), cur, lo)
        topic = _topic(d, cs, pos)
        if topic is not None:
            return True, (_owner_ref(topic) if _owner_ok(d, topic) else None)
        # 这栋临江伫立的建筑形成了…[8位]院士: anywhere before the figure in its own clause,
        # at the head of an earlier clause
        phrase = _demonstrative_in(d, cs, pos if cur == pos else min(ce, cs + 24), anywhere=cur == pos)
        if phrase is not None:
            return True, _antecedent(d, sentence_start, phrase[0], phrase[1])
        own = _own_subject(d, cs, indicator_start) if cur == pos and indicator_start is not None else None
        if own is not None:
            if own.text in anaphora().bare_heads:
                # 比亚迪发布半年报，上半年公司实现营业收入…: 公司 is the company just named
                return True, _antecedent(d, sentence_start, own.start, frozenset(("ORG",)))
            return True, None  # 粤企在港新设企业也超过了[890多家]: the clause names its own owner
        cur = cs - 1
    return False, None


def _outside_paren(d: _Doc, cs: int, cur: int, lo: int) -> int:
    """A clause start moved before a parenthetical that closes in text[cs:cur] and opened
    before `cs` (上海交通大学(下设31个学院,在校学生约4.9万人)获批…[86项]: the note's comma cuts no
    clause of the sentence around it)."""
    text = d.text
    close = max(text.rfind("）", cs, cur), text.rfind(")", cs, cur))
    if close < 0 or max(text.rfind("（", cs, close), text.rfind("(", cs, close)) >= 0:
        return cs
    opening = max(text.rfind("（", lo, cs), text.rfind("(", lo, cs))
    return max(d.clause(opening, opening)[0], lo) if opening >= 0 else cs


def _own_subject(d: _Doc, start: int, indicator_start: int) -> _Unit | None:
    """The noun standing before the indicator in its clause (a subject of its own), if any."""
    lex = d.lex
    units = d.units(start, indicator_start)
    for k, u in enumerate(units):
        if u.mention is None and _CJK.match(u.text) and u.text not in lex.stop \
                and u.text not in lex.linking and u.text not in lex.topic_prefix \
                and _tag(u.text).startswith(("n", "vn", "j", "l")):
            nxt = units[k + 1] if k + 1 < len(units) else None
            if len(u.text) > 1 or (  # 粤企: two one-character nouns make a word
                    nxt is not None and nxt.mention is None and len(nxt.text) == 1
                    and _tag(nxt.text).startswith(("n", "j"))):
                return u
    return None


def _topic(d: _Doc, start: int, limit: int) -> Mention | None:
    """The owner mention a clause opens with (after dates and words like 截至), if any."""
    lex = d.lex
    key = (start, min(limit, d.clause(start, start)[1], start + 24))
    if key in d.topics:
        return d.topics[key]
    d.topics[key] = found = _topic_of(d.units(*key), lex)
    return found


def _topic_start(units: list[_Unit], lex: Lexicon) -> int:
    """The index of the first unit of a clause after its dates, 截至-like words and punctuation."""
    i = 0
    while i < len(units) and (
        (units[i].mention is not None and units[i].mention.label == "DATE")
        or units[i].text.isspace() or units[i].text in lex.topic_prefix
        or (units[i].mention is None and not _CJK.match(units[i].text) and units[i].text not in "、")
    ):
        i += 1
    return i


def _topic_of(units: list[_Unit], lex: Lexicon) -> Mention | None:
    i = _topic_start(units, lex)
    if i >= len(units) or units[i].mention is None or not _is_owner(units[i].mention):
        return None
    while (i + 1 < len(units) and units[i + 1].mention is not None
           and units[i + 1].mention.label in OWNER_LABELS and units[i + 1].start == units[i].end):
        i += 1  # 上海浦东新区: the most specific place
    nxt = units[i + 1].text if i + 1 < len(units) else ""
    if nxt in _CONNECTORS:
        return None  # a list of places, whose figures 分别 apply
    return units[i].mention


# -- demonstratives (这栋建筑, 该公司) standing for an entity named before them ------------------


@dataclass(frozen=True)
class Anaphora:
    """data/anaphora.toml: demonstratives, classifiers, and head nouns with the labels they fit."""

    demonstratives: frozenset[str]
    classifiers: frozenset[str]
    bare_heads: frozenset[str]
    heads: dict[str, frozenset[str]]
    pattern: re.Pattern[str]  # any demonstrative character (a cheap test before segmenting)
    longest: int

    def labels(self, word: str) -> frozenset[str] | None:
        """The labels the head noun `word` fits (its longest listed ending of two characters or
        more: 科技企业, 写字楼; a one-character head only as the whole word: 该局, not 格局)."""
        for n in range(min(len(word), self.longest), 1, -1):
            found = self.heads.get(word[-n:])
            if found is not None:
                return found
        return self.heads.get(word) if len(word) == 1 else None


@lru_cache(maxsize=1)
def anaphora() -> Anaphora:
    """data/anaphora.toml, read once."""
    data = tomllib.loads(files("xhextract").joinpath("data/anaphora.toml").read_text("utf-8"))
    heads: dict[str, set[str]] = {}
    for label, words in data["heads"].items():
        for w in words:
            heads.setdefault(w, set()).add(label)
    return Anaphora(
        demonstratives=frozenset(data["demonstratives"]), classifiers=frozenset(data["classifiers"]),
        bare_heads=frozenset(data["bare_heads"]),
        heads={w: frozenset(labels) for w, labels in heads.items()},
        pattern=re.compile("[" + "".join(data["demonstratives"]) + "]"),
        longest=max(map(len, heads)),
    )


MAX_DEMONSTRATIVE = 14  # characters of a demonstrative phrase, 这栋位于陆家嘴的地标建筑


def _demonstrative(units: list[_Unit], k: int, lex: Lexicon, ana: Anaphora) -> tuple[int, frozenset[str]] | None:
    """(end, labels) of the demonstrative phrase opening units[k] (这栋临江伫立的建筑, 该公司,
    这所大学, 该市), or None (此外, 这些企业, 这是, 这一数字)."""
    u = units[k]
    if u.mention is not None or u.text[:1] not in ana.demonstratives:
        return None
    rest = u.text[1:]
    head = ana.labels(rest) if rest else None
    if rest and rest not in ana.classifiers:
        return (u.end, head) if head is not None else None  # 该市, 该校; 此外, 这些: None
    j = k + 1
    classifier = bool(rest)
    if not rest and j < len(units) and units[j].mention is None and units[j].text in ana.classifiers:
        classifier, j = True, j + 1  # 这/座/城市, 这/一/平台
    open_modifier = False  # a verb or adjective waiting for its 的 (临江伫立的)
    for w in units[j:]:
        if w.end - u.start > MAX_DEMONSTRATIVE:
            break
        if w.mention is not None:
            if not classifier:
                break
            continue  # a name inside the phrase: 这家[上海]企业, 这栋位于[陆家嘴]的地标建筑
        text, tag = w.text, _tag(w.text)
        labels = ana.labels(text) if (text in ana.heads or tag.startswith("n")) else None
        if labels is not None:
            return None if open_modifier else (w.end, labels)
        if text == "的" and classifier:
            open_modifier = False
            continue
        if not _CJK.match(text) or text in lex.stop or tag.startswith(STOP_TAGS):
            break
        if not tag.startswith(("n", "b", "vn")):
            if not classifier:
                break  # 这是, 这为: a bare demonstrative takes only nouns before its head
            open_modifier = True
    return (u.end, head) if head is not None and rest else None  # 该所研究人员: 所 is the head


def _demonstrative_in(d: _Doc, start: int, end: int, anywhere: bool) -> tuple[int, frozenset[str]] | None:
    """(start, labels) of the demonstrative phrase owning text[start:end]: the last one that is
    no source and follows no preposition (`anywhere`), or the one the clause opens with."""
    ana = anaphora()
    if ana.pattern.search(d.text, start, end) is None:
        return None
    key = (start, end, anywhere)
    if key not in d.demonstratives:
        d.demonstratives[key] = _find_demonstrative(d, start, end, anywhere, ana)
    return d.demonstratives[key]


def _find_demonstrative(
    d: _Doc, start: int, end: int, anywhere: bool, ana: Anaphora
) -> tuple[int, frozenset[str]] | None:
    units = d.units(start, end)
    if not anywhere:
        i = _topic_start(units, d.lex)
        candidates: Iterable[int] = (i,) if i < len(units) else ()
    else:
        candidates = range(len(units) - 1, -1, -1)
    for k in candidates:
        if units[k].text[:1] not in ana.demonstratives:
            continue
        found = _demonstrative(units, k, d.lex, ana)
        if found is not None and _owner_ok(d, Ref(units[k].start, found[0])):
            return units[k].start, found[1]
    return None


def _antecedent(d: _Doc, sentence_start: int, start: int, labels: frozenset[str]) -> Ref | None:
    """The nearest owner mention before `start` in the sentence whose label fits; None when
    there is none, or when it is the source of a statement (据…, …发布)."""
    i = bisect.bisect_left(d.starts, start) - 1
    while i >= 0 and d.mentions[i].start >= sentence_start:
        o = d.mentions[i]
        i -= 1
        if o.end <= start and o.label in labels and _is_owner(o):
            return _owner_ref(o) if _owner_ok(d, o, after_preposition=True) else None
    return None


# -- object -----------------------------------------------------------------------------------

OBJECT_STOP = set("的和与及等为是在将把被从到由向对以了并或而且也都，。；、：:（(“\"")


def find_object(text: str, mention: Mention) -> str | None:
    """The counted noun straight after a count or measure, inside the same clause."""
    window = text[mention.end : mention.end + MAX_OBJECT]
    cut = len(window)
    for i, ch in enumerate(window):
        if ch in OBJECT_STOP or ch in CLAUSE_BREAKS or not ("\u4e00" <= ch <= "\u9fff"):
            cut = i
            break
    window = window[:cut]
    if len(window) < 2:
        return None
    lex = lexicon()
    kept: list[str] = []
    for word in _gap_words(window):
        if word in lex.stop or _tag(word).startswith(STOP_TAGS):
            break
        kept.append(word)
    while kept and not _tag(kept[-1]).startswith(NOUN_TAGS[:1] + ("vn", "nz")):
        kept.pop()  # the head noun ends the phrase
    if kept and not _tag(kept[0]).startswith(("n", "vn")) and _tag(kept[0]).startswith("v"):
        return None  # 两项成果入选: a verb right after the count means no counted noun follows
    phrase = "".join(kept)
    return phrase if len(phrase) >= 2 else None


# -- the stage --------------------------------------------------------------------------------


def add_facts(text: str, mentions: Iterable[Mention]) -> list[Mention]:
    """`mentions` (resolved, non-overlapping) with the facts fields set on every figure.

    Linear in the text: clause and sentence breaks are found once, each figure looks at
    its own sentence only, and the short windows it segments are cached.
    """
    mentions = list(mentions)
    d = _Doc(text, mentions)
    lex = d.lex
    figures = [m for m in d.mentions if m.label in FACT_LABELS]
    figure_starts = [m.start for m in figures]
    done: dict[tuple[int, int], Mention] = {}
    fenbie: dict[int, list[str | None]] = {}
    prev: Mention | None = None
    for m in figures:
        sentence = d.sentence(m.start, m.end)
        clause = d.clause(m.start, m.end)
        if prev is not None and prev.sentence is not None and prev.sentence.start != sentence[0]:
            prev = None  # figures only lean on figures of their own sentence
        anchor = clause[0]
        # (亿元以上项目投资增长[12%]: a class bound inside the phrase is no figure to lean on)
        same_clause = prev is not None and prev.end > clause[0] and not _class_bound(text, prev)
        if same_clause:
            anchor = prev.end
        units = d.units(max(anchor, m.start - WINDOW), m.start)
        if same_clause and units and units[0].mention is None and units[0].text in _CONNECTORS:
            units = units[1:]  # 3.2万亿元和[2.7万亿元]
        measure = _measure(d, m, units, prev.measure if same_clause and prev else None)
        obj = m.object
        if obj is None and m.label in ("CARDINAL", "QUANTITY") and m.unit is not None:
            obj = find_object(text, m)
        indicator: str | None = None
        indicator_start: int | None = None
        inherited = False
        fb = text.rfind("分别", clause[0], m.start)
        if m.label == "CARDINAL" and m.unit is None and not _SIZED.search(m.text):
            pass  # a bare number (专栏1, 三大任务) is a label or a modifier, not a value
        elif fb >= 0:
            run = _run_after(d, figures, bisect.bisect_left(figure_starts, fb), fb, clause[1])
            if fb not in fenbie:
                fenbie[fb] = _fenbie_items(d, clause[0], fb, len(run))
                if not any(fenbie[fb]) and clause[0] - 1 > sentence[0]:
                    ps, pe = d.clause(clause[0] - 1, clause[0] - 1)
                    earlier = [done[(x.start, x.end)] for x in figures
                               if ps <= x.start < pe and (x.start, x.end) in done]
                    if len(earlier) == len(run) > 1 and all(x.indicator for x in earlier):
                        # 争取中央预算内投资86.5亿元、专项债券资金520亿元，分别增长…: the
                        # figures of the clause before, each with its indicator
                        fenbie[fb] = [x.indicator for x in earlier]
                    else:
                        # 化学需氧量、二氧化硫排放总量…，比上年分别下降3.14%和4.66%: the list
                        # opens the clause before
                        fenbie[fb] = _list_items(d, max(ps, sentence[0]), pe)
            items = fenbie[fb]
            if m in run and len(items) == len(run) and len(run) > 1:
                indicator = items[run.index(m)]
        else:
            share_at = next((i for i in range(len(units) - 1, -1, -1) if units[i].mention is None
                             and units[i].text in lex.share_verbs), None)
            # a share names its part before 占: 新能源汽车产销量占全球比重超过[60%]
            found = _indicator_before(units if share_at is None else units[:share_at], lex,
                                      opens_clause=not same_clause and anchor >= m.start - WINDOW)
            if found is not None and share_at is not None:
                # the whole share is the indicator when a share noun follows 占:
                # 非化石能源发电量占总发电量的比重[接近40%]
                whole = _skip_linking(units, lex)
                if whole and whole[-1].mention is None and whole[-1].text in lex.share_nouns:
                    found = (d.text[found[1] : whole[-1].end], found[1])
            if found is not None and _tag(_gap_words(found[0])[-1]) == "v" and _noun_after(d, m, clause[1]):
                found = None  # 在上海等省市设立[11个]自贸试验区: the verb takes the noun after the figure
            if found is not None and not (obj and found[1] + len(found[0]) == m.start):
                # (a figure that modifies the noun after it, 实施新一轮[千亿斤]粮食产能提升行动,
                # takes no indicator from the words before it)
                indicator, indicator_start = _trim(found[0], lex), found[1]
            elif obj is None and prev is not None and not same_clause and prev.indicator \
                    and (prev.label, prev.unit) == (m.label, m.unit) and _headless(units, lex):
                # 施工的更新改造项目七万四千个，全部建成的[三万九千个]: the head noun is left out
                indicator, inherited = prev.indicator, True
            elif m.label == "MONEY" and m.qualifier not in ("at_least", "at_most") \
                    and _CURRENCY.search(m.text) and (after := _noun_after(d, m, clause[1])) is not None:
                # 一次性增加[6万亿元]地方专项债务限额: the amount of the noun right after it
                indicator = obj = after
            elif obj is None and _continues(d, anchor, m.start):
                inherited = True
                if prev is not None:
                    indicator = prev.indicator
                else:
                    indicator = _previous_clause_quantity(d, sentence, clause)
            elif not same_clause and obj is None:
                # a clause that only names the quantity: 农民的纯收入，全国平均每人达到[三百五十五元]
                indicator = _previous_clause_quantity(d, sentence, clause, whole=True)
        subject = _subject(d, m.start, sentence, indicator_start)
        if subject is None and inherited and prev is not None:
            subject = prev.subject
        if measure == "level" and indicator and indicator.endswith("目标"):
            # 经济增长预期目标为[5%左右]: a target for a change states that change
            change = next((w for w in _gap_words(indicator) if w in lex.changes and len(w) > 1), None)
            if change is not None:
                measure = "increase" if change in lex.increase else "decrease"
        if measure == "level" and indicator and (indicator.endswith(tuple(lex.share_nouns)) or (
                m.label == "PERCENT" and indicator.endswith("之比"))):
            measure = "share"  # 积累在国民收入中所占的比重，…由１９７８年的[３６．５％]…
        new = replace(
            m, indicator=m.indicator or indicator, object=obj, measure=measure,
            period=_period(d, m, sentence, clause), subject=subject,
            sentence=Ref(sentence[0], sentence[1]),
        )
        done[(m.start, m.end)] = new
        prev = new
    return [done.get((m.start, m.end), m) for m in mentions]


def _class_bound(text: str, m: Mention) -> bool:
    """A money or measure with 以上 written before a noun, naming a class of things (亿元以上
    项目, 万吨级以上泊位), not a figure of the clause."""
    return m.label in ("MONEY", "QUANTITY") and m.qualifier == "at_least" and m.end < len(text) \
        and "\u4e00" <= text[m.end] <= "\u9fff"


def _headless(units: list[_Unit], lex: Lexicon) -> bool:
    """Whether the words before a figure are a verbal clause ending in 的 (全部建成的[三万九千个],
    其中已落地的[62个]): a relative clause whose head, the noun of the figure before, is left
    out. Not after a date or a share (由2015年的[56.1%], 占全市人口的[18.4%])."""
    if len(units) < 2 or units[-1].mention is not None or units[-1].text != "的" \
            or units[-2].mention is not None:
        return False
    words = [u.text for u in units[:-1]]
    return not any(w in lex.share for w in words) and any(
        _tag(w) in ("v", "vn", "d") and w not in lex.modifiers for w in words)


def _noun_after(d: _Doc, m: Mention, clause_end: int) -> str | None:
    """The nouns right after a figure (增加[6万亿元]地方专项债务限额置换… -> 地方专项债务限额)."""
    lex = d.lex
    kept: list[str] = []
    for u in d.units(m.end, min(clause_end, m.end + MAX_OBJECT)):
        if u.mention is not None or u.text in lex.stop or not _CJK.match(u.text) \
                or not _tag(u.text).startswith(NOUN_TAGS) or _tag(u.text) == "b":
            break
        kept.append(u.text)
    phrase = "".join(kept)
    return phrase if len(phrase) >= 2 and kept and _tag(kept[-1]).startswith("n") else None


def _previous_clause_quantity(
    d: _Doc, sentence: tuple[int, int], clause: tuple[int, int], whole: bool = False
) -> str | None:
    """The quantity named at the start of the clause before, in the same sentence; past
    adjunct clauses (opening with a preposition or a condition, without a figure), the
    quantity a clause of its own names (今年的行政经费预算，从中央到地方，一律削减[１０％])."""
    pos = clause[0] - 1
    for step in range(MAX_TOPIC_CLAUSES):
        if pos <= sentence[0]:
            return None
        ps, pe = d.clause(pos, pos)
        ps = max(ps, sentence[0])
        if pe <= ps:
            return None
        units = d.units(ps, pe)
        found = _phrase_after(units, d.lex, whole or step > 0)
        if found is not None and step > 0 and any(  # (有力实施财政货币政策 is no topic)
                _tag(w) == "v" and not _nounish(w, d.lex) for w in _gap_words(found)):
            return None
        words = [u for u in units if not u.text.isspace()]
        adjunct = bool(words) and words[0].mention is None and (
            _tag(words[0].text) == "p" or words[0].text in d.lex.conditions)
        if found is not None or not adjunct or any(x.label in FACT_LABELS for x in d.mentions_in(ps, pe)):
            return found
        pos = ps - 1
    return None

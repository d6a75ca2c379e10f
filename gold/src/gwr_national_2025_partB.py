"""Gold annotation source for the second half of gwr_national_2025 (chars 9218 to end), all 12 labels.

Run `.venv/bin/python gold/src/gwr_national_2025_partB.py` from the repository root to (re)write
gold/parts/gwr_national_2025.partB.json. Each entry is (left_context, text, label, fields);
`left_context + text` must occur exactly once in the range [RANGE_START, end) of the document, and
the mention is the `text` part. `fields` carries value / value_max / unit / qualifier / indicator /
object and the v2 facts fields measure / period / subject (numeric labels; see
gold/src/facts_tool.py) or the TIMEX3 `value` (DATE). Decisions: gold/notes/gwr_national_2025_partB.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from facts_tool import resolve_facts

from xhextract.io import read_document, text_sha256

DOC = "gwr_national_2025"
ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "corpus" / f"{DOC}.txt"
OUT = ROOT / "gold" / "parts" / f"{DOC}.partB.json"
RANGE_START = 9218  # the blank line before 全面提高人才队伍质量

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "DATE", "TIME",
          "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
NUMERIC = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


def num(value: float, unit: str | None, qualifier: str = "exact", **extra: Any) -> dict[str, Any]:
    """Numeric fields of one mention (value, unit, qualifier, plus indicator/object/value_max)."""
    return {"value": value, "unit": unit, "qualifier": qualifier, **extra}


def date(value: str | None = None) -> dict[str, Any]:
    """DATE fields: a TIMEX3-style value when it resolves, nothing otherwise."""
    return {} if value is None else {"value": value}


NONE: dict[str, Any] = {}

# (left_context, text, label, fields), in document order
ENTRIES: list[tuple[str, str, str, dict[str, Any]]] = [
    # 全面提高人才队伍质量
    ("加强", "东中西部", "LOC", NONE),
    ("鼓励优秀人才在", "中西部地区", "LOC", NONE),
    # (四) 经济体制改革
    ("鼓励有条件的民营企业建立完善", "中国", "GPE", NONE),
    # (五) 对外开放
    ("加紧推进", "海南自由贸易港", "LOC", NONE),
    ("保障", "中欧班列", "FAC", NONE),
    ("加快", "西部陆海新通道", "FAC", NONE),
    ("推动签署", "中国", "GPE", NONE),
    ("推动签署中国－", "东盟", "ORG", NONE),
    ("坚定维护以", "世界贸易组织", "ORG", NONE),
    # (七) 三农
    ("深化", "东西部", "LOC", NONE),
    ("有序推进", "第二轮", "ORDINAL", num(2, None, object="土地承包")),
    ("到期后再延长", "30年", "DATE", date("P30Y")),
    # (八) 区域协调发展
    ("深入实施", "西部", "LOC", NONE),
    ("西部大开发、", "东北", "LOC", NONE),
    ("东北全面振兴、", "中部地区", "LOC", NONE),
    ("中部地区加快崛起、", "东部地区", "LOC", NONE),
    ("提升", "京津冀", "LOC", NONE),
    ("京津冀、", "长三角", "LOC", NONE),
    ("长三角、", "粤港澳大湾区", "LOC", NONE),
    ("深入推动", "长江经济带", "LOC", NONE),
    ("长江经济带建设、", "黄河流域", "LOC", NONE),
    ("高标准高质量推进", "雄安新区", "GPE", NONE),
    ("推动", "成渝地区双城经济圈", "LOC", NONE),
    ("走深走实。深化", "东", "LOC", NONE),
    ("深化东、", "中", "LOC", NONE),
    ("深化东、中、", "西", "LOC", NONE),
    ("深化东、中、西、", "东北地区", "LOC", NONE),
    # (九) 绿色转型
    ("坚定推进", "长江", "LOC", NONE),
    ("坚定推进长江", "十年", "DATE", date("P10Y")),
    ("扎实开展国家碳达峰", "第二批", "ORDINAL", num(2, None, object="试点")),
    # (十) 民生
    ("分别再提高", "30元", "MONEY",
     num(30, "CNY", indicator="居民医保", measure="increase")),
    ("分别再提高30元和", "5元", "MONEY",
     num(5, "CNY", indicator="基本公共卫生服务经费人均财政补助标准", measure="increase")),
    ("城乡居民基础养老金最低标准再提高", "20元", "MONEY",
     num(20, "CNY", indicator="城乡居民基础养老金最低标准", measure="increase")),
    ("加快发展", "第三", "ORDINAL", num(3, None, object="支柱")),
    ("办好", "第十五届", "ORDINAL", num(15, None, object="全国运动会")),
    ("全国运动会和", "第十二届", "ORDINAL", num(12, None, object="世界运动会")),
    ("安全生产治本攻坚", "三年", "DATE", date("P3Y")),
    ("做好", "西藏", "GPE", NONE),
    ("做好西藏", "定日县", "GPE", NONE),
    # 十五五规划编制
    ("\n", "今年", "DATE", date("2025")),
    ("要深入分析", "“十五五”时期", "DATE", date("2026/2030")),
    # 政府自身建设
    ("同以", "习近平", "PERSON", NONE),
    ("同以习近平同志为核心的", "党中央", "ORG", NONE),
    ("确保", "党中央", "ORG", NONE),
    ("自觉接受同级", "人大", "ORG", NONE),
    ("自觉接受", "人民政协", "ORG", NONE),
    ("支持", "工会", "ORG", NONE),
    ("支持工会、", "共青团", "ORG", NONE),
    ("支持工会、共青团、", "妇联", "ORG", NONE),
    ("善于把", "党中央", "ORG", NONE),
    # 民族宗教侨务
    ("系统推进我国宗教", "中国", "GPE", NONE),
    # 国防和军队
    ("\n", "过去一年", "DATE", date("2024")),
    ("取得新的重要进展。", "新的一年", "DATE", date("2025")),
    ("我们要深入贯彻", "习近平", "PERSON", NONE),
    ("全面深入贯彻", "军委", "ORG", NONE),
    ("全力打好实现", "建军一百年", "DATE", date("2027")),
    ("构建", "中国", "GPE", NONE),
    # 港澳
    ("支持", "香港", "GPE", NONE),
    ("支持香港、", "澳门", "GPE", NONE),
    ("保持", "香港", "GPE", NONE),
    ("保持香港、", "澳门", "GPE", NONE),
    # 台湾
    ("新时代党解决", "台湾", "GPE", NONE),
    ("坚持一个", "中国", "GPE", NONE),
    ("推动", "两岸", "LOC", NONE),
    ("完善促进", "两岸", "LOC", NONE),
    ("深化", "两岸", "LOC", NONE),
    ("增进", "两岸", "LOC", NONE),
    # 外交
    ("维护国际公平正义。", "中国", "GPE", NONE),
    # 结束语
    ("更加紧密地团结在以", "习近平", "PERSON", NONE),
    ("更加紧密地团结在以习近平同志为核心的", "党中央", "ORG", NONE),
    ("高举", "中国", "GPE", NONE),
    ("伟大旗帜，以", "习近平", "PERSON", NONE),
    ("以习近平新时代", "中国", "GPE", NONE),
    ("努力完成", "全年", "DATE", date("2025")),
    ("为以", "中国", "GPE", NONE),
    # project decision (gold/GUIDELINES.md 9): 中国 in unquoted campaign names is GPE, as in part A
    ("积极推进美丽", "中国", "GPE", NONE),
    ("高水平的平安", "中国", "GPE", NONE),
]


def read_source() -> str:
    """The document text exactly as ANNOTATION.md section 1 defines it (BOM removed, nothing else)."""
    return read_document(SOURCE).text


def locate(text: str, ctx: str, mention: str) -> int:
    """Start offset of `mention` preceded by `ctx` in the part's range; the pair must occur once."""
    needle = ctx + mention
    hits = []
    i = text.find(needle)
    while i != -1:
        if i + len(ctx) >= RANGE_START:
            hits.append(i)
        i = text.find(needle, i + 1)
    if len(hits) != 1:
        raise ValueError(f"{needle!r} occurs {len(hits)} times in range")
    return hits[0] + len(ctx)


def build() -> dict[str, Any]:
    """Resolve every entry to a record and return the part file (sorted, non-overlapping)."""
    text = read_source()
    mentions = []
    for ctx, mention, label, fields in ENTRIES:
        if label not in LABELS:
            raise ValueError(f"bad label {label!r} for {mention!r}")
        if label in NUMERIC and not {"value", "unit", "qualifier"} <= fields.keys():
            raise ValueError(f"numeric fields missing for {mention!r}")
        start = locate(text, ctx, mention)
        rec: dict[str, Any] = {"start": start, "end": start + len(mention),
                               "text": mention, "label": label}
        rec.update(fields)
        mentions.append(rec)
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


if __name__ == "__main__":
    gold = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} with {len(gold['mentions'])} mentions")

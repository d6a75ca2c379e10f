"""Gold source for corpus/xuhui_innovation_2021.txt: hand-read mentions, resolved to offsets.

Each entry gives a context string that occurs exactly once in the document, with the
mention marked by [brackets], the label and the normalised fields. Running this file
resolves every entry to half-open str offsets, checks it, and writes
gold/xuhui_innovation_2021.json (ANNOTATION.md section 6). Decisions: gold/notes/.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from facts_tool import resolve_facts

from xhextract.io import read_document, text_sha256

DOC = "xuhui_innovation_2021"
ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "corpus" / f"{DOC}.txt"
OUT = ROOT / "gold" / f"{DOC}.json"

NUMERIC = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
LABELS = NUMERIC | {"PERSON", "ORG", "GPE", "LOC", "FAC", "DATE", "TIME"}
QUALIFIERS = {"exact", "about", "nearly", "over", "at_least", "under", "at_most", "range"}


def num(
    ctx: str,
    label: str,
    value: str,
    unit: str | None,
    qualifier: str = "exact",
    obj: str | None = None,
    indicator: str | None = None,
    value_max: str | None = None,
    measure: str = "level",
    period: str | None = None,
    subject: str | None = None,
) -> dict[str, Any]:
    """A numeric entry; value given as a decimal string so it stays exact.

    Figures (not ORDINAL) carry the v2 facts fields: `measure` (level unless said), and
    `period` / `subject` as locators inside the figure's sentence (gold/src/facts_tool.py).
    """
    entry: dict[str, Any] = {"ctx": ctx, "label": label, "value": Decimal(value),
                             "unit": unit, "qualifier": qualifier}
    if label != "ORDINAL":
        entry["measure"] = measure
    if period:
        entry["period"] = period
    if subject:
        entry["subject"] = subject
    if value_max is not None:
        entry["value_max"] = Decimal(value_max)
    if obj:
        entry["object"] = obj
    if indicator:
        entry["indicator"] = indicator
    return entry


def ent(ctx: str, label: str, value: str | None = None) -> dict[str, Any]:
    """An entity entry (DATE may carry a TIMEX3-style value)."""
    entry: dict[str, Any] = {"ctx": ctx, "label": label}
    if value is not None:
        entry["value"] = value
    return entry


ENTRIES: list[dict[str, Any]] = [
    # byline
    ent("记者 [耿洁玉] 图", "PERSON"),
    # para 1
    ent("[12月1日],2020年度", "DATE", "2021-12-01"),
    ent("12月1日,[2020年度]上海市", "DATE", "2020"),
    ent("2020年度[上海市]科学技术奖励大会", "GPE"),
    num("共[281项](人)获奖", "CARDINAL", "281", "项", period="[2020年度]上海市", subject="上海市"),
    ent("其中,[徐汇区]境内", "GPE"),
    num("揽获[63项](人)", "CARDINAL", "63", "项", subject="徐汇区"),
    ent("(人),[中山医院]葛均波", "ORG"),
    ent("中山医院[葛均波]院士", "PERSON"),
    # para 2
    ent("[近五年来],和徐汇", "DATE", "P5Y"),
    ent("和[徐汇]阔步", "GPE"),
    ent("适应的是,[徐汇]建设", "GPE"),
    ent("的脚步不停。[徐汇区]内科研单位", "GPE"),
    num("国家科学技术奖共计[63项]", "CARDINAL", "63", "项", indicator="国家科学技术奖", subject="徐汇区"),
    num("市科学技术奖[349项]", "CARDINAL", "349", "项", indicator="市科学技术奖", subject="徐汇区"),
    num("约占全市[1/4]", "PERCENT", "25", "%", "exact", indicator="市科学技术奖",
        measure="share", subject="徐汇区"),  # 约 does not touch the figure (section 3)
    ent("[中科院]两项成果", "ORG"),
    num("中科院[两项]成果", "CARDINAL", "2", "项", obj="成果", subject="中科院"),
    num("十大科学进展”,[一项]成果", "CARDINAL", "1", "项", obj="成果", subject="中科院"),
    ent(";[上海交大]一项成果", "ORG"),
    num("上海交大[一项]成果获得了", "CARDINAL", "1", "项", obj="成果", subject="上海交大"),
    ent("\n\n[2019年度]国家科技进步特等奖", "DATE", "2019"),
    ent("“[徐汇]要努力", "GPE"),
    ent("当好[上海]科技创新", "GPE"),
    ent("”[徐汇区委]书记", "ORG"),
    ent("书记[曹立强]这样", "PERSON"),
    ent("这样表明[徐汇]建设", "GPE"),
    ent("和[上海]科创中心重要承载区的信心", "GPE"),
    ent("可以说,[徐汇区]正在", "GPE"),
    # 为创新策源注入活力
    ent("人民生命健康,[徐汇区]围绕", "GPE"),
    ent("召开的[徐汇区]第十一次", "GPE"),
    num("徐汇区[第十一次]代表大会", "ORDINAL", "11", None, obj="代表大会"),
    ent("[曹立强]在大会报告中", "PERSON"),
    ent("“[徐汇]改革开放", "GPE"),
    ent("发动机,[2020年]率先成立", "DATE", "2020"),
    num("全市[首个]区域型", "ORDINAL", "1", None, obj="区域型“TTO”1+N平台"),
    ent("首个[区域型“TTO”1+N平台]", "ORG"),
    num("新建的[5个]新型研发转化平台", "CARDINAL", "5", "个", obj="新型研发转化平台", period="2020年", subject="区域型“TTO”1+N平台"),
    ent("分别是[上海交大分子与纳米创新转化中心]", "ORG"),
    ent("[华理生物制造与反应器创新转化中心]", "ORG"),
    ent("[上医中山免疫治疗技术转化研究中心]", "ORG"),
    ent("[中科院有机所分子功能实现及技术转化中心]", "ORG"),
    ent("[交医医工交叉与医学人工智能技术创新中心]", "ORG"),
    num("合计面积[3000多平方米]", "QUANTITY", "3000", "m2", "over", indicator="面积", period="2020年", subject="区域型“TTO”1+N平台"),
    ent("就是[徐汇]科创的大动作", "GPE"),
    ent("平台牵手[上海交大]", "ORG"),
    ent("牵手上海交大、[复旦上医]", "ORG"),
    ent("复旦上医、[华东理工]等高校;", "ORG"),
    ent("高校;[中山医院]", "ORG"),
    ent("[华山医院]", "ORG"),
    ent("[市精神卫生中心]", "ORG"),
    ent("[市疾控]", "ORG"),
    ent("市疾控、[肿瘤医院]", "ORG"),
    ent("[市临床检验中心]", "ORG"),
    ent("[眼防所]", "ORG"),
    ent("[中国商飞]", "ORG"),
    ent("[国家核电]", "ORG"),
    ent("[隧道股份]", "ORG"),
    ent("[微系统所]", "ORG"),
    ent("微系统所、[有机所]", "ORG"),
    ent("[上药集团]", "ORG"),
    ent("[复星医药]", "ORG"),
    ent("[阿斯利康]", "ORG"),
    ent("[赛诺菲]", "ORG"),
    ent("[工商银行]", "ORG"),
    ent("[交通银行]", "ORG"),
    ent("[太平洋保险]", "ORG"),
    # 一年来 paragraph
    ent("[一年来],区域型", "DATE", "P1Y"),
    ent("一年来,[区域型“TTO”平台]成功转化", "ORG"),
    num("成功转化[20个]项目", "CARDINAL", "20", "个", obj="项目", period="一年来", subject="区域型“TTO”平台"),
    ent("包括[2019年度]“上海市科技功臣奖”", "DATE", "2019"),
    ent("[陈亚珠]院士团队", "PERSON"),
    num("还有[近60个]项目", "CARDINAL", "60", "个", "nearly", obj="项目", period="一年来", subject="区域型“TTO”平台"),
    num("涉及转化金额[近5.2亿元]", "MONEY", "520000000", "CNY", "nearly", indicator="转化金额"),
    num("知识产权许可转化金额[超2亿元]", "MONEY", "200000000", "CNY", "over",
        indicator="知识产权许可转化金额"),
    num("技术交易鉴证额[超6千万元]", "MONEY", "60000000", "CNY", "over",
        indicator="技术交易鉴证额"),
    num("项目资本融资[超1亿元]", "MONEY", "100000000", "CNY", "over", indicator="项目资本融资"),
    num("知识产权质押融资额[2700万元]", "MONEY", "27000000", "CNY",
        indicator="知识产权质押融资额"),
    # 枫林 paragraph
    ent("“[枫林HUB]”", "FAC"),
    ent("获得[张江]重大项目立项", "LOC"),
    ent("[徐汇]枫林品牌", "GPE"),
    ent("徐汇[枫林]品牌", "LOC"),
    ent("回顾[徐汇]科创生态系统", "GPE"),
    ent("[2018年],徐汇枫林", "DATE", "2018"),
    ent("[徐汇枫林生命健康产业园]", "FAC"),
    ent("正式纳入[上海]建设一流医学中心城市", "GPE"),
    ent(";[2019年]徐汇枫林", "DATE", "2019"),
    ent("[徐汇枫林健康服务业创新示范区]", "LOC"),
    ent("入选[上海市]第三批", "GPE"),
    num("上海市[第三批]服务业", "ORDINAL", "3", None, obj="服务业创新发展示范区"),
    ent(";[2020年],以枫林国际中心", "DATE", "2020"),
    ent("[枫林国际中心]", "FAC"),
    ent("[徐汇生命科技园]", "FAC"),
    # 为创新生态添加土壤
    ent("生态系统。[徐汇区]以“可持续发展”", "GPE"),
    ent("为例,[徐汇区]围绕", "GPE"),
    ent("[生命蓝湾]项目建设", "LOC"),
    ent("依托[上海医药临床研究中心]平台", "ORG"),
    num("[8个]国家级重点实验室", "CARDINAL", "8", "个", obj="国家级重点实验室", subject="徐汇区"),
    num("[16个]市级重点实验室", "CARDINAL", "16", "个", obj="市级重点实验室", subject="徐汇区"),
    num("[2700多家]企业和机构", "CARDINAL", "2700", "家", "over", obj="企业和机构", subject="徐汇区"),
    ent("[近五年],徐汇", "DATE", "P5Y"),
    ent("近五年,[徐汇]共获得", "GPE"),
    num("共获得[211件]医疗器械注册证书", "CARDINAL", "211", "件", obj="医疗器械注册证书", period="近五年", subject="徐汇"),
    num("共获得[22件]药物注册证书", "CARDINAL", "22", "件", obj="药物注册证书", period="近五年", subject="徐汇"),
    num("共获[63件]临床试验批件", "CARDINAL", "63", "件", obj="临床试验批件", period="近五年", subject="徐汇"),
    ent("[2021年前三季度]", "DATE", "2021-Q1/2021-Q3"),
    num("新获医疗器械注册证书[26件]", "CARDINAL", "26", "件", indicator="医疗器械注册证书", period="2021年前三季度"),
    num("共获[6个]药物注册证书", "CARDINAL", "6", "个", obj="药物注册证书", period="2021年前三季度"),
    num("共获[16件]临床", "CARDINAL", "16", "件", period="2021年前三季度"),
    # 为区域创新吸引人才
    ent("[习近平]总书记", "PERSON"),
    ent("作为[上海]中心城区", "GPE"),
    ent("[徐汇]区域内汇集了", "GPE"),
    ent("汇集了[上海交大]", "ORG"),
    ent("汇集了上海交大、[复旦上医]", "ORG"),
    ent("复旦上医、[华东理工]等10余所", "ORG"),
    num("[10余所]高校", "CARDINAL", "10", "所", "over", obj="高校", subject="[徐汇]区域内"),
    ent("[上海人工智能实验室]", "ORG"),
    ent("[期智研究院]", "ORG"),
    ent("[树图区块链研究院]", "ORG"),
    num("[150多家]高水平科研机构", "CARDINAL", "150", "家", "over", obj="高水平科研机构", subject="[徐汇]区域内"),
    ent("科研机构,[中山医院]", "ORG"),
    ent("中山医院、[肿瘤医院]、龙华医院", "ORG"),
    ent("[龙华医院]", "ORG"),
    num("[9家]三级甲等医院", "CARDINAL", "9", "家", obj="三级甲等医院", subject="[徐汇]区域内"),
    ent("生活在[徐汇]的两院院士", "GPE"),
    num("两院院士有[108位]", "CARDINAL", "108", "位", indicator="两院院士", subject="生活在[徐汇]"),
    ent("[徐汇区]深知", "GPE"),
    ent("[去年],华人", "DATE", "2020"),
    ent("[清华大学交叉信息研究院]", "ORG"),
    ent("院长[姚期智]", "PERSON"),
    ent("[西岸智塔东塔楼]", "FAC"),
    num("包括[1位]图灵奖得主", "CARDINAL", "1", "位", obj="图灵奖得主", period="去年", subject="西岸智塔东塔楼"),
    num("[8位]院士", "CARDINAL", "8", "位", obj="院士", period="去年", subject="西岸智塔东塔楼"),
    num("[150余位]博士", "CARDINAL", "150", "位", "over", obj="博士", period="去年", subject="西岸智塔东塔楼"),
    num("[3000余名]技术人员", "CARDINAL", "3000", "名", "over", obj="技术人员", period="去年", subject="西岸智塔东塔楼"),
    ent("[这些年],徐汇区通过", "DATE"),
    ent("这些年,[徐汇区]通过", "GPE"),
    ent("工作,[2021年]推荐", "DATE", "2021"),
    num("人才项目申报[100余人次]", "CARDINAL", "100", "人次", "over", indicator="各类人才评选、人才项目申报", period="2021年"),
    ent("[“十四五”期间]", "DATE", "2021/2025"),
    ent("期间,[徐汇区]还将", "GPE"),
    num("新增[1万套]人才公寓", "CARDINAL", "10000", "套", obj="人才公寓", period="“十四五”期间", subject="徐汇区"),
    # closing
    ent("数智赋能,[徐汇区]正努力", "GPE"),
    ent("把[徐汇]建设成为", "GPE"),
]


def read_source() -> str:
    """The document text exactly as ANNOTATION.md section 1 reads it (BOM removed only)."""
    return read_document(SOURCE).text


def resolve(text: str, entry: dict[str, Any]) -> dict[str, Any]:
    """Find the entry's unique context in the text and return the gold record."""
    ctx = entry["ctx"]
    left, rest = ctx.split("[", 1)
    mention, right = rest.split("]", 1)
    plain = left + mention + right
    hits = [i for i in range(len(text)) if text.startswith(plain, i)]
    if len(hits) != 1:
        raise ValueError(f"context {ctx!r} occurs {len(hits)} times")
    start = hits[0] + len(left)
    end = start + len(mention)
    record: dict[str, Any] = {"start": start, "end": end, "text": text[start:end],
                              "label": entry["label"]}
    for key in ("value", "value_max", "unit", "qualifier", "object", "indicator", "measure",
                "period", "subject"):
        if key in entry:
            val = entry[key]
            if isinstance(val, Decimal):
                val = int(val) if val == val.to_integral_value() else float(val)
            record[key] = val
    return record


def build() -> dict[str, Any]:
    """Resolve all entries, check the contract, and return the gold document."""
    text = read_source()
    mentions = sorted((resolve(text, e) for e in ENTRIES), key=lambda r: r["start"])
    for prev, cur in zip(mentions, mentions[1:], strict=False):
        if cur["start"] < prev["end"]:
            raise ValueError(f"overlap: {prev['text']!r} / {cur['text']!r}")
    resolve_facts(text, mentions)
    for rec in mentions:
        assert rec["label"] in LABELS, rec
        assert text[rec["start"]:rec["end"]] == rec["text"], rec
        if rec["label"] in NUMERIC:
            assert rec["qualifier"] in QUALIFIERS, rec
            assert ("value_max" in rec) == (rec["qualifier"] == "range"), rec
    return {
        "doc": DOC,
        "text_sha256": text_sha256(text),
        "guideline": "v2",
        "mentions": mentions,
    }


def main() -> int:
    """Write gold/<doc>.json and print counts per label."""
    gold = build()
    OUT.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for rec in gold["mentions"]:
        counts[rec["label"]] = counts.get(rec["label"], 0) + 1
    print(len(gold["mentions"]), dict(sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

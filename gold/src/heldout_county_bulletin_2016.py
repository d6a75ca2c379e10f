"""Gold source for corpus/heldout_county_bulletin_2016.txt (held-out, v2); run it to write
gold/heldout_county_bulletin_2016.json.

A county's 2015年国民经济和社会发展统计公报 (published on a 黔东南州 government site; the
county is not named in the excerpt): the preamble, 一、综合 and the first three paragraphs of
二、农业. Annotated by hand, two readings, before the extractor was run on it. Entries as in
policy_tool.py; `period` / `subject` are locators inside the figure's sentence
(facts_tool.py). Decisions: gold/notes/heldout.md.
"""

from __future__ import annotations

from policy_tool import write_gold

DOC = "heldout_county_bulletin_2016"
PREV = "2014"  # 上年 / 上年同期 of the bulletin's year 2015


def fig(t: str, label: str, value: float, unit: str | None, measure: str,
        indicator: str | None, period: str | None = None, **extra: object) -> dict:
    """A figure (no subject: the county is never named, 全县 is no mention)."""
    e: dict = {"t": t, "l": label, "value": value, "unit": unit, "qualifier": "exact",
               "measure": measure, **extra}
    if indicator:
        e["indicator"] = indicator
    if period:
        e["period"] = period
    return e


def pct(t: str, value: float, measure: str, indicator: str, period: str | None = None,
        **extra: object) -> dict:
    return fig(t, "PERCENT", value, "%", measure, indicator, period, **extra)


def wan_yuan(t: str, wan: int, indicator: str, period: str | None = None) -> dict:
    """MONEY written in 万元, a level."""
    return fig(t, "MONEY", wan * 10000, "CNY", "level", indicator, period)


def area_ha(t: str, ha: int, indicator: str) -> dict:
    """QUANTITY in 公顷 (10000 m2), a level."""
    return fig(t, "QUANTITY", ha * 10000, "m2", "level", indicator)


def tonnes(t: str, tons: int, indicator: str, period: str | None = None) -> dict:
    """QUANTITY in 吨 (1000 kg), a level."""
    return fig(t, "QUANTITY", tons * 1000, "kg", "level", indicator, period)


MENTIONS: list[dict] = [
    # preamble
    {"t": "2015年", "l": "DATE", "value": "2015", "n": 1},
    {"t": "县委", "l": "ORG"},
    {"t": "县政府", "l": "ORG"},
    {"t": "2018年", "l": "DATE", "value": "2018"},
    # 发展和生态两条底线: a count of the two things listed; its period is the sentence's year,
    # not 2018年 (the date of the target, another thing)
    fig("两条", "CARDINAL", 2, "条", "level", None, "2015年", object="底线"),
    # 一、综合
    {"t": "2015年", "l": "DATE", "value": "2015", "n": 2},
    wan_yuan("244394万元", 244394, "地区生产总值", "2015年"),
    {"t": "上年", "l": "DATE", "value": PREV, "a": "244394万元,比"},
    pct("13.1%", 13.1, "increase", "地区生产总值", "2015年", n=1),
    wan_yuan("62857万元", 62857, "第一产业增加值"),
    pct("6.3%", 6.3, "increase", "第一产业增加值"),
    wan_yuan("65585万元", 65585, "第二产业增加值"),
    pct("9.5%", 9.5, "increase", "第二产业增加值"),
    wan_yuan("40653万元", 40653, "工业增加值"),
    pct("13.5%", 13.5, "increase", "工业增加值"),
    wan_yuan("24932万元", 24932, "建筑业增加值"),
    pct("3.7%", 3.7, "increase", "建筑业增加值"),
    wan_yuan("115952万元", 115952, "第三产业增加值"),
    pct("18.0%", 18.0, "increase", "第三产业增加值"),
    fig("19967元", "MONEY", 19967, "CNY", "level", "人均地区生产总值"),
    {"t": "上年", "l": "DATE", "value": PREV, "a": "19967元,比"},
    pct("13.1%", 13.1, "increase", "人均地区生产总值", n=2),
    # figure caption
    {"t": "2011-2015年", "l": "DATE", "value": "2011/2015"},
    # 三次产业结构比为25.72:26.84:47.44: three parts of a whole, no unit written
    {"t": "2015年", "l": "DATE", "value": "2015", "a": "\n"},
    fig("25.72", "CARDINAL", 25.72, None, "share", "三次产业结构比", "2015年"),
    fig("26.84", "CARDINAL", 26.84, None, "share", "三次产业结构比", "2015年"),
    fig("47.44", "CARDINAL", 47.44, None, "share", "三次产业结构比", "2015年"),
    {"t": "上年", "l": "DATE", "value": PREV, "a": "与"},
    fig("3.82个百分点", "PERCENT", 3.82, "pp", "increase", "第一产业占地区生产总值的比重",
        "2015年"),
    # 第二、第三产业…的比重分别回落2.16和1.66个百分点: a 分别 list, the unit written once
    fig("2.16", "PERCENT", 2.16, "pp", "decrease", "第二", "2015年"),
    fig("1.66个百分点", "PERCENT", 1.66, "pp", "decrease", "第三产业占地区生产总值的比重",
        "2015年"),
    # figure caption
    {"t": "2011-2015", "l": "DATE", "value": "2011/2015", "a": "图2:"},
    # 二、农业
    wan_yuan("32586万元", 32586, "农业增加值"),
    pct("9.9%", 9.9, "increase", "农业增加值"),
    area_ha("12981公顷", 12981, "粮食作物种植面积"),
    {"t": "上年同期", "l": "DATE", "value": PREV, "n": 1},
    pct("1.32%", 1.32, "increase", "粮食作物种植面积"),
    area_ha("1139公顷", 1139, "油料种植面积"),
    {"t": "上年同期", "l": "DATE", "value": PREV, "n": 2},
    pct("0.35%", 0.35, "decrease", "油料种植面积"),
    area_ha("94公顷", 94, "烤烟种植面积"),
    {"t": "上年同期", "l": "DATE", "value": PREV, "n": 3},
    pct("1.1%", 1.1, "decrease", "烤烟种植面积"),
    area_ha("3373公顷", 3373, "蔬菜种植面积"),
    {"t": "上年同期", "l": "DATE", "value": PREV, "n": 4},
    pct("1.54%", 1.54, "increase", "蔬菜种植面积"),
    {"t": "全年", "l": "DATE", "value": "2015", "n": 1},
    tonnes("46695吨", 46695, "粮食总产量", "全年"),
    pct("0.98%", 0.98, "increase", "粮食总产量", "全年"),
    tonnes("7327吨", 7327, "夏粮产量"),
    pct("2.1%", 2.1, "increase", "夏粮产量"),
    tonnes("39368吨", 39368, "秋粮产量"),
    pct("0.78%", 0.78, "increase", "秋粮产量"),
    {"t": "全年", "l": "DATE", "value": "2015", "n": 2},
    tonnes("39603吨", 39603, "谷物产量", "全年"),
    pct("0.44%", 0.44, "increase", "谷物产量", "全年"),
    tonnes("26765吨", 26765, "稻谷产量", "全年"),
    pct("0.43%", 0.43, "increase", "稻谷产量", "全年"),
    tonnes("2351吨", 2351, "小麦产量", "全年"),
    pct("1.29%", 1.29, "increase", "小麦产量", "全年"),
    tonnes("10015吨", 10015, "玉米产量", "全年"),
    pct("0.22%", 0.22, "increase", "玉米产量", "全年"),
    {"t": "全年", "l": "DATE", "value": "2015", "n": 3},
    wan_yuan("10583万元", 10583, "林业增加值", "全年"),
    {"t": "上年同期", "l": "DATE", "value": PREV, "n": 5},
    pct("1.6%", 1.6, "increase", "林业增加值", "全年"),
    {"t": "全年", "l": "DATE", "value": "2015", "n": 4},
    fig("19800亩", "QUANTITY", 13200000, "m2", "level", "造林面积", "全年"),  # 1亩 = 10000/15 m2
    {"t": "全年", "l": "DATE", "value": "2015", "n": 5},
    fig("1868立方米", "QUANTITY", 1868, "m3", "level", "木材产量", "全年"),
    pct("90.7%", 90.7, "decrease", "木材产量", "全年"),
]

if __name__ == "__main__":
    write_gold(DOC, MENTIONS)

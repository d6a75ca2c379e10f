"""Gold source for corpus/heldout_nbs_april_2017-05-15.txt (held-out, v2); run it to write
gold/heldout_nbs_april_2017-05-15.json.

国家统计局, "4月份国民经济继续保持总体平稳、稳中向好的发展态势" (release of 2017-05-15):
the opening paragraph and sections 一 and 二. Annotated by hand, two readings, before the
extractor was run on it. Entries: `t` mention text, `l` label, `n` (1-based occurrence) or `a`
(left context) to find it; `period` / `subject` are locators inside the figure's sentence
(facts_tool.py). Decisions: gold/notes/heldout.md.
"""

from __future__ import annotations

from policy_tool import write_gold

DOC = "heldout_nbs_april_2017-05-15"

APR = "2017-04"
PREV = "2017-03"  # 上月 of April 2017
PREV_YEAR_MONTH = "2016-04"  # 上年同月 of April 2017


def pct(t: str, value: float, measure: str, indicator: str | None, period: str | None = None,
        unit: str = "%", qualifier: str = "exact", **find: object) -> dict:
    """A PERCENT figure of this release (no subject: every figure is national)."""
    e: dict = {"t": t, "l": "PERCENT", "value": value, "unit": unit, "qualifier": qualifier,
               "measure": measure, **find}
    if indicator:
        e["indicator"] = indicator
    if period:
        e["period"] = period
    return e


IND = "规模以上工业增加值"
MENTIONS: list[dict] = [
    # opening paragraph
    {"t": "4月份", "l": "DATE", "value": APR, "n": 1},
    {"t": "党中央", "l": "ORG"},
    {"t": "国务院", "l": "ORG"},
    # 一、工业稳定增长，企业利润增长较快
    {"t": "4月份", "l": "DATE", "value": APR, "n": 2},
    pct("6.5%", 6.5, "increase", IND, "4月份"),
    {"t": "上月", "l": "DATE", "value": PREV, "n": 1},
    pct("1.1个百分点", 1.1, "decrease", IND, "4月份", unit="pp"),  # 增速 refers back: inherits
    {"t": "上年同月", "l": "DATE", "value": PREV_YEAR_MONTH, "n": 1},
    pct("0.5个百分点", 0.5, "increase", IND, "4月份", unit="pp"),
    pct("5.6%", 5.6, "increase", "国有控股企业增加值"),
    pct("1.9%", 1.9, "increase", "集体企业"),
    pct("6.9%", 6.9, "increase", "股份制企业", a="股份制企业增长"),
    pct("5.5%", 5.5, "increase", "外商及港澳台商投资企业"),
    {"t": "三", "l": "CARDINAL", "value": 3, "unit": None, "qualifier": "exact",
     "measure": "level", "object": "门类"},  # 分三大门类看: 三 alone (section 8, 三大支撑)
    pct("0.4%", 0.4, "decrease", "采矿业增加值"),
    pct("6.9%", 6.9, "increase", "制造业", a="，制造业增长"),
    pct("7.8%", 7.8, "increase", "电力、热力、燃气及水生产和供应业"),
    pct("12.3%", 12.3, "increase", "高技术产业"),
    pct("10.3%", 10.3, "increase", "装备制造业增加值"),
    # 增速分别比规模以上工业快5.8和3.8个百分点: two figures, the unit written once
    pct("5.8", 5.8, "increase", "高技术产业", unit="pp", a="快"),
    pct("3.8个百分点", 3.8, "increase", "装备制造业增加值", unit="pp"),
    pct("97.6%", 97.6, "level", "规模以上工业企业产销率"),
    {"t": "4月份", "l": "DATE", "value": APR, "n": 3},
    {"t": "上月", "l": "DATE", "value": PREV, "n": 2},
    pct("0.56%", 0.56, "increase", IND, "4月份"),
    {"t": "1-4月份", "l": "DATE", "value": "2017-01/2017-04", "n": 1},
    pct("6.7%", 6.7, "increase", IND, "1-4月份"),
    {"t": "1-3月份", "l": "DATE", "value": "2017-01/2017-03"},
    {"t": "17043亿元", "l": "MONEY", "value": 1704300000000, "unit": "CNY", "qualifier": "exact",
     "measure": "level", "indicator": "利润总额", "period": "1-3月份"},
    pct("28.3%", 28.3, "increase", "利润总额", "1-3月份"),
    {"t": "85.25元", "l": "MONEY", "value": 85.25, "unit": "CNY", "qualifier": "exact",
     "measure": "level", "indicator": "规模以上工业企业每百元主营业务收入中的成本"},
    {"t": "0.15元", "l": "MONEY", "value": 0.15, "unit": "CNY", "qualifier": "exact",
     "measure": "decrease", "indicator": "规模以上工业企业每百元主营业务收入中的成本"},
    pct("6.13%", 6.13, "level", "主营业务收入利润率"),
    pct("0.68个百分点", 0.68, "increase", "主营业务收入利润率", unit="pp"),
    {"t": "3月末", "l": "DATE", "value": "2017-03"},
    pct("56.2%", 56.2, "level", "规模以上工业企业资产负债率", "3月末"),
    pct("0.7个百分点", 0.7, "decrease", "规模以上工业企业资产负债率", "3月末", unit="pp"),
    # 二、服务业保持较快增长，景气继续扩张
    {"t": "4月份", "l": "DATE", "value": APR, "n": 5},
    pct("8.1%", 8.1, "increase", "服务业生产指数", "4月份"),
    {"t": "上月", "l": "DATE", "value": PREV, "n": 3},
    pct("0.2个百分点", 0.2, "decrease", "服务业生产指数", "4月份", unit="pp"),
    {"t": "今年以来", "l": "DATE"},  # X以来 without value, as １９７９年以来 in gwr_national_1985
    pct("8%以上", 8, "increase", "服务业生产指数", "今年以来", qualifier="at_least"),
    {"t": "1-4月份", "l": "DATE", "value": "2017-01/2017-04", "n": 2},
    pct("8.2%", 8.2, "increase", "服务业生产指数", "1-4月份"),
    {"t": "4月份", "l": "DATE", "value": APR, "n": 7},
    pct("52.6%", 52.6, "level", "服务业商务活动指数", "4月份"),
    {"t": "上月", "l": "DATE", "value": PREV, "n": 4},
    pct("1.6个百分点", 1.6, "decrease", "服务业商务活动指数", "4月份", unit="pp"),
    {"t": "上年同月", "l": "DATE", "value": PREV_YEAR_MONTH, "n": 2},
    pct("0.1个百分点", 0.1, "increase", "服务业商务活动指数", "4月份", unit="pp"),
    pct("50%", 50, "level", "临界值", "4月份"),  # 50%的临界值以上: 以上 does not touch
    pct("55%及以上", 55, "level", "商务活动指数", qualifier="at_least"),
]

if __name__ == "__main__":
    write_gold(DOC, MENTIONS)

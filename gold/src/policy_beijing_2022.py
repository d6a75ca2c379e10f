"""Gold annotation source for corpus/policy_beijing_2022.txt; run it to write gold/policy_beijing_2022.json.

Each entry names the mention text and label, and how to find it: `n` (1-based occurrence of
the text), `a` (left context that immediately precedes it, unique), or `all` (every
occurrence). Without any of them the text must occur exactly once. Read by hand, two passes.
"""

from __future__ import annotations

from policy_tool import write_gold

DOC = "policy_beijing_2022"

MENTIONS: list[dict] = [
    # header
    {"t": "北京市经济和信息化局", "l": "ORG", "all": True},  # 8 times: issuer and the body acting
    {"t": "2022年11月21日", "l": "DATE", "value": "2022-11-21"},
    # 意见 preamble: 北京市 outside any title
    {"t": "北京市", "l": "GPE", "a": "现就推进"},
    # 一、总体要求
    {"t": "习近平", "l": "PERSON", "a": "以"},
    {"t": "中国", "l": "GPE", "a": "以习近平新时代"},
    {"t": "习近平", "l": "PERSON", "a": "深入贯彻"},
    {"t": "北京", "l": "GPE", "a": "习近平总书记对"},
    {"t": "三种", "l": "CARDINAL", "value": 3, "unit": "种", "qualifier": "exact",
     "object": "类型", "measure": "level"},
    {"t": "2-3年", "l": "DATE"},  # duration range: no single TIMEX3 value
    # 三、组织管理体系
    {"t": "北京市大数据工作推进小组", "l": "ORG", "a": "　　"},
    {"t": "北京市大数据工作推进小组办公室", "l": "ORG"},
    # 八、保障措施
    {"t": "两次", "l": "CARDINAL", "value": 2, "unit": "次", "qualifier": "exact",
     "object": "评估", "measure": "level"},
]


if __name__ == "__main__":
    write_gold(DOC, MENTIONS)

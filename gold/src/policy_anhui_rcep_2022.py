"""Gold annotation source for corpus/policy_anhui_rcep_2022.txt; run it to write gold/policy_anhui_rcep_2022.json.

Each entry names the mention text and label, and how to find it: `n` (1-based occurrence of
the text), `a` (left context that immediately precedes it, unique), or `all` (every
occurrence). Without any of them the text must occur exactly once. Read by hand, two passes.
"""

from __future__ import annotations

from policy_tool import write_gold

DOC = "policy_anhui_rcep_2022"

MENTIONS: list[dict] = [
    # header: the issuing office (three times: two title lines and the signature)
    {"t": "安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室", "l": "ORG", "all": True},
    {"t": "2022年3月23日", "l": "DATE", "value": "2022-03-23"},
    # preamble
    {"t": "安徽", "l": "GPE", "a": "全方位深化"},
    # 一、发展目标
    {"t": "2024年", "l": "DATE", "value": "2024"},
    {"t": "30%", "l": "PERCENT", "value": 30, "unit": "%", "qualifier": "exact",
     "indicator": "货物贸易", "measure": "share", "period": "2024年"},
    {"t": "20%", "l": "PERCENT", "value": 20, "unit": "%", "qualifier": "exact",
     "indicator": "对外投资", "measure": "share", "period": "2024年"},
    {"t": "10%", "l": "PERCENT", "value": 10, "unit": "%", "qualifier": "exact",
     "indicator": "实际利用外资", "measure": "share", "period": "2024年"},
    # organs named in the responsibility brackets, throughout
    {"t": "合肥海关", "l": "ORG", "all": True},
    {"t": "省商务厅", "l": "ORG", "all": True},
    {"t": "省农业农村厅", "l": "ORG", "all": True},
    {"t": "省贸促会", "l": "ORG", "all": True},
    {"t": "省发展改革委", "l": "ORG", "all": True},
    {"t": "省经济和信息化厅", "l": "ORG", "all": True},
    {"t": "省外汇管理局", "l": "ORG", "all": True},
    {"t": "省教育厅", "l": "ORG", "all": True},
    {"t": "省市场监管局", "l": "ORG", "all": True},
    {"t": "省司法厅", "l": "ORG", "all": True},
    {"t": "省外办", "l": "ORG", "all": True},
    {"t": "省港航集团", "l": "ORG", "all": True},
    {"t": "省机场集团", "l": "ORG", "all": True},
    {"t": "省民航机场集团", "l": "ORG", "all": True},
    {"t": "省交通运输厅", "l": "ORG", "all": True},
    {"t": "省版权局", "l": "ORG", "all": True},
    {"t": "省科技厅", "l": "ORG", "all": True},
    {"t": "省公安厅", "l": "ORG", "all": True},
    {"t": "省文化旅游厅", "l": "ORG", "all": True},
    {"t": "人行合肥中心支行", "l": "ORG", "all": True},
    {"t": "中国出口信用保险公司安徽分公司", "l": "ORG", "all": True},
    {"t": "省十大新兴产业推进组工作专班", "l": "ORG", "all": True},
    {"t": "省推进“三地一区”建设领导小组改革开放新高地执行小组", "l": "ORG", "a": "充分利用"},
    {"t": "省推进“三地一区”建设领导小组改革开放新高地执行小组", "l": "ORG", "a": "（"},
    # 1. 扩大优势产品出口
    {"t": "日本", "l": "GPE", "a": "支持农业企业在"},
    {"t": "东盟", "l": "ORG", "a": "支持农业企业在日本、"},
    # 2. 积极扩大进口
    {"t": "合肥经开区", "l": "LOC"},
    # 4. 着力拓展对日贸易
    {"t": "日", "l": "GPE", "a": "4.着力拓展对"},
    {"t": "中", "l": "GPE", "a": "指导企业用好"},
    {"t": "日", "l": "GPE", "a": "指导企业用好中"},
    {"t": "首年", "l": "DATE", "n": 1},
    {"t": "2034种", "l": "CARDINAL", "value": 2034, "unit": "种", "qualifier": "exact",
     "object": "出口商品", "measure": "level", "period": "[首年]关税为零的2034种"},
    {"t": "5年内", "l": "DATE", "value": "P5Y", "n": 1},
    {"t": "2725种", "l": "CARDINAL", "value": 2725, "unit": "种", "qualifier": "exact",
     "object": "出口商品", "measure": "level", "period": "[5年内]关税减让显著的2725种"},
    {"t": "首年", "l": "DATE", "n": 2},
    {"t": "2070种", "l": "CARDINAL", "value": 2070, "unit": "种", "qualifier": "exact",
     "object": "进口商品", "measure": "level", "period": "[首年]关税为零的2070种"},
    {"t": "5年内", "l": "DATE", "value": "P5Y", "n": 2},
    {"t": "5048种", "l": "CARDINAL", "value": 5048, "unit": "种", "qualifier": "exact",
     "object": "商品", "measure": "level", "period": "[5年内]关税降幅较大的5048种"},
    {"t": "日本", "l": "GPE", "a": "加大从"},
    # 5. 深化服务贸易合作
    {"t": "中国（安徽）自由贸易试验区", "l": "LOC"},
    {"t": "合肥市", "l": "GPE"},
    # 6. 大力发展数字贸易
    {"t": "新加坡", "l": "GPE", "a": "巩固对"},
    {"t": "日本", "l": "GPE", "a": "巩固对新加坡、"},
    {"t": "越南", "l": "GPE", "a": "巩固对新加坡、日本、"},
    {"t": "合肥高新区", "l": "LOC"},
    # 全球数字贸易博览会: an event name, transparent, no place inside -> nothing
    # 8. 支持海外仓建设布局
    {"t": "海外智慧物流平台", "l": "ORG"},
    # 10. 加大“双招双引”力度
    {"t": "日", "l": "GPE", "a": "加大对"},
    {"t": "韩", "l": "GPE", "a": "加大对日、"},
    {"t": "新加坡", "l": "GPE", "a": "加大对日、韩、"},
    {"t": "东盟", "l": "ORG", "a": "加强与"},
    {"t": "日本", "l": "GPE", "a": "加强与东盟、"},
    {"t": "韩国", "l": "GPE", "a": "加强与东盟、日本、"},
    # 11. 拓展对外投资领域
    {"t": "东盟", "l": "ORG", "a": "支持市场化方式在"},
    {"t": "东盟", "l": "ORG", "a": "扩大对"},
    # 13. 加快合作园区建设
    {"t": "东盟", "l": "ORG", "a": "加快推进与"},
    {"t": "越南", "l": "GPE", "a": "探索以飞地模式与"},
    {"t": "泰国", "l": "GPE"},
    {"t": "印尼", "l": "GPE"},
    {"t": "中国", "l": "GPE", "a": "申建"},
    {"t": "东盟", "l": "ORG", "a": "申建中国-"},
    # 14. 用好经贸交流平台
    # fair/expo/forum names are events (no label) and transparent: their place names count
    {"t": "中国", "l": "GPE", "a": "支持企业利用好"},
    {"t": "中国", "l": "GPE", "a": "中国国际进口博览会、"},
    {"t": "中国", "l": "GPE", "a": "世界制造业大会、"},
    {"t": "东盟", "l": "ORG", "a": "世界制造业大会、中国-"},
    # 17. 提升货物通关效率
    {"t": "48小时内", "l": "QUANTITY", "value": 172800, "unit": "s", "qualifier": "at_most",
     "measure": "level"},
    {"t": "6小时内", "l": "QUANTITY", "value": 21600, "unit": "s", "qualifier": "at_most",
     "measure": "level"},
    # 18. 打造国际物流网络
    {"t": "合肥", "l": "GPE", "a": "物流网络。依托"},
    {"t": "芜湖", "l": "GPE"},
    {"t": "合肥新桥", "l": "FAC"},
    {"t": "芜宣机场", "l": "FAC"},
    {"t": "日本", "l": "GPE", "a": "加密"},
    {"t": "韩国", "l": "GPE", "a": "加密日本、"},
    {"t": "宁波舟山港", "l": "FAC"},
    {"t": "上海洋山港", "l": "FAC"},
    # 19. 强化知识产权保护
    {"t": "中国（合肥）知识产权保护中心", "l": "ORG"},
    # 22. 加强组织领导
    {"t": "安徽省", "l": "GPE", "a": "加大对实施RCEP推进"},
    # 24. 加强风险应对
    {"t": "华", "l": "GPE", "a": "整合RCEP成员国驻"},
]


if __name__ == "__main__":
    write_gold(DOC, MENTIONS)

"""Gold source for corpus/heldout_guangdong_hk_2024-03-19.txt (held-out, v2); run it to write
gold/heldout_guangdong_hk_2024-03-19.json.

A news report (2024-03-19) of the Guangdong governor's speech at 广东省2024年春茗(香港): people,
organs, places at three levels (GPE, LOC regions, FAC bridges and rail), a two-place abbreviation (粤港), one-character
place abbreviations (港), figures with qualifiers (超过, 多, 以上) and durations. Annotated by
hand, two readings, before the extractor was run on it. Entries as in policy_tool.py;
`period` / `subject` are locators inside the figure's sentence (facts_tool.py). Decisions:
gold/notes/heldout.md.
"""

from __future__ import annotations

from policy_tool import write_gold

DOC = "heldout_guangdong_hk_2024-03-19"

MENTIONS: list[dict] = [
    # paragraph 1
    {"t": "3月18日", "l": "DATE", "value": "2024-03-18"},
    {"t": "广东省", "l": "GPE", "a": "18日,"},
    {"t": "2024年", "l": "DATE", "value": "2024"},  # the event is transparent (as 2020年度…大会)
    {"t": "香港", "l": "GPE", "a": "春茗("},
    {"t": "香港国际会展中心", "l": "FAC"},
    {"t": "香港特区", "l": "GPE"},
    {"t": "李家超", "l": "PERSON"},
    {"t": "中央政府驻港联络办", "l": "ORG"},
    {"t": "郑雁雄", "l": "PERSON"},
    {"t": "广东省", "l": "GPE", "a": "致辞,"},
    {"t": "王伟中", "l": "PERSON", "all": True},
    {"t": "广东省委", "l": "ORG"},
    {"t": "省政府", "l": "ORG", "a": "广东省委"},
    # paragraph 2
    {"t": "一年", "l": "DATE", "value": "P1Y", "a": "时隔"},
    {"t": "香港", "l": "GPE", "a": "来到"},
    {"t": "香港", "l": "GPE", "a": "他为"},
    # paragraph 3
    {"t": "一年来", "l": "DATE", "value": "P1Y"},
    # 粤港 (Guangdong and Hong Kong) is one LOC, as [京津冀] (section 10); corrected after the
    # first run, see gold/notes/heldout.md
    {"t": "粤港", "l": "LOC", "all": True},
    {"t": "港珠澳大桥", "l": "FAC"},
    {"t": "广深港高铁", "l": "FAC"},
    {"t": "超过2亿人次", "l": "CARDINAL", "value": 200000000, "unit": "人次", "qualifier": "over",
     "measure": "level", "indicator": "陆路口岸出入境人员", "period": "一年来",
     "subject": "[粤港]陆路口岸"},
    {"t": "超过万亿元", "l": "MONEY", "value": 1000000000000, "unit": "CNY", "qualifier": "over",
     "measure": "level", "indicator": "货物进出口", "period": "一年来",
     "subject": "[粤港]货物"},
    {"t": "香港", "l": "GPE", "a": "亿元,"},
    {"t": "广东", "l": "GPE", "a": "香港在"},
    {"t": "超过万家", "l": "CARDINAL", "value": 10000, "unit": "家", "qualifier": "over",
     "measure": "level", "indicator": "新设企业", "period": "一年来", "subject": "[香港]在广东"},
    {"t": "港", "l": "GPE", "a": "粤企在"},
    # 超过了890多家: 超过 does not touch the figure, 多 gives `over`
    {"t": "890多家", "l": "CARDINAL", "value": 890, "unit": "家", "qualifier": "over",
     "measure": "level", "indicator": "新设企业", "period": "一年来"},
    {"t": "深圳", "l": "GPE"},
    {"t": "香港", "l": "GPE", "a": "深圳—"},
    {"t": "广州", "l": "GPE"},
    {"t": "四年", "l": "DATE", "value": "P4Y"},
    {"t": "第二位", "l": "ORDINAL", "value": 2, "unit": None, "qualifier": "exact"},
    {"t": "大湾区", "l": "LOC", "a": "升温,"},
    {"t": "大湾区", "l": "LOC", "a": "常态,"},
    # paragraph 4
    {"t": "香港", "l": "GPE", "a": "指出,"},
    {"t": "广东", "l": "GPE", "a": "是"},
    {"t": "45年来", "l": "DATE", "value": "P45Y"},
    {"t": "香港", "l": "GPE", "a": "45年来,"},
    {"t": "广东省", "l": "GPE", "a": "目前"},
    # 利用外资的八成以上来自于香港: a share of Guangdong's foreign investment; 45年来 dates the
    # clause about Hong Kong's role, not this figure (目前 is no DATE), so no period
    {"t": "八成以上", "l": "PERCENT", "value": 80, "unit": "%", "qualifier": "at_least",
     "measure": "share", "indicator": "利用外资", "subject": "广东省"},
    {"t": "香港", "l": "GPE", "a": "来自于"},
    {"t": "大湾区", "l": "LOC", "a": "投资"},
    {"t": "粤东", "l": "LOC"},
    {"t": "粤西", "l": "LOC"},
    {"t": "粤北地区", "l": "LOC"},
]

if __name__ == "__main__":
    write_gold(DOC, MENTIONS)

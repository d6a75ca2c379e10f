"""Gold source for corpus/heldout_jingzhou_projects_2021-01-09.txt (held-out, v2); run it to
write gold/heldout_jingzhou_projects_2021-01-09.json.

A city news report (荆州, 2021-01-09) on the city's first batch of project starts and signings
of 2021: people, party and government organs, places, money and counts. Annotated by hand, two
readings, before the extractor was run on it. Entries as in policy_tool.py; `period` /
`subject` are locators inside the figure's sentence (facts_tool.py). Decisions:
gold/notes/heldout.md.
"""

from __future__ import annotations

from policy_tool import write_gold

DOC = "heldout_jingzhou_projects_2021-01-09"


def money(t: str, value: int, indicator: str | None = None, qualifier: str = "exact",
          **extra: object) -> dict:
    """A MONEY figure in CNY, measure level (no figure of this text is a change or share)."""
    e: dict = {"t": t, "l": "MONEY", "value": value, "unit": "CNY", "qualifier": qualifier,
               "measure": "level", **extra}
    if indicator:
        e["indicator"] = indicator
    return e


def count(t: str, value: int, **extra: object) -> dict:
    """A CARDINAL count with classifier 个, measure level."""
    return {"t": t, "l": "CARDINAL", "value": value, "unit": "个", "qualifier": "exact",
            "measure": "level", **extra}


MENTIONS: list[dict] = [
    # paragraph 1
    {"t": "马骁", "l": "PERSON"},
    {"t": "1月8日", "l": "DATE", "value": "2021-01-08"},
    {"t": "上午", "l": "TIME"},
    {"t": "2021年", "l": "DATE", "value": "2021", "n": 1},
    {"t": "第一批", "l": "ORDINAL", "value": 1, "unit": None, "qualifier": "exact",
     "object": "重大项目"},
    {"t": "2021年", "l": "DATE", "value": "2021", "n": 2},
    {"t": "第一次", "l": "ORDINAL", "value": 1, "unit": None, "qualifier": "exact",
     "object": "招商引资项目集中签约活动"},
    money("432.7亿元", 43270000000, "总投资"),
    count("87个", 87, object="重大项目"),
    # 亿元以上重大项目: a money class, like [万吨级] (section 8)
    money("亿元以上", 100000000, qualifier="at_least", object="重大项目"),
    {"t": "荆州开发区", "l": "LOC"},
    money("569.35亿元", 56935000000, "合同引资额"),
    count("35个", 35, object="招商引资项目"),
    # paragraph 2: the city's party and state organs in titles, and the leaders
    {"t": "市委", "l": "ORG", "all": True},
    {"t": "何光中", "l": "PERSON", "all": True},
    {"t": "吴朝安", "l": "PERSON"},
    {"t": "市人大常委会", "l": "ORG"},
    {"t": "段昌林", "l": "PERSON"},
    {"t": "市政协", "l": "ORG"},
    {"t": "王守卫", "l": "PERSON"},
    {"t": "蒋鸿", "l": "PERSON"},
    {"t": "张远梅", "l": "PERSON"},
    {"t": "市政府党组", "l": "ORG"},
    {"t": "市政府办公室党组", "l": "ORG"},
    {"t": "杨运春", "l": "PERSON"},
    # paragraph 3
    {"t": "市政府", "l": "ORG", "a": "市委、"},
    {"t": "荆州", "l": "GPE", "a": "支持"},
    {"t": "2020年", "l": "DATE", "value": "2020"},
    {"t": "荆州", "l": "GPE", "a": "是对"},
    {"t": "荆州", "l": "GPE", "a": "对未来"},
    # paragraph 4
    {"t": "2021年", "l": "DATE", "value": "2021", "n": 3},
    {"t": "荆州", "l": "GPE", "a": "2021年,"},
    {"t": "荆州", "l": "GPE", "a": "认识"},
    {"t": "荆州", "l": "GPE", "a": "选择"},
    {"t": "荆州", "l": "GPE", "a": "牵手"},
    # paragraph 5
    count("61个", 61, indicator="先进制造业项目"),
    money("255亿元", 25500000000, "总投资"),
    count("25个", 25, indicator="工业项目"),
    money("338.3亿元", 33830000000, "合同引资额"),
]

if __name__ == "__main__":
    write_gold(DOC, MENTIONS)

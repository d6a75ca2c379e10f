"""Gold annotation source for the first half of corpus/gwr_national_2025.txt (chars [0, 9218)).

Run it to write gold/parts/gwr_national_2025.partA.json; `--check` also prints the second-pass
miss report (every digit, Chinese numeral, 第/首/%/年/月/日 not covered by a mention).
Each entry gives the mention text `t`, label `l`, the record fields, and how to find it:
`a` (left context that immediately precedes it), `r` (right context that immediately follows
it), `n` (1-based occurrence inside the range). The resolved hit must be unique inside the
range. Read by hand, sentence by sentence, two passes.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from facts_tool import resolve_facts

from xhextract.io import read_document, text_sha256

DOC = "gwr_national_2025"
ROOT = Path(__file__).resolve().parents[2]
RANGE_END = 9218  # the newline after 宽容失败的创新环境。 (+1)

P = "PERCENT"
M = "MONEY"
C = "CARDINAL"
Q = "QUANTITY"


def pct(t: str, v: float, q: str = "exact", **kw: object) -> dict:
    """A PERCENT entry in %."""
    return {"t": t, "l": P, "value": v, "unit": "%", "qualifier": q, **kw}


def cny(t: str, v: int, q: str = "exact", **kw: object) -> dict:
    """A MONEY entry in CNY."""
    return {"t": t, "l": M, "value": v, "unit": "CNY", "qualifier": q, **kw}


def date(t: str, v: str | None = None, **kw: object) -> dict:
    """A DATE entry, with a TIMEX3 value when resolvable."""
    e: dict = {"t": t, "l": "DATE", **kw}
    if v is not None:
        e["value"] = v
    return e


def ent(t: str, label: str, **kw: object) -> dict:
    """A named-entity entry."""
    return {"t": t, "l": label, **kw}


MENTIONS: list[dict] = [
    # 开头
    ent("国务院", "ORG", a="现在，我代表"),
    ent("全国政协", "ORG", a="并请"),
    # 一、2024年工作回顾
    date("2024年", "2024", a="一、"),
    date("过去一年", "2024", r="，我国发展历程"),
    ent("中国", "GPE", r="式现代化作出部署"),
    ent("中华人民共和国", "GPE"),
    date("75周年", "P75Y", a="中华人民共和国成立"),
    date("一年来", "P1Y", r="，面对外部压力"),  # a duration, as 近五年 P5Y (GUIDELINES section 10)
    ent("习近平", "PERSON", r="同志为核心的党中央坚强领导下，全国各族人民砥砺"),
    ent("党中央", "ORG", r="坚强领导下，全国各族人民砥砺"),
    date("全年", "2024", r="经济社会发展主要目标任务顺利完成"),
    ent("中国", "GPE", r="式现代化迈出"),
    # “稳”的态势
    cny("134.9万亿元", 134900000000000, indicator="国内生产总值", measure="level"),
    pct("5%", 5, a="134.9万亿元、增长", indicator="国内生产总值", measure="increase"),
    pct("30%左右", 30, "about", indicator="对全球经济增长的贡献率", measure="level"),
    {"t": "1256万人", "l": C, "value": 12560000, "unit": "人", "qualifier": "exact",
     "indicator": "城镇新增就业", "measure": "level"},
    pct("5.1%", 5.1, a="平均为", indicator="城镇调查失业率", measure="level"),
    pct("0.2%", 0.2, indicator="居民消费价格", measure="increase"),
    {"t": "超过3.2万亿美元", "l": M, "value": 3200000000000, "unit": "USD",
     "qualifier": "over", "indicator": "外汇储备", "measure": "level"},
    pct("5.1%", 5.1, a="实际增长", indicator="居民人均可支配收入", measure="increase"),
    # “进”的步伐
    {"t": "首次", "l": "ORDINAL", "value": 1, "unit": None, "qualifier": "exact",
     "a": "粮食产量"},
    {"t": "1.4万亿斤", "l": Q, "value": 700000000000, "unit": "kg", "qualifier": "exact",
     "a": "跃上", "indicator": "粮食产量", "measure": "level"},
    {"t": "10.1斤", "l": Q, "value": 5.05, "unit": "kg", "qualifier": "exact",
     "indicator": "亩产", "measure": "increase"},
    pct("8.9%", 8.9, indicator="高技术制造业", measure="increase"),
    pct("7.7%", 7.7, indicator="装备制造业增加值", measure="increase"),
    {"t": "1300万辆", "l": C, "value": 13000000, "unit": "辆", "qualifier": "exact",
     "indicator": "新能源汽车年产量", "measure": "level"},
    pct("10.9%", 10.9, indicator="信息传输软件和信息技术服务业", measure="increase"),
    pct("10.4%", 10.4, indicator="租赁和商务服务业增加值", measure="increase"),
    {"t": "首次", "l": "ORDINAL", "value": 1, "unit": None, "qualifier": "exact",
     "a": "实现人类"},
    ent("月球背面", "LOC"),
    pct("11.2%", 11.2, indicator="技术合同成交额", measure="increase"),
    pct("2.7%", 2.7, indicator="地级及以上城市细颗粒物（PM2.5）平均浓度",
        measure="decrease"),
    pct("87.2%", 87.2, indicator="优良天数比例", measure="share"),
    pct("90.4%", 90.4, indicator="地表水优良水质断面比例", measure="share"),
    pct("超过3%", 3, "over", indicator="单位国内生产总值能耗", measure="decrease"),
    {"t": "3.7亿千瓦", "l": Q, "value": 370000000, "unit": "kW", "qualifier": "exact",
     "indicator": "可再生能源新增装机", "measure": "level"},
    # 回顾过去一年
    date("过去一年", "2024", a="回顾"),
    date("9月26日", "2024-09-26"),
    ent("中央政治局", "ORG"),
    date("全年", "2024", r="目标实现"),
    date("今年", "2025", r="发展奠定了良好基础"),
    ent("党中央", "ORG", r="集中统一领导是做好经济工作"),
    ent("习近平", "PERSON", r="同志为核心的党中央坚强领导下，全国上下"),
    ent("党中央", "ORG", r="坚强领导下，全国上下"),
    # 一年来
    date("一年来", "P1Y", r="，我们深入学习"),
    ent("习近平", "PERSON", r="新时代中国特色社会主义思想，坚定维护"),
    ent("中国", "GPE", r="特色社会主义思想，坚定维护"),
    ent("习近平", "PERSON", r="同志为核心的党中央权威"),
    ent("党中央", "ORG", r="权威"),
    ent("党中央", "ORG", r="决策部署，主要做了"),
    # 一是
    date("去年一季度", "2024-Q1"),
    date("二季度", "2024-Q2", a="进入"),
    date("全年", "2024", r="经济运行呈现"),
    {"t": "两次", "l": C, "value": 2, "unit": "次", "qualifier": "exact", "r": "下调存款准备金率", "measure": "level"},
    pct("15.7%", 15.7, indicator="设备购置投资", measure="increase"),
    pct("12.3%", 12.3, indicator="家电类商品零售额", measure="increase"),
    cny("约1500亿元", 150000000000, "about", indicator="居民存量房贷利息年支出", measure="decrease"),
    cny("6万亿元", 6000000000000, a="一次性增加", object="地方专项债务限额",
        indicator="地方专项债务限额", measure="increase"),
    # 二是
    ent("全国人大常委会", "ORG", r="审议民营经济"),
    ent("中国", "GPE", a="对所有同"),
    {"t": "240小时", "l": Q, "value": 864000, "unit": "s", "qualifier": "exact",
     "indicator": "过境免签境内停留时间", "measure": "level"},
    # 三是
    pct("9.2%", 9.2, indicator="制造业投资", measure="increase"),
    ent("中国", "GPE", a="加快数字"),
    pct("10%左右", 10, "about", a="比重达到",
        indicator="数字经济核心产业增加值占国内生产总值比重", measure="share"),
    # 四是
    pct("67%", 67, indicator="常住人口城镇化率", measure="level"),
    # 五是
    {"t": "3400多万人次", "l": C, "value": 34000000, "unit": "人次", "qualifier": "over",
     "indicator": "学生", "measure": "level"},
    {"t": "1100多万人", "l": C, "value": 11000000, "unit": "人", "qualifier": "over",
     "measure": "level"},
    # ordinals in event names are annotated, as ANNOTATION.md's own example [第十一次] (代表大会)
    {"t": "第九届", "l": "ORDINAL", "value": 9, "unit": None, "qualifier": "exact", "a": "扎实筹办"},
    ent("亚洲", "LOC", a="第九届"),
    {"t": "第十二届", "l": "ORDINAL", "value": 12, "unit": None, "qualifier": "exact", "a": "成功举办"},
    ent("巴黎", "GPE"),
    # 六是
    pct("接近40%", 40, "nearly", indicator="非化石能源发电量占总发电量的比重", measure="share"),
    # 七是
    ent("党中央", "ORG", a="贯彻落实"),
    ent("全国人大常委会", "ORG", a="依法行政。提请"),
    {"t": "19件", "l": C, "value": 19, "unit": "件", "qualifier": "exact",
     "indicator": "法律议案", "measure": "level"},
    {"t": "28部", "l": C, "value": 28, "unit": "部", "qualifier": "exact",
     "indicator": "行政法规", "measure": "level"},
    ent("人大", "ORG", a="认真办理"),
    ent("政协", "ORG", a="人大代表建议和"),
    {"t": "两批", "l": C, "value": 2, "unit": "批", "qualifier": "exact",
     "object": "“高效办成一件事”重点事项清单", "measure": "level"},
    # 外交
    date("过去一年", "2024", r="，中国特色大国外交"),
    ent("中国", "GPE", r="特色大国外交"),
    ent("习近平", "PERSON", r="主席等"),
    ent("上海合作组织", "ORG"),
    ent("金砖国家", "ORG"),
    ent("亚太经合组织", "ORG"),
    ent("二十国集团", "ORG"),
    ent("东亚", "LOC", r="合作领导人系列会议"),
    ent("中非合作论坛", "ORG"),
    ent("北京", "GPE", a="中非合作论坛"),
    ent("中阿合作论坛", "ORG"),
    ent("中国", "GPE", r="为促进世界和平"),
    # 过去一年取得的成绩
    date("过去一年", "2024", r="取得的成绩"),
    ent("习近平", "PERSON", r="总书记领航掌舵"),
    ent("习近平", "PERSON", r="新时代中国特色社会主义思想科学指引"),
    ent("中国", "GPE", r="特色社会主义思想科学指引"),
    ent("习近平", "PERSON", r="同志为核心的党中央坚强领导的结果"),
    ent("党中央", "ORG", r="坚强领导的结果"),
    ent("国务院", "ORG", r="，向全国各族人民"),
    ent("香港特别行政区", "GPE"),
    ent("澳门特别行政区", "GPE"),
    ent("台湾", "GPE", r="同胞和海外侨胞"),
    ent("中国", "GPE", r="现代化建设的各国政府"),
    # 二、2025年总体要求
    date("2025年", "2025", a="二、"),
    date("今年", "2025", r="是“十四五”规划收官之年"),
    ent("习近平", "PERSON", r="同志为核心的党中央坚强领导下，以"),
    ent("党中央", "ORG", r="坚强领导下，以习近平"),
    ent("习近平", "PERSON", r="新时代中国特色社会主义思想为指导"),
    ent("中国", "GPE", r="特色社会主义思想为指导"),
    date("“十五五”", "2026/2030", r="良好开局"),
    # 预期目标
    date("今年", "2025", r="发展主要预期目标是"),
    pct("5%左右", 5, "about", a="国内生产总值增长", indicator="国内生产总值",
        measure="increase", period="今年"),
    pct("5.5%左右", 5.5, "about", r="，城镇新增就业", indicator="城镇调查失业率",
        measure="level", period="今年"),
    {"t": "1200万人以上", "l": C, "value": 12000000, "unit": "人", "qualifier": "at_least",
     "indicator": "城镇新增就业", "measure": "level", "period": "今年"},
    pct("2%左右", 2, "about", r="；居民收入增长", indicator="居民消费价格",
        measure="increase", period="今年"),
    {"t": "1.4万亿斤左右", "l": Q, "value": 700000000000, "unit": "kg", "qualifier": "about",
     "indicator": "粮食产量", "measure": "level", "period": "今年"},
    pct("3%左右", 3, "about", a="能耗降低", indicator="单位国内生产总值能耗",
        measure="decrease", period="今年"),
    pct("5%左右", 5, "about", a="经济增长预期目标为", indicator="经济增长预期目标", measure="increase"),
    pct("5.5%左右", 5.5, "about", r="，体现了", indicator="城镇调查失业率", measure="level"),
    pct("2%左右", 2, "about", r="，目的在于", indicator="居民消费价格",
        measure="increase"),
    # 财政政策
    date("今年", "2025", r="赤字率拟按"),
    pct("4%左右", 4, "about", indicator="赤字率", measure="level", period="今年"),
    date("上年", "2024", r="提高1个百分点"),
    {"t": "1个百分点", "l": P, "value": 1, "unit": "pp", "qualifier": "exact",
     "indicator": "赤字率", "measure": "increase", "period": "今年"},
    cny("5.66万亿元", 5660000000000, indicator="赤字规模", measure="level",
        period="今年"),
    date("上年", "2024", r="增加1.6万亿元"),
    cny("1.6万亿元", 1600000000000, indicator="赤字规模", measure="increase",
        period="今年"),
    cny("29.7万亿元", 29700000000000, indicator="一般公共预算支出规模",
        measure="level"),
    date("上年", "2024", r="增加1.2万亿元"),
    cny("1.2万亿元", 1200000000000, indicator="一般公共预算支出规模",
        measure="increase"),
    cny("1.3万亿元", 1300000000000, indicator="超长期特别国债", measure="level"),
    date("上年", "2024", r="增加3000亿元"),
    cny("3000亿元", 300000000000, a="比上年增加", indicator="超长期特别国债",
        measure="increase"),
    cny("5000亿元", 500000000000, a="拟发行特别国债", indicator="特别国债", measure="level"),
    cny("4.4万亿元", 4400000000000, indicator="地方政府专项债券", measure="level"),
    date("上年", "2024", r="增加5000亿元"),
    cny("5000亿元", 500000000000, a="比上年增加", indicator="地方政府专项债券",
        measure="increase"),
    date("今年", "2025", r="合计新增政府债务"),
    cny("11.86万亿元", 11860000000000, indicator="新增政府债务总规模",
        measure="level", period="今年"),
    date("上年", "2024", r="增加2.9万亿元"),
    cny("2.9万亿元", 2900000000000, indicator="新增政府债务总规模",
        measure="increase", period="今年"),
    # 完成好今年目标任务
    ent("习近平", "PERSON", r="经济思想"),
    date("今年", "2025", a="完成好"),
    # 三、2025年政府工作任务
    date("2025年", "2025", a="三、"),
    date("今年", "2025", r="经济社会发展任务十分繁重"),
    cny("3000亿元", 300000000000, a="安排超长期特别国债", indicator="超长期特别国债",
        measure="level"),
    date("今年", "2025", r="中央预算内投资"),
    cny("7350亿元", 735000000000, indicator="中央预算内投资", measure="level", period="今年"),
    # （三）
    ent("中国", "GPE", r="式现代化的基础性"),
]


def read_text(path: Path) -> str:
    """The document exactly as ANNOTATION.md section 1 defines it (BOM removed, nothing else)."""
    return read_document(path).text


FIELDS = ("value", "value_max", "unit", "qualifier", "indicator", "object", "measure", "period",
          "subject")


def resolve(text: str, entries: list[dict]) -> list[dict]:
    """Turn entries into records with start/end offsets inside the range; fail on ambiguity."""
    out: list[dict] = []
    for e in entries:
        t = e["t"]
        hits = [m.start() for m in re.finditer(re.escape(t), text[:RANGE_END + len(t)])]
        hits = [i for i in hits if i < RANGE_END]
        if "a" in e:
            hits = [i for i in hits if text[max(0, i - len(e["a"])):i] == e["a"]]
        if "r" in e:
            hits = [i for i in hits if text[i + len(t):i + len(t) + len(e["r"])] == e["r"]]
        if "n" in e:
            hits = [hits[e["n"] - 1]]
        if len(hits) != 1:
            raise SystemExit(f"{t!r} a={e.get('a')!r} r={e.get('r')!r}: {len(hits)} hits")
        s = hits[0]
        rec: dict = {"start": s, "end": s + len(t), "text": t, "label": e["l"]}
        for k in FIELDS:
            if k in e:
                rec[k] = e[k]
        out.append(rec)
    out.sort(key=lambda r: (r["start"], r["end"]))
    for x, y in zip(out, out[1:], strict=False):
        if y["start"] < x["end"]:
            raise SystemExit(f"overlap or duplicate: {x} / {y}")
    return out


LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "DATE", "TIME",
          "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
NUMERIC = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
QUALIFIERS = {"exact", "about", "nearly", "over", "at_least", "under", "at_most", "range"}
CLAUSE_END = re.compile(r"[，。；！？\n]")


def check(text: str, mentions: list[dict]) -> None:
    """Self-check of the records: slices, labels, numeric fields, clause-bound indicator/object."""
    for m in mentions:
        assert text[m["start"]:m["end"]] == m["text"], m
        assert m["start"] < RANGE_END, m
        assert m["label"] in LABELS, m
        if m["label"] in NUMERIC:
            assert isinstance(m["value"], (int, float)), m
            assert "unit" in m and m["qualifier"] in QUALIFIERS, m
            assert ("value_max" in m) == (m["qualifier"] == "range"), m
            quals = {"约": "about", "左右": "about", "超过": "over", "多": "over",
                     "以上": "at_least", "接近": "nearly"}
            want = "exact"
            for w, q in quals.items():
                if w in m["text"]:
                    want = q
            assert m["qualifier"] == want, (m, want)
        else:
            assert not (set(m) & {"unit", "qualifier", "value_max"}), m
        # indicator/object must sit in the figure's own clause (composed 分别 names excepted)
        ls = max((i for i in range(m["start"]) if CLAUSE_END.match(text[i])), default=-1)
        nx = CLAUSE_END.search(text, m["end"])
        clause = text[ls + 1:nx.start() if nx else len(text)]
        if "object" in m:
            assert m["object"] in text[m["end"]:nx.start()], m
        if "indicator" in m and m["indicator"] not in clause[:m["start"] - ls - 1]:
            print(f"  composed indicator (分别 list or coordination): {m['indicator']}",
                  file=sys.stderr)


MISS = re.compile(r"[0-9０-９零〇一二三四五六七八九十百千万亿两第首%％年月日]")


def miss_report(text: str, mentions: list[dict]) -> None:
    """Second pass: print every numeral-like character outside a mention, with context."""
    covered = [False] * RANGE_END
    for m in mentions:
        for i in range(m["start"], min(m["end"], RANGE_END)):
            covered[i] = True
    for mt in MISS.finditer(text[:RANGE_END]):
        i = mt.start()
        if not covered[i]:
            print(f"{i:5d} {mt.group()} | {text[max(0, i - 8):i]}[{text[i]}]{text[i + 1:i + 8]}"
                  .replace("\n", "⏎"))


def main() -> None:
    """Write gold/parts/gwr_national_2025.partA.json from MENTIONS."""
    text = read_text(ROOT / "corpus" / f"{DOC}.txt")
    assert text[RANGE_END - 11:RANGE_END] == "宽容失败的创新环境。\n"
    mentions = resolve(text, MENTIONS)
    check(text, mentions)
    resolve_facts(text, mentions)
    gold = {
        "doc": DOC,
        "text_sha256": text_sha256(text),
        "guideline": "v2",
        "mentions": mentions,
    }
    out = ROOT / "gold" / "parts" / f"{DOC}.partA.json"
    out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m["label"]] = counts.get(m["label"], 0) + 1
    print(f"{out}: {len(mentions)} mentions {dict(sorted(counts.items()))}", file=sys.stderr)
    if "--check" in sys.argv:
        miss_report(text, mentions)


if __name__ == "__main__":
    main()

"""DATE and TIME on real corpus sentences: spans and TIMEX3-style values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from xhextract.components.dates import cn_int, find_dates

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def dates(text: str, doc_date: date | None = None) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.label, m.value) for m in find_dates(text, doc_date)]  # type: ignore[misc]


# (id, sentence from corpus/, document date, expected (text, label, value) in order)
CASES = [
    ("xuhui_award", "12月1日,2020年度上海市科学技术奖励大会召开,共281项(人)获奖。", None,
     [("12月1日", "DATE", "XXXX-12-01"), ("2020年度", "DATE", "2020")]),
    ("xuhui_five_years", "近五年来,和徐汇阔步迈向具有世界影响力的", None,
     [("近五年来", "DATE", "P5Y")]),
    ("xuhui_quarters", "2021年前三季度,新获医疗器械注册证书26件", None,
     [("2021年前三季度", "DATE", "2021-Q1/2021-Q3")]),
    ("xuhui_one_year", "一年来,区域型“TTO”平台成功转化20个项目", None,
     [("一年来", "DATE", "P1Y")]),
    ("xuhui_last_year", "去年,华人唯一图灵奖得主、清华大学交叉信息研究院院长姚期智", date(2021, 12, 1),
     [("去年", "DATE", "2020")]),
    ("xuhui_plan", "“十四五”期间,徐汇区还将新增1万套人才公寓", None,
     [("“十四五”期间", "DATE", "2021/2025")]),
    ("xuhui_these_years", "这些年,徐汇区通过集聚高端优势资源", None, [("这些年", "DATE", None)]),
    ("gwr1985_fullwidth", "刚刚过去的１９８４年，是我国各族人民", None, [("１９８４年", "DATE", "1984")]),
    ("gwr1985_half_quarter", "去年下半年特别是第四季度对信贷基金和", date(1985, 3, 27),
     [("去年下半年", "DATE", "1984-H2"), ("第四季度", "DATE", None)]),
    ("gwr1985_since", "１９７９年以来我们大幅度提", None, [("１９７９年以来", "DATE", "1979")]),
    ("gwr1985_decades", "在实现八十年代以至九十年代的三大任务", None,
     [("八十年代", "DATE", None), ("九十年代", "DATE", None)]),
    ("gwr2021_chinese_year", "第十四个五年规划和二〇三五年远景目标", None,
     [("二〇三五年", "DATE", "2035")]),
    ("gwr2025_past_year", "过去一年，我国发展历程很不平凡。", date(2025, 3, 5),
     [("过去一年", "DATE", "2024")]),
    ("gwr2025_this_year", "今年将开展“十五五”规划编制工作。", date(2025, 3, 5),
     [("今年", "DATE", "2025")]),
    ("gwr2025_anniversary", "隆重庆祝中华人民共和国成立75周年", None, [("75周年", "DATE", "P75Y")]),
    ("gwr2025_ten_years", "坚定推进长江十年禁渔。", None, [("十年", "DATE", "P10Y")]),
    ("gwr2008_recent", "近两年，又提出并实", None, [("近两年", "DATE", "P2Y")]),
    ("gwr2008_past_five", "向大会报告本届政府过去五年的工作", None, [("过去五年", "DATE", "P5Y")]),
    ("beijing_range", "利用2-3年时间，建立健全数据专区配套管理制度", None, [("2-3年", "DATE", None)]),
    ("beijing_full_date", "2022年11月21日", None, [("2022年11月21日", "DATE", "2022-11-21")]),
    ("anhui_within", "针对首年关税为零的2034种、5年内关税减让显著的2725种", None,
     [("首年", "DATE", None), ("5年内", "DATE", "P5Y")]),
    ("anhui_plan_years", "安徽省工业互联网创新发展行动计划(2021—2023年)", None,
     [("2021—2023年", "DATE", "2021/2023")]),
    ("baotou_month_end", "（5月底取得明显成效", None, [("5月底", "DATE", "XXXX-05")]),
    ("durations", "试点期限为三年，过渡期6个月，公示15天", None,
     [("三年", "DATE", "P3Y"), ("6个月", "DATE", "P6M"), ("15天", "DATE", "P15D")]),
    ("half_year", "每半年考评一次，一年半完成", None,
     [("每半年", "DATE", None), ("一年半", "DATE", "P18M")]),
    ("times", "2月3日凌晨发生地震，上午9时召开会议，下午3点30分结束", None,
     [("2月3日", "DATE", "XXXX-02-03"), ("凌晨", "TIME", None), ("上午9时", "TIME", "T09:00"),
      ("下午3点30分", "TIME", "T15:30")]),
    ("gwr2025_milestone", "全力打好实现建军一百年奋斗目标攻坚战", None,
     [("建军一百年", "DATE", "2027")]),
    ("relative_words", "近日，日前，每年，近年来", None,
     [("近日", "DATE", None), ("日前", "DATE", None), ("每年", "DATE", None),
      ("近年来", "DATE", None)]),
]


@pytest.mark.parametrize("text,doc_date,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_corpus_sentences(text: str, doc_date: date | None, expected: list[tuple]) -> None:
    assert dates(text, doc_date) == expected


@pytest.mark.parametrize("text", [
    "目前，当前，如今，不久前，前不久",  # vague time words (ANNOTATION.md 8)
    "第六个五年计划",  # a plan's name
    "“十四五”规划",
    "同时，24小时，四周环境",  # 时 without a number, an hour duration, 四周 = all around
    "三年行动计划",  # a duration inside a plan's name
])
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_relative_years_need_the_document_date() -> None:
    assert dates("去年，今年，明年") == [("去年", "DATE", None), ("今年", "DATE", None),
                                       ("明年", "DATE", None)]
    assert [v for *_, v in dates("去年，今年，明年", date(2025, 3, 5))] == ["2024", "2025", "2026"]


def test_offsets_match_the_text() -> None:
    text = (CORPUS / "gwr_national_2025.txt").read_text(encoding="utf-8")
    found = find_dates(text, date(2025, 3, 5))
    assert len(found) > 40
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.label in ("DATE", "TIME")
    starts = [m.start for m in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@pytest.mark.parametrize("s,n", [("2020", 2020), ("２０２１", 2021), ("二〇二〇", 2020), ("十", 10),
                                 ("十二", 12), ("二十一", 21), ("三十", 30), ("一百", 100),
                                 ("两", 2), ("abc", None), ("", None)])
def test_cn_int(s: str, n: int | None) -> None:
    assert cn_int(s) == n


@pytest.mark.parametrize("text,span,value", [
    ("12月1日,2020年度上海市科学技术奖励大会召开", "2020年度", "2020"),
    ("安全生产治本攻坚三年行动", "三年", "P3Y"),
    ("过渡期6个月", "6个月", "P6M"),
    ("刚刚过去的１９８４年，是", "１９８４年", "1984"),
])
def test_dates_beat_numeric_readings(text: str, span: str, value: str) -> None:
    """Through the pipeline's resolver a DATE wins over a CARDINAL/QUANTITY on the same figure."""
    from xhextract.components.quantities import find_quantities
    from xhextract.resolve import longest_wins

    kept = longest_wins(find_quantities(text) + find_dates(text))
    assert [(m.text, m.label, m.value) for m in kept if span in m.text] == [(span, "DATE", value)]


def test_windowed_search_equals_a_full_scan() -> None:
    """find_dates only runs its regex near trigger characters: that must lose nothing."""
    import random

    from xhextract.components import dates as mod

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    rng = random.Random(7)
    alphabet = "年月日号季度天周期时点分午晨晚早五十四一二〇0123456789１９今去近过每上下半前个多以来内“”，。行动计划"
    texts += ["".join(rng.choice(alphabet) for _ in range(200)) for _ in range(200)]
    # sparse: date pieces far apart in filler, so the windows stay separate
    filler = "的是在和我们推进发展建设经济"
    pieces = ["2021—2023年", "过去的二十五年来", "公元２０２１年", "下午3点30分", "三年行动计划", "“十四五”时期"]
    for _ in range(200):
        parts = []
        for _ in range(6):
            parts.append("".join(rng.choice(filler) for _ in range(rng.randrange(0, 30))))
            piece = rng.choice(pieces)
            parts.append(piece[rng.randrange(0, 3):])
        texts.append("".join(parts))
    for text in texts:
        assert [m.span() for m in mod._matches(text)] == [m.span() for m in mod._RE.finditer(text)]

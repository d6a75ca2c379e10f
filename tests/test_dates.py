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
     [("去年下半年", "DATE", "1984-H2"), ("第四季度", "DATE", "1984-Q4")]),
    ("gwr1985_since", "１９７９年以来我们大幅度提", None, [("１９７９年以来", "DATE", None)]),  # X以来: no value (gold/GUIDELINES.md)
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


def test_prefiltered_regex_equals_the_plain_one() -> None:
    """The date regex is led by a lookahead on its possible first characters (computed from the
    pattern): it must find exactly the matches, branches and groups of the plain regex."""
    import random
    import re

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
    plain = re.compile(mod._PATTERN, re.VERBOSE)
    assert mod._RE.pattern != plain.pattern  # the prefilter is there
    found = 0
    for text in texts:
        got = [(m.span(), m.lastgroup, m.groupdict()) for m in mod._RE.finditer(text)]
        assert got == [(m.span(), m.lastgroup, m.groupdict()) for m in plain.finditer(text)]
        found += len(got)
    assert found > 1000


# ---- v2 (ANNOTATION.md sections 5 and 9) ---------------------------------------------------

V2_CASES = [
    ("news_day_of_document", "1月17日，国家统计局发布数据", date(2024, 1, 17),
     [("1月17日", "DATE", "2024-01-17")]),
    ("news_december_in_january", "12月30日，上海证券交易所", date(2024, 1, 5),
     [("12月30日", "DATE", "2023-12-30")]),
    ("today_is_the_document_date", "今天，记者从市统计局获悉；昨天", date(2024, 1, 17),
     [("今天", "DATE", "2024-01-17"), ("昨天", "DATE", "2024-01-16")]),
    ("gwr2024_review_year", "一、2023年工作回顾\n\n过去一年，…全年经济社会发展主要目标任务圆满完成", date(2024, 3, 5),
     [("2023年", "DATE", "2023"), ("过去一年", "DATE", "2023"), ("全年", "DATE", "2023")]),
    ("gwr2025_quarters", "去年一季度经济增长良好，二季度有所放缓，全年增长5%", date(2025, 3, 5),
     [("去年一季度", "DATE", "2024-Q1"), ("二季度", "DATE", "2024-Q2"), ("全年", "DATE", "2024")]),
    ("previous_year_after_this_year", "今年发展主要预期目标，比上年增长", date(2025, 3, 5),
     [("今年", "DATE", "2025"), ("上年", "DATE", "2024")]),
    ("same_period_last_year", "2023年前三季度，国内生产总值比上年同期增长5.2%", date(2024, 1, 17),
     [("2023年前三季度", "DATE", "2023-Q1/2023-Q3"), ("上年同期", "DATE", "2022-Q1/2022-Q3")]),
    ("month_range", "2024年1至9月，全国规模以上工业企业", None, [("2024年1至9月", "DATE", "2024-01/2024-09")]),
    ("month_range_this_year", "今年1—5月，全市外贸进出口", date(2024, 6, 20),
     [("今年1—5月", "DATE", "2024-01/2024-05")]),
    ("ages", "60岁及以上老年人，年满18周岁的公民", None,
     [("60岁", "DATE", "P60Y"), ("18周岁", "DATE", "P18Y")]),
    ("double_eleven", "今年“双十一”期间，快递业务量", date(2023, 11, 12),
     [("今年", "DATE", "2023"), ("双十一", "DATE", "2023-11-11")]),
    ("year_only_document_date", "12月1日,2020年度上海市科学技术奖励大会召开", date(2021, 1, 1),
     [("12月1日", "DATE", "2021-12-01"), ("2020年度", "DATE", "2020")]),
    ("this_century", "到本世纪末工农业年总产值翻两番，本世纪", date(1985, 3, 27),
     [("本世纪末", "DATE", "2000"), ("本世纪", "DATE", "19")]),
    ("months_of_the_year_so_far", "前11个月，全国货物贸易进出口总值；上个月", date(2023, 12, 7),
     [("前11个月", "DATE", "2023-01/2023-11"), ("上个月", "DATE", "2023-11")]),
    # constructed (a monthly release's wording): 上月 and 上年同月 point back to the month the
    # text talks about, not the document's (published in May about April)
    ("last_month_of_the_text", "4月份，工业增加值同比增长6.5%，增速比上月回落1.1个百分点，比上年同月加快"
     "0.5个百分点。1-4月份，同比增长6.7%。", date(2017, 5, 15),
     [("4月份", "DATE", "2017-04"), ("上月", "DATE", "2017-03"), ("上年同月", "DATE", "2016-04"),
      ("1-4月份", "DATE", "2017-01/2017-04")]),
    ("last_month_without_a_month", "上月，全市新增就业", date(2023, 12, 7), [("上月", "DATE", "2023-11")]),
    ("since_has_no_value", "今年以来，累计增长", date(2017, 5, 15), [("今年以来", "DATE", None)]),
    # MSRA training text (/work/shared/data/ner): years joined by a dash without 年
    ("years_without_nian", "日本10家大银行1997—1998财年由于坏账原因", None,
     [("1997—1998", "DATE", "1997/1998")]),
    ("years_without_nian_caption", "图2:2011-2015三次产业增加值占地区生产总值比重(%)", None,  # constructed
     [("2011-2015", "DATE", "2011/2015")]),
    ("festival_618", "618大促期间，京东618累计下单", None,
     [("618", "DATE", "XXXX-06-18"), ("618", "DATE", "XXXX-06-18")]),
    # constructed (tests/cases/facts_generalisation.yaml): holidays are DATEs without a value,
    # one DATE with the year before them (gwr_national_1985 gold: [今年春节]), and the year
    # they name is the text's reference year
    ("holidays", "国庆假期，全市接待游客；今年春节以后，全年；五一小长假", date(2023, 10, 8),
     [("国庆假期", "DATE", None), ("今年春节", "DATE", None), ("全年", "DATE", "2023"),
      ("五一小长假", "DATE", None)]),
    # constructed (quarterly results news): 上季度 is the quarter before the one the text talks
    # about, else before the document's
    ("previous_quarter", "三季度营收增长，毛利率较上季度提升", date(2024, 10, 20),
     [("三季度", "DATE", "2024-Q3"), ("上季度", "DATE", "2024-Q2")]),
    ("previous_quarter_of_the_document", "本季度营收环比增长，较上个季度", date(2024, 2, 20),
     [("本季度", "DATE", "2024-Q1"), ("上个季度", "DATE", "2023-Q4")]),
]


@pytest.mark.parametrize("text,doc_date,expected", [c[1:] for c in V2_CASES], ids=[c[0] for c in V2_CASES])
def test_v2_resolution(text: str, doc_date: date | None, expected: list[tuple]) -> None:
    got = [(t, lab, v) for t, lab, v in dates(text, doc_date) if lab == "DATE"]
    assert got == expected


@pytest.mark.parametrize("text", ["成交额2011-2015元", "标准号GB 1234-2015", "2015-2011"])
def test_a_dash_between_numbers_is_no_period_without_a_date_context(text: str) -> None:
    """Constructed: money, a standard number and a backwards pair are no year range."""
    assert [m for m in find_dates(text) if m.source == "dates" and "/" in (m.value or "")] == []


@pytest.mark.parametrize("text", ["五一广场", "国庆70周年", "节能环保", "清明上河图"])
def test_holiday_words_without_their_days_are_no_dates(text: str) -> None:
    """Constructed: 五一/国庆 need 节 or a word of their days; 节 alone is no holiday."""
    assert [m for m in find_dates(text) if m.source == "dates:holiday"] == []


@pytest.mark.parametrize("text", ["成交额618万元", "编号618", "共618人"])
def test_618_is_a_festival_only_in_its_context(text: str) -> None:
    assert dates(text) == []


def test_every_branch_fires_on_its_examples() -> None:
    """Each alternative of the date regex finds its examples in a sentence, through the
    prefiltered regex: no branch can be added that never fires."""
    import xhextract.components.dates as mod

    for branch in mod._BRANCHES:
        for example in branch.examples:
            text = f"据悉，{example}，有关情况"
            found = [m for m in mod._RE.finditer(text) if m.lastgroup == branch.name]
            # the whole example, or (618大促: a lookahead context) the figure inside it
            assert len(found) == 1 and found[0].group() in example, (branch.name, example)
            assert found[0].group() == example or branch.name == "festival"


def test_a_branch_without_examples_is_refused() -> None:
    import xhextract.components.dates as mod

    with pytest.raises(ValueError):
        mod._Branch("new", "周末", ())

"""Entities by gazetteers and rules on real corpus text; the model only fills gaps."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest

import xhextract
from xhextract import segment
from xhextract.components.entities import find_entities
from xhextract.resolve import longest_wins

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
NAMES = ("PERSON", "ORG", "GPE", "LOC", "FAC")


def resolved(text: str, doc_date: date | None = None) -> list[tuple[str, str]]:
    """(text, label) of the rule mentions that survive the pipeline's overlap policy."""
    kept = longest_wins(find_entities(text, doc_date=doc_date, use_model=False))
    return [(m.text, m.label) for m in kept]


@pytest.fixture(scope="module")
def xuhui() -> tuple[str, list]:
    text = (CORPUS / "xuhui_innovation_2021.txt").read_text(encoding="utf-8")
    return text, longest_wins(find_entities(text, doc_date=date(2021, 12, 1), use_model=False))


def test_every_person_of_the_xuhui_article(xuhui) -> None:
    text, found = xuhui
    persons = sorted({m.text for m in found if m.label == "PERSON"})
    assert persons == ["习近平", "姚期智", "曹立强", "耿洁玉", "葛均波", "陈亚珠"]
    # 曹立强 is found after his title and again where he is named alone
    assert sum(1 for m in found if m.text == "曹立强" and m.label == "PERSON") == 2


def test_organisations_of_the_xuhui_article(xuhui) -> None:
    _, found = xuhui
    orgs = {m.text for m in found if m.label == "ORG"}
    expected = {
        "中山医院", "上海交大", "中科院", "中国商飞", "徐汇区委", "华山医院", "国家核电", "隧道股份",
        "上药集团", "复星医药", "工商银行", "交通银行", "太平洋保险", "微系统所", "有机所",
        "上海交大分子与纳米创新转化中心", "华理生物制造与反应器创新转化中心",
        "上医中山免疫治疗技术转化研究中心", "中科院有机所分子功能实现及技术转化中心",
        "交医医工交叉与医学人工智能技术创新中心", "市精神卫生中心", "市临床检验中心", "肿瘤医院",
        "清华大学交叉信息研究院", "上海人工智能实验室", "期智研究院", "树图区块链研究院",
        "上海医药临床研究中心", "龙华医院",
    }
    assert expected <= orgs, expected - orgs
    assert not {"上海科创中心", "三甲医院", "三级甲等医院"} & orgs


def test_places_and_facilities_of_the_xuhui_article(xuhui) -> None:
    _, found = xuhui
    pairs = {(m.text, m.label) for m in found}
    assert {("上海市", "GPE"), ("徐汇区", "GPE"), ("徐汇", "GPE"), ("上海", "GPE"), ("张江", "LOC"),
            ("枫林国际中心", "FAC"), ("西岸智塔东塔楼", "FAC"), ("徐汇生命科技园", "FAC"),
            ("徐汇枫林生命健康产业园", "FAC"), ("徐汇枫林健康服务业创新示范区", "LOC")} <= pairs


@pytest.mark.parametrize("word", ["卓越", "荣膺", "许可", "全国", "我国", "全市", "全球"])
def test_negative_words_are_no_entities(xuhui, word: str) -> None:
    text, found = xuhui
    assert not [m for m in found if m.text == word and m.label in NAMES]


def test_negative_words_in_sentences() -> None:
    assert resolved("中山医院葛均波院士荣膺全市唯一的“科技功臣奖”。") == [
        ("中山医院", "ORG"), ("葛均波", "PERSON")]
    assert resolved("建设创新驱动、数智赋能的 “卓越徐汇”") == []  # a slogan in quotes
    assert resolved("涉及知识产权许可转化金额超2亿元") == []
    assert resolved("我国经济实力、全国各族人民、全球经济") == []


@pytest.mark.parametrize("text,expected", [
    ("徐汇区委书记曹立强这样表明", [("徐汇区委", "ORG"), ("曹立强", "PERSON")]),
    ("文 / 记者 耿洁玉 图 / 资料", [("耿洁玉", "PERSON")]),
    ("清华大学交叉信息研究院院长姚期智带领团队入驻西岸智塔东塔楼",
     [("清华大学交叉信息研究院", "ORG"), ("姚期智", "PERSON"), ("西岸智塔东塔楼", "FAC")]),
    ("在以习近平同志为核心的党中央坚强领导下", [("习近平", "PERSON"), ("党中央", "ORG")]),
    ("推进中国式现代化作出部署", [("中国", "GPE")]),
    ("推动两岸关系和平发展", [("两岸", "LOC")]),
    ("提升京津冀、长三角、粤港澳大湾区等经济发展优势区域",
     [("京津冀", "LOC"), ("长三角", "LOC"), ("粤港澳大湾区", "LOC")]),
    ("（省商务厅牵头，合肥海关、省贸促会按职责分工配合）",
     [("省商务厅", "ORG"), ("合肥海关", "ORG"), ("省贸促会", "ORG")]),
    ("（省商务厅牵头，省外办、省贸促会按职责分工配合）",
     [("省商务厅", "ORG"), ("省外办", "ORG"), ("省贸促会", "ORG")]),
    ("北京市经济和信息化局印发《关于推进北京市数据专区建设的指导意见》的通知",
     [("北京市经济和信息化局", "ORG")]),  # nothing inside the 《》 title
    ("北京市大数据工作推进小组办公室负责组织推进", [("北京市大数据工作推进小组办公室", "ORG")]),
    ("关于推进北京市数据专区建设的指导意见\n", []),  # a document's title without 《》
    ("安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和安徽省工业互联网创新发展行动计划"
     "(2021—2023年)的通知", [("安徽省人民政府办公厅", "ORG")]),
    ("着力拓展对日贸易。指导企业用好中日关税减让承诺",
     [("日", "GPE"), ("中", "GPE"), ("日", "GPE")]),
    ("发挥合肥经开区国家进口贸易促进创新示范区作用", [("合肥经开区", "LOC")]),
    ("推动签署中国－东盟自贸区3.0版升级协定", [("中国", "GPE"), ("东盟", "ORG")]),
    ("积极推进美丽中国先行区建设", [("中国", "GPE")]),  # unquoted campaign name (GUIDELINES 10)
    ("开展“投资中国”品牌活动", []),  # a quoted slogan
    ("我国体育健儿在巴黎奥运会取得境外参赛最好成绩", [("巴黎", "GPE")]),
    ("按照党中央决策部署，主要做了以下工作", [("党中央", "ORG")]),  # 部署 is no 部
    ("中国农业发展银行和中国邮政储蓄银行", [("中国农业发展银行", "ORG"), ("中国邮政储蓄银行", "ORG")]),
    ("大众创业、万众创新", []),
    ("深化东、中、西、东北地区产业协作", [("东", "LOC"), ("中", "LOC"), ("西", "LOC"), ("东北地区", "LOC")]),
    ("深入实施西部大开发形成新格局", [("西部", "LOC")]),
])
def test_corpus_sentences(text: str, expected: list[tuple[str, str]]) -> None:
    assert [p for p in resolved(text) if p[1] in NAMES] == expected


def test_offsets_and_sources_on_a_whole_report() -> None:
    text = (CORPUS / "gwr_national_2025.txt").read_text(encoding="utf-8")
    found = find_entities(text, doc_date=date(2025, 3, 5), use_model=False)
    assert len(found) > 150
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.source, m
    sources = {m.source.split(":")[0] for m in found}
    assert {"gazetteer", "rule", "dates"} <= sources


def test_words_given_or_cut_here_agree() -> None:
    text = (CORPUS / "policy_beijing_2022.txt").read_text(encoding="utf-8")
    words = segment.word_spans(text)
    assert find_entities(text, words, use_model=False) == find_entities(text, use_model=False)
    # words as a plain list of pairs (the spaCy tokens' path) give the same rules' context
    assert find_entities(text, list(words), use_model=True) == find_entities(text, use_model=True)


def test_context_boundaries_are_the_word_starts_and_ends() -> None:
    from xhextract.components import entities

    # a sentence (sets and dicts) and a long text (arrays): the same answers
    for text in ("上海市统计局发布数据", "上海市统计局发布数据" + "。" * 100):
        words = segment.word_spans(text)  # 上海市/统计局/发布/数据/。/。...
        n = len(text)
        starts, ends = {s for s, _ in words} | {0}, {e for _, e in words} | {n}
        start_at = {e: s for s, e in words}
        for given in (words, list(words)):
            ctx = entities._context(text, given, entities._resources())
            assert [i for i in range(-2, n + 3) if i in ctx.starts] == sorted(starts)
            assert [i for i in range(-2, n + 3) if i in ctx.ends] == sorted(ends)
            assert sorted(ctx.starts) == sorted(starts) and len(ctx.ends) == len(ends)
            assert {0, 3, 6, 8} <= starts and "3" not in ctx.starts and None not in ctx.ends
            assert np.int64(3) in ctx.starts and np.int64(4) not in ctx.starts
            assert [ctx.word_start_at_end.get(e) for e in range(-2, n + 3)] == \
                [start_at.get(e) for e in range(-2, n + 3)]
            assert ctx.word_end_at_start.get(6) == 8 and ctx.word_end_at_start.get(5, -1) == -1


# ---- the statistical model: optional, and it only fills gaps ---------------------------------

SENTENCE = "中山医院葛均波院士荣膺全市唯一的奖项，李华在会上发言。"


def test_rules_alone_when_the_model_module_is_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "xhextract.ner_model", None)  # import raises ImportError
    monkeypatch.delattr(xhextract, "ner_model", raising=False)
    found = find_entities(SENTENCE, use_model=True)
    assert {m.source for m in found} <= {"gazetteer", "rule:org_suffix", "rule:title",
                                        "rule:person_repeat"}
    assert ("葛均波", "PERSON") in [(m.text, m.label) for m in found]


def test_rules_alone_when_the_model_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    import xhextract.ner_model as ner_model

    monkeypatch.setattr(ner_model, "available", lambda: False)
    monkeypatch.setattr(ner_model, "predict", lambda *a, **k: pytest.fail("predict called"))
    assert not [m for m in find_entities(SENTENCE, use_model=True) if m.source == "model"]


def test_model_fills_gaps_and_rules_win_conflicts(monkeypatch: pytest.MonkeyPatch) -> None:
    import xhextract.ner_model as ner_model

    i = SENTENCE.index("李华")
    j = SENTENCE.index("葛均波")
    spans = [(i, i + 2, "PERSON"),  # a gap the rules leave: kept
             (j - 2, j + 3, "PERSON"),  # overlaps 中山医院 and 葛均波: dropped
             (0, 2, "LOC")]  # inside 中山医院: dropped
    monkeypatch.setattr(ner_model, "available", lambda: True)
    monkeypatch.setattr(ner_model, "predict", lambda text, words=None: spans)
    found = find_entities(SENTENCE, use_model=True)
    model = [(m.text, m.label) for m in found if m.source == "model"]
    assert model == [("李华", "PERSON")]
    assert not [m for m in find_entities(SENTENCE, use_model=False) if m.source == "model"]


def test_government_of_a_place_is_the_place() -> None:
    """中国政府 is GPE 中国 (OntoNotes, MSRA); the formal name 北京市人民政府办公厅 stays an ORG."""
    from xhextract.components.entities import find_entities
    from xhextract.resolve import longest_wins

    got = [(m.text, m.label) for m in longest_wins(find_entities("中国政府和美国政府举行会谈", use_model=False))]
    assert ("中国", "GPE") in got and ("美国", "GPE") in got
    assert all(label != "ORG" for _, label in got)
    formal = [(m.text, m.label) for m in longest_wins(find_entities("北京市人民政府办公厅印发", use_model=False))]
    assert ("北京市人民政府办公厅", "ORG") in formal


def test_model_organisation_may_contain_rule_places() -> None:
    """A model ORG ending like an organisation replaces the place names inside it; an event does not."""
    from xhextract.components.entities import _model_additions
    from xhextract.schema import Mention

    text = "上海电力设计院和中非合作论坛北京峰会"
    rule = [Mention(0, 2, "上海", "GPE"), Mention(14, 16, "北京", "GPE")]
    model = [Mention(0, 7, "上海电力设计院", "ORG", source="model"),
             Mention(8, 18, "中非合作论坛北京峰会", "ORG", source="model")]
    added = _model_additions(text, model, rule)
    assert [m.text for m in added] == ["上海电力设计院"]


# Real sentences from the MSRA held-out tenth (never trained on) and the corpus.
@pytest.mark.parametrize(
    ("text", "must", "must_not"),
    [
        # suffix rules stop at function words, news verbs and dates inside the would-be name
        ("巴西只有圣保罗州保险公司和巴西再保险公司经营卫星保险业务。",
         [("巴西", "GPE")], [("巴西只有圣保罗州保险公司", "ORG")]),
        ("中国海军舰艇编队今天上午驶抵奥克兰港。", [("今天", "DATE"), ("上午", "TIME")],
         [("中国海军舰艇编队今天上午驶抵奥克兰港", "FAC")]),
        ("上海参加英特尔（中国）有限公司举办的活动", [("上海", "GPE")],
         [("上海参加英特尔（中国）有限公司", "ORG")]),
        ("西藏地方政府曾经派人参加", [("西藏", "GPE")], [("西藏地方政府", "ORG")]),
        # a title glued to the next character is no title: 部长|官 -> 长官
        ("韩国财政经济部长官李揆成30日宣布", [], [("官李揆", "PERSON")]),
        # MSRA held-out: two organisations joined by 和 after 中央; a country's companies
        ("培养农村青年星火带头人活动是由共青团中央和原国家科委共同发起和组织实施的",
         [("共青团中央", "ORG")], [("共青团中央和原国家科委", "ORG")]),
        ("从未涉足非洲的中国公司、企业怎样去开辟非洲市场呢？", [("中国", "GPE")], [("中国公司", "ORG")]),
        ("美国19日曾宣布将不制裁在伊朗投资的法国、俄罗斯和马来西亚公司。", [("马来西亚", "GPE")],
         [("俄罗斯和马来西亚公司", "ORG"), ("马来西亚公司", "ORG")]),
        # a company named after a county is a name (only a country + 公司 is generic)
        ("正因为经理们严于律己，这些年来逊克公司从未出现过职工为奖金、房子等问题闹情绪",
         [("逊克公司", "ORG")], []),
        # a word jieba knows as a verb is no name after a title (MSRA held-out)
        ("以电视提前预告的方式，公布县长信访的时间和地点", [], [("信访", "PERSON")]),
        ("前一年，在上海电力设计院院长任上，吃了一百五六十次", [], [("任上", "PERSON")]),  # locative 上
        # 和 joins the name to what comes before (我和白林同志), it does not start it
        ("彭真同志夫妇曾参加过我和白林同志的婚礼。", [("白林", "PERSON")], [("和白林", "PERSON")]),
    ],
)
def test_rule_names_do_not_run_together(text: str, must: list, must_not: list) -> None:
    found = resolved(text)
    for item in must:
        assert item in found, (item, found)
    for item in must_not:
        assert item not in found, (item, found)


def test_organisations_in_an_enumeration_of_organisations(xuhui) -> None:
    """市疾控 and 眼防所 stand among hospitals and centres (the Xuhui article), with the model off."""
    text, _ = xuhui
    found = {(m.text, m.label) for m in xhextract.extract(text, use_model=False)}
    assert {("市疾控", "ORG"), ("眼防所", "ORG")} <= found
    # common words in such a list are no names: 高校, 企业
    plain = "支持北京大学、清华大学、高校、企业等参与"
    assert {m.text for m in xhextract.extract(plain, use_model=False) if m.label == "ORG"} == {
        "北京大学", "清华大学"}


def test_people_in_an_enumeration_of_people() -> None:
    text = "立法会议员李国强、夏佳理、吕明华、詹培忠、霍震霆、周梁淑怡、单仲偕、杨耀忠等出席。"
    names = {m.text for m in xhextract.extract(text) if m.label == "PERSON"}
    assert {"霍震霆", "单仲偕"} <= names
    # a list without two known people stays as it is; a list of things gets no people
    assert not [m for m in xhextract.extract("大豆、玉米、高粱、小麦等作物", use_model=False)
                if m.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "abbr"),
    [
        ("同样，意方也非常重视两国在其他领域的合作", "意"),
        ("遭到巴方拒绝。", "巴"),
        ("应邀于五月二十四日抵京访华的。", "京华"),
        ("去年江泽民主席访美，今年克林顿总统即将访华", "美华"),
        ("研讨会日前在京召开", "京"),
    ],
)
def test_one_character_country_and_city_names(text: str, abbr: str) -> None:
    found = "".join(m.text for m in xhextract.extract(text, use_model=False)
                    if m.label == "GPE" and len(m.text) == 1)
    assert found == abbr


@pytest.mark.parametrize("text", ["同意方案", "各地方政府要加强领导", "双方同意", "以方便群众办事"])
def test_no_country_side_in_ordinary_words(text: str) -> None:
    assert not [m for m in xhextract.extract(text, use_model=False) if m.label == "GPE"]


@pytest.mark.parametrize(
    ("text", "name"),
    [  # MSRA held-out sentences: one numeral character is fine in a name
        ("郑万通说，李瑞环主席的访问受到4国的高度重视和高规格的接待。", "郑万通"),
        ("一位叫津田康道的老人端详着照片，越看越觉得像他分别40多年的朋友石田东四郎。", "石田东四郎"),
    ],
)
def test_model_person_names_with_a_numeral_character(text: str, name: str) -> None:
    assert (name, "PERSON") in {(m.text, m.label) for m in xhextract.extract(text)}


def test_no_person_made_of_a_number() -> None:
    from xhextract.components.entities import _plausible_model_name
    from xhextract.schema import Mention

    assert not _plausible_model_name(Mention(0, 3, "二十大", "PERSON"))
    assert _plausible_model_name(Mention(0, 3, "郑万通", "PERSON"))


def test_no_person_without_a_chinese_character() -> None:
    """Markup in a text file (<script>alert(1)</script>) is no name: the model tagged alert."""
    text = "A<b>&amp;上海市投资5亿元</b>\n<script>alert(1)</script>"
    found = {(m.text, m.label) for m in xhextract.extract(text)}
    assert ("alert", "PERSON") not in found
    assert {("上海市", "GPE"), ("5亿元", "MONEY")} <= found


def test_a_multi_character_head_needs_no_word_end() -> None:
    """MSRA held-out: jieba cuts 内阁会议 as one word, yet 日本内阁 is the organisation."""
    text = "日本内阁会议今天通过了一项旨在调整经济结构、促进经济发展、放宽经济活动限制的三年计划。"
    assert ("日本内阁", "ORG") in {(m.text, m.label) for m in xhextract.extract(text)}


def test_model_organisation_takes_over_unless_it_is_a_country_and_a_generic_word() -> None:
    """The merge policy: a model ORG with an organisation's head replaces the rule place inside
    it (北京大学 over 北京), but a country's companies (中国公司) keep the place."""
    from xhextract.components.entities import _model_additions
    from xhextract.schema import Mention

    text = "北京大学和中国公司"
    rules = [Mention(0, 2, "北京", "GPE"), Mention(5, 7, "中国", "GPE")]
    model = [Mention(0, 4, "北京大学", "ORG"), Mention(5, 9, "中国公司", "ORG")]
    added = _model_additions(text, model, rules, ends={4, 7, 9})
    assert [(m.text, m.label) for m in added] == [("北京大学", "ORG")]


def test_named_platforms_of_the_xuhui_article(xuhui) -> None:
    """GUIDELINES §10: a platform with a quoted name is an ORG, with its 型 modifier."""
    text, found = xuhui
    orgs = {m.text for m in found if m.label == "ORG"}
    assert {"区域型“TTO”1+N平台", "区域型“TTO”平台"} <= orgs
    # a platform described by its function is no name
    assert not [m for m in xhextract.extract("建设市大数据平台和新型研发转化平台", use_model=False)
                if m.label == "ORG"]


def test_extract_and_spacy_pipeline_agree_on_every_corpus_document() -> None:
    """extract() (jieba's own words) and load() (spaCy's tokens, whitespace runs joined) give
    the same mentions on every corpus document: 李　强 with an ideographic space included."""
    from xhextract.pipeline import load

    nlp = load()
    docs = sorted(CORPUS.glob("*.txt"))
    assert len(docs) >= 10
    for path in docs:
        text = path.read_text(encoding="utf-8")
        a = [(m.start, m.end, m.label) for m in xhextract.extract(text)]
        b = [(m.start, m.end, m.label) for m in nlp(text)._.mentions]
        assert a == b, path.name


def test_spacy_whitespace_tokens_are_cut_like_jieba() -> None:
    from xhextract.components.entities import covering_words

    text = "总理　李　强\n　　会议"
    spacy_like = [(0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 9), (9, 11)]
    assert covering_words(text, spacy_like) == segment.word_spans(text)
    from xhextract.pipeline import load

    heading = "政府工作报告\n\n国务院总理\n李\u3000强\n\n各位代表：\n\n现在，我代表国务院，向大会报告。"
    by_extract = [(m.text, m.label) for m in xhextract.extract(heading)]
    assert by_extract == [(m.text, m.label) for m in load()(heading)._.mentions]
    assert ("李\u3000强", "PERSON") in by_extract


def names(text: str) -> set[tuple[str, str]]:
    """(text, label) of the PERSON/ORG/GPE/LOC/FAC mentions extract() keeps."""
    return {(m.text, m.label) for m in xhextract.extract(text) if m.label in NAMES}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平陆运河是西部陆海新通道的骨干工程。", ("平陆运河", "FAC")),
        ("三峡水库蓄水，葛洲坝船闸通航。", ("三峡水库", "FAC")),
        ("深圳湾口岸通关人数创新高。", ("深圳湾口岸", "FAC")),
        ("小湾水电站位于云南省。", ("小湾水电站", "FAC")),
        ("贵南高铁广西段正式开通运营。", ("贵南高铁广西段", "FAC")),
        ("川藏铁路雅安至林芝段建设顺利。", ("川藏铁路雅安至林芝段", "FAC")),
        ("钦州港区和北部湾港码头繁忙。", ("钦州港区", "FAC")),
    ],
)
def test_facility_heads_and_sections(text: str, expected: tuple[str, str]) -> None:
    found = names(text)
    assert expected in found, found
    # the place the facility is named by is not a mention of its own inside it
    assert not any(n != expected[0] and n in expected[0] and lab in ("GPE", "LOC")
                   for n, lab in found)


def test_two_facilities_joined_by_a_conjunction_stay_two() -> None:
    found = names("钦州港区和北部湾港码头繁忙，浦东机场和苏州工业园区也是。")
    assert ("钦州港区和北部湾港码头", "FAC") not in found
    assert not any("和" in n for n, _ in found)


def test_a_facility_needs_a_name_before_its_head() -> None:
    found = names("各地新建博物馆、美术馆和老旧小区配套设施，发展集成电路产业。")
    assert not {n for n, lab in found if lab == "FAC"}


def test_organisation_then_person_then_team() -> None:
    found = names("复旦大学李华团队日前发表论文。")
    assert ("复旦大学", "ORG") in found and ("李华", "PERSON") in found
    assert not any("团队" in n for n, _ in found)


@pytest.mark.parametrize("text", ["王强摄", "（新华社记者 王强 摄）", "图为施工现场。王强摄\n", "本报记者王强摄"])
def test_photo_credit_is_the_person_alone(text: str) -> None:
    assert ("王强", "PERSON") in names(text)
    assert not any(n.endswith("摄") for n, _ in names(text))


def test_no_place_inside_a_currency_or_a_demonym() -> None:
    assert names("印度卢比兑美元汇率下跌。") == set()
    found = names("北京人喜欢喝豆汁，中国人都知道，上海人口增长。")
    assert ("北京", "GPE") not in found and ("中国", "GPE") not in found
    assert ("上海", "GPE") in found  # 上海人口: a place before 人口 is no demonym


def test_places_before_a_merchant_word_are_demonyms() -> None:
    # 港澳台商 / 外商 are investors of a place (a demonym), 港澳台同胞 keeps its places
    text = "规模以上工业中，国有控股企业增长6.9%，外商及港澳台商投资企业增长5.5%。"
    assert not {n for n in names(text) if n[1] in ("GPE", "LOC")}
    assert {("港", "GPE"), ("台", "GPE")} <= names("欢迎港澳台同胞回乡投资。")
    assert ("上海", "GPE") in names("上海商业发展迅速。")  # 商 that starts a longer word


def test_news_titles_mark_the_name_after_them() -> None:
    # titles of modern news (titles.tsv): a name after them is a person even when the model misses it
    found = names("香港特区行政长官李家超、中央政府驻港联络办主任郑雁雄出席并致辞。")
    assert {("李家超", "PERSON"), ("郑雁雄", "PERSON")} <= found
    assert ("汪文斌", "PERSON") in names("外交部发言人汪文斌表示，中方欢迎各方参与。")


def test_organs_named_by_their_level_alone() -> None:
    # a city's own report: 市委, 市政府, 市人大常委会 are its organs (gold/heldout_jingzhou_*)
    text = "市委书记何光中出席。市委副书记吴朝安，市人大常委会主任段昌林，市政协主席王守卫出席。"
    found = [(m.text, m.label) for m in xhextract.extract(text) if m.label == "ORG"]
    assert found == [("市委", "ORG"), ("市委", "ORG"), ("市人大常委会", "ORG"), ("市政协", "ORG")]
    assert {("县委", "ORG"), ("县政府", "ORG")} <= names("在县委、县政府的坚强领导下，全县经济平稳增长。")
    # any district's government, or one inside a longer name, is not the organ itself
    assert not names("各区政府要加强领导，相关区政府负责落实。")
    assert not names("省、市、县政府部门制定公布规章。")  # levels sharing one head
    assert ("市政府", "ORG") not in names("市政府党组成员出席会议。")


def test_adjacent_places_and_joint_abbreviations_are_split() -> None:
    found = names("上海浦东新区张江科学城举行活动，中俄双方签署协议，港澳地区经济发展。")
    assert {("上海", "GPE"), ("浦东新区", "GPE"), ("中", "GPE"), ("俄", "GPE"), ("港", "GPE"),
            ("澳", "GPE")} <= found
    assert not {("港澳", "LOC"), ("上海浦东新区", "GPE")} & found
    assert ("京津冀", "LOC") in names("京津冀协同发展。")  # a multi-province region stays whole


def test_nothing_inside_titles_and_slogans() -> None:
    assert names("“绿水青山就是金山银山”理念深入人心。") == set()
    assert names("他写了《北京传》一书。") == set()


@pytest.mark.parametrize("text,name", [
    ("腾讯控股第二季度实现收入1611亿元。", "腾讯控股"),   # a listed holding company (financial news)
    ("由省投资集团控股有限公司牵头组建基金。", "省投资集团控股有限公司"),  # the name as policy_anhui_iiot_2021 writes it
])
def test_holding_companies_are_one_organisation(text: str, name: str) -> None:
    """控股 after a known organisation ends its name (汇丰控股, 城投控股 in CLUENER)."""
    found = [(m.text, m.label) for m in xhextract.extract(text) if m.label == "ORG"]
    assert found == [(name, "ORG")]

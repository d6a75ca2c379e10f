"""Validates src/xhextract/data/units.toml and the conversions of xhextract.units."""

from __future__ import annotations

import re
import tomllib
from dataclasses import fields
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from typing import Any

import pytest

from xhextract.units import (
    CANONICAL_UNITS,
    Unit,
    currency_prefixes,
    load_units,
    match_unit,
)

LABELS = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")
# Tables of units.toml that hold no units (folding data read by other code).
NON_UNIT_SECTIONS = {"traditional", "currency"}
FACTOR = re.compile(r"^\d+(\.\d+)?(/\d+)?$")


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    """The units file as written, parsed independently of xhextract.units."""
    text = resources.files("xhextract").joinpath("data/units.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_sections_are_the_four_labels(raw: dict[str, Any]) -> None:
    """Unit entries sit under MONEY, PERCENT, QUANTITY or CARDINAL; other tables are known."""
    assert set(LABELS) <= set(raw)
    assert set(raw) - set(LABELS) <= NON_UNIT_SECTIONS, set(raw) - set(LABELS)
    assert all(u.label in LABELS for u in load_units().values())


@pytest.mark.parametrize("label", ["MONEY", "PERCENT", "QUANTITY"])
def test_units_are_canonical(raw: dict[str, Any], label: str) -> None:
    """Each measure unit maps to a canonical unit, and no key is one the loader ignores."""
    known_keys = {f.name for f in fields(Unit)} - {"surface", "label"}
    assert raw[label], label
    for surface, spec in raw[label].items():
        assert set(spec) <= known_keys, (surface, set(spec) - known_keys)
        assert spec["unit"] in CANONICAL_UNITS[label], (surface, spec["unit"])


def test_canonical_units_match_the_guideline() -> None:
    """The canonical units are those of ANNOTATION.md section 4: ISO 4217, %/pp, SI."""
    money = CANONICAL_UNITS["MONEY"]
    assert {"CNY", "USD", "EUR", "HKD", "JPY", "GBP"} <= money
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in money), sorted(money)
    assert CANONICAL_UNITS["PERCENT"] == {"%", "pp"}
    si = {"m", "m2", "m3", "kg", "kWh", "kW", "s", "Cel"}
    assert si <= CANONICAL_UNITS["QUANTITY"]
    # SI units the guideline's "compound units" and section 9 add (t·km, 兆帕 -> Pa ...)
    extra = {"Pa", "Hz", "B", "J", "t·km"}
    for unit in CANONICAL_UNITS["QUANTITY"] - si - extra:
        numerator, _, denominator = unit.partition("/")
        assert numerator in si and denominator in si, unit


def test_traditional_table_keeps_offsets(raw: dict[str, Any]) -> None:
    """The traditional-to-simplified fold is one character for one, and never ambiguous."""
    spec = raw.get("traditional")
    if spec is None:
        return
    chars, simplified = spec["chars"], spec["simplified"]
    assert len(chars) == len(simplified)
    mapping: dict[str, str] = {}
    for trad, simp in zip(chars, simplified, strict=True):
        assert mapping.setdefault(trad, simp) == simp, trad
    assert "萬億兩".translate(str.maketrans(chars, simplified)) == "万亿两"


@pytest.mark.parametrize("label", ["MONEY", "PERCENT", "QUANTITY"])
def test_factors_are_positive_exact_fractions(raw: dict[str, Any], label: str) -> None:
    """Factors are strings of decimals or a/b rationals (never floats), and positive."""
    for surface, spec in raw[label].items():
        factor = spec["factor"]
        assert isinstance(factor, str) and FACTOR.match(factor), (surface, factor)
        assert Fraction(factor) > 0, surface
        offset = spec.get("offset", "0")
        assert isinstance(offset, str) and re.fullmatch(r"-?\d+(\.\d+)?(/\d+)?", offset), surface


def test_no_surface_in_two_sections(raw: dict[str, Any]) -> None:
    """A surface form belongs to exactly one label (the loader would silently keep one)."""
    seen: dict[str, str] = {}
    classifiers = raw["CARDINAL"]["classifiers"]
    assert len(classifiers) == len(set(classifiers)), "duplicate classifier"
    entries = [(s, label) for label in ("MONEY", "PERCENT", "QUANTITY") for s in raw[label]]
    entries += [(s, f"currency.{code}") for code, spec in raw["currency"].items() for s in spec["after"]]
    entries += [(s, "CARDINAL") for s in classifiers]
    for surface, label in entries:
        assert surface not in seen, f"{surface!r} in {seen.get(surface)} and {label}"
        seen[surface] = label
    assert len(load_units()) == len(seen)


def test_cardinal_classifiers_and_aliases(raw: dict[str, Any]) -> None:
    """The classifiers of section 9 are listed; aliases only rename listed classifiers."""
    classifiers = set(raw["CARDINAL"]["classifiers"])
    required = set("项件个家位名套所批座条户人次台辆艘架只头种类支张部篇份期届场轮例宗笔处栋间门对款")
    required |= {"人次", "倍", "番", "基点", "标箱"}
    assert required <= classifiers, sorted(required - classifiers)
    aliases = raw["CARDINAL"].get("aliases", {})
    assert set(aliases) <= classifiers
    assert aliases.get("个基点") == "基点"
    assert aliases.get("标准箱") == "标箱"
    units = load_units()
    for surface in classifiers:
        unit = units[surface]
        assert unit.label == "CARDINAL" and unit.factor == 1
        assert unit.unit == aliases.get(surface, surface)


@pytest.mark.parametrize(
    ("surface", "amount", "unit", "expected"),
    [
        ("亩", "1", "m2", Fraction(10000, 15)),
        ("亩", "15", "m2", Fraction(10000)),
        ("亩", "1.2", "m2", Fraction(800)),
        ("吨", "1", "kg", Fraction(1000)),
        ("吨", "1200000", "kg", Fraction(1_200_000_000)),
        ("平方公里", "1", "m2", Fraction(1_000_000)),
        ("平方公里", "8.5", "m2", Fraction(8_500_000)),
        ("公顷", "1", "m2", Fraction(10000)),
        ("斤", "1", "kg", Fraction(1, 2)),
        ("公斤", "3.5", "kg", Fraction(7, 2)),
        ("克", "500", "kg", Fraction(1, 2)),
        ("公里", "1", "m", Fraction(1000)),
        ("厘米", "120", "m", Fraction(6, 5)),
        ("升", "1", "m3", Fraction(1, 1000)),
        ("千瓦时", "3000000000", "kWh", Fraction(3_000_000_000)),
        ("兆瓦", "1", "kW", Fraction(1000)),
        ("小时", "2", "s", Fraction(7200)),
        ("分钟", "30", "s", Fraction(1800)),
        ("℃", "38", "Cel", Fraction(38)),
        ("美元", "100", "USD", Fraction(100)),
        ("港币", "1", "HKD", Fraction(1)),
        ("元", "0.5", "CNY", Fraction(1, 2)),
        ("个百分点", "0.5", "pp", Fraction(1, 2)),
        ("%", "8.1", "%", Fraction(81, 10)),
        ("‰", "5", "%", Fraction(1, 2)),
        ("MWh", "500", "kWh", Fraction(500_000)),
        ("GWh", "3.9", "kWh", Fraction(3_900_000)),
        ("TWh", "1", "kWh", Fraction(10**9)),
        ("GW", "2", "kW", Fraction(2_000_000)),
        ("兆帕", "1", "Pa", Fraction(10**6)),
        ("吨公里", "1", "t·km", Fraction(1)),
        ("蚊", "100", "HKD", Fraction(100)),
        ("毫", "5", "HKD", Fraction(1, 2)),
        ("仙", "50", "HKD", Fraction(1, 2)),
        ("林吉特", "1", "MYR", Fraction(1)),
        ("卢布", "1", "RUB", Fraction(1)),
        ("兰特", "1", "ZAR", Fraction(1)),
    ],
)
def test_conversions(surface: str, amount: str, unit: str, expected: Fraction) -> None:
    """Spot checks of exact conversion to the canonical unit."""
    u = load_units()[surface]
    assert u.unit == unit
    got = u.convert(Decimal(amount))
    assert isinstance(got, Decimal)
    assert abs(Fraction(got) - expected) <= abs(expected) * Fraction(1, 10**30)


def test_mu_factor_is_exactly_rational() -> None:
    """1 亩 = 10000/15 m2 exactly (not 666.67)."""
    assert load_units()["亩"].factor == Fraction(10000, 15)
    assert load_units()["吨"].factor == 1000
    assert load_units()["平方公里"].factor == 10**6


@pytest.mark.parametrize(
    ("text", "pos", "surface"),
    [
        ("8.5平方公里", 3, "平方公里"),
        ("3000平方米", 4, "平方米"),
        ("30亿千瓦时", 3, "千瓦时"),
        ("3.7亿千瓦", 4, "千瓦"),
        ("0.5个百分点", 3, "个百分点"),
        ("25个基点", 2, "个基点"),
        ("3.2亿人次", 4, "人次"),
        ("10亿元人民币", 3, "元人民币"),
        ("100度电", 3, "度"),
    ],
)
def test_match_unit_longest_first(text: str, pos: int, surface: str) -> None:
    """The longest listed surface at a position wins (平方公里 over 平方, 人次 over 人)."""
    unit = match_unit(text, pos)
    assert unit is not None and unit.surface == surface


@pytest.mark.parametrize(("text", "pos"), [("气温30度", 4), ("四川", 0), ("增长5", 2)])
def test_match_unit_misses(text: str, pos: int) -> None:
    """度 counts as kWh only before 电; nothing matches where no unit is written."""
    assert match_unit(text, pos) is None


# Currencies with a Chinese name in common use (a central bank's daily fixing, trade reports).
COMMON_CURRENCIES = {
    "林吉特": "MYR", "卢布": "RUB", "兰特": "ZAR", "里亚尔": "SAR", "泰铢": "THB", "比索": "MXN",
    "里拉": "TRY", "新台币": "TWD", "澳门元": "MOP", "韩元": "KRW", "越南盾": "VND", "卢比": "INR",
    "新加坡元": "SGD", "澳元": "AUD", "加元": "CAD", "瑞士法郎": "CHF", "克朗": "SEK", "迪拉姆": "AED",
    "雷亚尔": "BRL", "印尼盾": "IDR", "菲律宾比索": "PHP", "土耳其里拉": "TRY", "沙特里亚尔": "SAR",
    "新西兰元": "NZD", "兹罗提": "PLN", "福林": "HUF", "坚戈": "KZT", "丹麦克朗": "DKK",
    "挪威克朗": "NOK", "瑞典克朗": "SEK", "英镑": "GBP", "欧元": "EUR", "日元": "JPY", "港元": "HKD",
}


@pytest.mark.parametrize(("name", "code"), sorted(COMMON_CURRENCIES.items()))
def test_currency_names_after_and_before(raw: dict[str, Any], name: str, code: str) -> None:
    """Each common currency is read after an amount (100卢布) and before it (卢布100)."""
    assert load_units()[name].unit == code
    assert (name, code) in currency_prefixes()


def test_currency_table_is_iso_4217(raw: dict[str, Any]) -> None:
    """Codes are three capital letters; every currency has an after form; no before form twice."""
    befores = [s for spec in raw["currency"].values() for s in spec["before"]]
    assert len(befores) == len(set(befores))
    for code, spec in raw["currency"].items():
        assert re.fullmatch(r"[A-Z]{3}", code), code
        assert spec["after"], code
        assert set(spec) == {"after", "before"}, code
    assert CANONICAL_UNITS["MONEY"] == set(raw["currency"])
    prefixes = currency_prefixes()
    assert [len(s) for s, _ in prefixes] == sorted((len(s) for s, _ in prefixes), reverse=True)


def test_quantity_fold_equals_the_dict_translation() -> None:
    """The figure extractor folds traditional characters with a numpy table: the same text as
    str.translate with the table, with and without characters beyond the BMP."""
    from xhextract.components.quantities import _fold, _fold_table, find_quantities

    table = _fold_table()
    text = "貳萬億兩千個元，３／４，台灣發展" + "".join(map(chr, sorted(table)))
    for t in (text, text + "𠀀萬", "", "萬"):
        assert _fold(t) == t.translate(table)
    assert _fold("壹萬億") == "壹万亿" and len(_fold(text)) == len(text)
    assert [(m.text, m.value) for m in find_quantities("投资貳萬億元")] == [("貳萬億元", 2 * 10**12)]

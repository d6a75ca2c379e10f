"""Unit tests of xhextract.numbers: numerals of every script to exact Decimals."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from xhextract.numbers import (
    CHINESE_NUMERAL_CHARS,
    DIGIT_VALUE,
    MULTIPLIER_VALUE,
    NumeralError,
    cn_int,
    fraction_to_decimal,
    normalize_digits,
    parse_arabic,
    parse_chinese,
    parse_multiplier,
    parse_number,
    to_decimal,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("１２３４", "1234"),
        ("１２．５％", "12.5%"),
        ("１，２３４", "1,234"),
        ("５０００万元", "5000万元"),
        ("8.1%", "8.1%"),
        ("四川", "四川"),
        ("", ""),
    ],
)
def test_normalize_digits(text: str, expected: str) -> None:
    """Full-width digits, point, comma and percent fold to ASCII; nothing else changes."""
    assert normalize_digits(text) == expected


def test_normalize_digits_keeps_length() -> None:
    """Offsets computed on the folded text hold for the original (one char for one char)."""
    text = "增长７．９％，达到１２３４５人次，２０２１年"
    assert len(normalize_digits(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "1"),
        ("十", "10"),
        ("百", "100"),
        ("千", "1000"),
        ("万", "10000"),
        ("亿", "100000000"),
        ("千万", "10000000"),
        ("百万", "1000000"),
        ("万亿", "1000000000000"),
        ("萬", "10000"),
        ("億", "100000000"),
    ],
)
def test_parse_multiplier(text: str, expected: str) -> None:
    """Multipliers after a number multiply out exactly."""
    assert parse_multiplier(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["元", "万元", "x", "多"])
def test_parse_multiplier_rejects_non_multipliers(text: str) -> None:
    """Anything but 十百千万亿 (and variants) is an error, not a silent 1."""
    with pytest.raises(NumeralError):
        parse_multiplier(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", "0"),
        ("5.2", "5.2"),
        ("1,234.5", "1234.5"),
        ("12,345,678", "12345678"),
        ("１２３４５", "12345"),
        ("７．９", "7.9"),
        ("0.01", "0.01"),
        ("8848.86", "8848.86"),
    ],
)
def test_parse_arabic(text: str, expected: str) -> None:
    """Arabic numerals, with separators and full-width digits, as exact Decimals."""
    assert parse_arabic(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "5.2亿", "1.2.3", "五"])
def test_parse_arabic_rejects(text: str) -> None:
    """Text that is not an Arabic numeral raises NumeralError (a ValueError)."""
    with pytest.raises(NumeralError):
        parse_arabic(text)
    assert issubclass(NumeralError, ValueError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("零", "0"),
        ("〇", "0"),
        ("一", "1"),
        ("两", "2"),
        ("十", "10"),
        ("十五", "15"),
        ("二十", "20"),
        ("一百零八", "108"),
        ("两百五十", "250"),
        ("一千二百三十四", "1234"),
        ("一千零五", "1005"),
        ("三百零五", "305"),
        ("两千三百万", "23000000"),
        ("四千六百七十九万", "46790000"),
        ("二十六亿六千万", "2660000000"),
        ("一千二百零一亿", "120100000000"),
        ("两万亿", "2000000000000"),
        ("五点二", "5.2"),
        ("三点一四一五", "3.1415"),
        ("零点五", "0.5"),
        ("壹佰贰拾叁", "123"),
        ("壹万贰仟叁佰肆拾伍", "12345"),
        ("伍仟", "5000"),
        ("叁拾万", "300000"),
        ("贰仟零伍拾", "2050"),
        ("二〇二〇", "2020"),
        ("一九八五", "1985"),
        ("一点五亿", "150000000"),
        ("零点零五万", "500"),
        ("廿", "20"),
        ("廿五", "25"),
        ("卅", "30"),
        ("卌", "40"),
        ("二百廿", "220"),
        ("兩百", "200"),
        ("両千", "2000"),
        ("倆千两百贰拾二", "2222"),
        ("四十九兆九千五百九十二億", "49959200000000"),
        ("五兆六十二亿四万五千二", "5006200045200"),
        ("四万万", "400000000"),
        ("三千 八百 九十六 万", "38960000"),
        ("七十八万五佰零六", "780506"),
    ],
)
def test_parse_chinese(text: str, expected: str) -> None:
    """Chinese, financial and digit-by-digit numerals as exact Decimals."""
    assert parse_chinese(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "五点", "四川", "abc", "元"])
def test_parse_chinese_rejects(text: str) -> None:
    """Non-numerals and malformed decimals raise NumeralError instead of guessing."""
    with pytest.raises(NumeralError):
        parse_chinese(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5.2亿", "520000000"),
        ("2700万", "27000000"),
        ("6千万", "60000000"),
        ("1.2万亿", "1200000000000"),
        ("0.8万亿", "800000000000"),
        ("12,345.6万", "123456000"),
        ("41,757.1亿", "4175710000000"),
        ("1亿5000万", "150000000"),
        ("5万6千", "56000"),
        ("２７００万", "27000000"),
        ("１．２万亿", "1200000000000"),
        ("8.1", "8.1"),
        ("1,234,567", "1234567"),
        ("一千二百三十四", "1234"),
        ("五点二亿", "520000000"),
        ("两万", "20000"),
        ("15k", "15000"),
        ("30w", "300000"),
        ("3M", "3000000"),
        ("1.04M", "1040000"),
        ("50兆", "50000000000000"),
        ("1，234，567.00", "1234567"),
    ],
)
def test_parse_number(text: str, expected: str) -> None:
    """Arabic with multipliers, full-width and Chinese numerals, all exact."""
    assert parse_number(text) == Decimal(expected)


def test_parse_number_is_exact_not_float() -> None:
    """5.2亿 is 520000000 exactly, and decimal parts add up without binary error."""
    value = parse_number("5.2亿")
    assert isinstance(value, Decimal)
    assert value == Decimal(520000000)
    assert float(value) != 519999999.99
    assert parse_number("0.1") + parse_number("0.2") == Decimal("0.3")
    assert parse_number("3.05") * 100 == Decimal("305")


@pytest.mark.parametrize("text", ["abc", "5.2元", "5x"])
def test_parse_number_rejects(text: str) -> None:
    """Trailing non-numeral text is an error, not silently dropped."""
    with pytest.raises(NumeralError):
        parse_number(text)


def test_fraction_to_decimal() -> None:
    """Rational factors (1 亩 = 10000/15 m2) become Decimals to 40 significant digits."""
    mu = fraction_to_decimal(Fraction(10000, 15))
    assert isinstance(mu, Decimal)
    assert abs(mu - Decimal("666.6666666666666666666666666666666666667")) < Decimal("1e-36")
    assert fraction_to_decimal(Fraction(1, 4)) == Decimal("0.25")
    assert fraction_to_decimal(Fraction(1000)) == Decimal(1000)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("5.2"), Decimal("5.2")),
        (Fraction(1, 8), Decimal("0.125")),
        (7, Decimal(7)),
        ("0.1", Decimal("0.1")),
    ],
)
def test_to_decimal(value: Decimal | Fraction | int | str, expected: Decimal) -> None:
    """Every exact type coerces to the same Decimal, never via float."""
    result = to_decimal(value)
    assert isinstance(result, Decimal)
    assert result == expected


def test_to_decimal_keeps_decimal_identity() -> None:
    """A Decimal passes through unchanged (no re-rounding)."""
    d = Decimal("123456789.123456789")
    assert to_decimal(d) is d


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2020", 2020), ("２０２０", 2020), ("二〇二〇", 2020), ("十五", 15), ("二十", 20),
     ("一百零五", 105), ("两千", 2000), ("十二", 12), ("三十一", 31), ("几", None), ("", None),
     ("万", None)],
)
def test_cn_int(text: str, expected: int | None) -> None:
    """The small-integer reader dates use (years, months, days, counts below 10000)."""
    assert cn_int(text) == expected


def test_one_numeral_alphabet() -> None:
    """The numeral characters of the project come from numbers.py: digits (with 兩/両, the
    financial forms), 廿卅卌 and the multipliers up to 兆, each with one value."""
    assert set(DIGIT_VALUE) | {"廿", "卅", "卌"} | set(MULTIPLIER_VALUE) == set(CHINESE_NUMERAL_CHARS)
    assert MULTIPLIER_VALUE["兆"] == 10**12
    assert {DIGIT_VALUE[c] for c in "两兩両贰貳"} == {2}
    assert len(CHINESE_NUMERAL_CHARS) == len(set(CHINESE_NUMERAL_CHARS))

"""Pure numeral parsing: Arabic, full-width, Chinese and financial numerals to exact Decimals.

Chinese integer numerals are read by cn2an; this module adds what cn2an does not do exactly:
decimal fractions as Decimals, Arabic digits with Chinese multipliers (5.2亿), full-width digits,
thousands separators, and the 十几/二十多 placeholder forms.
"""

from __future__ import annotations

from decimal import Decimal, getcontext
from fractions import Fraction
from functools import lru_cache

import cn2an

getcontext().prec = 40

FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
DIGIT_VALUE = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "貮": 2, "叁": 3, "肆": 4,
    "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
MULTIPLIER_VALUE = {
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
    "万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000,
}


class NumeralError(ValueError):
    """Text that is not a numeral this module can read."""


def normalize_digits(text: str) -> str:
    """Full-width digits, point, comma and percent sign to ASCII (same length: offsets hold)."""
    return text.translate(FULLWIDTH)


def parse_multiplier(text: str) -> Decimal:
    """万 -> 1e4, 千万 -> 1e7, 万亿 -> 1e12, '' -> 1 (Chinese multipliers after a number)."""
    value = Decimal(1)
    for ch in text:
        try:
            value *= MULTIPLIER_VALUE[ch]
        except KeyError:
            raise NumeralError(f"not a multiplier: {text!r}") from None
    return value


def parse_arabic(text: str) -> Decimal:
    """'1,234.5' / '１２３４' / '5.2' -> Decimal, exactly."""
    clean = normalize_digits(text).replace(",", "")
    try:
        return Decimal(clean)
    except ArithmeticError:
        raise NumeralError(f"not an Arabic number: {text!r}") from None


@lru_cache(maxsize=4096)
def parse_chinese(text: str) -> Decimal:
    """一千二百三十四 / 两万亿 / 五点二 / 壹佰贰拾叁 / 二〇二〇 -> Decimal, exactly."""
    if not text:
        raise NumeralError("empty numeral")
    if "点" in text:
        whole, _, frac = text.partition("点")
        mult = ""
        while frac and frac[-1] in MULTIPLIER_VALUE:  # 五点二亿
            frac, mult = frac[:-1], frac[-1] + mult
        if mult:
            return parse_chinese(whole + "点" + frac) * parse_multiplier(mult)
        if not frac or any(ch not in DIGIT_VALUE for ch in frac):
            raise NumeralError(f"bad decimal numeral: {text!r}")
        digits = "".join(str(DIGIT_VALUE[ch]) for ch in frac)
        return parse_chinese(whole or "零") + Decimal("0." + digits)
    if all(ch in MULTIPLIER_VALUE for ch in text):  # 千 in 近千人, 百万 in 逾百万人次
        value = Decimal(1)
        for ch in text:
            value *= MULTIPLIER_VALUE[ch]
        return value
    if all(ch in DIGIT_VALUE for ch in text) and len(text) > 1:
        # digit-by-digit reading: 二〇二〇 -> 2020
        return Decimal("".join(str(DIGIT_VALUE[ch]) for ch in text))
    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError) as exc:
        raise NumeralError(f"not a Chinese numeral: {text!r} ({exc})") from None
    return Decimal(int(value)) if float(value).is_integer() else Decimal(str(value))


def parse_number(text: str) -> Decimal:
    """Any numeral of this project: Arabic with optional Chinese multipliers, or Chinese."""
    norm = normalize_digits(text)
    i = 0
    while i < len(norm) and (norm[i].isdigit() or norm[i] in ".,"):
        i += 1
    if i == 0:
        return parse_chinese(norm)
    head, tail = norm[:i], norm[i:]
    if not tail:
        return parse_arabic(head)
    if tail and all(ch in MULTIPLIER_VALUE for ch in tail):
        return parse_arabic(head) * parse_multiplier(tail)
    # 1亿5000万 and similar: an Arabic part, a multiplier, then a further amount
    for j, ch in enumerate(tail):
        if ch not in MULTIPLIER_VALUE:
            big = parse_arabic(head) * parse_multiplier(tail[:j])
            return big + parse_number(tail[j:])
    raise NumeralError(f"not a number: {text!r}")


def fraction_to_decimal(fraction: Fraction) -> Decimal:
    """An exact rational as a Decimal at the module's precision (40 significant digits)."""
    return Decimal(fraction.numerator) / Decimal(fraction.denominator)



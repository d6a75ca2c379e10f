"""Pure numeral parsing: the project's one numeral alphabet and one reader, text -> exact Decimal.

Every module that needs numeral characters takes them from here (DIGIT_VALUE, MULTIPLIER_VALUE,
the character strings below). Chinese integer numerals are read by cn2an; this module adds what
cn2an does not do exactly: decimal fractions as Decimals (一点五亿), Arabic digits with Chinese
multipliers (5.2亿), full-width digits and separators, 兆 (10^12), 廿/卅/卌, informal suffixes
(15k, 30w, 3M) and numerals spaced out by speech transcripts (三千 八百 九十六 万).
"""

from __future__ import annotations

from decimal import Decimal, getcontext
from fractions import Fraction
from functools import lru_cache

import cn2an

getcontext().prec = 40

FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
ARABIC_DIGITS = "0123456789０１２３４５６７８９"
# Digits: simplified, traditional and Japanese variants (兩, 両), financial (壹贰…) forms.
DIGIT_VALUE: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "両": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "貳": 2, "貮": 2, "叁": 3, "參": 3,
    "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9, "俩": 2, "倆": 2,
}
# Characters that stand for a whole multiple of ten (廿五 = 25).
TENS_VALUE: dict[str, int] = {"廿": 20, "卅": 30, "卌": 40}
MULTIPLIER_VALUE: dict[str, int] = {
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
    "万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000, "兆": 10**12,
}
# Informal suffixes after Arabic digits (月薪15k, 年薪30w, 3M).
INFORMAL_SUFFIX_VALUE: dict[str, int] = {"k": 1000, "K": 1000, "w": 10_000, "W": 10_000, "M": 10**6}

DIGIT_CHARS = "".join(DIGIT_VALUE)
TENS_CHARS = "".join(TENS_VALUE)
UNIT_CHARS = "".join(MULTIPLIER_VALUE)
# Multipliers that close a section of a numeral (万, 亿, 兆): what a range's lower end can share.
SECTION_MULTIPLIERS = "万萬亿億兆"
CHINESE_NUMERAL_CHARS = DIGIT_CHARS + TENS_CHARS + UNIT_CHARS

# Every variant folded to the form cn2an reads (same length, so positions in a string hold).
_TO_PLAIN = str.maketrans({
    "兩": "两", "両": "两", "俩": "两", "倆": "两", "壹": "一", "贰": "二", "貳": "二", "貮": "二", "叁": "三", "參": "三",
    "肆": "四", "伍": "五", "陆": "六", "陸": "六", "柒": "七", "捌": "八", "玖": "九",
    "拾": "十", "佰": "百", "仟": "千", "萬": "万", "億": "亿",
})
_TENS_EXPANDED = {"廿": "二十", "卅": "三十", "卌": "四十"}


class NumeralError(ValueError):
    """Text that is not a numeral this module can read."""


def normalize_digits(text: str) -> str:
    """Full-width digits, point, comma and percent sign to ASCII (same length: offsets hold)."""
    return text.translate(FULLWIDTH)


def parse_multiplier(text: str) -> Decimal:
    """万 -> 1e4, 千万 -> 1e7, 万亿 -> 1e12, 兆 -> 1e12, '' -> 1 (multipliers after a number)."""
    value = Decimal(1)
    for ch in text:
        try:
            value *= MULTIPLIER_VALUE[ch]
        except KeyError:
            raise NumeralError(f"not a multiplier: {text!r}") from None
    return value


@lru_cache(maxsize=4096)
def parse_arabic(text: str) -> Decimal:
    """'1,234.5' / '１２３４' / '1，234，567' / '5.2' -> Decimal, exactly."""
    clean = normalize_digits(text).replace(",", "")
    try:
        return Decimal(clean)
    except ArithmeticError:
        raise NumeralError(f"not an Arabic number: {text!r}") from None


@lru_cache(maxsize=4096)
def parse_chinese(text: str) -> Decimal:
    """一千二百三十四 / 两万亿 / 五点二 / 壹佰贰拾叁 / 二〇二〇 / 廿五 / 四十九兆 -> Decimal."""
    plain = "".join(_TENS_EXPANDED.get(ch, ch) for ch in text.replace(" ", "")).translate(_TO_PLAIN)
    if not plain:
        raise NumeralError("empty numeral")
    return _read_plain(plain, text)


def _read_plain(text: str, original: str) -> Decimal:
    if "兆" in text:  # 四十九兆九千五百九十二亿: the section above 亿, as a multiplier 10^12
        high, _, low = text.partition("兆")
        head = _read_plain(high, original) if high else Decimal(1)
        return head * 10**12 + (_read_plain(low, original) if low else 0)
    if "点" in text:
        return _read_decimal(text, original)
    if all(ch in MULTIPLIER_VALUE for ch in text):  # 千 in 近千人, 百万 in 逾百万人次
        return parse_multiplier(text)
    if all(ch in DIGIT_VALUE for ch in text) and len(text) > 1:
        # digit-by-digit reading: 二〇二〇 -> 2020
        return Decimal("".join(str(DIGIT_VALUE[ch]) for ch in text))
    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError) as exc:
        head = text.rstrip("万亿")
        if head and len(text) - len(head) >= 2:  # 四万万, 五千万亿: stacked multipliers
            return _read_plain(head, original) * parse_multiplier(text[len(head):])
        raise NumeralError(f"not a Chinese numeral: {original!r} ({exc})") from None
    return Decimal(int(value)) if float(value).is_integer() else Decimal(str(value))


def _read_decimal(text: str, original: str) -> Decimal:
    """五点二 -> 5.2; 一点五亿 -> 150000000 (the multiplier after the fraction scales it all)."""
    whole, _, frac = text.partition("点")
    mult = ""
    while frac and frac[-1] in MULTIPLIER_VALUE:  # 五点二亿, 一点五万亿
        frac, mult = frac[:-1], frac[-1] + mult
    if not frac or any(ch not in DIGIT_VALUE for ch in frac):
        raise NumeralError(f"bad decimal numeral: {original!r}")
    digits = "".join(str(DIGIT_VALUE[ch]) for ch in frac)
    value = (_read_plain(whole, original) if whole else Decimal(0)) + Decimal("0." + digits)
    return value * parse_multiplier(mult)


def parse_number(text: str) -> Decimal:
    """Any numeral of this project: Arabic with optional Chinese multipliers or informal
    suffix (5.2亿, 1亿5000万, 15k), or Chinese."""
    norm = normalize_digits(text).replace(" ", "")
    i = 0
    while i < len(norm) and (norm[i].isdigit() or norm[i] in ".,"):
        i += 1
    if i == 0:
        return parse_chinese(norm)
    head, tail = norm[:i], norm[i:]
    if not tail:
        return parse_arabic(head)
    if tail in INFORMAL_SUFFIX_VALUE:
        return parse_arabic(head) * INFORMAL_SUFFIX_VALUE[tail]
    if all(ch in MULTIPLIER_VALUE for ch in tail):
        return parse_arabic(head) * parse_multiplier(tail)
    # 1亿5000万 and similar: an Arabic part, a multiplier, then a further amount
    for j, ch in enumerate(tail):
        if ch not in MULTIPLIER_VALUE:
            if j == 0:
                break
            big = parse_arabic(head) * parse_multiplier(tail[:j])
            return big + parse_number(tail[j:])
    raise NumeralError(f"not a number: {text!r}")


_SMALL_MULTIPLIERS = {ch: v for ch, v in MULTIPLIER_VALUE.items() if v < 10_000}


def cn_int(text: str) -> int | None:
    """A small integer (below 10000) in Arabic, full-width or Chinese numerals, else None: the
    reader dates use for years (二〇二〇), months, days and counts (十五, 两千)."""
    s = normalize_digits(text)
    if s.isdigit():
        return int(s)
    if not s or any(c not in DIGIT_VALUE and c not in _SMALL_MULTIPLIERS for c in s):
        return None
    if not any(c in _SMALL_MULTIPLIERS for c in s):  # digit by digit: 二〇二〇
        return int("".join(str(DIGIT_VALUE[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in DIGIT_VALUE:
            digit = DIGIT_VALUE[c]
        else:
            total += (1 if digit is None else digit) * _SMALL_MULTIPLIERS[c]
            digit = None
    return total + (digit or 0)


def parse_mixed(text: str) -> Decimal:
    """Arabic digits and Chinese numerals in one number (100万三千, 一百点123, 200亿零四千230),
    read by cn2an's smart mode."""
    try:
        value = cn2an.cn2an(normalize_digits(text), "smart")
    except (ValueError, KeyError, IndexError) as exc:
        raise NumeralError(f"not a mixed numeral: {text!r} ({exc})") from None
    return Decimal(int(value)) if float(value).is_integer() else Decimal(str(value))


def fraction_to_decimal(fraction: Fraction) -> Decimal:
    """An exact rational as a Decimal at the module's precision (40 significant digits)."""
    return Decimal(fraction.numerator) / Decimal(fraction.denominator)


def to_decimal(value: Decimal | Fraction | int | str) -> Decimal:
    """Coerce an exact quantity to Decimal (never through float)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, Fraction):
        return fraction_to_decimal(value)
    return Decimal(value)

"""Pure unit knowledge: loads data/units.toml and converts amounts to canonical units exactly."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from importlib import resources

from .numbers import DIGIT_CHARS, fraction_to_decimal

_QUANTITY_UNITS = frozenset({
    "m", "m2", "m3", "kg", "kWh", "kW", "s", "Cel", "m3/s", "m/s", "t·km", "Pa", "Hz", "B", "J",
})


@lru_cache(maxsize=1)
def _raw() -> dict:
    """data/units.toml as parsed, read once."""
    return tomllib.loads(resources.files("xhextract").joinpath("data/units.toml").read_text("utf-8"))


# The canonical unit of each label (ANNOTATION.md section 4); currency codes come from the data.
CANONICAL_UNITS: dict[str, frozenset[str]] = {
    "MONEY": frozenset(_raw()["currency"]),
    "PERCENT": frozenset({"%", "pp"}),
    "QUANTITY": _QUANTITY_UNITS,
}


@dataclass(frozen=True, slots=True)
class Unit:
    """A surface form that may follow a number: which label it makes and how to convert."""

    surface: str
    label: str
    unit: str | None
    factor: Fraction
    followed_by: str = ""
    offset: Fraction = Fraction(0)
    not_followed_by_han: bool = False

    def convert(self, amount: Decimal) -> Decimal:
        """`amount` of this unit in the canonical unit, exact (rational factors via Fraction)."""
        if self.offset:  # an affine scale (°F -> °C): (amount + offset) * factor
            return fraction_to_decimal((Fraction(amount) + self.offset) * self.factor)
        if self.factor == 1:
            return amount
        if self.factor.denominator == 1:
            return amount * self.factor.numerator
        return fraction_to_decimal(Fraction(amount) * self.factor)


def _parse_factor(text: str) -> Fraction:
    return Fraction(text)


@lru_cache(maxsize=1)
def load_units() -> dict[str, Unit]:
    """All surface forms written after a number (units.toml), keyed by surface form."""
    raw = _raw()
    units: dict[str, Unit] = {}

    def add(unit: Unit) -> None:
        if unit.surface in units:
            raise ValueError(f"units.toml: {unit.surface!r} is listed twice")
        units[unit.surface] = unit

    for code, spec in raw["currency"].items():
        for surface in spec["after"]:
            add(Unit(surface=surface, label="MONEY", unit=code, factor=Fraction(1)))
    for label in ("MONEY", "PERCENT", "QUANTITY"):
        for surface, spec in raw[label].items():
            add(Unit(
                surface=surface,
                label=label,
                unit=spec["unit"],
                factor=_parse_factor(spec["factor"]),
                followed_by=spec.get("followed_by", ""),
                offset=Fraction(spec.get("offset", "0")),
                not_followed_by_han=spec.get("not_followed_by_han", False),
            ))
    aliases = raw["CARDINAL"].get("aliases", {})
    for surface in raw["CARDINAL"]["classifiers"]:
        add(Unit(surface, "CARDINAL", aliases.get(surface, surface), Fraction(1)))
    return units


@lru_cache(maxsize=1)
def currency_prefixes() -> tuple[tuple[str, str], ...]:
    """(surface, ISO code) of every currency form written before an amount, longest first."""
    pairs = [(surface, code) for code, spec in _raw()["currency"].items() for surface in spec["before"]]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))



def match_unit(text: str, pos: int) -> Unit | None:
    """The longest unit whose surface starts at `text[pos]` (and whose `followed_by` holds)."""
    if pos >= len(text):
        return None
    lengths = _lengths_by_first_char().get(text[pos])
    if lengths is None:  # the common case: no unit starts with this character
        return None
    units = load_units()
    for n in lengths:
        unit = units.get(text[pos : pos + n])
        if unit is None:
            continue
        if unit.followed_by and not text.startswith(unit.followed_by, pos + n):
            continue
        if (unit.not_followed_by_han and pos + n < len(text) and _is_han(text[pos + n])
                and text[pos + n] not in _MAY_FOLLOW_COIN):
            continue
        return unit
    return None


# What may follow a coin word that otherwise must not run on into a Han character (一块二, 两毛五).
_MAY_FOLLOW_COIN = frozenset(DIGIT_CHARS + "钱半以左上多余到至整")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@lru_cache(maxsize=1)
def traditional_table() -> dict[int, int]:
    """str.translate table folding traditional numeral and unit characters to simplified."""
    spec = _raw()["traditional"]
    return str.maketrans(spec["chars"], spec["simplified"])


@lru_cache(maxsize=1)
def _lengths_by_first_char() -> dict[str, tuple[int, ...]]:
    """For each first character of a surface, the surface lengths to try, longest first."""
    lengths: dict[str, set[int]] = {}
    for surface in load_units():
        lengths.setdefault(surface[0], set()).add(len(surface))
    return {ch: tuple(sorted(ns, reverse=True)) for ch, ns in lengths.items()}

"""The record contract of ANNOTATION.md: one Mention a figure or entity, with exact offsets."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

NUMERIC_LABELS: tuple[str, ...] = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL")
ENTITY_LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "FAC", "DATE", "TIME")
LABELS: tuple[str, ...] = ENTITY_LABELS + NUMERIC_LABELS
QUALIFIERS: tuple[str, ...] = (
    "exact", "about", "nearly", "over", "at_least", "under", "at_most", "range",
)
GUIDELINE_VERSION = "v2"
MEASURES: tuple[str, ...] = ("level", "increase", "decrease", "share")
FACT_LABELS: tuple[str, ...] = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")  # figures with facts


def json_number(value: Decimal | int | float) -> int | float:
    """An exact Decimal as the JSON number that reads back to it (int when integral)."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value


@dataclass(frozen=True, slots=True)
class Ref:
    """A pointer from a figure to another mention or span (its period, subject or sentence).

    `start`/`end` are half-open offsets into the same source; `text` is `source[start:end]`;
    `label` is the pointed-to mention's label (subject) and `value` its TIMEX3 value (period).
    """

    start: int
    end: int
    text: str = ""
    label: str | None = None
    value: str | None = None

    def shifted(self, offset: int) -> Ref:
        return replace(self, start=self.start + offset, end=self.end + offset)

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {"start": self.start, "end": self.end}
        if self.text:
            record["text"] = self.text
        if self.label:
            record["label"] = self.label
        if self.value:
            record["value"] = self.value
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any] | None) -> Ref | None:
        if not record:
            return None
        return cls(
            start=int(record["start"]), end=int(record["end"]), text=record.get("text") or "",
            label=record.get("label"), value=record.get("value"),
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """One annotated span: `text == source[start:end]`, half-open code-point offsets."""

    start: int
    end: int
    text: str
    label: str
    value: Decimal | str | None = None
    value_max: Decimal | None = None
    unit: str | None = None
    qualifier: str | None = None
    object: str | None = None
    indicator: str | None = None
    source: str = field(default="", compare=False)
    measure: str | None = None
    period: Ref | None = None
    subject: Ref | None = None
    sentence: Ref | None = None

    @property
    def is_numeric(self) -> bool:
        return self.label in NUMERIC_LABELS

    def shifted(self, offset: int) -> Mention:
        """The same mention with offsets moved by `offset` (for chunked processing)."""
        moved = {
            k: ref.shifted(offset)
            for k in ("period", "subject", "sentence")
            if (ref := getattr(self, k)) is not None
        }
        return replace(self, start=self.start + offset, end=self.end + offset, **moved)

    def to_dict(self) -> dict[str, Any]:
        """The record of ANNOTATION.md section 6, without `doc`."""
        record: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
        }
        if self.label in NUMERIC_LABELS:
            record["value"] = None if self.value is None else json_number(self.value)  # type: ignore[arg-type]
            if self.value_max is not None:
                record["value_max"] = json_number(self.value_max)
            record["unit"] = self.unit
            record["qualifier"] = self.qualifier or "exact"
        elif self.value is not None:
            record["value"] = self.value if isinstance(self.value, str) else json_number(self.value)
        if self.object:
            record["object"] = self.object
        if self.indicator:
            record["indicator"] = self.indicator
        if self.measure:
            record["measure"] = self.measure
        for key in ("period", "subject", "sentence"):
            ref = getattr(self, key)
            if ref is not None:
                record[key] = ref.to_dict()
        if self.source:
            record["source"] = self.source
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Mention:
        """Read a record (gold or predicted) back; numbers become exact Decimals."""
        def dec(x: Any) -> Decimal | None:
            return None if x is None else Decimal(str(x))

        label = record["label"]
        value = record.get("value")
        if label in NUMERIC_LABELS:
            value = dec(value)
        return cls(
            start=int(record["start"]),
            end=int(record["end"]),
            text=record["text"],
            label=label,
            value=value,
            value_max=dec(record.get("value_max")),
            unit=record.get("unit"),
            qualifier=record.get("qualifier"),
            object=record.get("object"),
            indicator=record.get("indicator"),
            source=record.get("source", ""),
            measure=record.get("measure"),
            period=Ref.from_dict(record.get("period")),
            subject=Ref.from_dict(record.get("subject")),
            sentence=Ref.from_dict(record.get("sentence")),
        )

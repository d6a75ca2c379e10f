"""Annotation-tool files (doccano, Label Studio, Prodigy) <-> gold files and records."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from xhextract.gold import validate_gold
from xhextract.interchange import (
    FORMATS,
    InterchangeError,
    SpanDoc,
    export_docs,
    import_docs,
    read_tasks,
    write_tasks,
)
from xhextract.io import read_document, text_sha256

ROOT = Path(__file__).resolve().parents[1]
XUHUI = "xuhui_innovation_2021"


def _at(text: str, s: str, label: str, **extra: object) -> dict:
    start = text.index(s)
    return {"start": start, "end": start + len(s), "text": s, "label": label, **extra}


@pytest.fixture(scope="module")
def real_doc() -> SpanDoc:
    """A real document with entities and normalised figures, and a declared label set."""
    text = read_document(ROOT / "corpus" / f"{XUHUI}.txt").text
    mentions = [
        _at(text, "12月1日", "DATE", value="XXXX-12-01"),
        _at(text, "281项", "CARDINAL", value=281, unit="项", qualifier="exact"),
        _at(text, "中山医院", "ORG"),
        _at(text, "葛均波", "PERSON"),
        _at(text, "近5.2亿元", "MONEY", value=520000000, unit="CNY", qualifier="nearly",
            indicator="转化金额"),
        _at(text, "3000多平方米", "QUANTITY", value=3000, unit="m2", qualifier="over"),
    ]
    return SpanDoc(doc=XUHUI, text=text, mentions=sorted(mentions, key=lambda m: m["start"]))


@pytest.fixture()
def astral_doc() -> SpanDoc:
    """Characters outside the BMP (CJK extension B, emoji) before and inside mentions."""
    text = "𠀋𠀋公司😀在上海𪚥路投资5亿元。"
    return SpanDoc(
        doc="astral",
        text=text,
        mentions=[
            _at(text, "上海", "GPE"),
            _at(text, "𪚥路", "FAC"),
            _at(text, "5亿元", "MONEY", value=500000000, unit="CNY", qualifier="exact"),
        ],
        labels=["GPE", "FAC", "MONEY"],
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_spans_fields_and_labels(fmt: str, real_doc: SpanDoc, astral_doc: SpanDoc,
                                                  tmp_path: Path) -> None:
    path = tmp_path / f"tasks.{fmt}"
    write_tasks(path, export_docs([real_doc, astral_doc], fmt), fmt)
    back = import_docs(read_tasks(path), fmt)
    assert [d.doc for d in back] == [XUHUI, "astral"]
    for original, imported in zip([real_doc, astral_doc], back, strict=True):
        assert imported.text == original.text
        assert imported.to_gold() == original.to_gold()
        assert validate_gold(imported.to_gold(), imported.text) == []
    assert back[1].labels == ["GPE", "FAC", "MONEY"]
    money = next(m for m in back[0].mentions if m["label"] == "MONEY")
    assert money["value"] == 520000000 and money["qualifier"] == "nearly" and money["indicator"] == "转化金额"


def test_export_shapes_are_what_the_tools_read(real_doc: SpanDoc) -> None:
    i = real_doc.text.index("中山医院")
    doccano = export_docs([real_doc], "doccano")[0]
    assert [i, i + 4, "ORG"] in doccano["label"] and doccano["text"] == real_doc.text
    entities = export_docs([real_doc], "doccano-entities")[0]
    assert {"id": 3, "label": "ORG", "start_offset": i, "end_offset": i + 4} in entities["entities"]
    ls = export_docs([real_doc], "labelstudio")[0]
    values = [r["value"] for r in ls["annotations"][0]["result"]]
    assert {"start": i, "end": i + 4, "text": "中山医院", "labels": ["ORG"]} in values
    assert ls["data"]["text"] == real_doc.text
    prodigy = export_docs([real_doc], "prodigy")[0]
    assert {"start": i, "end": i + 4, "label": "ORG", "text": "中山医院"} in prodigy["spans"]


def test_edited_spans_lose_stored_fields_and_new_spans_are_taken(real_doc: SpanDoc) -> None:
    task = export_docs([real_doc], "doccano")[0]
    money = next(s for s in task["label"] if s[2] == "MONEY")
    money[0] += 1  # the annotator drops 近 from the span
    j = real_doc.text.index("上海交大")
    task["label"].append([j, j + 4, "ORG"])
    (sd,) = import_docs([task], "doccano")
    edited = next(m for m in sd.mentions if m["label"] == "MONEY")
    assert edited["text"] == "5.2亿元" and "value" not in edited
    assert any(m["text"] == "上海交大" for m in sd.mentions)
    problems = validate_gold(sd.to_gold(), sd.text)
    assert any("without value" in p for p in problems)


def test_import_tool_files_as_the_tools_write_them() -> None:
    text = "国务院在北京召开会议，投入300亿元。"
    doccano_old = {"id": 7, "text": text, "labels": [[0, 3, "ORG"], [4, 6, "GPE"]], "Comments": []}
    doccano_new = {"id": 8, "text": text, "entities": [
        {"id": 1, "label": "ORG", "start_offset": 0, "end_offset": 3}], "relations": [], "doc": "n1"}
    label_studio = {"id": 3, "data": {"text": text}, "annotations": [
        {"was_cancelled": True, "result": []},
        {"result": [
            {"value": {"start": 4, "end": 6, "text": "北京", "labels": ["GPE"]}, "from_name": "label",
             "to_name": "text", "type": "labels", "origin": "manual", "id": "a"},
            {"value": {"choices": ["ok"]}, "from_name": "c", "to_name": "text", "type": "choices"},
        ]},
    ]}
    prodigy = {"text": text, "spans": [{"start": 13, "end": 18, "label": "MONEY"}],
               "meta": {"doc": "p1"}, "answer": "accept", "_input_hash": 1}
    assert [(m["text"], m["label"]) for m in import_docs([doccano_old], "doccano")[0].mentions] == [
        ("国务院", "ORG"), ("北京", "GPE")]
    assert import_docs([doccano_old], "doccano")[0].doc == "7"  # the tool's own id
    assert import_docs([doccano_new], "doccano-entities")[0].doc == "n1"
    (ls,) = import_docs([label_studio], "labelstudio")
    assert [(m["text"], m["label"]) for m in ls.mentions] == [("北京", "GPE")]
    (pg,) = import_docs([prodigy], "prodigy")
    assert pg.doc == "p1" and pg.mentions[0]["text"] == "300亿元"


def test_label_studio_utf16_offsets_are_converted(astral_doc: SpanDoc) -> None:
    text = astral_doc.text
    start = text.index("上海")
    utf16 = len(text[:start].encode("utf-16-le")) // 2  # JavaScript offsets of older versions
    task = {"data": {"text": text, "doc": "astral"}, "annotations": [{"result": [
        {"value": {"start": utf16, "end": utf16 + 2, "text": "上海", "labels": ["GPE"]}, "type": "labels"}]}]}
    assert utf16 != start
    (sd,) = import_docs([task], "labelstudio")
    assert (sd.mentions[0]["start"], sd.mentions[0]["end"]) == (start, start + 2)


def test_mismatched_span_text_is_refused() -> None:
    task = {"text": "上海浦东新区", "spans": [{"start": 0, "end": 2, "label": "GPE", "text": "浦东"}]}
    with pytest.raises(InterchangeError, match="'上海' in the text but '浦东' in the file"):
        import_docs([task], "prodigy")
    with pytest.raises(InterchangeError, match="outside the text"):
        import_docs([{"text": "上海", "label": [[0, 5, "GPE"]]}], "doccano")
    with pytest.raises(InterchangeError, match="unknown format"):
        import_docs([], "brat")


def test_cli_export_then_import_round_trip(real_doc: SpanDoc, tmp_path: Path) -> None:
    gold_dir, docs_dir, back = tmp_path / "gold", tmp_path / "docs", tmp_path / "back"
    gold_dir.mkdir()
    docs_dir.mkdir()
    (docs_dir / f"{XUHUI}.txt").write_text(real_doc.text, encoding="utf-8")
    gold = real_doc.to_gold()
    (gold_dir / f"{XUHUI}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    tasks = tmp_path / "tasks.json"

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "xhextract.cli", *args], capture_output=True,
                              text=True, timeout=120)

    done = cli("export", "--format", "labelstudio", "--gold", str(gold_dir), "--docs", str(docs_dir),
               "--out", str(tasks))
    assert done.returncode == 0, done.stderr
    assert json.loads(tasks.read_text(encoding="utf-8"))[0]["data"]["doc"] == XUHUI
    done = cli("import", str(tasks), "--format", "labelstudio", "--docs", str(docs_dir), "--out", str(back))
    assert done.returncode == 0, done.stderr
    assert json.loads((back / f"{XUHUI}.json").read_text(encoding="utf-8")) == gold
    assert gold["text_sha256"] == text_sha256(real_doc.text)
    # importing again would overwrite a gold file: refused without --force
    done = cli("import", str(tasks), "--format", "labelstudio", "--out", str(back))
    assert done.returncode == 1 and "exists" in done.stderr and "Traceback" not in done.stderr
    # a tool whose text differs from the document is refused
    (docs_dir / f"{XUHUI}.txt").write_text(real_doc.text + "\n", encoding="utf-8")
    done = cli("import", str(tasks), "--format", "labelstudio", "--docs", str(docs_dir),
               "--out", str(tmp_path / "again"))
    assert done.returncode == 1 and "differs from" in done.stderr and "Traceback" not in done.stderr

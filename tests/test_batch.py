"""Batch runs in-process: mixed inputs, outputs and their schema, --jobs 2, resume, crashes."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import xhextract.batch as batch
from xhextract import extract
from xhextract.batch import (
    JOURNAL,
    OUTPUT_FILES,
    BatchUsageError,
    DocResult,
    Task,
    _process_pool,
    process_task,
    run_batch,
)
from xhextract.records import PARQUET_SCHEMA, RECORD_COLUMNS
from xhextract.schema import LABELS

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _passage(name: str, start: int, size: int) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")[start : start + size]


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """Real corpus passages with figures, dates, places and organisations, over several lines."""
    return {
        "a": _passage("xuhui_innovation_2021.txt", 0, 1800),
        "b": _passage("gwr_national_2025.txt", 0, 2500),
        "c": _passage("policy_beijing_2022.txt", 200, 1500),
        "d": _passage("gwr_national_1985.txt", 1000, 1200),
        "e": _passage("policy_anhui_rcep_2022.txt", 0, 1200),
    }


def _strip_doc(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "doc"} for r in records]


def _by_doc(records: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in records:
        out.setdefault(r["doc"], []).append(r)
    return out


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory, texts: dict[str, str]) -> Path:
    """A folder with a UTF-8 twin, its GBK, BOM and CRLF versions, and broken entries."""
    root = tmp_path_factory.mktemp("mixed")
    a = texts["a"]
    (root / "twin.txt").write_bytes(a.encode("utf-8"))
    (root / "gbk.txt").write_bytes(a.encode("gbk"))
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + a.encode("utf-8"))
    (root / "crlf.txt").write_bytes(a.replace("\n", "\r\n").encode("utf-8"))
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "gone.txt").symlink_to(root / "never-written.txt")
    (root / "folder.txt").mkdir()
    (root / "sub").mkdir()
    (root / "sub" / "b.txt").write_text(texts["b"], encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def mixed_run(mixed: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, batch.BatchResult]:
    out = tmp_path_factory.mktemp("mixed-out")
    result = run_batch([mixed], out, report=lambda line: None)
    return out, result


def test_mixed_batch_records_match_the_utf8_twin(mixed_run, texts: dict[str, str]) -> None:
    out, result = mixed_run
    records = _read_jsonl(out / "records.jsonl")
    docs = _by_doc(records)
    twin = _strip_doc(docs["twin"])
    assert twin == [m.to_dict() for m in extract(texts["a"])]
    assert len(twin) > 20
    assert _strip_doc(docs["gbk"]) == twin
    assert _strip_doc(docs["bom"]) == twin
    assert "empty" not in docs
    assert _strip_doc(docs["sub/b"]) == [m.to_dict() for m in extract(texts["b"])]
    # documents in sorted input order, records of a document in offset order
    order = list(dict.fromkeys(r["doc"] for r in records))
    assert order == ["bom", "crlf", "gbk", "sub/b", "twin"]
    for recs in docs.values():
        assert [(r["start"], r["end"]) for r in recs] == sorted((r["start"], r["end"]) for r in recs)
    assert result.documents == 9 and result.processed == 6 and result.records == len(records)


def test_crlf_offsets_index_the_crlf_text(mixed_run, texts: dict[str, str]) -> None:
    out, _ = mixed_run
    crlf_text = texts["a"].replace("\n", "\r\n")
    crlf = _strip_doc(_by_doc(_read_jsonl(out / "records.jsonl"))["crlf"])
    assert crlf == [m.to_dict() for m in extract(crlf_text)]
    assert all(crlf_text[r["start"] : r["end"]] == r["text"] for r in crlf)
    # the same mentions as the LF twin, shifted by the \r before them
    lf = texts["a"]

    def shift(i: int) -> int:
        return i + lf.count("\n", 0, i)

    twin = [m.to_dict() for m in extract(lf)]
    assert [(r["text"], r["label"]) for r in crlf] == [(r["text"], r["label"]) for r in twin]
    assert [(r["start"], r["end"]) for r in crlf] == [(shift(r["start"]), shift(r["end"])) for r in twin]


def test_failures_are_reported_with_reasons(mixed_run, mixed: Path) -> None:
    out, result = mixed_run
    errors = _read_jsonl(out / "errors.jsonl")
    assert [(e["doc"], e["error"]) for e in errors] == [
        ("folder", "is a directory"),
        ("gone", f"dangling symbolic link (to {mixed / 'never-written.txt'})"),
        ("image", "binary file (NUL byte at offset 8)"),
    ]
    assert {e["path"] for e in errors} == {str(mixed / f"{e['doc']}.txt") for e in errors}
    assert result.errors == errors


def test_run_json(mixed_run, texts: dict[str, str]) -> None:
    out, result = mixed_run
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    records = _read_jsonl(out / "records.jsonl")
    assert run["documents"] == 9 and run["processed"] == 6 and run["failed"] == 3
    assert run["records"] == len(records)
    assert sum(run["records_per_label"].values()) == len(records)
    assert set(run["records_per_label"]) <= set(LABELS)
    per_doc = {d["doc"]: d for d in run["per_document"]}
    assert [d["doc"] for d in run["per_document"]] == sorted(per_doc)
    assert {d: per_doc[d].get("encoding") for d in ("twin", "gbk", "bom", "crlf", "empty")} == {
        "twin": "utf-8", "gbk": "gbk", "bom": "utf-8-sig", "crlf": "utf-8", "empty": "utf-8",
    }
    assert per_doc["image"]["error"].startswith("binary file")
    assert per_doc["twin"]["characters"] == len(texts["a"])
    assert per_doc["crlf"]["characters"] == len(texts["a"]) + texts["a"].count("\n")
    assert run["characters"] == sum(d.get("characters", 0) for d in run["per_document"])
    assert run["encodings"] == {"gbk": 1, "utf-8": 4, "utf-8-sig": 1}
    assert run["xhextract_version"] and set(run["model"]) == {"use_model", "available", "version"}
    assert "seconds" not in run and "seconds" not in run["per_document"][0]
    timings = json.loads((out / "timings.json").read_text(encoding="utf-8"))
    assert timings["seconds"] > 0 and set(timings["per_document"]) <= set(per_doc)


def test_tables_have_the_fixed_columns_and_exact_values(mixed_run) -> None:
    out, _ = mixed_run
    records = _read_jsonl(out / "records.jsonl")
    table = pq.read_table(out / "records.parquet")
    assert table.schema.equals(PARQUET_SCHEMA)
    rows = table.to_pylist()
    assert len(rows) == len(records)
    for rec, row in zip(records, rows, strict=True):
        assert (row["doc"], row["start"], row["end"], row["text"], row["label"]) == (
            rec["doc"], rec["start"], rec["end"], rec["text"], rec["label"]
        )
        value = rec.get("value")
        assert row["value"] == (None if value is None else str(value))
        if isinstance(value, (int, float)):
            assert float(row["value"]) == value
    import pandas as pd

    frame = pd.read_csv(out / "records.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns) == RECORD_COLUMNS
    assert frame["text"].tolist() == [r["text"] for r in records]
    assert frame["value"].tolist() == ["" if r.get("value") is None else str(r["value"]) for r in records]
    assert not list(out.glob(".*.part")) and not (out / JOURNAL).exists()


def test_jobs_2_writes_the_same_files_as_jobs_1(mixed_run, mixed: Path, tmp_path: Path) -> None:
    out1, _ = mixed_run
    out2 = tmp_path / "out2"
    result = run_batch([mixed], out2, jobs=2, report=lambda line: None)
    assert result.documents == 9
    for name in OUTPUT_FILES:
        assert (out2 / name).read_bytes() == (out1 / name).read_bytes(), name


def test_empty_folder_gives_valid_empty_outputs(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    result = run_batch([tmp_path / "in"], tmp_path / "out")
    assert result.documents == 0 and not result.errors
    assert (tmp_path / "out" / "records.jsonl").read_text() == ""
    assert pq.read_table(tmp_path / "out" / "records.parquet").schema.equals(PARQUET_SCHEMA)
    assert json.loads((tmp_path / "out" / "run.json").read_text())["per_document"] == []


def test_duplicate_doc_ids_are_errors(tmp_path: Path, texts: dict[str, str]) -> None:
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "same.txt").write_text(texts["d"], encoding="utf-8")
    result = run_batch([tmp_path / "x" / "same.txt", tmp_path / "y" / "same.txt"], tmp_path / "out")
    assert [e["error"] for e in result.errors] == [
        f"duplicate document id 'same' (also {tmp_path / 'x' / 'same.txt'})"
    ]
    assert {r["doc"] for r in _read_jsonl(tmp_path / "out" / "records.jsonl")} == {"same"}


# --- interruption and resume ----------------------------------------------------------------


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory, texts: dict[str, str]) -> tuple[Path, Path]:
    """Five documents and the outputs of one uninterrupted run over them."""
    root = tmp_path_factory.mktemp("five")
    for name, text in texts.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("five-out")
    run_batch([root], out)
    return root, out


def _interrupt_at(monkeypatch: pytest.MonkeyPatch, n: int) -> list[str]:
    """Make the in-process worker raise KeyboardInterrupt at the n-th document."""
    seen: list[str] = []

    def fake(task: Task, data: bytes | None = None) -> DocResult:
        seen.append(task.doc)
        if len(seen) == n:
            raise KeyboardInterrupt
        return process_task(task, data)

    monkeypatch.setattr(batch, "process_task", fake)
    return seen


def test_interrupt_then_resume_gives_the_uninterrupted_outputs(
    five: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, reference = five
    out = tmp_path / "out"
    out.mkdir()
    (out / "records.jsonl").write_text("an older complete run\n", encoding="utf-8")
    _interrupt_at(monkeypatch, 3)
    result = run_batch([root], out)
    assert result.interrupted and result.documents == 2
    # the older output is untouched, no part file is left, the journal holds two documents
    assert (out / "records.jsonl").read_text(encoding="utf-8") == "an older complete run\n"
    assert sorted(p.name for p in out.iterdir()) == [JOURNAL, "records.jsonl"]
    assert len((out / JOURNAL).read_text(encoding="utf-8").splitlines()) == 1 + 2

    seen = _interrupt_at(monkeypatch, 99)
    result = run_batch([root], out, resume=True)
    assert seen == ["c", "d", "e"]  # nothing redone
    assert result.resumed == 2 and result.documents == 5 and not result.interrupted
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    run = json.loads((out / "run.json").read_text())
    assert run["resumed"] == 2 and [d["doc"] for d in run["per_document"]] == list("abcde")
    assert not (out / JOURNAL).exists()


def test_resume_cuts_a_torn_journal_line(
    five: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, reference = five
    out = tmp_path / "out"
    _interrupt_at(monkeypatch, 4)
    run_batch([root], out)
    with open(out / JOURNAL, "a", encoding="utf-8") as fh:
        fh.write('{"doc": "d", "path": "x", "records": [{"doc": "d", "st')  # killed mid-write
    seen = _interrupt_at(monkeypatch, 99)
    run_batch([root], out, resume=True)
    assert seen == ["d", "e"]
    records = _read_jsonl(out / "records.jsonl")
    keys = [(r["doc"], r["start"], r["end"]) for r in records]
    assert len(keys) == len(set(keys))
    assert (out / "records.jsonl").read_bytes() == (reference / "records.jsonl").read_bytes()


def test_resume_refuses_a_journal_of_other_options(
    five: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = five
    out = tmp_path / "out"
    _interrupt_at(monkeypatch, 2)
    run_batch([root], out)
    with pytest.raises(BatchUsageError, match="other inputs or options"):
        run_batch([root], out, resume=True, use_model=False)
    with pytest.raises(BatchUsageError, match="other inputs or options"):
        run_batch([root / "a.txt"], out, resume=True)


def test_a_second_run_on_the_same_folder_is_refused(five: tuple[Path, Path], tmp_path: Path) -> None:
    root, _ = five
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(BatchUsageError, match="another xhextract run"):
            run_batch([root], out)
    finally:
        os.close(fd)


# --- a worker that dies -------------------------------------------------------------------


def dies_on_boom(task: Task, data: bytes | None = None) -> DocResult:
    """A worker function that kills its process on the document 'boom' (as an OOM kill would)."""
    if task.doc == "boom":
        os._exit(3)
    return process_task(task, data)


def test_a_dying_worker_fails_only_its_document(five: tuple[Path, Path]) -> None:
    root, _ = five
    docs = ["a", "b", "boom", "c", "d", "e"]
    tasks = [Task(d, str(root / f"{'a' if d == 'boom' else d}.txt")) for d in docs]
    results = list(_process_pool(tasks, 2, True, fn=dies_on_boom))
    assert [r.doc for r in results] == docs
    assert [r.doc for r in results if r.error] == ["boom"]
    assert results[2].error == "worker process died while processing it"
    assert all(r.records for r in results if r.doc != "boom")


def test_resume_after_a_kill_during_the_header_starts_afresh(
    five: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, reference = five
    out = tmp_path / "out"
    out.mkdir()
    (out / JOURNAL).write_text('{"header": {"form', encoding="utf-8")
    seen = _interrupt_at(monkeypatch, 99)
    result = run_batch([root], out, resume=True)
    assert seen == list("abcde") and result.resumed == 0
    assert (out / "records.jsonl").read_bytes() == (reference / "records.jsonl").read_bytes()


def test_document_date_from_the_file_name_unless_given(tmp_path: Path) -> None:
    from datetime import date

    text = "去年全市生产总值增长5%，今年预期增长6%左右。"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report_2018.txt").write_text(text, encoding="utf-8")
    run_batch([tmp_path / "in"], tmp_path / "named")
    named = _strip_doc(_read_jsonl(tmp_path / "named" / "records.jsonl"))
    assert named == [m.to_dict() for m in extract(text, doc_date=date(2018, 1, 1))]
    assert named != [m.to_dict() for m in extract(text)]  # 去年 and 今年 resolved
    run = json.loads((tmp_path / "named" / "run.json").read_text(encoding="utf-8"))
    assert run["per_document"][0]["doc_date"] == "2018-01-01"
    run_batch([tmp_path / "in"], tmp_path / "given", doc_date=date(2021, 3, 5))
    given = _strip_doc(_read_jsonl(tmp_path / "given" / "records.jsonl"))
    assert given == [m.to_dict() for m in extract(text, doc_date=date(2021, 3, 5))]


# --- the writing process: what workers send, the pool they run in -----------------------------


def test_workers_send_encoded_documents_the_writer_only_appends(five: tuple[Path, Path]) -> None:
    """A worker's result is the bytes each output gets; appending them gives the same files."""
    root, reference = five
    encoded = batch.process_encoded(Task("a", str(root / "a.txt")))
    assert isinstance(encoded, batch.Encoded) and encoded.error is None
    lines = (reference / "records.jsonl").read_bytes().splitlines(keepends=True)
    mine = [line for line in lines if json.loads(line)["doc"] == "a"]
    assert encoded.records_jsonl == b"".join(mine) and encoded.n_records == len(mine)
    assert encoded.records_csv in (reference / "records.csv").read_bytes()
    assert encoded.labels == dict(Counter(json.loads(line)["label"] for line in mine))
    journal_row = json.loads(encoded.journal)
    assert [json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in journal_row["records"]] == mine
    assert batch.DocResult.from_json(journal_row).records == [json.loads(line) for line in mine]


def test_a_worker_killed_while_idle_is_replaced(five: tuple[Path, Path]) -> None:
    """The OOM killer may pick an idle worker: the pool is found broken when the next document
    is submitted, a new one is started, and every document still completes."""
    root, _ = five
    pool = batch._new_pool(2, False)
    try:
        pool.submit(int).result(timeout=120)
        os.kill(next(iter(pool._processes)), signal.SIGKILL)
        deadline = time.monotonic() + 30
        while not pool._broken and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pool._broken
        tasks = [Task(d, str(root / f"{d}.txt"), use_model=False) for d in "abcde"]
        results = list(_process_pool(tasks, 2, False, pool=pool))
    finally:
        batch._terminate(pool)
    assert [r.doc for r in results] == list("abcde")
    assert all(r.error is None and r.records for r in results)


def _loaded_where() -> tuple[bool, int | None, int]:
    import sys

    preload = sys.modules.get("xhextract.preload")
    return "xhextract.core" in sys.modules, getattr(preload, "LOADED_IN", None), os.getpid()


def test_workers_fork_from_a_server_that_loaded_the_pipeline() -> None:
    pool = batch._new_pool(2, True)
    try:
        core_loaded, loaded_in, pid = pool.submit(_loaded_where).result(timeout=120)
    finally:
        batch._terminate(pool)
    assert core_loaded and loaded_in is not None and loaded_in != pid  # loaded before the fork


def test_run_json_names_the_model_without_loading_it(tmp_path: Path) -> None:
    code = (
        "import json, sys\n"
        "from xhextract.batch import model_info\n"
        "info = model_info(True)\n"
        "print(json.dumps({'info': info, 'loaded': 'xhextract.ner_model' in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seen = json.loads(out.stdout)
    from xhextract import ner_model

    digest = hashlib.sha256(ner_model.MODEL_FILE.read_bytes()).hexdigest()[:12]
    assert not seen["loaded"]
    assert seen["info"] == {"use_model": True, "available": True,
                            "version": f"format {ner_model.FORMAT_VERSION}, sha256 {digest}"}

"""The command line as a new user meets it: version, help, missing paths, import and eval edges.

Every test runs the installed console script in a fresh process, as a user does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import xhextract
from xhextract.io import read_document, text_sha256

ROOT = Path(__file__).resolve().parents[1]
XHEXTRACT = str(Path(sys.executable).with_name("xhextract"))
XUHUI = "xuhui_innovation_2021"
TEXT = "徐汇区委书记曹立强表示，涉及转化金额近5.2亿元。"


def cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([XHEXTRACT, *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def one_error_line(done: subprocess.CompletedProcess[str], command: str) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"xhextract {command}: "), lines[0]
    return lines[0]


def doccano_file(path: Path, tasks: list[dict]) -> Path:
    path.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), encoding="utf-8")
    return path


# ---------------------------------------------------------------- version and help


def test_version() -> None:
    done = cli("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"xhextract {xhextract.__version__}"


def test_help_tells_a_user_what_each_command_does() -> None:
    done = cli("--help")
    assert done.returncode == 0
    top = " ".join(done.stdout.split())
    assert "run_batch" not in top and "thin layer" not in top and "scoring.evaluate" not in top
    assert "Chinese" in top and "--version" in top
    for line in ("run Extract figures and entities into OUT.",
                 "eval Score records against gold files.",
                 "import Annotation tool export -> gold files.",
                 "export Gold or records -> annotation tool tasks."):
        assert line in top
    page = " ".join(cli("run", "--help").stdout.split())
    assert "records.jsonl" in page and "Exit status" in page


# ---------------------------------------------------------------- export


def test_export_creates_a_missing_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / "tasks.jsonl"
    done = cli("export", "--format", "doccano", "--docs", ROOT / "corpus", "--gold", ROOT / "gold",
               "--out", out)
    assert done.returncode == 0, done.stderr
    tasks = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(tasks) == len(list((ROOT / "gold").glob("*.json"))) and tasks[0]["label"]


def test_export_names_the_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "no_docs_here"
    done = cli("export", "--format", "doccano", "--docs", missing, "--gold", ROOT / "gold",
               "--out", tmp_path / "t.jsonl")
    assert done.returncode != 0
    assert str(missing) in one_error_line(done, "export")
    missing_gold = tmp_path / "no_gold_here"
    done = cli("export", "--format", "doccano", "--docs", ROOT / "corpus", "--gold", missing_gold,
               "--out", tmp_path / "t.jsonl")
    assert done.returncode != 0
    assert str(missing_gold) in one_error_line(done, "export")
    assert not (tmp_path / "t.jsonl").exists()


# ---------------------------------------------------------------- import


def test_import_names_the_missing_path(tmp_path: Path) -> None:
    tasks = doccano_file(tmp_path / "t.jsonl", [{"id": 3, "text": TEXT, "label": [[0, 3, "GPE"]]}])
    missing = tmp_path / "nowhere.jsonl"
    done = cli("import", missing, "--format", "doccano", "--out", tmp_path / "g")
    assert done.returncode != 0 and str(missing) in one_error_line(done, "import")
    docs = tmp_path / "docs"
    docs.mkdir()
    done = cli("import", tasks, "--format", "doccano", "--out", tmp_path / "g", "--docs", docs)
    assert done.returncode == 1
    assert str(docs / "3.txt") in one_error_line(done, "import")
    assert not (tmp_path / "g").exists()


def test_import_keeps_the_tools_document_ids(tmp_path: Path) -> None:
    tasks = doccano_file(tmp_path / "t.jsonl", [
        {"id": 17, "text": TEXT, "label": [[0, 3, "GPE"]], "Comments": []},
        {"id": 18, "text": "上海市", "label": [[0, 3, "GPE"]], "Comments": []},
    ])
    done = cli("import", tasks, "--format", "doccano", "--out", tmp_path / "g")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "g").iterdir()) == ["17.json", "18.json"]
    gold = json.loads((tmp_path / "g" / "17.json").read_text(encoding="utf-8"))
    assert gold["doc"] == "17" and gold["mentions"][0]["text"] == "徐汇区"
    studio = tmp_path / "ls.json"
    studio.write_text(json.dumps([{"id": 42, "data": {"text": TEXT}, "annotations": [{"result": [
        {"value": {"start": 0, "end": 3, "text": "徐汇区", "labels": ["GPE"]}, "from_name": "label",
         "to_name": "text", "type": "labels"}]}]}], ensure_ascii=False), encoding="utf-8")
    done = cli("import", studio, "--format", "labelstudio", "--out", tmp_path / "g2")
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (tmp_path / "g2").iterdir()] == ["42.json"]


@pytest.mark.parametrize("bad", ["../x", "../../etc/x", "ABSOLUTE", "a/../../b", ""])
def test_import_refuses_an_id_that_would_leave_the_output_folder(tmp_path: Path, bad: str) -> None:
    if bad == "ABSOLUTE":
        bad = str(tmp_path / "abs_doc")  # inside tmp_path, so a regression litters nothing else
    tasks = doccano_file(tmp_path / "t.jsonl", [
        {"doc": "fine", "text": "上海市", "label": [[0, 3, "GPE"]]},
        {"doc": bad, "text": TEXT, "label": [[0, 3, "GPE"]]},
    ])
    out = tmp_path / "deep" / "g"
    for extra in ([], ["--records"]):
        target = tmp_path / "r.jsonl" if extra else out
        done = cli("import", tasks, "--format", "doccano", "--out", target, *extra)
        assert done.returncode == 1
        line = one_error_line(done, "import")
        assert "document id" in line and repr(bad) in line
        assert not target.exists()
    assert [p.name for p in tmp_path.rglob("*")] == ["t.jsonl"]


def test_import_with_unknown_labels_writes_nothing_unless_mapped_or_dropped(tmp_path: Path) -> None:
    tasks = doccano_file(tmp_path / "t.jsonl", [
        {"id": 1, "text": TEXT, "label": [[0, 3, "LOCATION"], [6, 9, "PER"], [18, 24, "MONEY"]]},
        {"id": 2, "text": "上海市", "label": [[0, 3, "LOCATION"]]},
    ])
    out = tmp_path / "g"
    done = cli("import", tasks, "--format", "doccano", "--out", out)
    assert done.returncode == 1
    line = one_error_line(done, "import")
    assert "LOCATION (2)" in line and "PER (1)" in line and "--map-label" in line
    assert not out.exists()
    done = cli("import", tasks, "--format", "doccano", "--out", out,
               "--map-label", "PER=PERSON", "--map-label", "LOCATION=GPE")
    assert done.returncode == 0, done.stderr
    gold = json.loads((out / "1.json").read_text(encoding="utf-8"))
    assert [(m["text"], m["label"]) for m in gold["mentions"]] == [
        ("徐汇区", "GPE"), ("曹立强", "PERSON"), ("近5.2亿元", "MONEY")]
    done = cli("import", tasks, "--format", "doccano", "--out", tmp_path / "g2", "--drop-unknown-labels")
    assert done.returncode == 0, done.stderr
    gold = json.loads((tmp_path / "g2" / "1.json").read_text(encoding="utf-8"))
    assert [(m["text"], m["label"]) for m in gold["mentions"]] == [("近5.2亿元", "MONEY")]
    assert "dropped 3 spans" in done.stderr
    done = cli("import", tasks, "--format", "doccano", "--out", tmp_path / "g3", "--map-label", "PER")
    assert done.returncode == 2 and "OLD=NEW" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------- eval


@pytest.fixture()
def two_docs(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Gold for the Xuhui article (spans only, as a tool exports them) and a short document."""
    texts = {XUHUI: read_document(ROOT / "corpus" / f"{XUHUI}.txt").text, "short": TEXT}
    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir()
    gold.mkdir()
    for doc, text in texts.items():
        (docs / f"{doc}.txt").write_text(text, encoding="utf-8")
        spans = [{"start": m.start, "end": m.end, "text": m.text, "label": m.label}
                 for m in xhextract.extract(text)]
        (gold / f"{doc}.json").write_text(json.dumps(
            {"doc": doc, "text_sha256": text_sha256(text), "mentions": spans}, ensure_ascii=False),
            encoding="utf-8")
    return gold, docs, texts


def _predict(path: Path, texts: dict[str, str]) -> Path:
    rows = [{"doc": d, **m.to_dict()} for d, t in texts.items() for m in xhextract.extract(t)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_eval_skips_value_checks_for_gold_without_values(two_docs, tmp_path: Path) -> None:
    gold, docs, texts = two_docs
    pred = _predict(tmp_path / "records.jsonl", texts)
    out = tmp_path / "eval"
    done = cli("eval", "--gold", gold, "--pred", pred, "--docs", docs, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "normalisation accuracy 0.0000" not in done.stdout
    assert "normalisation accuracy n/a" in done.stdout
    scores = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    assert scores["micro"]["strict"]["f1"] == 1.0 and scores["n_errors"] == 0
    norm = scores["normalisation"]
    assert norm["n"] == 0 and norm["accuracy"] is None and norm["unchecked"] > 10


def test_eval_warns_about_gold_documents_without_predictions(two_docs, tmp_path: Path) -> None:
    gold, docs, texts = two_docs
    pred = _predict(tmp_path / "records.jsonl", {"short": texts["short"]})
    done = cli("eval", "--gold", gold, "--pred", pred, "--docs", docs, "--out", tmp_path / "eval")
    assert done.returncode == 0, done.stderr
    assert f"warning: gold document {XUHUI} has no predictions" in done.stderr
    assert "short has no predictions" not in done.stderr


def test_eval_scores_a_subset(two_docs, tmp_path: Path) -> None:
    gold, docs, texts = two_docs
    pred = _predict(tmp_path / "records.jsonl", {"short": texts["short"]})
    for args in (["--only-predicted"], ["--doc", "short"]):
        out = tmp_path / args[0].strip("-")
        done = cli("eval", "--gold", gold, "--pred", pred, "--docs", docs, "--out", out, *args)
        assert done.returncode == 0, done.stderr
        scores = json.loads((out / "scores.json").read_text(encoding="utf-8"))
        assert [d["doc"] for d in scores["documents"]] == ["short"]
        assert scores["micro"]["strict"]["recall"] == 1.0
        assert "1 documents" in done.stdout and "has no predictions" not in done.stderr
    done = cli("eval", "--gold", gold, "--pred", pred, "--out", tmp_path / "x", "--doc", "nope")
    assert done.returncode == 1 and "nope" in one_error_line(done, "eval")

"""What a process pays for: extract() and the batch worker never import spaCy, pandas, pyarrow
or jieba's Python segmenter; the spaCy pipeline imports spaCy when it is asked for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("spacy", "thinc", "pandas", "pyarrow", "jieba")

PROBE = """
import json, sys
from pathlib import Path
import xhextract
from xhextract.batch import Task, _init_worker, process_encoded, process_task
after_import = sorted(m for m in {heavy!r} if m in sys.modules)
mentions = xhextract.extract("上海市2021年投资5.2亿元，张江科学城新增企业63家。")
_init_worker(True)
result = process_task(Task("doc", {path!r}))
encoded = process_encoded(Task("doc", {path!r}))
print(json.dumps({{
    "after_import": after_import,
    "after_work": sorted(m for m in {heavy!r} if m in sys.modules),
    "mentions": [m.text for m in mentions],
    "records": len(result.records), "error": result.error, "encoded": encoded.n_records,
}}))
"""


def _probe(tmp_path: Path, code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         timeout=300)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_extract_and_batch_worker_import_no_heavy_library(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("2024年全市完成固定资产投资3000多亿元，同比增长5.2%。", encoding="utf-8")
    seen = _probe(tmp_path, PROBE.format(heavy=HEAVY, path=str(doc)))
    assert seen["after_import"] == [] and seen["after_work"] == []
    assert "5.2亿元" in seen["mentions"] and "上海市" in seen["mentions"]
    assert seen["error"] is None and seen["records"] >= 3 and seen["encoded"] == seen["records"]


def test_the_spacy_pipeline_does_import_spacy(tmp_path: Path) -> None:
    code = (
        "import json, sys, xhextract\n"
        "nlp = xhextract.load(use_model=False)\n"
        "doc = nlp('2021年增长5%。')\n"
        "print(json.dumps({'spacy': 'spacy' in sys.modules, 'jieba': 'jieba' in sys.modules,"
        " 'tokens': [t.text for t in doc]}))\n"
    )
    seen = _probe(tmp_path, code)
    assert seen["spacy"] and not seen["jieba"]
    assert seen["tokens"] == ["2021", "年", "增长", "5%", "。"]

"""The README tells the truth: generated sections match the outputs, its Python example runs."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import xhextract

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def _update_readme():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_sections_match_committed_outputs() -> None:
    assert _update_readme().render(README, ROOT / "outputs") == README, (
        "README is stale: run `.venv/bin/python scripts/update_readme.py` after `make run`"
    )


def test_python_example_prints_what_extract_returns() -> None:
    block = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    assert "xhextract.extract(" in block
    text = re.search(r'xhextract\.extract\("([^"]+)"\)', block).group(1)
    shown = [line[2:] for line in block.splitlines() if line.startswith("# {")]
    actual = [str(m.to_dict()) for m in xhextract.extract(text)]
    assert shown == actual


def test_readme_names_the_two_commands() -> None:
    assert "make run" in README and "make test" in README


def test_excerpt_lines_are_real_records() -> None:
    block = re.search(r"readme:excerpt:start -->.*?```json\n(.*?)```", README, re.S).group(1)
    lines = [json.loads(line) for line in block.splitlines()]
    assert lines and all(r["doc"] == "xuhui_innovation_2021" for r in lines)


def test_facts_table_rows_are_real_rows() -> None:
    module = _update_readme()
    block = re.search(r"readme:facts:start -->(.*?)<!-- readme:facts:end", README, re.S).group(1)
    rows = [line for line in block.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == module.FACTS_ROWS
    text = (ROOT / "corpus" / f"{module.FACTS_DOC}.txt").read_text("utf-8")
    for line, row in zip(rows, module.facts_rows(ROOT / "outputs"), strict=True):
        assert line.split(" | ")[0] == "| " + row["text"]
        assert text[int(row["start"]) : int(row["end"])] == row["text"]


def test_facts_example_names_a_real_function() -> None:
    block = re.search(r"## Facts.*?```\n(.*?)```", README, re.S).group(1)
    assert "xhextract.facts(" in block and callable(xhextract.facts)

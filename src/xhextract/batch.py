"""Many files: read, extract and write records, one document at a time, on one or more cores.

A run streams: documents are listed (paths only), then read, decoded, extracted and written
one at a time, so memory holds a bounded number of documents (WINDOW per worker in flight),
whatever the corpus size. Results come back in input order whatever the engine (in-process,
worker processes, Dask), so `--jobs N` and `--engine dask` write byte-identical records to
`--jobs 1`. Where a document is extracted, it is also encoded (`encode`: the bytes of every
output it adds), so the writing process only appends bytes.

Outputs go to dot-named `.part` files in the output folder and are renamed into place
only when the run completes, so no reader ever sees a half-written `records.*`. Each
finished document is also appended (with its records) to the journal `.progress.jsonl`,
flushed per document; `resume=True` replays the journal into fresh part files and goes on
with the documents it does not hold, so an interrupted run is neither redone nor duplicated.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .docdate import date_from_name
from .facts_table import FactsWriter, fact_csv
from .io import DocumentError, decode, doc_id, iter_inputs, read_bytes
from .records import TableWriter, record_csv, sentences_of, to_records
from .schema import LABELS

OUTPUT_FILES = (
    "records.jsonl", "records.csv", "records.parquet", "facts.csv", "facts.parquet", "errors.jsonl",
)
RUN_FILE = "run.json"
TIMINGS_FILE = "timings.json"  # seconds change every run: kept apart from run.json
JOURNAL = ".progress.jsonl"
JOURNAL_FORMAT = 2  # 2: documents carry their facts rows
ENGINES = ("local", "dask")


class BatchUsageError(Exception):
    """A run that cannot start (bad resume, engine missing, output folder busy): exit status 2."""


@dataclass(frozen=True)
class Task:
    """One document to process: its id, its path, and the extraction settings."""

    doc: str
    path: str
    doc_date: date | None = None
    use_model: bool = True


@dataclass
class DocResult:
    """What one document gave: its records, or the one-line reason it failed."""

    doc: str
    path: str
    encoding: str | None = None
    chars: int = 0
    records: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    doc_date: str | None = None  # the date relative dates resolved against (ISO), if any
    sentences: list[str] = field(default_factory=list)  # each record's sentence, for the tables
    facts: list[dict[str, Any]] = field(default_factory=list)  # facts_table.fact_rows

    def to_json(self) -> dict[str, Any]:
        """The journal line of this document (records included)."""
        if self.error is not None:
            return {"doc": self.doc, "path": self.path, "error": self.error}
        return {
            "doc": self.doc, "path": self.path, "encoding": self.encoding, "chars": self.chars,
            "doc_date": self.doc_date, "seconds": round(self.seconds, 3),
            "sentences": self.sentences, "facts": self.facts, "records": self.records,
        }

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> DocResult:
        """Read a journal line back."""
        return cls(
            doc=row["doc"], path=row["path"], encoding=row.get("encoding"),
            chars=int(row.get("chars", 0)), records=list(row.get("records", [])),
            error=row.get("error"), seconds=float(row.get("seconds", 0.0)),
            doc_date=row.get("doc_date"), sentences=list(row.get("sentences", [])),
            facts=list(row.get("facts", [])),
        )


@dataclass
class BatchResult:
    """Counts of a run (including documents replayed from the journal of an earlier one)."""

    documents: int = 0
    processed: int = 0
    records: int = 0
    characters: int = 0
    resumed: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    errors: list[dict[str, str]] = field(default_factory=list)
    labels: Counter[str] = field(default_factory=Counter)
    encodings: Counter[str] = field(default_factory=Counter)


@dataclass
class Encoded:
    """A document's share of every output file, as text ready to append (see `encode`).

    Made where the document was processed, so a worker sends back a few UTF-8 byte strings
    instead of thousands of small objects, and the writing process only appends them.
    """

    doc: str
    path: str
    error: str | None = None
    records_jsonl: bytes = b""  # records.jsonl lines (each ends in a newline)
    records_csv: bytes = b""  # records.csv lines, no header
    facts_csv: bytes = b""  # facts.csv lines, no header
    journal: bytes = b""  # the journal line
    document: bytes = b""  # the documents.jsonl line (run.json's per_document entry)
    n_records: int = 0
    n_facts: int = 0
    chars: int = 0
    encoding: str | None = None
    seconds: float = 0.0
    labels: dict[str, int] = field(default_factory=dict)


def _line(row: Any) -> bytes:
    return (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")


def encode(r: DocResult) -> Encoded:
    """`r` as the text each output file gets from it (records, tables, journal, run.json)."""
    row = r.to_json()
    if r.error is not None:
        line = _line(row)
        return Encoded(r.doc, r.path, error=r.error, journal=line, document=line)
    lines = [json.dumps(rec, ensure_ascii=False) for rec in row.pop("records")]
    head = json.dumps(row, ensure_ascii=False)  # the journal line, its records spliced in
    sentences = r.sentences if len(r.sentences) == len(r.records) else None
    return Encoded(
        r.doc, r.path,
        records_jsonl="".join(line + "\n" for line in lines).encode("utf-8"),
        records_csv=record_csv(r.records, sentences).encode("utf-8"),
        facts_csv=fact_csv(r.facts).encode("utf-8"),
        journal=(head[:-1] + ', "records": [' + ", ".join(lines) + "]}\n").encode("utf-8"),
        document=_line({
            "doc": r.doc, "path": r.path, "encoding": r.encoding, "characters": r.chars,
            "doc_date": r.doc_date, "records": len(r.records),
        }),
        n_records=len(r.records), n_facts=len(r.facts), chars=r.chars, encoding=r.encoding,
        seconds=r.seconds, labels=dict(Counter(rec["label"] for rec in r.records)),
    )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


# --- the work on one document (runs in a worker) ---------------------------------------------


def process_task(task: Task, data: bytes | None = None) -> DocResult:
    """Read (unless `data` is given), decode and extract one document; never raises.

    Any failure becomes the document's error, so one bad file never takes a batch down.
    """
    from .core import extract
    from .facts_table import fact_rows

    t0 = time.perf_counter()
    try:
        if data is None:
            data = read_bytes(Path(task.path))
        text, encoding = decode(data)
        del data
        mentions = extract(text, doc_date=task.doc_date, use_model=task.use_model)
        records = to_records(task.doc, mentions)
        return DocResult(
            task.doc, task.path, encoding, len(text), records, seconds=time.perf_counter() - t0,
            doc_date=None if task.doc_date is None else task.doc_date.isoformat(),
            sentences=sentences_of(text, records),
            facts=fact_rows(task.doc, text, mentions),
        )
    except DocumentError as exc:
        return DocResult(task.doc, task.path, error=_one_line(exc))
    except Exception as exc:  # a bug or MemoryError on one document: report it, go on
        return DocResult(
            task.doc, task.path, error=f"internal error: {type(exc).__name__}: {_one_line(exc)}"
        )


def process_encoded(task: Task, data: bytes | None = None) -> Encoded:
    """`process_task` and `encode` in one call: what a worker process runs per document."""
    return encode(process_task(task, data))


def _init_worker(use_model: bool) -> None:
    """Worker start: Ctrl-C is the parent's business; load the pipeline once per process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .core import extract

    extract("2021年增长5%。", use_model=use_model)


# --- engines: each yields DocResults in the order of its items -------------------------------

Item = Task | DocResult  # a DocResult item is already decided (e.g. a duplicate id)


def _serial(items: Iterable[Item]) -> Iterator[DocResult]:
    for item in items:
        yield item if isinstance(item, DocResult) else process_task(item)


def _mp_context() -> mp.context.BaseContext:
    """forkserver, its server loaded with the pipeline (`preload`), else spawn.

    Workers fork from a server that has loaded the pipeline once, so they start at once and
    share its read-only tables; the server is a separate process, started clean, so it forks
    no thread of this one.
    """
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload([f"{__package__}.preload"])
        return ctx
    return mp.get_context("spawn")


def _terminate(executor: ProcessPoolExecutor) -> None:
    processes = list((getattr(executor, "_processes", None) or {}).values())  # None once shut down
    executor.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        with contextlib.suppress(Exception):
            p.terminate()


WINDOW = 16  # documents in flight per worker: submitted, not yet written


def _new_pool(jobs: int, use_model: bool) -> ProcessPoolExecutor:
    """A pool of `jobs` workers that start loading the pipeline now, not at the first document,
    so they load while the caller opens its outputs."""
    pool = ProcessPoolExecutor(jobs, mp_context=_mp_context(), initializer=_init_worker,
                               initargs=(use_model,))
    for _ in range(jobs):
        pool.submit(int)  # workers are spawned on demand: these spawn them all
    return pool


def _process_pool(
    items: Iterable[Item], jobs: int, use_model: bool,
    fn: Callable[[Task], DocResult | Encoded] = process_task,
    pool: ProcessPoolExecutor | None = None,
) -> Iterator[DocResult | Encoded]:
    """N worker processes (`pool` if given), results in input order.

    Up to WINDOW x N documents are in flight, so a long document at the head of the line
    does not leave the other workers idle while its result is awaited.

    A worker that dies (killed, out of memory) breaks the pool: the documents in flight are
    then run again one at a time in a new pool, so the one that kills its worker is found
    and reported as failed, and the others complete.
    """
    window = WINDOW * jobs
    source = iter(items)
    retry: deque[Item] = deque()
    pending: deque[tuple[Item, Future[DocResult | Encoded] | None]] = deque()
    careful = 0  # documents left to run alone after a worker died
    restarts = 0  # pools replaced in a row with no document in flight
    executor = pool or _new_pool(jobs, use_model)
    try:
        while True:
            limit = 1 if careful else window
            while len(pending) < limit:
                item = retry.popleft() if retry else next(source, None)
                if item is None:
                    break
                fut = None
                if isinstance(item, Task):
                    try:
                        fut = executor.submit(fn, item)
                    except BrokenProcessPool:  # a worker died since the last result came
                        retry.appendleft(item)
                        if pending:
                            break  # the head's result raises too, and all of them are retried
                        _terminate(executor)  # nothing was in flight: a new pool goes on
                        executor = _new_pool(jobs, use_model)
                        restarts += 1
                        if restarts > 3:
                            raise RuntimeError("worker processes keep dying before any document") from None
                        continue
                pending.append((item, fut))
            if not pending:
                return
            item, fut = pending.popleft()
            if fut is None:
                assert isinstance(item, DocResult)
                result: DocResult | Encoded = item
            else:
                assert isinstance(item, Task)
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    _terminate(executor)
                    executor = _new_pool(jobs, use_model)
                    if not careful:
                        retry.extendleft(reversed([item, *(i for i, _ in pending)]))
                        pending.clear()
                        careful = len(retry)
                        continue
                    result = DocResult(
                        item.doc, item.path, error="worker process died while processing it"
                    )
            if careful:
                careful -= 1
            restarts = 0
            yield result
    finally:
        _terminate(executor)


def _dask(
    items: Iterable[Item], scheduler: str | None, jobs: int, use_model: bool
) -> Iterator[DocResult | Encoded]:
    """The same work on a Dask cluster; the client reads the files and ships their bytes,
    so workers need xhextract installed but no access to the input files."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BatchUsageError(
            "--engine dask needs dask and distributed: pip install 'xhextract[dask]'"
        ) from None
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster, set_as_default=False)
        else:
            client = Client(scheduler, set_as_default=False, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise BatchUsageError(f"cannot reach the Dask scheduler {scheduler}: {_one_line(exc)}") from None
    try:
        threads = sum(client.nthreads().values()) or jobs
        window = max(4, 4 * threads)
        pending: deque[tuple[Item, Any]] = deque()
        source = iter(items)
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                item = next(source, None)
                if item is None:
                    exhausted = True
                    break
                if isinstance(item, DocResult):
                    pending.append((item, None))
                    continue
                try:
                    data = read_bytes(Path(item.path))
                except DocumentError as exc:
                    pending.append((DocResult(item.doc, item.path, error=_one_line(exc)), None))
                    continue
                if len(data) > 1_000_000:
                    data = client.scatter(data, direct=False)
                fut = client.submit(process_encoded, item, data, pure=False)
                pending.append((item, fut))
            if not pending:
                return
            item, fut = pending.popleft()
            if fut is None:
                assert isinstance(item, DocResult)
                yield item
                continue
            assert isinstance(item, Task)
            try:
                yield fut.result()
            except Exception as exc:  # a worker lost the task (KilledWorker, connection)
                yield DocResult(item.doc, item.path, error=f"dask: {type(exc).__name__}: {_one_line(exc)}")
            finally:
                fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- outputs, journal -----------------------------------------------------------------------


def _part(out: Path, name: str) -> Path:
    return out / f".{name}.part"


class _Outputs:
    """The part files of a run, appended to document by document, renamed at the end."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.records = open(_part(out, "records.jsonl"), "wb")
        self.errors = open(_part(out, "errors.jsonl"), "wb")
        self.docs = open(_part(out, "documents.jsonl"), "wb")
        self.timings: dict[str, float] = {}
        self.table = TableWriter(_part(out, "records.csv"), _part(out, "records.parquet"))
        self.facts = FactsWriter(_part(out, "facts.csv"), _part(out, "facts.parquet"))

    def add(self, e: Encoded, stats: BatchResult) -> None:
        """Append one document's records or its error, and count it."""
        stats.documents += 1
        self.docs.write(e.document)
        if e.error is not None:
            self.errors.write(e.document)
            stats.errors.append({"doc": e.doc, "path": e.path, "error": e.error})
            return
        self.records.write(e.records_jsonl)
        self.table.write_csv(e.records_csv, e.n_records)
        self.facts.write_csv(e.facts_csv, e.n_facts)
        self.timings[e.doc] = round(e.seconds, 3)
        stats.processed += 1
        stats.records += e.n_records
        stats.characters += e.chars
        stats.labels.update(e.labels)
        stats.encodings[e.encoding or "?"] += 1

    def _close(self) -> None:
        for fh in (self.records, self.errors, self.docs):
            fh.close()
        self.table.close()
        self.facts.close()

    def abort(self) -> None:
        """Close and remove the part files (the journal keeps what was done)."""
        with contextlib.suppress(Exception):
            self._close()
        for name in (*OUTPUT_FILES, "documents.jsonl", RUN_FILE, TIMINGS_FILE):
            with contextlib.suppress(FileNotFoundError):
                _part(self.out, name).unlink()

    def commit(self, head: dict[str, Any], timings: dict[str, Any]) -> None:
        """Close, sync and rename the outputs into place; run.json (with per-document lines) last.

        run.json holds only what the inputs and options determine, so an unchanged run
        rewrites it byte for byte; the seconds go to timings.json.
        """
        self._close()
        with open(_part(self.out, TIMINGS_FILE), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(json.dumps({**timings, "per_document": self.timings}, ensure_ascii=False, indent=2) + "\n")
        run_part = _part(self.out, RUN_FILE)
        text = json.dumps(head, ensure_ascii=False, indent=2)
        with open(run_part, "w", encoding="utf-8", newline="\n") as fh, open(
            _part(self.out, "documents.jsonl"), encoding="utf-8"
        ) as docs:
            fh.write(text[:-2] + ',\n  "per_document": [')
            sep = "\n    "
            for line in docs:
                fh.write(sep + line.rstrip("\n"))
                sep = ",\n    "
            fh.write("\n  ]\n}\n")
        for name in (*OUTPUT_FILES, TIMINGS_FILE, RUN_FILE):
            part = _part(self.out, name)
            with open(part, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(part, self.out / name)
        _part(self.out, "documents.jsonl").unlink()
        with contextlib.suppress(OSError):
            dir_fd = os.open(self.out, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _journal_key(doc: str, path: str) -> tuple[str, str]:
    return doc, os.path.abspath(path)


def _journal_header(options: dict[str, Any]) -> str:
    return json.dumps({"header": {"format": JOURNAL_FORMAT, "options": options}}, ensure_ascii=False) + "\n"


def _read_journal(path: Path, options: dict[str, Any]) -> Iterator[DocResult]:
    """The documents an interrupted run finished; a torn last line is cut off the file."""
    good = 0
    with open(path, "rb") as fh:
        first = fh.readline()
        if not first.endswith(b"\n"):  # killed while writing the header: nothing was done
            path.write_text(_journal_header(options), encoding="utf-8")
            return
        try:
            header = json.loads(first)["header"]
        except (ValueError, KeyError, TypeError):
            raise BatchUsageError(f"--resume: {path} is not a journal of xhextract run") from None
        if header.get("format") != JOURNAL_FORMAT or header.get("options") != options:
            raise BatchUsageError(
                f"--resume: {path} is from a run with other inputs or options; "
                "run without --resume to start afresh"
            )
        good = fh.tell()
        for line in fh:
            if not line.endswith(b"\n"):
                break
            try:
                row = json.loads(line)
            except ValueError:
                break
            good += len(line)
            yield DocResult.from_json(row)
    if good < path.stat().st_size:
        os.truncate(path, good)


def _lock(out: Path) -> int:
    """Lock the output folder itself (no lock file is left behind) against a second run."""
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise BatchUsageError(f"another xhextract run is writing {out}") from None
    return fd


def model_info(use_model: bool) -> dict[str, Any]:
    """The NER model a run uses: whether its file is there, and its format and file digest.

    Read without importing `ner_model` (numpy, tables), which the writing process of a
    `--jobs N` run never needs; a script that pointed `ner_model.MODEL_FILE` elsewhere is
    followed.
    """
    import hashlib

    from . import model_file

    module = sys.modules.get(f"{__package__}.ner_model")
    path = Path(getattr(module, "MODEL_FILE", model_file.MODEL_FILE))
    info: dict[str, Any] = {"use_model": use_model, "available": path.is_file(), "version": None}
    if info["available"]:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        info["version"] = f"format {model_file.FORMAT_VERSION}, sha256 {digest}"
    return info


# --- the run --------------------------------------------------------------------------------


def run_batch(
    paths: Iterable[Path],
    out: Path,
    *,
    doc_date: date | None = None,
    use_model: bool = True,
    jobs: int = 1,
    resume: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
    report: Callable[[str], None] | None = None,
) -> BatchResult:
    """Extract every input document into OUT: records.jsonl/.csv/.parquet, errors.jsonl, run.json.

    `report` receives a one-line message for each failed document as it happens (default:
    stderr). On KeyboardInterrupt the part files are removed, the journal is kept, and the
    result says `interrupted`; `resume=True` then continues the run.
    """
    if engine not in ENGINES:
        raise BatchUsageError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if jobs < 1:
        raise BatchUsageError("--jobs must be at least 1")
    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    say = report or (lambda line: print(line, file=sys.stderr))
    paths = [Path(p) for p in paths]
    options = {  # the journal's: absolute paths, so a resume from elsewhere finds them
        "inputs": [os.path.abspath(p) for p in paths],
        "doc_date": None if doc_date is None else doc_date.isoformat(),
        "use_model": use_model,
    }
    lock_fd = _lock(out)
    try:
        return _run_locked(
            paths, out, options, t0, doc_date=doc_date, use_model=use_model, jobs=jobs,
            resume=resume, engine=engine, scheduler=scheduler, progress=progress, say=say,
        )
    finally:
        os.close(lock_fd)


def _relative(path: str) -> str:
    """`path` relative to the working directory ('/' separators), absolute on another drive."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path


def _terminal_size() -> tuple[int, int]:
    """(columns, rows) of the terminal on stderr; 80 x 24 where it reports 0, as a new pty
    does (tqdm draws nothing on a terminal of 0 rows)."""
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except OSError:
        return 80, 24
    return size.columns or 80, size.lines or 24


def _run_locked(
    paths: list[Path], out: Path, options: dict[str, Any], t0: float, *, doc_date: date | None,
    use_model: bool, jobs: int, resume: bool, engine: str, scheduler: str | None,
    progress: bool, say: Callable[[str], None],
) -> BatchResult:
    from tqdm import tqdm

    inputs = [(str(p), doc_id(p, root)) for p, root in iter_inputs(paths)]
    journal_path = out / JOURNAL
    stats = BatchResult()
    # the workers load the pipeline while this process opens its outputs and reads the journal
    pool = _new_pool(jobs, use_model) if engine == "local" and jobs > 1 and inputs else None
    try:
        outputs = _Outputs(out)
    except BaseException:
        if pool is not None:
            _terminate(pool)
        raise
    done: set[tuple[str, str]] = set()
    journal = None
    try:
        if resume and journal_path.exists():
            for r in _read_journal(journal_path, options):
                outputs.add(encode(r), stats)
                done.add(_journal_key(r.doc, r.path))
            stats.resumed = stats.documents
            journal = open(journal_path, "ab")
        else:
            journal = open(journal_path, "wb")
            journal.write(_journal_header(options).encode("utf-8"))
            journal.flush()
    except BaseException:
        outputs.abort()
        if journal is not None:
            journal.close()
        if pool is not None:
            _terminate(pool)
        raise

    def items() -> Iterator[Item]:
        seen: dict[str, str] = {}
        for path, doc in inputs:
            first = seen.setdefault(doc, path)
            if _journal_key(doc, path) in done:
                continue
            if first != path:
                yield DocResult(doc, path, error=f"duplicate document id {doc!r} (also {first})")
            else:
                day = doc_date if doc_date is not None else date_from_name(Path(path).name)
                yield Task(doc, path, day, use_model)

    if engine == "dask":
        results = _dask(items(), scheduler, jobs, use_model)
    elif jobs > 1:
        results = _process_pool(items(), jobs, use_model, fn=process_encoded, pool=pool)
    else:
        results = _serial(items())

    cols, rows = _terminal_size() if progress else (None, None)
    bar = tqdm(
        total=len(inputs), initial=stats.documents, unit="doc", file=sys.stderr,
        disable=not progress, ncols=cols, nrows=rows, smoothing=0.1,
        bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} docs [{elapsed}<{remaining}{postfix}]",
    )
    emit = (lambda line: tqdm.write(line, file=sys.stderr)) if progress else say
    chars_now = 0
    try:
        for r in results:
            e = r if isinstance(r, Encoded) else encode(r)
            outputs.add(e, stats)
            journal.write(e.journal)
            journal.flush()
            if e.error is not None:
                emit(f"xhextract: {e.path}: {e.error}")
            chars_now += e.chars
            rate = chars_now / max(time.perf_counter() - t0, 1e-9)
            bar.set_postfix_str(f"{rate / 1000:,.0f}K chars/s", refresh=False)
            bar.update(1)
    except KeyboardInterrupt:
        stats.interrupted = True
    except BaseException:
        bar.close()
        journal.close()
        outputs.abort()
        raise
    finally:
        with contextlib.suppress(Exception):
            results.close()  # type: ignore[attr-defined]
    bar.close()
    journal.close()
    stats.seconds = time.perf_counter() - t0
    if stats.interrupted:
        outputs.abort()
        return stats
    from . import __version__

    head = {
        "xhextract_version": __version__,
        "model": model_info(use_model),
        "engine": engine,
        "jobs": jobs,
        "scheduler": scheduler,
        # relative to where the command ran, so a committed run.json names no home folder
        "options": {**options, "inputs": [_relative(p) for p in options["inputs"]]},
        "documents": stats.documents,
        "processed": stats.processed,
        "failed": len(stats.errors),
        "resumed": stats.resumed,
        "characters": stats.characters,
        "records": stats.records,
        "records_per_label": {lab: stats.labels[lab] for lab in LABELS if stats.labels[lab]},
        "encodings": dict(sorted(stats.encodings.items())),
    }
    timings = {
        "seconds": round(stats.seconds, 3),
        "characters_per_second": round(stats.characters / max(stats.seconds, 1e-9)),
    }
    outputs.commit(head, timings)
    journal_path.unlink()
    return stats

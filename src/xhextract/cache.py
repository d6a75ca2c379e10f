"""A per-user disk cache of the tables that loading the pipeline would otherwise rebuild.

Every process that extracts builds the same tables from the same files: jieba's dictionary
(350,000 words, parsed from text) and the entity model's hash tables. Built once, they are
kept under `$XHEXTRACT_CACHE_DIR`, else `$XDG_CACHE_HOME/xhextract`, else
`~/.cache/xhextract`; `XHEXTRACT_CACHE_DIR=off` (or empty) turns the cache off.

An entry's name carries a fingerprint of everything it was built from (the source files'
bytes or size and time, the code that builds it, the xhextract version), so a changed input
or a new version never reads an old entry. Entries are written to a temporary name and
renamed into place, so a reader sees a whole entry or none; a missing, unreadable or
unwritable cache only means the tables are built, as without it. Arrays are memory-mapped
read-only: processes that load the same entry share its pages.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import secrets
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

CACHE_ENV = "XHEXTRACT_CACHE_DIR"
FORMAT = 1  # the layout of entries; bump to make every old entry unreadable
KEEP = 3  # entries kept per name (the most recently used): older versions are pruned
T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in ("", "0", "off", "none") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "xhextract"


def fingerprint(*parts: object) -> str:
    """A short hex digest of `parts` (their repr), this cache's format, xhextract's version and
    the Python and numpy versions (marshal's and npy's formats are theirs)."""
    from . import __version__

    stamp = (FORMAT, __version__, sys.version_info[:2], np.__version__, parts)
    digest = hashlib.sha256(repr(stamp).encode("utf-8"))
    return digest.hexdigest()[:24]


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes (for inputs that are small enough to hash at each load)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def file_stamp(path: Path) -> tuple[str, int, int]:
    """A file's resolved path, size and modification time (for inputs too large to hash)."""
    path = Path(path).resolve()
    st = path.stat()
    return str(path), st.st_size, st.st_mtime_ns


def _entry(name: str, key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{name}-{key}"


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def _publish(tmp: Path, final: Path) -> None:
    """Rename a finished entry into place (another process may have won: fine) and prune."""
    try:
        os.replace(tmp, final)
    except OSError:  # a directory entry written meanwhile by another process
        _remove(tmp)
        return
    name = final.name.rsplit("-", 1)[0]
    siblings = sorted(final.parent.glob(f"{name}-*"), key=_last_used, reverse=True)
    for old in siblings[KEEP:]:
        _remove(old)


def _last_used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _cached(name: str, key: str, build: Callable[[], T], read: Callable[[Path], T],
            write: Callable[[Path, T], None]) -> T:
    """The entry `name`-`key` read back if it is there (a damaged one is removed), else
    `build()`'s result, written under a temporary name beside it and renamed into place."""
    final = _entry(name, key)
    if final is not None and final.exists():
        try:
            value = read(final)
            with contextlib.suppress(OSError):
                os.utime(final)  # most recently used: kept by pruning
            return value
        except (OSError, ValueError, EOFError, TypeError):
            _remove(final)
    built = build()
    if final is not None:
        with contextlib.suppress(OSError, ValueError):
            final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = final.with_name(f".{final.name}.{os.getpid()}.{secrets.token_hex(4)}")
            try:
                write(tmp, built)
            except BaseException:
                _remove(tmp)
                raise
            _publish(tmp, final)
    return built


def _read_arrays(folder: Path) -> dict[str, np.ndarray]:
    found = {p.stem: np.load(p, mmap_mode="r", allow_pickle=False) for p in sorted(folder.glob("*.npy"))}
    if not found:
        raise ValueError(f"{folder}: no arrays")
    return found


def _write_arrays(folder: Path, arrays: dict[str, np.ndarray]) -> None:
    folder.mkdir(mode=0o700)
    for stem, value in arrays.items():
        np.save(folder / f"{stem}.npy", np.asarray(value), allow_pickle=False)


def arrays(name: str, key: str, build: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The arrays `build()` returns, read (memory-mapped, read-only) from the cache when an
    entry `name` with this `key` is there, else built and stored."""
    return _cached(name, key, build, _read_arrays, _write_arrays)


def plain(name: str, key: str, build: Callable[[], Any]) -> Any:
    """`build()`'s result (dicts, lists, strings, numbers: what `marshal` can hold), read from
    the cache when an entry `name` with this `key` is there, else built and stored."""
    return _cached(name, key, build, lambda path: marshal.loads(path.read_bytes()),
                   lambda path, value: path.write_bytes(marshal.dumps(value)))

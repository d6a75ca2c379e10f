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
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

CACHE_ENV = "XHEXTRACT_CACHE_DIR"
FORMAT = 1  # the layout of entries; bump to make every old entry unreadable
KEEP = 3  # entries kept per name (the most recently used): older versions are pruned


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


def _publish(tmp: Path, final: Path) -> None:
    """Rename a finished entry into place (another process may have won: fine) and prune."""
    try:
        os.replace(tmp, final)
    except OSError:  # a directory entry written meanwhile by another process
        shutil.rmtree(tmp, ignore_errors=True)
        return
    name = final.name.rsplit("-", 1)[0]
    siblings = sorted(final.parent.glob(f"{name}-*"), key=_last_used, reverse=True)
    for old in siblings[KEEP:]:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                old.unlink()


def _last_used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)


def _tmp_dir(final: Path) -> Path:
    final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))


def arrays(name: str, key: str, build: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The arrays `build()` returns, read (memory-mapped, read-only) from the cache when an
    entry `name` with this `key` is there, else built and stored."""
    final = _entry(name, key)
    if final is not None and final.is_dir():
        try:
            found = {p.stem: np.load(p, mmap_mode="r", allow_pickle=False)
                     for p in sorted(final.glob("*.npy"))}
            if found:
                _touch(final)
                return found
        except (OSError, ValueError):  # damaged: built again below, and replaced
            shutil.rmtree(final, ignore_errors=True)
    built = build()
    if final is not None:
        with contextlib.suppress(OSError):
            tmp = _tmp_dir(final)
            try:
                for stem, value in built.items():
                    np.save(tmp / f"{stem}.npy", np.asarray(value), allow_pickle=False)
            except Exception:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            _publish(tmp, final)
    return built


def plain(name: str, key: str, build: Callable[[], Any]) -> Any:
    """`build()`'s result (dicts, lists, strings, numbers: what `marshal` can hold), read from
    the cache when an entry `name` with this `key` is there, else built and stored."""
    final = _entry(name, key)
    if final is not None and final.is_file():
        try:
            value = marshal.loads(final.read_bytes())
            _touch(final)
            return value
        except (OSError, ValueError, EOFError, TypeError):
            with contextlib.suppress(OSError):
                final.unlink()
    built = build()
    if final is not None:
        with contextlib.suppress(OSError, ValueError):
            data = marshal.dumps(built)
            final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", dir=final.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
            except Exception:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            _publish(Path(tmp), final)
    return built

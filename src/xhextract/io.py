"""Reading documents (BOM, encodings, doc ids) and writing records."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class DocumentError(Exception):
    """A document that cannot be read; the message is one line naming the reason."""


@dataclass(frozen=True)
class Document:
    """A decoded text, its id (path relative to the input root, no .txt) and its encoding."""

    doc: str
    path: Path
    text: str
    encoding: str


def text_sha256(text: str) -> str:
    """The sha256 of the UTF-8 bytes of a document (after BOM removal), as gold files carry it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to (text, encoding): UTF-8 (BOM removed); nothing else is changed."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        label = "utf-8-sig"
    else:
        label = "utf-8"
    try:
        return data.decode("utf-8"), label
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not valid UTF-8 at byte {exc.start}") from None


def read_document(path: Path, root: Path | None = None) -> Document:
    """Read and decode one file; raises DocumentError with a one-line reason."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DocumentError(exc.strerror or str(exc)) from None
    text, encoding = decode(data)
    return Document(doc_id(path, root), Path(path), text, encoding)


def doc_id(path: Path, root: Path | None) -> str:
    """ANNOTATION.md section 1: the path relative to the input root, '/' separators, no .txt."""
    path = Path(path)
    if root is not None and Path(root).is_dir():
        rel = path.relative_to(root)
    else:
        rel = Path(path.name)
    name = rel.as_posix()
    return name[:-4] if name.endswith(".txt") else name


def iter_inputs(paths: Iterable[Path]) -> Iterator[tuple[Path, Path | None]]:
    """(file, root) for every input: files as given, folders recursively over *.txt, sorted."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*.txt")):
                yield f, p
        else:
            yield p, None


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write one JSON object a line (UTF-8, not ASCII-escaped); returns the count."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]

"""xhextract: figures and named entities, with exact values and offsets, from Chinese text."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .pipeline import extract, load
from .schema import LABELS, Mention

try:
    __version__ = version("xhextract")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"

__all__ = ["LABELS", "Mention", "__version__", "extract", "load"]

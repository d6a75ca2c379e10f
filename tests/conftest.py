"""Test-session settings: a disk cache of its own (xhextract.cache), so that no test reads
tables cached by an earlier run or another checkout, and subprocesses share the session's."""

from __future__ import annotations

import os
import shutil
import tempfile

from xhextract.cache import CACHE_ENV

_CACHE = tempfile.mkdtemp(prefix="xhextract-test-cache-")
os.environ[CACHE_ENV] = _CACHE


def pytest_unconfigure(config: object) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)

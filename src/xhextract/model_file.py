"""Where the packaged NER model lives and which file format this code reads.

Kept apart from `ner_model` (numpy, the segmenter, lookup tables built at import) so that a
process which only reports on the model, such as the writer of a batch run, need not load it.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

MODEL_DIR = Path(str(files("xhextract") / "data" / "ner_model"))
MODEL_FILE = MODEL_DIR / "ner_crf.npz"
FORMAT_VERSION = 2

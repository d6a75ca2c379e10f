"""Train the character CRF of xhextract.ner_model and write it, with its model card, into the package.

Reproducible: the data split is a pure function of the texts (the development split of MSRA
and of People's Daily = the units whose SHA-1 of their text falls in the lowest DEV_FRACTION;
CLUENER's published dev set), crfsuite's SGD shuffles with a fixed seed, and nothing else is
random. Usage:

    .venv/bin/python scripts/train_ner.py [--data ../shared/data/ner] [--spacy-baseline]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xhextract import ner_model, segment  # noqa: E402

# The read-only data: shared/ beside the repository (as on CI), else the workplace's copy.
DATA_DIR = next(
    (d for d in (ROOT.parent / "shared" / "data" / "ner", Path("/work/shared/data/ner")) if d.is_dir()),
    ROOT.parent / "shared" / "data" / "ner",
)
CLUENER_TRAIN = "cluener2020_train.jsonl"
CLUENER_DEV = "cluener2020_dev.jsonl"
# CLUENER (modern Sina news, the product's text) is a tenth of the training text; its units are
# repeated this many times so that modern conventions are not outvoted by 1998 news.
CLUENER_WEIGHT = 1
# The whole MSRA training set and People's Daily 1998-01 (the msra_trainpart* files are subsets
# of msra_train.jsonl and are not read).
MSRA_TRAIN = "msra_train.jsonl"
PD_TRAIN = "peoples_daily_199801.jsonl"
HASHED_SOURCES = {"MSRA dev": MSRA_TRAIN, "PD dev": PD_TRAIN}
DEV_FRACTION = 0.05
CLASSES = ("PER", "ORG", "PLACE")

# Published labels -> model classes (None: not an entity in this project).
LABEL_MAP: dict[str, str | None] = {
    # CLUENER2020
    "name": "PER",
    "organization": "ORG",
    "government": "ORG",
    "company": "ORG",
    "address": "PLACE",
    "scene": "PLACE",
    "position": None,
    "book": None,
    "movie": None,
    "game": None,
    # MSRA (two spellings)
    "NR": "PER",
    "NT": "ORG",
    "NS": "PLACE",
    "PER": "PER",
    "ORG": "ORG",
    "LOC": "PLACE",
}

# crfsuite settings. On the whole data (4.2M characters) one pass takes 20-60 s on a shared
# core, so L-BFGS (150 iterations before issue 10) would take over an hour; stochastic gradient
# descent with L2 (crfsuite `l2sgd`, its default c2) converges in a dozen epochs instead.
ALGORITHM = "l2sgd"
CRF_PARAMS = {
    "c2": 1.0,
    "max_iterations": 12,
    "feature.possible_transitions": True,
    # features seen once are dropped: 4.9M active features at minfreq 1
    "feature.minfreq": 2,
}
# Exported weights: a feature whose weights are all smaller than this is left out (the model
# file stays small; L2 leaves many tiny weights that L1 would have zeroed).
PRUNE = 0.01


@dataclass
class Sentence:
    """One gold sentence: text and (start, end, class) entity spans."""

    id: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    # CLUENER "scene" spans: trained on as PLACE, but ignored when scoring, because the
    # project would call them LOC or FAC and the evaluation's PLACE is GPE+LOC.
    ignore: list[tuple[int, int]] = field(default_factory=list)

    @property
    def gold(self) -> list[tuple[int, int, str]]:
        """The spans scored against (all but the ignored ones)."""
        skip = set(self.ignore)
        return [x for x in self.spans if (x[0], x[1]) not in skip]


def read_sentences(path: Path) -> list[Sentence]:
    """Sentences of one JSONL file with labels mapped to PER/ORG/PLACE, overlaps removed."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec["text"]
            spans, ignore = [], []
            for ent in rec["entities"]:
                cls = LABEL_MAP[ent["label"]]
                s, e = ent["start"], ent["end"]
                if cls is None or not (0 <= s < e <= len(text)):
                    continue
                spans.append((s, e, cls))
                if ent["label"] == "scene":
                    ignore.append((s, e))
            out.append(Sentence(rec["id"], text, _no_overlap(spans), ignore))
    return out


def _no_overlap(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest span first, then leftmost; drop spans overlapping a kept one."""
    kept: list[tuple[int, int, str]] = []
    for s, e, c in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, c))
    return sorted(kept)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def in_dev(text: str, fraction: float = DEV_FRACTION) -> bool:
    """Whether a unit belongs to the development split: the first 8 bytes of the SHA-1 of its
    text, as a fraction of 2**64, fall below `fraction` (the same text always lands the same)."""
    return int(_digest(text)[:16], 16) < fraction * 2**64


@dataclass
class Split:
    """Training sentences and the development sets (never trained on), by name."""

    train: list[Sentence]
    dev: dict[str, list[Sentence]]
    duplicates: int = 0  # units whose text repeats an earlier one (dropped)
    addresses_split: int = 0  # CLUENER training sentences whose addresses were cut into units

    @property
    def cluener_dev(self) -> list[Sentence]:
        return self.dev["CLUENER dev"]

    @property
    def msra_dev(self) -> list[Sentence]:
        return self.dev["MSRA dev"]


def missing_data(data_dir: Path) -> str | None:
    """One line saying which data file is missing and where it is looked for (None if all are there)."""
    for name in (CLUENER_TRAIN, CLUENER_DEV, MSRA_TRAIN, PD_TRAIN):
        if not (data_dir / name).is_file():
            return (f"{data_dir / name}: no such file. The NER data sets (CLUENER2020, MSRA, People's "
                    f"Daily) are read from ../shared/data/ner beside the checkout; give another folder "
                    f"with --data")
    return None


def load_split(data_dir: Path = DATA_DIR, cut_addresses: bool = True,
               sources: Sequence[str] = ("cluener", "msra", "pd"),
               cluener_weight: int = CLUENER_WEIGHT) -> Split:
    """The deterministic split: CLUENER dev whole, and the hashed DEV_FRACTION of MSRA and of
    People's Daily, are held out; the rest of the three sets is the training data.

    Texts are deduplicated across all files (first kept); a training text equal to a
    development text is dropped. `cut_addresses=False` keeps CLUENER's training addresses whole.
    `cluener_weight` repeats CLUENER's (modern news) training units that many times.
    """
    seen: set[str] = set()
    dups = 0
    dev: dict[str, list[Sentence]] = {"CLUENER dev": [], "MSRA dev": [], "PD dev": []}
    train: list[Sentence] = []
    n_split = 0

    def unique(sents: list[Sentence]) -> list[Sentence]:
        nonlocal dups
        out = []
        for sent in sents:
            if sent.text in seen:
                dups += 1
                continue
            seen.add(sent.text)
            out.append(sent)
        return out

    dev["CLUENER dev"] = unique(read_sentences(data_dir / CLUENER_DEV))
    hashed = {name: unique(read_sentences(data_dir / fname)) for name, fname in HASHED_SOURCES.items()}
    cluener_raw = unique(read_sentences(data_dir / CLUENER_TRAIN))
    for name, sents in hashed.items():
        dev[name] = [s for s in sents if in_dev(s.text)]
    if "cluener" in sources:
        cluener = [split_addresses(s) for s in cluener_raw] if cut_addresses else cluener_raw
        n_split = sum(a.spans != b.spans for a, b in zip(cluener_raw, cluener, strict=True))
        train.extend(cluener * cluener_weight)
    if "msra" in sources:
        train.extend(s for s in hashed["MSRA dev"] if not in_dev(s.text))
    if "pd" in sources:
        train.extend(s for s in hashed["PD dev"] if not in_dev(s.text))
    return Split(train, dev, dups, n_split)


# CLUENER marks an address as one span at its finest unit (郑州市中原区须水镇西岗村); MSRA and the
# project guideline cut it into its units ([郑州市][中原区][须水镇][西岗村]). Training addresses
# are cut the same way, so that the model learns one convention: units ending in an
# administrative suffix, then the rest as one place unless it holds a number (a street address).
_ADMIN_UNIT = re.compile(r".+?(?:特别行政区|自治区|自治州|自治县|省|市|区|县|镇|乡|村|街道|旗|盟)")
_HAS_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十]")


def split_addresses(sent: Sentence) -> Sentence:
    """The sentence with its CLUENER address spans cut into administrative units (see above)."""
    scenes = set(sent.ignore)
    spans: list[tuple[int, int, str]] = []
    for s, e, c in sent.spans:
        if c != "PLACE" or (s, e) in scenes:
            spans.append((s, e, c))
            continue
        units, pos = [], s
        while pos < e:
            m = _ADMIN_UNIT.match(sent.text, pos, e)
            if m is None or m.end() - pos < 2:
                break
            units.append((m.start(), m.end(), c))
            pos = m.end()
        if not units:
            spans.append((s, e, c))
            continue
        spans.extend(units)
        if e - pos >= 2 and not _HAS_NUMBER.search(sent.text, pos, e):
            spans.append((pos, e, c))
    return Sentence(sent.id, sent.text, sorted(spans), sent.ignore)


SCHEME = "BIOES"  # measured: +1 F1 on MSRA held-out over BIO, same on CLUENER dev


def bio_tags(sent: Sentence, scheme: str | None = None) -> list[str]:
    """Per-character tags of a gold sentence (BIO, or BIOES with S- and E- tags)."""
    scheme = scheme or SCHEME
    tags = ["O"] * len(sent.text)
    for s, e, c in sent.spans:
        tags[s] = "B-" + c
        for i in range(s + 1, e):
            tags[i] = "I-" + c
        if e - s == 1 and "S" in scheme:
            tags[s] = "S-" + c
        elif e - s > 1 and "E" in scheme:
            tags[e - 1] = "E-" + c
    return tags


# --- scoring ----------------------------------------------------------------------------------


def prf(counts: Counter, label: str) -> tuple[float, float, float]:
    """Precision, recall and F1 from tp/fp/fn counts of one label."""
    tp, fp, fn = counts[label, "tp"], counts[label, "fp"], counts[label, "fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def strict_counts(
    gold: Iterable[Sequence[tuple[int, int, str]]],
    pred: Iterable[Sequence[tuple[int, int, str]]],
    labels: Sequence[str],
    ignore: Iterable[Sequence[tuple[int, int]]] | None = None,
) -> Counter:
    """tp/fp/fn per label and ALL for strict span+label matching.

    A prediction on exactly an ignored span (start, end) counts neither way.
    """
    counts: Counter = Counter()
    gold, pred = list(gold), list(pred)
    ignores = list(ignore) if ignore is not None else [()] * len(gold)
    for g, p, ig in zip(gold, pred, ignores, strict=True):
        skip = set(ig)
        gs = {x for x in g if x[2] in labels}
        ps = {x for x in p if x[2] in labels and (x[0], x[1]) not in skip}
        for lab in labels:
            gl = {x for x in gs if x[2] == lab}
            pl = {x for x in ps if x[2] == lab}
            counts[lab, "tp"] += len(gl & pl)
            counts[lab, "fp"] += len(pl - gl)
            counts[lab, "fn"] += len(gl - pl)
        counts["ALL", "tp"] += len(gs & ps)
        counts["ALL", "fp"] += len(ps - gs)
        counts["ALL", "fn"] += len(gs - ps)
    return counts


# --- training ---------------------------------------------------------------------------------


def words_of(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """jieba word spans of each text (as the pipeline cuts them)."""
    return [segment.word_spans(t) for t in texts]


def build_vocab(sentences: Sequence[Sentence]) -> ner_model.Vocab:
    """Characters of the training text and jieba's dictionary tags (+ oov, o)."""
    probe = ner_model.Vocab(np.zeros(1, dtype=np.uint32), (), fold_width=True)
    chars = sorted({int(c) for s in sentences for c in probe.code_points(s.text)})
    tags = sorted(set(segment.word_tags().values()) - {"oov", "o"})
    return ner_model.Vocab(np.array(chars, dtype=np.uint32), (*tags, "oov", "o"), fold_width=True)


def sentence_units(sents: Sequence[Sentence]) -> list[Sentence]:
    """Training units cut at sentence ends (。！？ and newlines) as the tagger cuts text at
    inference; an entity crossing a cut (none in practice) is dropped."""
    out = []
    for sent in sents:
        cuts = ner_model.sentences_only(sent.text)
        if len(cuts) <= 1:
            out.append(sent)
            continue
        for i, (a, b) in enumerate(cuts):
            spans = [(s - a, e - a, c) for s, e, c in sent.spans if a <= s and e <= b]
            ignore = [(s - a, e - a) for s, e in sent.ignore if a <= s and e <= b]
            out.append(Sentence(f"{sent.id}#{i}", sent.text[a:b], spans, ignore))
    return out


def sentence_features(vocab: ner_model.Vocab, text: str, words) -> list[list[str]]:
    """crfsuite attributes of one sentence, from the same integer keys the tagger uses."""
    keys, _ = ner_model.feature_keys(vocab, text, [(0, len(text))], words, ner_model.TEMPLATES)
    return ner_model.feature_strings(keys)


def train(split: Split, crf_path: Path, params: dict | None = None,
          verbose: bool = False) -> tuple[ner_model.Vocab, float]:
    """Fit the CRF on `split.train` with crfsuite, saved to `crf_path`; (vocab, seconds)."""
    import pycrfsuite

    t0 = time.perf_counter()
    units = sentence_units(split.train)
    vocab = build_vocab(units)
    trainer = pycrfsuite.Trainer(verbose=verbose)
    trainer.select(ALGORITHM, "crf1d")
    trainer.set_params(dict(CRF_PARAMS, **(params or {})))
    for sent in units:
        if sent.text:
            words = segment.word_spans(sent.text)
            trainer.append(sentence_features(vocab, sent.text, words), bio_tags(sent))
    print(f"features of {len(units):,} training units in {time.perf_counter() - t0:.0f} s", flush=True)
    crf_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(crf_path))
    return vocab, time.perf_counter() - t0


def export(crf_path: Path, vocab: ner_model.Vocab, prune: float = PRUNE) -> ner_model.CRFModel:
    """crfsuite weights -> the numpy model the package decodes with."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf_path))
    info = tagger.info()
    labels = tuple(sorted(info.labels, key=lambda lab: int(info.labels[lab])))
    li = {lab: i for i, lab in enumerate(labels)}
    trans = np.zeros((len(labels), len(labels)))
    for (a, b), w in info.transitions.items():
        trans[li[a], li[b]] = w
    per_template: list[dict[int, np.ndarray]] = [{} for _ in ner_model.TEMPLATES]  # type: ignore
    for (attr, lab), w in info.state_features.items():
        t, k = attr.split(":")
        row = per_template[int(t)].setdefault(int(k), np.zeros(len(labels)))
        row[li[lab]] = w
    for table in per_template:
        for k in [k for k, row in table.items() if np.abs(row).max() < prune]:
            del table[k]
    keys, rows, offsets = [], [np.zeros((1, len(labels)))], []
    offset = 1
    for table in per_template:
        ks = np.array(sorted(table), dtype=np.int64)
        keys.append(ks)
        offsets.append(offset)
        if len(ks):
            rows.append(np.stack([table[k] for k in ks.tolist()]))
        offset += len(ks)
    return ner_model.CRFModel(
        vocab=vocab,
        labels=labels,
        transitions=trans,
        keys=tuple(keys),
        offsets=np.array(offsets, dtype=np.int64),
        weights=np.concatenate(rows).astype(np.float32),
        templates=tuple(ner_model.TEMPLATES),
    )


def agreement(crf_path: Path, model: ner_model.CRFModel, sentences: Sequence[Sentence]) -> float:
    """Share of characters where the numpy decoder agrees with crfsuite's own Tagger."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf_path))
    same = total = 0
    for s in sentences:
        if not s.text:
            continue
        words = segment.word_spans(s.text)
        ref = tagger.tag(sentence_features(model.vocab, s.text, words))
        keys, lengths = model.features(s.text, [(0, len(s.text))], words)
        ours = [model.labels[i] for i in model.viterbi(model.emissions(keys), lengths)]
        same += sum(a == b for a, b in zip(ref, ours, strict=True))
        total += len(ref)
    return same / total


def model_spans(sentences: Sequence[Sentence]) -> list[list[tuple[int, int, str]]]:
    """The loaded model's raw PER/ORG/PLACE spans for each sentence."""
    return [ner_model.tag_classes(s.text) for s in sentences]


def evaluate(sentences: Sequence[Sentence]) -> Counter:
    """Strict counts of the loaded model on gold sentences (classes PER/ORG/PLACE)."""
    return strict_counts([s.gold for s in sentences], model_spans(sentences), CLASSES,
                         [s.ignore for s in sentences])


def measure_speed(texts: Sequence[str], repeat: int = 3) -> dict[str, float]:
    """Characters/second: tagger+features given words, jieba.lcut alone, and predict() with jieba."""
    import jieba

    text = "\n".join(texts)
    n = len(text)
    words = segment.word_spans(text)
    ner_model.predict(text[:1000], words=None)  # warm up (model + jieba dictionaries)

    def best(fn) -> float:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return n / min(times)

    return {
        "chars": n,
        "model_given_words": best(lambda: ner_model.predict(text, words=words)),
        "jieba_lcut": best(lambda: jieba.lcut(text)),
        "predict_with_jieba": best(lambda: ner_model.predict(text)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Train, check against crfsuite, score on the held-out sets, write model + MODEL_CARD.md."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA_DIR)
    ap.add_argument("--out", type=Path, default=ner_model.MODEL_FILE)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="override a crfsuite parameter (experiments; the card records it)")
    ap.add_argument("--spacy-baseline", action="store_true",
                    help="also train a spaCy NER on the same split and report its scores/speed")
    ap.add_argument("--cluener-weight", type=int, default=CLUENER_WEIGHT,
                    help=f"repeat CLUENER training units N times (default {CLUENER_WEIGHT})")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--work", help="directory for crfsuite's own model file (kept; default: a temp dir)")
    ap.add_argument("--reuse", action="store_true",
                    help="export the crfsuite model already in --work instead of training")
    args = ap.parse_args(argv)
    for item in args.set:
        name, value = item.split("=", 1)
        CRF_PARAMS[name] = type(CRF_PARAMS.get(name, ""))(value) if name in CRF_PARAMS else value

    problem = missing_data(args.data)
    if problem:
        print(f"train_ner.py: {problem}; the shipped model is unchanged", file=sys.stderr)
        return 2
    split = load_split(args.data, cluener_weight=args.cluener_weight)
    print(f"train {len(split.train)} units; development: "
          + ", ".join(f"{k} {len(v)}" for k, v in split.dev.items())
          + f" (duplicate texts removed: {split.duplicates})", flush=True)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="xhextract-ner-"))
    work.mkdir(parents=True, exist_ok=True)
    crf_path = work / "ner.crfsuite"
    if args.reuse and crf_path.exists():
        vocab, seconds = build_vocab(sentence_units(split.train)), float("nan")
    else:
        vocab, seconds = train(split, crf_path, verbose=args.verbose)
    model = export(crf_path, vocab)
    agree = agreement(crf_path, model, split.msra_dev[:300])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"trained in {seconds:.0f} s -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB); "
          f"numpy decoder agrees with crfsuite on {agree:.2%} of held-out characters", flush=True)
    ner_model.MODEL_FILE = args.out  # score the model just written, wherever it went
    ner_model._model.cache_clear()
    scores = {name: evaluate(sents) for name, sents in split.dev.items()}
    for name, counts in scores.items():
        print(name, {lab: round(prf(counts, lab)[2], 4) for lab in (*CLASSES, "ALL")})
    speed = measure_speed([s.text for s in split.cluener_dev + split.msra_dev])
    print("speed chars/s", {k: round(v) for k, v in speed.items()})
    if args.spacy_baseline:
        spacy_baseline(split, args.out.parent / SPACY_RESULT)
    write_card(split, scores, speed, seconds, args.out, agree, args.data)
    print(f"wrote {args.out.parent / 'MODEL_CARD.md'}")
    return 0


# --- model card -------------------------------------------------------------------------------


def _score_table(scores: dict[str, Counter]) -> str:
    rows = ["| held-out set | label | gold | P | R | F1 |", "|---|---|---:|---:|---:|---:|"]
    for name, counts in scores.items():
        for lab in (*CLASSES, "ALL"):
            p, r, f = prf(counts, lab)
            gold = counts[lab, "tp"] + counts[lab, "fn"]
            rows.append(f"| {name} | {lab} | {gold} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return "\n".join(rows)


def _data_table(split: Split, data_dir: Path) -> str:
    rows = ["| file | units | use |", "|---|---:|---|"]
    dev_of = {fname: name for name, fname in HASHED_SOURCES.items()}
    for name in (CLUENER_TRAIN, CLUENER_DEV, MSRA_TRAIN, PD_TRAIN):
        with (data_dir / name).open(encoding="utf-8") as fh:
            n = sum(1 for _ in fh)
        if name == CLUENER_TRAIN:
            use = "train"
        elif name == CLUENER_DEV:
            use = "development (CLUENER dev, whole)"
        else:
            dev = dev_of[name]
            use = f"{len(split.dev[dev]):,} development ({dev}, hashed {DEV_FRACTION:.0%}), the rest train"
        rows.append(f"| `{name}` | {n:,} | {use} |")
    return "\n".join(rows)


def write_card(split: Split, scores: dict[str, Counter], speed: dict[str, float],
               seconds: float, model_path: Path, agree: float, data_dir: Path = DATA_DIR) -> None:
    """Write MODEL_CARD.md next to the model, with the scores and speed just measured."""
    entities = Counter(c for s in split.train for *_, c in s.spans)
    train_chars = sum(len(s.text) for s in split.train)
    params = ", ".join(f"`{k}={v}`" for k, v in CRF_PARAMS.items())
    card = CARD_TEMPLATE.format(
        file=model_path.name,
        scheme=SCHEME,
        templates=", ".join(f"`{t[0]}`" for t in ner_model.TEMPLATES),
        data_table=_data_table(split, data_dir),
        n_train=len(split.train),
        train_chars=train_chars,
        ent_counts=", ".join(f"{c} {entities[c]:,}" for c in CLASSES),
        dev_fraction=f"{DEV_FRACTION:.0%}",
        dups=split.duplicates,
        n_split=split.addresses_split,
        max_seq=ner_model._MAX_SEQ,
        params=params,
        algorithm=ALGORITHM,
        prune=PRUNE,
        seconds=seconds,
        agree=agree,
        size=model_path.stat().st_size / 1e6,
        scores=_score_table(scores),
        chars=int(speed["chars"]),
        sp_model=speed["model_given_words"] / 1000,
        sp_jieba=speed["jieba_lcut"] / 1000,
        sp_predict=speed["predict_with_jieba"] / 1000,
        ratio=1 / (1 + speed["jieba_lcut"] / speed["model_given_words"]),
        choice=_choice_section(model_path.parent / SPACY_RESULT, scores, speed),
        neural=_neural_section(model_path.parent / NEURAL_RESULT, scores, speed),
        alternatives=_alternatives_section(model_path.parent / ALTERNATIVES),
    )
    (model_path.parent / "MODEL_CARD.md").write_text(card, encoding="utf-8")


SPACY_RESULT = "spacy_baseline.json"
# Scores of the neural alternative (scripts/train_ner_neural.py --result), kept beside the model.
NEURAL_RESULT = "neural_result.json"


def _neural_section(path: Path, scores: dict[str, Counter], speed: dict[str, float]) -> str:
    """The CRF-vs-CNN comparison, from the last scripts/train_ner_neural.py run if there is one."""
    if not path.exists():
        return "No neural model measured (run `scripts/train_ner_neural.py --result ...`)."
    nn = json.loads(path.read_text(encoding="utf-8"))
    names = list(scores)
    rows = ["| tagger | " + " | ".join(f"{n} F1 (ALL)" for n in names) + " | characters/s | size |",
            "|---|" + "---:|" * (len(names) + 2)]
    rows.append("| this CRF (given words) | " + " | ".join(
        f"{prf(scores[n], 'ALL')[2]:.3f}" for n in names) + f" | {speed['model_given_words'] / 1000:.0f}K | |")
    rows.append(f"| CNN-CRF ({nn['epochs']} epochs, {nn['seconds'] / 60:.0f} min on one core; numpy "
                "forward) | " + " | ".join(f"{nn['f1'][n]['ALL']:.3f}" for n in names)
                + f" | {nn['chars_per_s_forward'] / 1000:.0f}K | {nn['size_mb']} MB |")
    return "\n".join([
        "`scripts/train_ner_neural.py` trains a character CNN (embeddings of the character, its two",
        "bigrams, the jieba word shape, the character class and the gazetteer membership; two",
        "convolutions of 128 channels, widths 5 and 3) with a CRF output layer in PyTorch on CPU,",
        "on the same split, and scores it with a numpy forward pass and this package's Viterbi.",
        _neural_verdict(nn, scores, speed, names),
        "",
        *rows,
    ])


def _neural_verdict(nn: dict, scores: dict[str, Counter], speed: dict[str, float],
                    names: list[str]) -> str:
    """One measured sentence: which model wins where, and by how much in speed."""
    behind = [n for n in names if nn["f1"][n]["ALL"] < prf(scores[n], "ALL")[2]]
    slower = speed["model_given_words"] / nn["chars_per_s_forward"]
    where = "every development set" if len(behind) == len(names) else ", ".join(behind) or "no set"
    return (f"It was given {nn['seconds'] / 60:.0f} minutes of training ({nn['epochs']} epochs) and is "
            f"behind the CRF on {where}, and {slower:.0f} times slower (its forward pass alone); "
            "the CRF ships.")
# Variants of the training set and features, each trained and scored once (the table is kept
# beside the model; scripts/train_ner.py does not rerun them).
ALTERNATIVES = "alternatives.md"


def _alternatives_section(path: Path) -> str:
    """The recorded table of measured variants, if there is one."""
    if not path.exists():
        return "No variants recorded."
    return path.read_text(encoding="utf-8").strip()


def _choice_section(path: Path, scores: dict[str, Counter], speed: dict[str, float]) -> str:
    """The CRF-vs-spaCy comparison, from the last `--spacy-baseline` run if there is one."""
    if not path.exists():
        return "No spaCy comparison recorded (run `scripts/train_ner.py --spacy-baseline`)."
    sp = json.loads(path.read_text(encoding="utf-8"))
    rows = ["| tagger | CLUENER dev F1 (ALL) | MSRA F1 (ALL) | characters/s |",
            "|---|---:|---:|---:|"]
    crf = [prf(scores[name], "ALL")[2] for name in ("CLUENER dev", "MSRA dev")]
    rows.append(f"| this CRF (tagger, given words; MSRA dev) | {crf[0]:.3f} | {crf[1]:.3f} | "
                f"{speed['model_given_words'] / 1000:.0f}K |")
    msra = sp["f1"].get("MSRA dev", sp["f1"].get("MSRA held-out", 0.0))
    rows.append(f"| spaCy `ner` (default tok2vec, jieba tokens, {sp['minutes']:.0f} min / "
                f"{sp['epochs']} epochs; NER component alone) | {sp['f1']['CLUENER dev']:.3f} | "
                f"{msra:.3f} | {sp['chars_per_s_component'] / 1000:.0f}K |")
    return "\n".join([
        "spaCy's row was measured on the earlier, smaller split (a quarter of MSRA, its own 10%",
        "held out); rerun `--spacy-baseline` to measure it on this one. spaCy's NER works on",
        "jieba tokens, and {:.0%} of the training entities do not align with them (they cannot".format(
            1 - sp["aligned"] / sp["entities"]),
        "be learnt or found); it is also far too slow for the pipeline's speed budget.",
        "",
        *rows,
    ])


CARD_TEMPLATE = """\
# xhextract NER model card (`{file}`)

Generated by `scripts/train_ner.py` (`make train`); do not edit by hand.

## What it is

A linear-chain CRF over characters that tags person names, organisations and places in
Chinese text, used by `xhextract.ner_model.predict()`. It is trained with crfsuite
(python-crfsuite, SGD with L2) and its weights are exported to `{file}` (numpy arrays); the
package decodes with an exact Viterbi in numpy, batched over sentences, which agreed
with crfsuite's own Tagger on {agree:.2%} of the characters of 300 MSRA dev sentences.

Classes: PER, ORG, PLACE, tagged {scheme}. PLACE spans become GPE, LOC or FAC by
`ner_model.place_label()`: the gazetteer `gpe_names.txt` (countries, provinces, cities and
their abbreviations) first, then the longest suffix in `data/lexicon/suffixes.tsv`
(…大桥/…水电站/…路 FAC; …江/…山/…地区 LOC; …省/…市/…区/…县 GPE), else LOC. The training
data do not separate GPE from LOC (MSRA has one place label), so that split is a rule, not
learnt. `predict()` drops FAC spans unless `keep_fac=True` (the pipeline keeps them and
checks that a facility has a name before its head).

Feature templates (integer keys; see `ner_model.TEMPLATES`): {templates}. `c` = characters
at the given offsets (window -2..+2, bigrams, a skip-bigram and trigrams), full-width ASCII
folded to half-width (１２ = 12); `s` = the word of the segmenter (`segment.word_spans`) a
character is in, as its position (B/M/E/S) x that word's part of speech in jieba's dictionary
(nr/ns/nt/…, `oov` for words its HMM found); `s0c0` = that shape with the character; `k` =
character classes (Han, digit, Chinese numeral, Latin, space, dot, punctuation) at -1, 0, +1;
`g` = membership in a name of the project's gazetteers (organisations, places, countries,
divisions) as B/M/E x ORG/PLACE, at -1, 0, +1. Sentences are tagged separately
(split at 。！？!? and newlines; longer than {max_seq} characters, at a comma); training
units are cut at sentence ends the same way.

## Data

From `shared/data/ner` (read-only copies of the published sets):

{data_table}

Label map: name/NR/PER -> PER; organization/government/company/NT/ORG -> ORG;
address/scene/NS/LOC -> PLACE; position/book/movie/game -> not entities (tagged O).
Overlapping gold spans: the longest is kept.

Development split: a unit of MSRA or People's Daily is held out when the first 8 bytes of the
SHA-1 of its text fall in the lowest {dev_fraction} (`train_ner.in_dev`): the same text is
always on the same side, whatever else the files hold. CLUENER dev is held out whole. Texts
are deduplicated across the files ({dups} repeats removed). The `msra_trainpart*` files are
subsets of `msra_train.jsonl` and are not read. People's Daily `[...]nt` compounds are one ORG
span, NR joins surname and given name (as MSRA does).
Training: {n_train:,} units, {train_chars:,} characters; entities {ent_counts}.

## Terms

CLUENER2020, MSRA and the People's Daily 1998 corpus (PKU) are research data sets published
**without an open licence**. This
model is derived from them; check their terms before any use beyond research. The project
works without the model (rules and gazetteers alone): delete `{file}` and
`ner_model.available()` becomes False.

## Settings

crfsuite `{algorithm}` / `crf1d`, {params}; exported features whose weights are all below
{prune} in size are left out. crfsuite's SGD shuffles the training units with the C library's rand() and no
reseeding, so a run repeats itself on one machine; a second full run to confirm a
byte-identical file was not made for lack of time.
Training took {seconds:.0f} s on one core; model file {size:.1f} MB.

## Scores on the development sets (strict span + class)

A prediction counts only if start, end and class all equal a gold span. PLACE = every
place span (GPE+LOC+FAC after the split), because MSRA does not separate them; gold
CLUENER `scene` spans are ignored (a prediction exactly on one counts neither way). These
are the raw model spans; `outputs/bench_ner.md` (`make bench-ner`) scores `predict()` and
the pipeline next to jieba.posseg and LAC.

{scores}

CLUENER marks addresses at their finest unit as one span (郑州市中原区须水镇西岗村), MSRA
and the project guideline cut them ([上海][浦东新区]). The CLUENER training addresses are cut
into their administrative units before training (`split_addresses`: {n_split} sentences), so
the model learns the guideline's convention; CLUENER dev keeps its own spans, which is the main
reason PLACE scores lower there.

## Speed

On the {chars:,} characters of CLUENER dev and MSRA dev joined (one core, best of three):

| what | characters/s |
|---|---:|
| tagger + features, given the jieba words (as inside the pipeline) | {sp_model:.0f}K |
| `jieba.lcut` alone (reference) | {sp_jieba:.0f}K |
| `predict(text)` that cuts with jieba itself | {sp_predict:.0f}K |

jieba + this tagger together run at {ratio:.2f}x jieba's own speed.

## Alternatives measured

{alternatives}

## The neural alternative

{neural}

## Why a CRF and not spaCy's NER

{choice}
"""


# --- optional: a spaCy NER trained on the same split, for the comparison -----------------------


def spacy_baseline(split: Split, out: Path, minutes: float = 10.0) -> dict:
    """Train spaCy's default NER (jieba tokens) for a fixed time; save its scores and speed."""
    import random

    import spacy
    from spacy.training import Example
    from spacy.util import minibatch

    random.seed(0)
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    ner = nlp.add_pipe("ner")
    for c in CLASSES:
        ner.add_label(c)

    def examples(sents: Sequence[Sentence]) -> list[Example]:
        out = []
        for s in sents:
            doc = nlp.make_doc(s.text)
            ents = [(a, b, c) for a, b, c in s.spans
                    if doc.char_span(a, b, label=c) is not None]
            out.append(Example.from_dict(doc, {"entities": ents}))
        return out

    train_ex = examples(split.train)
    result: dict = {
        "minutes": minutes,
        "aligned": sum(len(e.reference.ents) for e in train_ex),
        "entities": sum(len(s.spans) for s in split.train),
    }
    optimizer = nlp.initialize(lambda: train_ex)
    t0, epoch = time.perf_counter(), 0
    while time.perf_counter() - t0 < minutes * 60:
        random.shuffle(train_ex)
        losses: dict = {}
        for batch in minibatch(train_ex, size=64):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.2)
            if time.perf_counter() - t0 > minutes * 60:
                break
        epoch += 1
        print(f"spaCy epoch {epoch} loss {losses.get('ner', 0):.0f} "
              f"({time.perf_counter() - t0:.0f} s)")
    result["epochs"] = epoch
    result["f1"] = {}
    for name, sents in split.dev.items():
        pred = [[(e.start_char, e.end_char, e.label_) for e in doc.ents]
                for doc in nlp.pipe([s.text for s in sents])]
        counts = strict_counts([s.gold for s in sents], pred, CLASSES, [s.ignore for s in sents])
        result["f1"][name] = prf(counts, "ALL")[2]
        print("spaCy", name, {lab: round(prf(counts, lab)[2], 4) for lab in (*CLASSES, "ALL")})
    text = "\n".join(s.text for s in split.cluener_dev + split.msra_dev)[:100_000]
    t = time.perf_counter()
    nlp(text)
    result["chars_per_s_pipeline"] = len(text) / (time.perf_counter() - t)
    doc = nlp.make_doc(text)
    t = time.perf_counter()
    ner(doc)
    result["chars_per_s_component"] = len(text) / (time.perf_counter() - t)
    print(f"spaCy: {result['chars_per_s_pipeline'] / 1000:.0f}K chars/s with jieba, "
          f"{result['chars_per_s_component'] / 1000:.0f}K chars/s NER alone")
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


if __name__ == "__main__":
    raise SystemExit(main())

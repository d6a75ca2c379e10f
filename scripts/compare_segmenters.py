"""How many words and mentions change when jieba's words come from jieba-rs (xhextract.segment)
instead of jieba's own Python cut (jieba.lcut), on corpus/ and on the NER gold sentences.

Words: every text cut both ways, HMM on (the word spans every stage reads) and off (short
phrases in context.py); a word "changes" when its span is in one cut and not the other.
Mentions: find_mentions() per text (chunked as extract() does) with jieba.lcut's spans and
with segment's; a text "changes" when its mention lists differ in any field.

Usage: python scripts/compare_segmenters.py [--ner DIR] [--ner-every 20] [--out FILE.md]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NER = ROOT.parent / "shared" / "data" / "ner"
# The NER files without the MSRA parts, which are subsets of msra_train (data README).
NER_FILES = ("cluener2020_train.jsonl", "cluener2020_dev.jsonl", "msra_train.jsonl",
             "peoples_daily_199801.jsonl")


def corpus_texts() -> list[str]:
    """corpus/*.txt decoded as the batch reads them."""
    from xhextract.io import read_document

    return [read_document(p).text for p in sorted((ROOT / "corpus").glob("*.txt"))]


def ner_texts(folder: Path) -> list[str]:
    """The sentences of the NER gold files found in `folder` (none if it is absent)."""
    texts = []
    for name in NER_FILES:
        path = folder / name
        if path.exists():
            with open(path, encoding="utf-8") as fh:
                texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    return texts


def _spans(words: Sequence[str]) -> list[tuple[int, int]]:
    ends = list(accumulate(map(len, words)))
    return list(zip([0, *ends], ends, strict=False))


def compare_words(texts: Sequence[str]) -> dict[str, int]:
    """Words of jieba.lcut and of segment.words, HMM on and off, and how many differ."""
    import jieba
    import rjieba

    from xhextract import segment

    jieba.setLogLevel(60)
    out = {"texts": len(texts), "chars": sum(map(len, texts))}
    for hmm, key in ((True, "hmm"), (False, "no_hmm")):
        words = changed = texts_changed = raw = 0
        t_jieba = t_segment = 0.0
        for text in texts:
            t0 = time.perf_counter()
            cut_a = jieba.lcut(text, HMM=hmm)
            t1 = time.perf_counter()
            cut_b = segment.words(text, hmm)
            t_jieba, t_segment = t_jieba + t1 - t0, t_segment + time.perf_counter() - t1
            a, b = set(_spans(cut_a)), set(_spans(cut_b))
            words += len(a)
            changed += len(a - b) + len(b - a)
            texts_changed += a != b
            raw += len(a ^ set(_spans(rjieba.cut(text, hmm))))  # jieba-rs without segment's fix
        out[f"words_{key}"], out[f"changed_{key}"], out[f"texts_changed_{key}"] = (
            words, changed, texts_changed)
        out[f"rjieba_alone_changed_{key}"] = raw
        out[f"speedup_{key}"] = t_jieba / t_segment  # segment.words against jieba.lcut
    return out


@contextmanager
def _jieba_phrases() -> Iterator[None]:
    """The facts stage's short-phrase cut (segment.dict_words) done by jieba.lcut for the time being."""
    import jieba

    from xhextract.components import facts

    saved = facts.dict_words
    facts.dict_words = lambda phrase: tuple(jieba.lcut(phrase, HMM=False))
    try:
        yield
    finally:
        facts.dict_words = saved


def _mentions(text: str, jieba_words: bool) -> list[dict]:
    import jieba

    from xhextract.core import chunks, find_mentions

    out = []
    for offset, piece in chunks(text):
        words = _spans(jieba.lcut(piece)) if jieba_words else None
        out.extend(m.shifted(offset).to_dict() for m in find_mentions(piece, words=words))
    return out


def compare_mentions(texts: Sequence[str]) -> dict[str, int]:
    """Mentions found with jieba.lcut's words and with segment's, and how many differ."""
    with _jieba_phrases():
        before = [_mentions(t, True) for t in texts]
    after = [_mentions(t, False) for t in texts]
    changed = texts_changed = 0
    for a, b in zip(before, after, strict=True):
        sa = {json.dumps(m, sort_keys=True, ensure_ascii=False) for m in a}
        sb = {json.dumps(m, sort_keys=True, ensure_ascii=False) for m in b}
        changed += len(sa ^ sb)
        texts_changed += a != b
    return {"texts": len(texts), "chars": sum(map(len, texts)),
            "mentions": sum(map(len, before)), "changed": changed, "texts_changed": texts_changed}


def report(ner_dir: Path = NER, ner_every: int = 20) -> tuple[list[str], dict]:
    """Markdown lines and the numbers, for corpus/ and the NER sentences (mentions on every
    `ner_every`-th sentence: one call per sentence is slow)."""
    corpus = corpus_texts()
    ner = ner_texts(ner_dir)
    results = {"corpus": {"words": compare_words(corpus), "mentions": compare_mentions(corpus)}}
    if ner:
        results["ner"] = {"words": compare_words(ner), "mentions": compare_mentions(ner[::ner_every])}
    rows = []
    for name, r in results.items():
        w, m = r["words"], r["mentions"]
        where = "corpus/" if name == "corpus" else f"{ner_dir.name}/ ({', '.join(NER_FILES)})"
        rows.append(
            f"| {where} | {w['chars']:,} | {w['words_hmm']:,} | {w['changed_hmm']} | "
            f"{w['words_no_hmm']:,} | {w['changed_no_hmm']} | {m['texts']:,} texts, "
            f"{m['mentions']:,} mentions | {m['changed']} | {w['rjieba_alone_changed_hmm']} | {w['speedup_hmm']:.1f}x |"
        )
    lines = [
        "| text | characters | words (HMM on) | changed | words (HMM off) | changed "
        "| mentions compared | changed | words changed by jieba-rs alone (HMM on) "
        "| segment.words speed / jieba.lcut |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]
    if ner:
        lines += ["", f"Mentions on the NER sentences: every {ner_every}th sentence, one call each."]
    return lines, results


def main() -> None:
    """Print the comparison and write it as Markdown."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ner", type=Path, default=NER, help="folder of the NER gold JSONL files")
    ap.add_argument("--ner-every", type=int, default=20, help="mentions on every Nth NER sentence")
    ap.add_argument("--out", type=Path, default=None, help="write the Markdown table here")
    args = ap.parse_args()
    lines, results = report(args.ner, args.ner_every)
    print(json.dumps(results, indent=1))
    print("\n".join(lines))
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if any(r["words"]["changed_hmm"] or r["words"]["changed_no_hmm"] or r["mentions"]["changed"]
           for r in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()

"""Train one variant of the NER model and score it beside the shipped one; nothing is installed.

The table in src/xhextract/data/ner_model/alternatives.md was made with this script: each
variant is trained like `make train` with one thing changed, written to a temporary file, and
scored on the held-out sets (model alone and the whole pipeline, FAC counted as a place, as in
`make bench-ner` rows (a') and (b')), on the gold documents (micro strict F1) and on the names
of the held-out gold documents and of the others. Usage:

    .venv/bin/python scripts/ner_variants.py NAME [--msra-weight 2] [--cluener-weight 3] [--no-cluener]
        [--cluener-without address,scene] [--whole-addresses] [--drop c-11] [--add c-3,c3]
        [--scheme BIOES] [--set c2=0.1] [--model FILE (score a trained model, no training)]

One JSON line per run is printed and appended to outputs/ner_variants.jsonl.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import bench_ner  # noqa: E402
import train_ner  # noqa: E402

from xhextract import ner_model  # noqa: E402

# Extra templates a variant may add (the shipped ones are ner_model.TEMPLATES).
EXTRA_TEMPLATES = {"c-3": ("c-3", "c", (-3,)), "c3": ("c3", "c", (3,)),
                   "s-2": ("s-2", "s", (-2,)), "s2": ("s2", "s", (2,))}


def variant_split(args: argparse.Namespace) -> train_ner.Split:
    """The training split with the variant's changes to the training sentences."""
    sources = [s for s in ("cluener", "msra", "pd") if s not in set(args.without.split(","))]
    split = train_ner.load_split(cut_addresses=not args.whole_addresses, sources=sources, cluener_weight=1)
    msra = [s for s in split.train if not s.id.startswith("cluener")]
    cluener = [s for s in split.train if s.id.startswith("cluener")]
    if args.cluener_without:
        labels = set(args.cluener_without.split(","))
        with (train_ner.DATA_DIR / train_ner.CLUENER_TRAIN).open(encoding="utf-8") as fh:
            drop = {rec["text"] for rec in map(json.loads, fh)
                    if any(e["label"] in labels for e in rec["entities"])}
        cluener = [s for s in cluener if s.text not in drop]
    split.train = cluener * args.cluener_weight + msra * args.msra_weight
    return split


NAMES = ("PERSON", "ORG", "GPE", "LOC", "FAC")


def gold_scores() -> dict[str, float]:
    """Micro strict F1 of xhextract.extract() on the gold documents (all labels), and the
    names' (PERSON/ORG/GPE/LOC/FAC) micro strict F1 on the held-out documents and on the others."""
    import xhextract
    from xhextract.docdate import date_from_name
    from xhextract.io import read_document
    from xhextract.records import to_records
    from xhextract.scoring.evaluation import evaluate

    records, docs = [], []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        if (ROOT / "gold" / f"{path.stem}.json").exists():
            docs.append(path.stem)
            text = read_document(path).text
            records += to_records(path.stem, xhextract.extract(text, doc_date=date_from_name(path.name)))

    def names_f1(only: list[str]) -> float:
        labels = evaluate(ROOT / "gold", records, ROOT / "corpus", only=only)["labels"]
        c = p = a = 0
        for lab in NAMES:
            s = labels.get(lab, {}).get("strict", {})
            c, p, a = c + s.get("correct", 0), p + s.get("possible", 0), a + s.get("actual", 0)
        return 2 * c / (p + a) if p + a else 0.0

    held = [d for d in docs if d.startswith("heldout_")]
    return {"gold_micro_f1": evaluate(ROOT / "gold", records, ROOT / "corpus")["micro"]["strict"]["f1"],
            "heldout_names_f1": names_f1(held),
            "other_gold_names_f1": names_f1([d for d in docs if d not in held])}


def main(argv: list[str] | None = None) -> int:
    """Train (unless --model), score, print and record one variant."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("name")
    ap.add_argument("--msra-weight", type=int, default=1,
                    help="MSRA and People's Daily training units N times")
    ap.add_argument("--cluener-weight", type=int, default=1, help="CLUENER training units N times")
    ap.add_argument("--without", default="", help="sources left out of training: cluener, msra, pd")
    ap.add_argument("--cluener-without", default="", help="leave out CLUENER sentences with these labels")
    ap.add_argument("--whole-addresses", action="store_true", help="do not cut CLUENER addresses")
    ap.add_argument("--drop", default="", help="feature templates to leave out (comma list)")
    ap.add_argument("--add", default="", help=f"templates to add: {', '.join(EXTRA_TEMPLATES)}")
    ap.add_argument("--scheme", default=train_ner.SCHEME, help="BIOES, BIOS, BIOE or BIO")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="crfsuite parameter")
    ap.add_argument("--model", type=Path, help="score this trained model instead of training one")
    args = ap.parse_args(argv)

    drop = set(filter(None, args.drop.split(",")))
    ner_model.TEMPLATES = tuple(t for t in ner_model.TEMPLATES if t[0] not in drop) + tuple(
        EXTRA_TEMPLATES[name] for name in filter(None, args.add.split(",")))
    train_ner.SCHEME = args.scheme
    params = {k: (float(v) if k in ("c1", "c2") else int(v) if v.isdigit() else v)
              for k, v in (item.split("=", 1) for item in args.set)}
    split = variant_split(args)
    with tempfile.TemporaryDirectory() as tmp:
        model_file = args.model
        if model_file is None:
            crf = Path(tmp) / "variant.crfsuite"
            vocab, _ = train_ner.train(split, crf, params)
            model_file = Path(tmp) / "variant.npz"
            train_ner.export(crf, vocab).save(model_file)
        ner_model.MODEL_FILE = model_file
        ner_model._model.cache_clear()
        result: dict = {"name": args.name, "args": {k: str(v) for k, v in vars(args).items()},
                        "train_sentences": len(split.train)}
        for system, fn in (("model", bench_ner.sys_model_fac), ("pipeline", bench_ner.sys_pipeline_fac)):
            for set_name, sents in (("msra", split.msra_dev), ("cluener", split.cluener_dev),
                                    ("pd", split.dev["PD dev"])):
                counts, _ = bench_ner.run_system(fn, sents)
                result[f"{system}_{set_name}"] = round(train_ner.prf(counts, "ALL")[2], 4)
        result.update({k: round(v, 4) for k, v in gold_scores().items()})
    print(json.dumps(result, ensure_ascii=False))
    out = ROOT / "outputs" / "ner_variants.jsonl"
    with out.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

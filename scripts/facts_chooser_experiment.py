"""Experiment, not used by the pipeline: does a learned chooser pick indicators better than the rules?

Leave-one-document-out over the gold files: for each strictly matched figure, the candidates are
the rule's indicator, no indicator, and every phrase made of the last 1-8 words before the figure
in its clause (after the linking words); an averaged perceptron ranks them on a few features (word
count, parts of speech of the first word, the head and the word before, 的/、 inside, whether the
rules chose it). Reads outputs/records.jsonl (run `make run` first) and prints, per held-out
document and in total, indicator accuracy and precision of the rules and of the chooser.

    .venv/bin/python scripts/facts_chooser_experiment.py
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

from xhextract.components import facts as F
from xhextract.schema import Mention

ROOT = Path(__file__).resolve().parents[1]
FIGURES = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
Row = tuple[str, str | None, str | None, list[tuple[str | None, dict[str, float]]]]


def _features(c: str | None, k: int | None, units: list, rule: str | None, label: str) -> dict[str, float]:
    if c is None:
        return {"none": 1, "none_rule_none": float(rule is None), f"none_lbl_{label}": 1}
    lex = F.lexicon()
    words = F._gap_words(c)
    f = {
        "is_rule": float(c == rule), f"nw_{min(len(words), 6)}": 1,
        f"first_tag_{F._tag(words[0])[:2]}": 1, f"head_tag_{F._tag(words[-1])[:2]}": 1,
        "first_stop": float(words[0] in lex.stop), "has_de": float("的" in c),
        "has_list": float("、" in c or "和" in c), f"lbl_{label}_nw{min(len(words), 3)}": 1,
    }
    if k:
        prev = units[k - 1]
        f["prev_" + (prev.mention.label if prev.mention else F._tag(prev.text)[:1])] = 1
    elif k == 0:
        f["prev_start"] = 1
    return f


def rows() -> list[Row]:
    pred: dict[str, dict[tuple, dict]] = defaultdict(dict)
    for line in (ROOT / "outputs" / "records.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        pred[r["doc"]][(r["start"], r["end"], r["label"])] = r
    out: list[Row] = []
    for path in sorted((ROOT / "gold").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        doc = gold["doc"]
        text = (ROOT / "corpus" / f"{doc}.txt").read_text("utf-8")
        d = F._Doc(text, [Mention(r["start"], r["end"], r["text"], r["label"]) for r in pred[doc].values()])
        for m in gold["mentions"]:
            p = pred[doc].get((m["start"], m["end"], m["label"]))
            if m["label"] not in FIGURES or p is None:
                continue
            rule = p.get("indicator")
            cs, _ = d.clause(m["start"], m["end"])
            units = F._skip_linking(d.units(max(cs, m["start"] - 40), m["start"]), d.lex)
            cands: dict[str | None, int | None] = {None: None}
            if rule:
                cands[rule] = None
            for k in range(len(units) - 1, max(-1, len(units) - 9), -1):
                if units[k].mention is not None and units[k].mention.label != "ORDINAL":
                    break
                phrase = "".join(u.text for u in units[k:])
                if len(phrase) > 24:
                    break
                cands.setdefault(phrase, k)
            feats = [(c, _features(c, k, units, rule, m["label"])) for c, k in cands.items()]
            out.append((doc, m.get("indicator"), rule, feats))
    return out


def _score(w: dict[str, float], f: dict[str, float]) -> float:
    return sum(w.get(k, 0.0) * v for k, v in f.items())


def train(data: list[Row], epochs: int = 20) -> dict[str, float]:
    """An averaged ranking perceptron over the rows whose gold indicator is a candidate."""
    w: dict[str, float] = defaultdict(float)
    acc: dict[str, float] = defaultdict(float)
    step = 1
    data = list(data)
    rnd = random.Random(0)
    for _ in range(epochs):
        rnd.shuffle(data)
        for _doc, gold, _rule, cands in data:
            if not any(t == gold for t, _ in cands):
                continue
            best = max(cands, key=lambda x: _score(w, x[1]))
            if best[0] != gold:
                good = next(f for t, f in cands if t == gold)
                for k, v in good.items():
                    w[k] += v
                    acc[k] += step * v
                for k, v in best[1].items():
                    w[k] -= v
                    acc[k] -= step * v
            step += 1
    return {k: w[k] - acc[k] / step for k in w}


def main() -> None:
    data = rows()
    totals = {"rules": [0, 0, 0, 0], "chooser": [0, 0, 0, 0]}
    for held in sorted({r[0] for r in data}):
        test = [r for r in data if r[0] == held]
        w = train([r for r in data if r[0] != held])
        choices = {
            "rules": [rule for _, _, rule, _ in test],
            "chooser": [max(c, key=lambda x: _score(w, x[1]))[0] for *_, c in test],
        }
        for name, picked in choices.items():
            t = totals[name]
            golds = [r[1] for r in test]
            t[0] += sum(p == g for p, g in zip(picked, golds, strict=True) if g)
            t[1] += sum(1 for g in golds if g)
            t[2] += sum(p == g for p, g in zip(picked, golds, strict=True) if p)
            t[3] += sum(1 for p in picked if p)
    for name, (right, n_gold, right_p, n_pred) in totals.items():
        print(f"{name:8s} indicator accuracy {right / n_gold:.4f} ({right}/{n_gold})  "
              f"precision {right_p / n_pred:.4f} ({right_p}/{n_pred})")


if __name__ == "__main__":
    main()

"""Where the pipeline's entities differ from the model's alone on the NER development sets.

Runs (a) `ner_model.predict()` and (b) `xhextract.extract()` (PERSON/ORG/GPE/LOC, as
scripts/bench_ner.py scores them) on the dev splits, pairs every difference into an event
and buckets the events by what caused them:

- `add`: a pipeline span overlapping no model span (bucketed by its `source`, the rule or
  gazetteer that produced it);
- `recut`: pipeline spans replacing overlapping model spans (new span's source, label change);
- `drop`: a model span the pipeline does not keep, with nothing in its place; the stage that
  removed it (plausibility check, trimming, stop list, a rule span overlapping it in
  `_model_additions`, a date or figure winning the overlap policy, the post-filters).

Each event's effect on strict scoring: dtp (true positives gained) and dfp (false positives
added). Usage:
  .venv/bin/python scripts/ner_diff.py [--sets "MSRA dev,PD dev"] [--limit N] [--fac]
      [--examples 5] [--bucket SUBSTRING] [--out FILE]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import bench_ner  # noqa: E402
import train_ner  # noqa: E402

from xhextract import extract, ner_model  # noqa: E402
from xhextract.components import entities as ent  # noqa: E402
from xhextract.schema import Mention  # noqa: E402
from xhextract.segment import word_spans  # noqa: E402

GOLD_MAP, LABELS = bench_ner.GOLD_MAP, bench_ner.LABELS


def project(label: str, fac: bool) -> str | None:
    """Project label -> evaluation label (bench_ner: GPE/LOC -> PLACE; FAC too with --fac)."""
    if label in bench_ner.PLACE or (fac and label == "FAC"):
        return "PLACE"
    return label if label in ("PERSON", "ORG") else None


@dataclass
class Event:
    kind: str  # add / recut / drop
    key: str  # bucket
    dtp: int
    dfp: int
    set_name: str
    text: str
    sent_id: str = ""
    added: list[tuple[int, int, str, str]] = field(default_factory=list)  # s, e, label, source
    dropped: list[tuple[int, int, str, str]] = field(default_factory=list)  # s, e, label, why
    gold: list[tuple[int, int, str]] = field(default_factory=list)
    ignore: frozenset = frozenset()  # CLUENER scene spans, scored neither way


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def drop_reason(text: str, span: tuple[int, int, str], final: Sequence[Mention],
                cands: Sequence[Mention], stages: dict[str, set[tuple[int, int]]]) -> str:
    """Why a model span is not among the pipeline's (projected) spans."""
    s, e, _ = span
    for stage in ("raw", "plausible", "trimmed", "stoplisted", "governments"):
        if (s, e) not in stages[stage]:
            return f"model filter: {stage}"
    over_final = [m for m in final if _overlaps((s, e), (m.start, m.end))]
    if over_final:  # something else took the place: the overlap policy or a replaced reading
        m = max(over_final, key=lambda m: m.end - m.start)
        return f"lost to {m.label} {m.source or '?'}"
    over_cand = [m for m in cands if _overlaps((s, e), (m.start, m.end)) and m.source != "model"]
    if over_cand:
        m = max(over_cand, key=lambda m: m.end - m.start)
        return f"blocked by {m.label} {m.source} (then gone)"
    return "post-filter: " + post_filter(text, s, e)


def post_filter(text: str, s: int, e: int) -> str:
    """Which of find_entities' final filters (ANNOTATION.md conventions) removes text[s:e]."""
    for ps, pe in ent._protected_spans(text, ent._resources()):
        if ps <= s and e <= pe:
            return "in a 《title》" if text[ps] == "《" else "in a 关于…title" if text[ps] == "关" \
                else "in a quote"
    starting, after = ent._currency_names()
    if text.startswith(after, e) or text.startswith(starting, s):
        return "currency"
    if text.startswith("人", e):
        return "demonym X人"
    if text.startswith("商", e):
        return "merchants X商"
    return "other"


def model_stages(text: str) -> dict[str, set[tuple[int, int]]]:
    """The model spans (start, end) after each of find_entities' model filters."""
    words = word_spans(text)
    res = ent._resources()
    ctx = ent._context(text, words, res)
    ent._gazetteer(ctx)
    raw = ent._model_mentions(text, words, ctx.gazetteer_hits)
    plaus = [m for m in raw if ent._plausible_model_name(m)]
    trimmed = ent._trim_model_spans(ctx, plaus)
    stop = ent._stop_listed(trimmed)
    gov = ent._drop_descriptive_governments(text, stop)
    return {name: {(m.start, m.end) for m in ms} for name, ms in
            (("raw", raw), ("plausible", plaus), ("trimmed", trimmed), ("stoplisted", stop),
             ("governments", gov))}




def sentence_events(set_name: str, sent: train_ner.Sentence, fac: bool,
                    counts: dict[str, Counter] | None = None) -> list[Event]:
    """The differences between model and pipeline on one sentence, grouped into events;
    `counts` (model / pipeline -> strict counts) are updated when given."""
    text = sent.text
    ignore = set(sent.ignore)
    gold = {(s, e, GOLD_MAP[c]) for s, e, c in sent.gold}
    model = {(s, e, lab2) for s, e, lab in ner_model.predict(text, keep_fac=fac)
             if (lab2 := project(lab, fac))}
    final = extract(text)
    pipe: dict[tuple[int, int, str], str] = {}
    for m in final:
        lab = project(m.label, fac)
        if lab:
            pipe[m.start, m.end, lab] = m.source or "?"
    if counts is not None:
        g = [sorted(gold)]
        counts["model"].update(train_ner.strict_counts(g, [sorted(model)], LABELS, [sent.ignore]))
        counts["pipeline"].update(train_ner.strict_counts(g, [sorted(pipe)], LABELS, [sent.ignore]))
    added = [x for x in pipe if x not in model]
    dropped = [x for x in model if x not in pipe]
    if not added and not dropped:
        return []
    cands = ent.find_entities(text)
    stages = model_stages(text)
    # group overlapping added/dropped spans into connected events
    items = [("a", x) for x in added] + [("d", x) for x in dropped]
    groups: list[list[tuple[str, tuple[int, int, str]]]] = []
    for it in sorted(items, key=lambda it: it[1][:2]):
        for g in groups:
            if any(_overlaps(it[1][:2], o[1][:2]) for o in g):
                g.append(it)
                break
        else:
            groups.append([it])
    events = []
    for g in groups:
        adds = [x for k, x in g if k == "a"]
        drops = [x for k, x in g if k == "d"]

        def score(xs):
            tp = sum(x in gold for x in xs if x[:2] not in ignore)
            fp = sum(x not in gold for x in xs if x[:2] not in ignore)
            return tp, fp

        atp, afp = score(adds)
        dtp_, dfp_ = score(drops)
        ev = Event("", "", atp - dtp_, afp - dfp_, set_name, text, sent.id, gold=sorted(gold),
                   ignore=frozenset(ignore))
        ev.added = [(*x, pipe[x]) for x in adds]
        ev.dropped = [(*x, drop_reason(text, x, final, cands, stages)) for x in drops]
        if adds and drops:
            ev.kind = "recut"
            a_src = "+".join(sorted({pipe[x] for x in adds}))
            a_lab = "+".join(sorted({x[2] for x in adds}))
            d_lab = "+".join(sorted({x[2] for x in drops}))
            how = "relabel" if {x[:2] for x in adds} == {x[:2] for x in drops} else (
                "longer" if min(x[0] for x in adds) <= min(x[0] for x in drops)
                and max(x[1] for x in adds) >= max(x[1] for x in drops) else
                "shorter" if min(x[0] for x in adds) >= min(x[0] for x in drops)
                and max(x[1] for x in adds) <= max(x[1] for x in drops) else "shifted")
            ev.key = f"recut {how} {d_lab}->{a_lab} by {a_src}"
        elif adds:
            ev.kind = "add"
            ev.key = "add " + "+".join(sorted({f'{x[2]} {pipe[x]}' for x in adds}))
        else:
            ev.kind = "drop"
            ev.key = "drop " + "+".join(sorted({f'{x[2]} {r}' for *x, r in ev.dropped}))
        events.append(ev)
    return events


# Differences that are the guideline's conventions, not rule errors (ANNOTATION.md 8, GUIDELINES 10):
# nothing inside a 《title》 or a quoted slogan, no demonym or currency place (中国人, 美元), organs
# named by their level (市委), one-character country names (驻华, 中美), joint abbreviations split
# ([港][澳]), "the government of X" is X, the project's stop list (中华), regions the gold annotates
# (两岸, 西部, 中西部地区); and FAC, which (b) does not count as a place (MSRA's places include
# buildings: (b') counts them).
CONVENTION_DROPS = ("post-filter: in a 《title》", "post-filter: in a quote", "post-filter: demonym",
                    "post-filter: currency", "post-filter: merchants", "model filter: stoplisted",
                    "model filter: governments", "lost to FAC ", "rule:government_of", "rule:joint_abbr",
                    "rule:country_abbr")
CONVENTION_SOURCES = ("rule:level_organ", "rule:country_abbr", "rule:joint_abbr", "rule:government_of",
                      "rule:region_list")
CONVENTION_REGIONS = frozenset("两岸 西部 东部 中部 东北 中西部 东中西部 东西部 中西部地区 东部地区 西部地区 "
                               "中部地区 东北地区".split())


def _region_whole(ev: Event) -> bool:
    """A region name kept whole where the dev set splits it or drops its 地区 ([江淮] for 江/淮,
    [青藏高原] for 青/藏, [亚太地区] for 亚太; GUIDELINES 10: [京津冀], [长三角地区])."""
    if len(ev.added) != 1 or ev.added[0][3] != "gazetteer" or ev.added[0][2] != "PLACE":
        return False
    s, e = ev.added[0][:2]
    inside = all(s <= ds and de <= e for ds, de, *_ in ev.dropped)
    return inside and (all(de - ds == 1 for ds, de, *_ in ev.dropped) or ev.text[s:e].endswith("地区"))


def is_convention(ev: Event) -> bool:
    """Whether every change of the event follows from a convention of the guideline (see above)."""
    if ev.kind == "drop":
        return all(any(c in why for c in CONVENTION_DROPS) for *_, why in ev.dropped)
    if ev.kind == "recut" and (_region_whole(ev) or all(
            "model filter: governments" in why for *_, why in ev.dropped)):
        return True  # … or 约旦政府 read as 约旦 ("the government of X" is X)
    adds_ok = all(src in CONVENTION_SOURCES or (src == "gazetteer" and ev.text[s:e] in CONVENTION_REGIONS)
                  # an organ named after a bare level: [省林业厅], [市公安局] (GUIDELINES 10)
                  or (src.startswith("rule:org_") and ev.text[s] in "省市区县州")
                  for s, e, _, src in ev.added)
    drops_ok = all(any(c in why for c in CONVENTION_DROPS) or ev.added for *_, why in ev.dropped)
    return adds_ok and drops_ok


def show(ev: Event, width: int = 18) -> str:
    """One event: the changed spans with context, and the gold spans near them."""
    spans = [(s, e) for s, e, *_ in ev.added + ev.dropped]
    lo = max(0, min(s for s, _ in spans) - width)
    hi = min(len(ev.text), max(e for _, e in spans) + width)
    gold = [f"{ev.text[s:e]}/{c}" for s, e, c in ev.gold if s < hi and e > lo]
    adds = ", ".join(f"+[{ev.text[s:e]}]{lab} ({src})" for s, e, lab, src in ev.added)
    drops = ", ".join(f"-[{ev.text[s:e]}]{lab} ({why})" for s, e, lab, why in ev.dropped)
    ctx = ev.text[lo:hi].replace("\n", " ")
    return (f"  - dtp {ev.dtp:+d} dfp {ev.dfp:+d} | {adds} {drops} | …{ctx}… | gold: {' '.join(gold)}"
            f" | {ev.sent_id}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=train_ner.DATA_DIR)
    ap.add_argument("--sets", default="MSRA dev,PD dev,CLUENER dev")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--fac", action="store_true", help="count FAC as PLACE on both sides (b' vs a')")
    ap.add_argument("--examples", type=int, default=3, help="examples shown per bucket")
    ap.add_argument("--bucket", default="", help="only buckets whose key contains this")
    ap.add_argument("--min", type=int, default=2, help="only buckets with at least this many events")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)

    split = train_ner.load_split(args.data)
    events: list[Event] = []
    lines = ["| set | system | " + " | ".join(f"{lab} P / R / F1" for lab in (*LABELS, "ALL")) + " |",
             "|---|---|" + "---|" * (len(LABELS) + 1)]
    for name in args.sets.split(","):
        sents = split.dev[name.strip()]
        if args.limit:
            sents = sents[: args.limit]
        counts: dict[str, Counter] = {"model": Counter(), "pipeline": Counter()}
        for sent in sents:
            events.extend(sentence_events(name.strip(), sent, args.fac, counts))
        # the pipeline with its convention events undone: what its rules score on this set's
        # own conventions (an estimate: each such event's spans go back to the model's)
        undone = Counter(counts["pipeline"])
        for ev in events:
            if ev.set_name == name.strip() and is_convention(ev):
                for labs, sign in ((ev.added, -1), (ev.dropped, +1)):
                    for s_, e_, lab, _ in labs:
                        if (s_, e_) in ev.ignore:
                            continue
                        hit = (s_, e_, lab) in set(ev.gold)
                        for key in (lab, "ALL"):
                            if hit:
                                undone[key, "tp"] += sign
                                undone[key, "fn"] -= sign
                            else:
                                undone[key, "fp"] += sign
        counts["pipeline, conventions undone"] = undone
        for system, c in counts.items():
            cells = []
            for lab in (*LABELS, "ALL"):
                p, r, f = train_ner.prf(c, lab)
                cells.append(f"{p:.3f} / {r:.3f} / **{f:.3f}**")
            lines.append(f"| {name.strip()} | {system} | " + " | ".join(cells) + " |")
    lines.append("")
    by_key: dict[str, list[Event]] = defaultdict(list)
    for ev in events:
        if args.bucket in ev.key:
            by_key[ev.key].append(ev)
    per_set: Counter = Counter()
    for ev in events:
        per_set[ev.set_name, "dtp"] += ev.dtp
        per_set[ev.set_name, "dfp"] += ev.dfp
        per_set[ev.set_name, "n"] += 1
    for name in args.sets.split(","):
        name = name.strip()
        lines.append(f"{name}: {per_set[name, 'n']} events, dtp {per_set[name, 'dtp']:+d}, "
                     f"dfp {per_set[name, 'dfp']:+d}")
    for kind, chosen in (("conventions", True), ("other", False)):
        evs = [ev for ev in events if is_convention(ev) == chosen]
        lines.append(f"all sets, {kind}: {len(evs)} events, dtp {sum(ev.dtp for ev in evs):+d}, "
                     f"dfp {sum(ev.dfp for ev in evs):+d}")
    # worst first: a lost true positive and an added false positive each cost about the same
    order = sorted(by_key.items(), key=lambda kv: sum(ev.dtp - ev.dfp for ev in kv[1]))
    lines.append("")
    lines.append("| bucket | events | dtp | dfp | net (dtp-dfp) | convention events | per set |")
    lines.append("|---|---:|---:|---:|---:|---:|---|")
    for key, evs in order:
        if len(evs) < args.min:
            continue
        dtp, dfp = sum(e.dtp for e in evs), sum(e.dfp for e in evs)
        sets = Counter(e.set_name.split()[0] for e in evs)
        conv = sum(is_convention(e) for e in evs)
        lines.append(f"| {key} | {len(evs)} | {dtp:+d} | {dfp:+d} | {dtp - dfp:+d} | {conv} | "
                     + " ".join(f"{k}:{v}" for k, v in sets.most_common()) + " |")
    if args.examples:
        lines.append("")
        for key, evs in order:
            if len(evs) < args.min:
                continue
            lines.append(f"### {key} ({len(evs)})")
            # the costly ones first
            for ev in sorted(evs, key=lambda e: e.dtp - e.dfp)[: args.examples]:
                lines.append(show(ev))
    report = "\n".join(lines)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The neural alternative to the CRF: a small character CNN with a CRF output layer (PyTorch, CPU).

Trained on exactly the data and development split of scripts/train_ner.py, with the same
inputs the CRF reads (characters, character bigrams, the jieba word shape, the character class
and the gazetteer membership), so that the comparison in the model card is of the models
alone. Its weights are exported as plain numpy arrays and it is scored here with a numpy
forward pass and the package's own Viterbi (`ner_model.CRFModel.viterbi`), which is how it
would run inside the package: PyTorch is needed for training only (`pip install torch`).

    .venv/bin/python scripts/train_ner_neural.py [--minutes 20] [--out /tmp/ner_cnn.npz]

Deterministic for a given machine and thread count (fixed seeds, one thread).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import train_ner  # noqa: E402

from xhextract import ner_model, segment  # noqa: E402

BIGRAM_BUCKETS = 1 << 17
MAX_LEN = 150  # training units are cut into pieces of at most this many characters
DIMS = {"char": 64, "bigram": 32, "shape": 16, "cls": 4, "gaz": 8}
CHANNELS = 128
KERNELS = (5, 3)


def inputs(vocab: ner_model.Vocab, text: str, words: Sequence[tuple[int, int]]) -> np.ndarray:
    """Per character: char id, bigram (prev, cur) bucket, bigram (cur, next) bucket, shape,
    class, gazetteer id (6 x n int64)."""
    c = vocab.char_ids(text)
    prev = np.concatenate([[vocab.n_chars - 1], c[:-1]])
    nxt = np.concatenate([c[1:], [vocab.n_chars - 2]])
    b1 = (prev * vocab.n_chars + c) % BIGRAM_BUCKETS
    b2 = (c * vocab.n_chars + nxt) % BIGRAM_BUCKETS
    return np.stack([c, b1, b2, vocab.shape_ids(text, words), vocab.class_ids(text),
                     ner_model.gazetteer_ids(text)])


def pieces(units: Sequence[train_ner.Sentence]) -> list[train_ner.Sentence]:
    """Units cut into pieces of at most MAX_LEN characters (entities crossing a cut dropped)."""
    out = []
    for u in units:
        if len(u.text) <= MAX_LEN:
            out.append(u)
            continue
        for a in range(0, len(u.text), MAX_LEN):
            b = a + MAX_LEN
            spans = [(s - a, e - a, c) for s, e, c in u.spans if a <= s and e <= b]
            out.append(train_ner.Sentence(u.id, u.text[a:b], spans, []))
    return [u for u in out if u.text]


def build_model(vocab: ner_model.Vocab, n_labels: int):
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.char = nn.Embedding(vocab.n_chars, DIMS["char"])
            self.bigram = nn.Embedding(BIGRAM_BUCKETS, DIMS["bigram"])
            self.shape = nn.Embedding(vocab.n_shapes, DIMS["shape"])
            self.cls = nn.Embedding(ner_model.N_CLASSES, DIMS["cls"])
            self.gaz = nn.Embedding(ner_model.N_GAZ, DIMS["gaz"])
            d = DIMS["char"] + 2 * DIMS["bigram"] + DIMS["shape"] + DIMS["cls"] + DIMS["gaz"]
            convs, width = [], d
            for k in KERNELS:
                convs.append(nn.Conv1d(width, CHANNELS, k, padding=k // 2))
                width = CHANNELS
            self.convs = nn.ModuleList(convs)
            self.out = nn.Linear(CHANNELS, n_labels)
            self.trans = nn.Parameter(torch.zeros(n_labels, n_labels))
            self.drop = nn.Dropout(0.2)

        def forward(self, x):  # x: (B, 6, T) -> (B, T, L)
            e = torch.cat([self.char(x[:, 0]), self.bigram(x[:, 1]), self.bigram(x[:, 2]),
                           self.shape(x[:, 3]), self.cls(x[:, 4]), self.gaz(x[:, 5])], dim=-1)
            h = self.drop(e).transpose(1, 2)
            for conv in self.convs:
                h = torch.relu(conv(h))
            return self.out(self.drop(h.transpose(1, 2)))

    return Net()


def crf_nll(em, tags, mask, trans):
    """Negative log-likelihood of the gold tags under a linear-chain CRF (no start/end scores)."""
    import torch

    b, t, _ = em.shape
    gold = em.gather(2, tags.unsqueeze(-1)).squeeze(-1)
    pair = trans[tags[:, :-1], tags[:, 1:]]
    score = (gold * mask).sum(1) + (pair * mask[:, 1:]).sum(1)
    alpha = em[:, 0]
    for i in range(1, t):
        step = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + em[:, i]
        alpha = torch.where(mask[:, i : i + 1] > 0, step, alpha)
    return (torch.logsumexp(alpha, dim=1) - score).sum()


def export(net, labels: Sequence[str]) -> dict[str, np.ndarray]:
    """The trained weights as numpy arrays (what the package would ship)."""
    sd = {k: v.detach().numpy().astype(np.float32) for k, v in net.state_dict().items()}
    sd["labels"] = np.array(json.dumps(list(labels)))
    return sd


def forward_numpy(w: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """Emission scores (n x L) of one sequence from its inputs (6 x n), in numpy."""
    e = np.concatenate([w["char.weight"][x[0]], w["bigram.weight"][x[1]], w["bigram.weight"][x[2]],
                        w["shape.weight"][x[3]], w["cls.weight"][x[4]], w["gaz.weight"][x[5]]], axis=1)
    h = e
    for i, k in enumerate(KERNELS):
        wt, bias = w[f"convs.{i}.weight"], w[f"convs.{i}.bias"]  # (out, in, k)
        pad = np.pad(h, ((k // 2, k // 2), (0, 0)))
        cols = np.concatenate([pad[j : j + len(h)] for j in range(k)], axis=1)  # n x (k*in)
        h = np.maximum(cols @ np.ascontiguousarray(wt.transpose(2, 1, 0).reshape(-1, wt.shape[0])) + bias, 0)
    return h @ w["out.weight"].T + w["out.bias"]


def decode(w: dict[str, np.ndarray], labels: Sequence[str], vocab: ner_model.Vocab,
           text: str) -> list[tuple[int, int, str]]:
    """PER/ORG/PLACE spans of `text` (tagged a sentence at a time, as the CRF is)."""
    if not text:
        return []
    words = segment.word_spans(text)
    spans = ner_model.sentences(text)
    if not spans:
        return []
    x = inputs(vocab, text, words)
    scores = np.concatenate([forward_numpy(w, x[:, s:e]) for s, e in spans])
    lengths = np.array([e - s for s, e in spans], dtype=np.int64)
    best = ner_model.CRFModel.viterbi(SimpleNamespace(transitions=w["trans"]), scores, lengths)
    return ner_model._decode_spans(labels, best, spans, lengths)


def main(argv: Sequence[str] | None = None) -> int:
    import torch

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=20.0, help="training time budget")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path("/tmp/ner_cnn.npz"))
    ap.add_argument("--result", type=Path, default=None, help="write the scores as JSON here")
    args = ap.parse_args(argv)
    torch.manual_seed(0)
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)

    t0 = time.perf_counter()
    split = train_ner.load_split()
    units = pieces(train_ner.sentence_units(split.train))
    vocab = train_ner.build_vocab(units)
    labels = ["O"] + [f"{p}-{c}" for c in train_ner.CLASSES for p in "BIES"]
    li = {lab: i for i, lab in enumerate(labels)}
    data = []
    for u in units:
        x = inputs(vocab, u.text, segment.word_spans(u.text))
        y = np.array([li[t] for t in train_ner.bio_tags(u)], dtype=np.int64)
        data.append((x, y))
    print(f"inputs of {len(data):,} pieces in {time.perf_counter() - t0:.0f} s", flush=True)

    net = build_model(vocab, len(labels))
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    order = np.argsort([len(y) for _, y in data], kind="stable")
    batches = [order[i : i + 64] for i in range(0, len(order), 64)]
    t_train = time.perf_counter()
    epochs_done = 0
    for epoch in range(args.epochs):
        rng.shuffle(batches)
        net.train()
        total = 0.0
        for bi, batch in enumerate(batches):
            tmax = max(len(data[i][1]) for i in batch)
            x = np.zeros((len(batch), 6, tmax), dtype=np.int64)
            y = np.zeros((len(batch), tmax), dtype=np.int64)
            m = np.zeros((len(batch), tmax), dtype=np.float32)
            for r, i in enumerate(batch):
                n = len(data[i][1])
                x[r, :, :n], y[r, :n], m[r, :n] = data[i][0], data[i][1], 1
            em = net(torch.from_numpy(x))
            loss = crf_nll(em, torch.from_numpy(y), torch.from_numpy(m), net.trans)
            opt.zero_grad()
            (loss / len(batch)).backward()
            opt.step()
            total += float(loss)
            if time.perf_counter() - t_train > args.minutes * 60:
                break
            if bi % 200 == 0:
                print(f"epoch {epoch} batch {bi}/{len(batches)} loss {total / (bi + 1) / 64:.3f} "
                      f"({time.perf_counter() - t_train:.0f} s)", flush=True)
        epochs_done = epoch + (bi + 1) / len(batches)
        if time.perf_counter() - t_train > args.minutes * 60:
            break
    seconds = time.perf_counter() - t_train
    net.eval()
    w = export(net, labels)
    np.savez_compressed(args.out, **w)
    print(f"trained {epochs_done:.2f} epochs in {seconds:.0f} s -> {args.out} "
          f"({args.out.stat().st_size / 1e6:.1f} MB)", flush=True)

    result = {"epochs": round(epochs_done, 2), "seconds": round(seconds), "f1": {},
              "size_mb": round(args.out.stat().st_size / 1e6, 1)}
    for name, sents in split.dev.items():
        pred = [decode(w, labels, vocab, s.text) for s in sents]
        counts = train_ner.strict_counts([s.gold for s in sents], pred, train_ner.CLASSES,
                                         [s.ignore for s in sents])
        result["f1"][name] = {lab: round(train_ner.prf(counts, lab)[2], 4)
                              for lab in (*train_ner.CLASSES, "ALL")}
        print(name, result["f1"][name], flush=True)
    text = "\n".join(s.text for s in split.cluener_dev + split.msra_dev)
    x = inputs(vocab, text, segment.word_spans(text))
    t = time.perf_counter()
    forward_numpy(w, x)  # one pass over the whole text: the cost of the arithmetic alone
    result["chars_per_s_forward"] = round(len(text) / (time.perf_counter() - t))
    print(f"numpy forward: {result['chars_per_s_forward'] / 1000:.0f}K chars/s", flush=True)
    if args.result:
        args.result.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

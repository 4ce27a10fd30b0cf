"""Exact duplicates and near-copies (a wire story republished under a new headline, its ending trimmed).

Text is normalised (case and diacritics folded, cedilla/comma-below unified, punctuation dropped) and cut into
overlapping word shingles. An exact duplicate has the same normalised body (``content_key``). Near-copies are
found with MinHash signatures (``datasketch``) split into LSH bands: two articles that share a band are
candidates, and a candidate is a copy when the exact shingle *containment* (shared shingles over the shorter
article's) reaches :data:`COPY_CONTAINMENT` — containment rather than Jaccard, so a copy whose last paragraphs
were cut is still a copy. Band keys are short strings, so the LSH index lives in the store (one indexed table)
and works incrementally, article by article.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Set
from dataclasses import dataclass

from newsgraph.normalize import fold, normalize_ro

SHINGLE = 4  # words per shingle
NUM_PERM = 64  # MinHash permutations
BANDS = 16  # LSH bands of NUM_PERM // BANDS rows: a pair with Jaccard 0.5 shares a band with probability ~0.65,
# one with Jaccard 0.7 with probability ~0.99 (1 - (1 - J^4)^16)
ROWS = NUM_PERM // BANDS
COPY_CONTAINMENT = 0.6  # shared shingles / shingles of the shorter text
SEED = 1

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Folded word tokens (lower case, no diacritics) of a text."""
    return _WORD.findall(fold(normalize_ro(text or "")))


def shingles(text: str, size: int = SHINGLE, toks: list[str] | None = None) -> set[str]:
    toks = words(text) if toks is None else toks
    if len(toks) < size:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i:i + size]) for i in range(len(toks) - size + 1)}


def content_key(text: str, toks: list[str] | None = None) -> str:
    """Hash of the normalised body: equal for exact duplicates (whitespace, case, diacritics aside)."""
    return hashlib.sha1(" ".join(words(text) if toks is None else toks).encode("utf-8")).hexdigest()


@dataclass
class Fingerprint:
    content: str  # content_key of the body
    bands: list[str]  # LSH band keys ("<band>:<hash>")
    size: int  # number of shingles
    shingles: frozenset[int] = frozenset()  # hashes of the shingles (this process's str hash), for containment


def fingerprint(text: str) -> Fingerprint:
    from datasketch import MinHash

    toks = words(text)
    sh = shingles(text, toks=toks)
    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    m.update_batch([s.encode("utf-8") for s in sh])
    values = m.hashvalues
    bands = []
    for b in range(BANDS):
        chunk = values[b * ROWS:(b + 1) * ROWS].tobytes()
        bands.append(f"{b}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return Fingerprint(content_key(text, toks), bands if sh else [], len(sh), frozenset(map(hash, sh)))


def containment(a: str, b: str) -> float:
    """Shared shingles over the shorter text's shingles (1.0: one text holds the other whole)."""
    return shingle_containment(shingles(a), shingles(b))


def shingle_containment(sa: Set, sb: Set) -> float:
    """:func:`containment` of two texts already cut into shingles (or shingle hashes, :attr:`Fingerprint.shingles`)."""
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def is_copy(a: str, b: str) -> bool:
    return containment(a, b) >= COPY_CONTAINMENT

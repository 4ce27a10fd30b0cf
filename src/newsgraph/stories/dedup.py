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
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from newsgraph.normalize import fold, normalize_ro

SHINGLE = 4  # words per shingle
NUM_PERM = 64  # MinHash permutations
BANDS = 16  # LSH bands of NUM_PERM // BANDS rows: a pair with Jaccard 0.5 shares a band with probability ~0.65,
# one with Jaccard 0.7 with probability ~0.99 (1 - (1 - J^4)^16)
ROWS = NUM_PERM // BANDS
COPY_CONTAINMENT = 0.6  # shared shingles / shingles of the shorter text
SEED = 1

_WORD = re.compile(r"\w+")


def folded(text: str) -> str:
    """The text as the shingles and the story features read it: cedilla -> comma-below, then
    :func:`~newsgraph.normalize.fold` (folded once per article and shared, :func:`fingerprint`)."""
    return fold(normalize_ro(text or ""))


def words(text: str, folded_text: str | None = None) -> list[str]:
    """Folded word tokens (lower case, no diacritics) of a text (``folded_text``: :func:`folded` of it, if known)."""
    return _WORD.findall(folded(text) if folded_text is None else folded_text)


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
    #: the shingles' 32-bit hashes (the ones MinHash reads), sorted and unique: what :func:`array_containment`
    #: compares, and what the store keeps (:func:`pack`) so a stored article is never cut into shingles again
    shingles: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """MinHash's affine permutations ``h -> a * h + b mod 2**32`` (``a`` odd), drawn from ``seed`` exactly as
    ``datasketch.MinHash(num_perm, seed)`` draws them (its default "affine32" scheme, datasketch >= 2.0); the
    same for every article, so drawn once per process."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer (datasketch's pre-mix of each input hash before the permutations)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash(hashes: np.ndarray, num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint32 values) of a set given by its 32-bit hashes: the values
    ``datasketch.MinHash(num_perm, seed).update_batch(...)`` gives the same shingles (a regression test holds
    the two equal), computed here in three numpy operations. Not datasketch itself: importing it imports
    scipy, 1.5-2 s of every ingest process's start, more than placing a thousand articles costs otherwise
    (docs/stories.md, "Cost")."""
    a, b = _permutations(num_perm, seed)
    if not len(hashes):
        return np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    with np.errstate(over="ignore"):
        return (_fmix32(hashes.astype(np.uint32)).reshape(-1, 1) * a + b).min(axis=0)


def shingle_hashes(sh: Set[str]) -> np.ndarray:
    """The 32-bit hashes MinHash gives these shingles (``datasketch.hashfunc.sha1_hash32``: the first four
    bytes of SHA-1, little-endian), sorted, unique."""
    return _sha1_32([s.encode("utf-8") for s in sh])


def _sha1_32(shingles_utf8) -> np.ndarray:
    """:func:`shingle_hashes` of UTF-8 encoded shingles: one SHA-1 digest each (the list comprehension is the
    whole Python-level cost), their first four bytes cut out of the joined digests by numpy."""
    sha1 = hashlib.sha1
    raw = b"".join([sha1(s).digest() for s in shingles_utf8])
    if not raw:
        return np.zeros(0, dtype=np.uint32)
    return np.unique(np.frombuffer(raw, dtype=np.uint8).reshape(-1, 20)[:, :4].copy().view("<u4").ravel()
                     .astype(np.uint32))


def token_shingle_hashes(toks: list[str], size: int = SHINGLE) -> tuple[np.ndarray, int]:
    """:func:`shingle_hashes` of :func:`shingles` of these tokens, and the number of shingles, without making
    the shingle strings: the tokens are encoded once and each shingle is the UTF-8 bytes of its words joined by
    spaces (the encoding of the joined string; a regression test holds the two paths equal)."""
    if len(toks) < size:
        grams = {" ".join(toks).encode("utf-8")} if toks else set()
    else:
        enc = [w.encode("utf-8") for w in toks]
        grams = set(map(b" ".join, zip(*(enc[i:] for i in range(size)))))
    return _sha1_32(grams), len(grams)


def fingerprint(text: str, folded_text: str | None = None, toks: list[str] | None = None) -> Fingerprint:
    """Content key, LSH band keys and shingle hashes of a body (``folded_text``: :func:`folded` of it, if known;
    ``toks``: :func:`words` of it, if known)."""
    toks = words(text, folded_text) if toks is None else toks
    hashes, size = token_shingle_hashes(toks)
    bands = []
    if size:
        values = minhash(hashes)
        blake2b = hashlib.blake2b
        bands = [f"{b}:{blake2b(values[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).hexdigest()}"
                 for b in range(BANDS)]
    return Fingerprint(content_key(text, toks), bands, size, hashes)


def pack(hashes: np.ndarray) -> bytes:
    """Shingle hashes as stored (little-endian uint32s)."""
    return hashes.astype("<u4").tobytes()


def unpack(blob: bytes | None) -> np.ndarray | None:
    return None if blob is None else np.frombuffer(bytes(blob), dtype="<u4")


def array_containment(a: np.ndarray, b: np.ndarray) -> float:
    """:func:`shingle_containment` of two sorted unique hash arrays (:attr:`Fingerprint.shingles`)."""
    if not len(a) or not len(b):
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / min(len(a), len(b))


def shared_counts(a: np.ndarray, others: list[np.ndarray]) -> list[int]:
    """How many hashes of the sorted unique array ``a`` each of ``others`` (sorted unique arrays) holds: the
    numerators of :func:`array_containment` for one article against all its copy candidates, in one
    ``searchsorted`` over their concatenation instead of an ``intersect1d`` each (10 us apiece)."""
    if not others:
        return []
    if not len(a):
        return [0] * len(others)
    flat = np.concatenate(others)
    hit = a[np.minimum(np.searchsorted(a, flat), len(a) - 1)] == flat
    sizes = np.array([len(o) for o in others])
    ends = np.cumsum(sizes)
    totals = np.concatenate(([0], np.cumsum(hit, dtype=np.int64)))
    return (totals[ends] - totals[ends - sizes]).tolist()


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

"""Matching the event dictionaries' multi-word verb patterns against the words around a verb: each pattern item
a set of alternatives, pre-split once (:class:`Alts`), matched in order with bounded gaps, and a cheap necessary
condition (:func:`may_match`) that skips most patterns before they are matched. Used by
:class:`newsgraph.enrich.events.coder.Coder`."""

from __future__ import annotations


def subseq(words: list[str], seq: list[str]) -> bool:
    it = iter(seq)
    return all(any(x == w for x in it) for w in words)


def word_eq(pattern: str, word: str) -> bool:
    return pattern == word or (len(pattern) >= 5 and word.startswith(pattern))


class Alts:
    """One pattern item (alternatives, each one or more words), pre-split, with the alternatives' first words as
    a set (exact) and a tuple (prefixes of 5+ letters) to reject a position in one lookup: the same matches as
    the plain matcher it replaced (kept as the oracle in ``tests/unit/test_speedups.py``), without re-splitting
    every alternative at every position."""

    __slots__ = ("options", "exact", "prefixes", "prefix_set", "has_empty")

    def __init__(self, options: list[str]):
        self.options = [tuple(opt.split()) for opt in options]
        self.has_empty = any(not ow for ow in self.options)
        self.exact = frozenset(ow[0] for ow in self.options if ow)
        self.prefixes = tuple({ow[0] for ow in self.options if ow and len(ow[0]) >= 5})
        self.prefix_set = frozenset(self.prefixes)


def word_keys(seq: list[str]) -> set[str]:
    """The words of ``seq`` and their prefixes of 5+ letters: an item whose first words meet none of them cannot
    match anywhere in ``seq`` (see :func:`may_match`)."""
    keys = set(seq)
    for w in keys.copy():
        keys.update(w[:n] for n in range(5, len(w)))
    return keys


def may_match(alts: tuple[Alts, ...], keys: set[str]) -> bool:
    """False when some item of ``alts`` can start at no word whose keys (:func:`word_keys`) are given: a
    necessary condition of :func:`alts_match`, checked with set operations."""
    return all(item.has_empty or not item.exact.isdisjoint(keys) or not item.prefix_set.isdisjoint(keys)
               for item in alts)


def alts_match(alts: tuple[Alts, ...], seq: list[str], gap: int = 6) -> bool:
    """Each item's alternatives found in order in ``seq``, with gaps of at most ``gap`` words."""
    pos, size = 0, len(seq)
    for item in alts:
        hit = None
        for j in range(pos, min(size, pos + gap + 1)):
            w = seq[j]
            if not item.has_empty and w not in item.exact and not (item.prefixes and w.startswith(item.prefixes)):
                continue
            for ow in item.options:
                if all(j + n < size and word_eq(ow[n], seq[j + n]) for n in range(len(ow))):
                    hit = j + len(ow)
                    break
            if hit is not None:
                break
        if hit is None:
            return False
        pos = hit
    return True


def glued_match(alts: tuple[Alts, ...], seq: list[str], glue: tuple[bool, ...], end: bool = False,
                gap: int = 6) -> bool:
    """:func:`alts_match` with PETRARCH's ``_`` connector: an item whose ``glue`` is true must start right where
    the previous one ended (the first item after the verb: right after it); with ``end`` the last item must end
    the sequence (``IN_*``: right before the verb). Backtracks over the earlier items' positions."""
    size = len(seq)

    def at(item: Alts, j: int) -> list[int]:
        w = seq[j]
        if not item.has_empty and w not in item.exact and not (item.prefixes and w.startswith(item.prefixes)):
            return []
        return [j + len(ow) for ow in item.options
                if all(j + n < size and word_eq(ow[n], seq[j + n]) for n in range(len(ow)))]

    def go(k: int, pos: int) -> bool:
        if k == len(alts):
            return not end or pos == size
        starts = [pos] if glue[k] else range(pos, min(size, pos + gap + 1))
        for j in starts:
            if j < size and any(go(k + 1, h) for h in at(alts[k], j)):
                return True
        return False

    return go(0, 0)

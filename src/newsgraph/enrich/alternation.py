r"""Regular-expression alternations of many literal words, grouped by first letter for ``re``'s sake.

``re`` tries the alternatives of ``(?:word1|word2|…)`` one after the other at every position it searches; with
``re.I`` it cannot even skip an alternative on its first character quickly. Grouped by first letter
(``a(?:r\s+fi|m|)|v(?:a|or)``) it tries one letter per group instead, which made the speech-verb pattern of the
quote stage six times faster. The grouped pattern matches exactly what the flat one matches, with the same
groups: alternatives whose first letters differ never match at one position (checked under ``re.I`` when the
pattern ignores case), so their order does not matter, and the order within a group is kept.
"""

from __future__ import annotations

import re


def by_first_letter(forms: list[str], ignore_case: bool) -> str | None:
    r"""The body of ``(?:…)`` for the literal ``forms`` in this order (each escaped, a space matching ``\s+``, as the
    flat ``"|".join`` writes them), grouped by first letter; ``None`` (use the flat alternation) when a form does
    not start with a letter, when ``ignore_case`` and a form starts with a capital, or when two groups' letters
    match each other under ``re.I``."""
    groups: dict[str, list[str]] = {}
    for f in forms:
        first = f[:1]
        if not first.isalpha() or (ignore_case and not first.islower()):
            return None
        groups.setdefault(first, []).append(re.escape(f[1:]).replace(r"\ ", r"\s+"))
    if not groups:
        return None
    if ignore_case and any(re.fullmatch(re.escape(a), b, re.I) for a in groups for b in groups if a != b):
        return None
    return "|".join(re.escape(k) + "(?:" + "|".join(rest) + ")" for k, rest in groups.items())

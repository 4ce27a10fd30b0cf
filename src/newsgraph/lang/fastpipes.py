"""Exact, cheaper stand-ins for two rule-based components of a loaded spaCy pipeline (``en_core_web_sm``'s
``attribute_ruler`` and ``lemmatizer``); :func:`speed_up` swaps them in where they apply.

**Attribute ruler.**

spaCy's ruler runs a ``Matcher`` with every rule (179 in ``en_core_web_sm`` 3.8: the tag map, ``LOWER``+``TAG``
exceptions, a few rules on ``DEP``, ``IS_SPACE``, regular expressions and two-token patterns) over every token,
then sets the matched tokens' attributes one ``Span`` at a time, rules in order (a later rule wins). That costs
about an eighth of the model's time. :class:`FastAttributeRuler` computes the same thing per distinct *key*: the
values a token has for the attributes the rules read (``Doc.to_array``, as the ``Matcher`` reads them: before any
rule is applied), where a value that no rule names (and no ``REGEX`` matches) becomes ``OTHER``, since it passes
and fails the same tests. A key's outcome — per set attribute, the value of the last single-token rule that
matches, and which multi-token patterns can start there — is computed once and memoised (a few hundred keys
cover a corpus); multi-token patterns are checked only where their first token matches; the attributes are
written with ``Doc.from_array``, the last matching rule winning as in spaCy's ruler. It is built from the loaded
ruler (its patterns, attributes and indices), so a model with other rules gets its own rules.

Only what the ruler's patterns use is supported — per-token ``ORTH``/``LOWER``/``TAG``/``POS``/``DEP``/
``LEMMA``/``NORM`` values, ``IN``/``NOT_IN`` lists, ``REGEX``, ``IS_*`` flags, no operators (``OP``) — and only
``TAG``/``POS``/``MORPH``/``LEMMA``/``DEP`` as set attributes: :func:`replace_attribute_ruler` leaves a ruler with
anything else in place (``None``). ``tests/unit/test_fastruler.py`` checks the result against spaCy's ruler.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.strings import get_string_id

#: Token attributes a rule may test (as the Matcher reads them) and attributes it may set.
_READ = {"ORTH", "LOWER", "TAG", "POS", "DEP", "LEMMA", "NORM"}
_WRITE = {TAG: "TAG", POS: "POS", MORPH: "MORPH", LEMMA: "LEMMA", DEP: "DEP"}
FACTORY = "newsgraph_fast_attribute_ruler"
LEMMATIZER_FACTORY = "newsgraph_memo_lemmatizer"
OTHER = -1  # a key's value for "none that a rule names" (string hashes are unsigned)
_MEMO_MAX = 200_000
_BITS = 16  # bits per attribute in a packed key


class _Overflow(Exception):
    """More distinct attribute values than a packed key has bits for."""


class Unsupported(ValueError):
    """A ruler pattern or attribute this implementation does not cover (the ruler is then kept)."""


def _test(attr: str, spec) -> tuple:
    """One token test as a hashable key: (attribute, operator, value)."""
    if attr.startswith("IS_"):
        if not isinstance(spec, bool):
            raise Unsupported(f"{attr}: {spec!r}")
        return attr, "==", int(spec)
    if attr not in _READ:
        raise Unsupported(f"attribute {attr!r}")
    if isinstance(spec, str):
        return attr, "==", get_string_id(spec)
    if isinstance(spec, dict) and len(spec) == 1:
        (op, value), = spec.items()
        if op in ("IN", "NOT_IN") and isinstance(value, list) and all(isinstance(v, str) for v in value):
            return attr, op, tuple(sorted({get_string_id(v) for v in value}))
        if op == "REGEX" and isinstance(value, str):
            return attr, op, value
    raise Unsupported(f"{attr}: {spec!r}")


class _DocByDoc:
    """``pipe`` as spaCy's components have it, one document at a time (the work has no batch step)."""

    def pipe(self, stream, batch_size: int = 128):
        for doc in stream:
            yield self(doc)


class FastAttributeRuler(_DocByDoc):
    """The rules of a loaded ``AttributeRuler``, applied with arrays (see the module docstring)."""

    def __init__(self, vocab, name: str = "attribute_ruler"):
        self.vocab = vocab
        self.name = name
        self.rules: list[tuple[list[list[tuple]], int, dict[int, int]]] = []
        self.read: list[str] = []
        self.write: list[int] = []
        self._single = self._multi = self._memo = None  # built on first use from the rules
        self.fallback = None  # spaCy's ruler, kept for a doc too varied for packed keys

    def compile(self, ruler) -> FastAttributeRuler:
        """Take the rules of ``ruler`` (an ``AttributeRuler``); :class:`Unsupported` for what is not covered."""
        rules, read, write = [], set(), set()
        for k, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices)):
            _, patterns = ruler.matcher.get(str(k))
            tests = []
            for pattern in patterns:
                if not pattern:
                    raise Unsupported("empty pattern")
                token_tests = []
                for spec in pattern:
                    if "OP" in spec or "_" in spec:
                        raise Unsupported(f"pattern token {spec!r}")
                    token_tests.append([_test(a, v) for a, v in spec.items()])
                    read.update(a for a, _, _ in token_tests[-1])
                if not -len(pattern) <= index < len(pattern):
                    raise Unsupported(f"index {index} outside a pattern of {len(pattern)} tokens")
                tests.append(token_tests)
            if any(a not in _WRITE for a in attrs):
                raise Unsupported(f"set attributes {sorted(attrs)}")
            rules.append((tests, index, dict(attrs)))
            write.update(attrs)
        if len(read) * _BITS > 64:
            raise Unsupported(f"rules read {len(read)} attributes")
        self.rules, self.read, self.write = rules, sorted(read), sorted(write)
        self._single = None
        return self

    def __call__(self, doc):
        n = len(doc)
        if n == 0 or not self.rules:
            return doc
        if self._single is None:
            self._split()
        if len(self._memo) > _MEMO_MAX or any(len(ids) > _MEMO_MAX for ids in self._ids) or \
                any(len(c) >= (1 << _BITS) - n for c in self._class_ids):  # room for this doc's new values
            self._clear()
        try:
            return self._apply(doc, n)
        except _Overflow:  # one doc with more distinct values than a key has room for: spaCy's ruler
            self._clear()
            if self.fallback is None:
                raise ValueError(f"{n}-token doc: too many distinct values for {self.name}") from None
            return self.fallback(doc)

    def _apply(self, doc, n: int):
        # each token's key: per attribute read, a small id of its value (named by a rule, matched by a REGEX,
        # or OTHER), packed in one integer; the rules are evaluated once per distinct key (memoised)
        cols = doc.to_array(self.read).reshape((n, len(self.read)))
        packed = numpy.zeros(n, dtype=numpy.uint64)
        for p in range(len(self.read)):
            uniq, inverse = numpy.unique(cols[:, p], return_inverse=True)
            ids = numpy.array([self._small(p, v) for v in uniq.tolist()], dtype=numpy.uint64)
            packed |= ids[inverse.reshape(-1)] << numpy.uint64(_BITS * p)
        ukeys, kinv = numpy.unique(packed, return_inverse=True)
        kinv = kinv.reshape(-1)
        results = [self._result(int(u)) for u in ukeys.tolist()]
        out = doc.to_array(self.write).reshape((n, len(self.write)))
        changed = False
        for j in range(len(self.write)):
            sets = numpy.array([j in r[0] for r in results], dtype=bool)
            if sets.any():
                values = numpy.array([r[0][j][1] if j in r[0] else 0 for r in results], dtype=numpy.uint64)
                where = sets[kinv]
                new = values[kinv]
                if (out[where, j] != new[where]).any():
                    out[where, j] = new[where]
                    changed = True
        firsts = [u for u, r in enumerate(results) if r[1]]
        if firsts:  # the multi-token rules (few): where a pattern's first token holds
            final: dict[int, dict] = {}
            for i0 in numpy.flatnonzero(numpy.isin(kinv, firsts)).tolist():
                for k, pattern, index, written in results[kinv[i0]][1]:
                    length = len(pattern)
                    if i0 + length <= n and all(self._holds(tests, results[kinv[i0 + o]][2])
                                                for o, tests in enumerate(pattern[1:], 1)):
                        i = i0 + (index if index >= 0 else length + index)
                        merged = final.setdefault(i, dict(results[kinv[i]][0]))
                        for j, value in written:
                            if merged.get(j, (-1, 0))[0] < k:
                                merged[j] = (k, value)
            for i, merged in final.items():
                for j, (_, value) in merged.items():
                    if out[i, j] != value:
                        out[i, j] = value
                        changed = True
        if changed:
            doc.from_array(self.write, out)
        return doc

    def _small(self, p: int, value: int) -> int:
        """The small id of an attribute value in keys (0: OTHER)."""
        ids = self._ids[p]
        small = ids.get(value)
        if small is None:
            cls = self._reduce[p](value) if p in self._reduce else value
            small = ids[value] = self._class_ids[p].setdefault(cls, len(self._class_ids[p]))
            self._classes[p][small] = cls
            if small >= 1 << _BITS:
                raise _Overflow
        return small

    def _result(self, packed: int) -> tuple[dict, list, tuple]:
        res = self._memo.get(packed)
        if res is None:
            mask = (1 << _BITS) - 1
            key = tuple(self._classes[p][(packed >> (_BITS * p)) & mask] for p in range(len(self.read)))
            res = self._memo[packed] = (*self._single_result(key), key)
        return res

    def _clear(self) -> None:
        self._memo = {}
        self._ids = [{} for _ in self.read]
        self._class_ids = [{OTHER: 0} for _ in self.read]
        self._classes = [{0: OTHER} for _ in self.read]

    # -- rule evaluation on one token's key (the values of ``self.read``, in order)
    def _split(self) -> None:
        pos = {a: p for p, a in enumerate(self.read)}
        col = {a: j for j, a in enumerate(self.write)}
        strings = self.vocab.strings

        def compile_test(test):
            attr, op, value = test
            p = pos[attr]
            if op == "==":
                return lambda key: key[p] == value
            if op in ("IN", "NOT_IN"):
                values, want = frozenset(value), op == "IN"
                return lambda key: (key[p] in values) == want
            rx = re.compile(value)
            return lambda key: key[p] != OTHER and bool(rx.search(strings[key[p]]))

        # A value that no test names and no REGEX matches passes and fails the same tests as any other such
        # value: keys carry OTHER instead (so few keys are evaluated), per attribute except the IS_ flags.
        named: dict[int, set] = {}
        regexes: dict[int, list] = {}
        for tests, _, _ in self.rules:
            for pattern in tests:
                for one in pattern:
                    for attr, op, value in one:
                        if attr.startswith("IS_"):
                            continue
                        if op == "REGEX":
                            regexes.setdefault(pos[attr], []).append(re.compile(value))
                        else:
                            named.setdefault(pos[attr], set()).update(value if op in ("IN", "NOT_IN") else (value,))

        def reducer(names: set, rxs: list):
            seen: dict[int, int] = {}

            def reduce(value: int) -> int:
                out = seen.get(value)
                if out is None:
                    if len(seen) > _MEMO_MAX:
                        seen.clear()
                    out = seen[value] = value if value in names or any(
                        rx.search(strings[value]) for rx in rxs) else OTHER
                return out
            return reduce

        self._reduce = {p: reducer(named.get(p, set()), regexes.get(p, []))
                        for p, a in enumerate(self.read) if not a.startswith("IS_")}

        self._single, self._multi = [], []
        self._clear()
        self._by_value: dict[tuple[int, int], list] = {}  # (key position, value) -> rules needing it
        self._always: list = []  # single-token rules with no equality test: tried on every key
        for k, (tests, index, attrs) in enumerate(self.rules):
            patterns = [[[compile_test(t) for t in one] for one in pattern] for pattern in tests]
            written = [(col[a], v) for a, v in attrs.items()]
            if all(len(p) == 1 for p in patterns):
                rule = (k, [p[0] for p in patterns], written)
                self._single.append(rule)
                # indexed under one equality test of each alternative; a rule with an alternative without one
                # is tried on every key
                firsts = [next(((pos[a], v) for a, op, v in pattern[0] if op == "=="), None) for pattern in tests]
                if None in firsts:
                    self._always.append(rule)
                else:
                    for first in firsts:
                        self._by_value.setdefault(first, []).append(rule)
            else:
                self._multi.append((k, patterns, index, written))

    @staticmethod
    def _holds(tests, key) -> bool:
        return all(t(key) for t in tests)

    def _single_result(self, key) -> tuple[dict, list]:
        """For a token with this key: column -> (rule, value) of the last single-token rule that sets it, and
        the multi-token patterns whose first token it can be."""
        candidates = {rule[0]: rule for rule in self._always}
        for p, value in enumerate(key):
            candidates.update((rule[0], rule) for rule in self._by_value.get((p, value), ()))
        res: dict = {}
        for k in sorted(candidates):
            _, alternatives, written = candidates[k]
            if any(self._holds(tests, key) for tests in alternatives):
                for j, value in written:
                    res[j] = (k, value)
        firsts = [(k, pattern, index, written) for k, patterns, index, written in self._multi
                  for pattern in patterns if self._holds(pattern[0], key)]
        return res, firsts



@Language.factory(FACTORY)
def _make(nlp, name: str):
    return FastAttributeRuler(nlp.vocab, name)


def replace_attribute_ruler(nlp, name: str = "attribute_ruler") -> FastAttributeRuler | None:
    """Swap ``nlp``'s ruler ``name`` for a :class:`FastAttributeRuler` with the same rules, in place; ``None``
    (nothing changed) when there is no such ruler or its rules use what the fast one does not cover."""
    from spacy.pipeline import AttributeRuler

    if name not in nlp.component_names or not isinstance(nlp.get_pipe(name), AttributeRuler):
        return None
    ruler = nlp.get_pipe(name)
    try:
        fast = FastAttributeRuler(nlp.vocab, name).compile(ruler)
    except Unsupported:
        return None
    new = nlp.replace_pipe(name, FACTORY)
    new.rules, new.read, new.write, new._single = fast.rules, fast.read, fast.write, None
    new.fallback = ruler
    return new


class MemoLemmatizer(_DocByDoc):
    """A spaCy rule or lookup ``Lemmatizer`` (``inner``), memoised: its lemma is a function of a token's text, part
    of speech and morphology alone (the rule lemmatizer, English's ``is_base_form`` included, reads nothing
    else), so each distinct (ORTH, POS, MORPH) is lemmatised once by ``inner`` and the lemmas are written with
    ``Doc.from_array``, to the tokens ``inner`` would set (those without a lemma, or all with ``overwrite``)."""

    def __init__(self, vocab, name: str = "lemmatizer"):
        self.vocab = vocab
        self.name = name
        self.inner = None
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc):
        n = len(doc)
        if n == 0:
            return doc
        inner, memo = self.inner, self._memo
        if not inner._validated:  # as the Lemmatizer does on its first call
            from spacy.errors import Errors

            inner._validate_tables(Errors.E1004)
        if len(memo) > _MEMO_MAX:
            memo.clear()
        cols = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = cols[:, 3].copy()
        todo = range(n) if inner.overwrite else numpy.flatnonzero(lemmas == 0).tolist()
        rows = cols.tolist()
        for i in todo:
            key = tuple(rows[i][:3])
            lemma = memo.get(key)
            if lemma is None:
                lemma = memo[key] = self.vocab.strings.add(inner.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        if len(todo):
            doc.from_array([LEMMA], lemmas)
        return doc



@Language.factory(LEMMATIZER_FACTORY)
def _make_lemmatizer(nlp, name: str):
    return MemoLemmatizer(nlp.vocab, name)


def memoise_lemmatizer(nlp, name: str = "lemmatizer") -> MemoLemmatizer | None:
    """Swap ``nlp``'s lemmatizer ``name`` for a :class:`MemoLemmatizer` around it, in place; ``None`` (nothing
    changed) unless it is spaCy's ``Lemmatizer`` or ``EnglishLemmatizer`` itself in rule or lookup mode."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    if name not in nlp.component_names:
        return None
    inner = nlp.get_pipe(name)
    if type(inner) not in (Lemmatizer, EnglishLemmatizer) or inner.mode not in ("rule", "lookup"):
        return None
    new = nlp.replace_pipe(name, LEMMATIZER_FACTORY)
    new.inner = inner
    return new


def speed_up(nlp) -> list[str]:
    """Swap in the stand-ins of this module where they apply; the names of the components replaced."""
    done = [replace_attribute_ruler(nlp), memoise_lemmatizer(nlp)]
    return [c.name for c in done if c is not None]

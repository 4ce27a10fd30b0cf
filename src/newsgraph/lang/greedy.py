"""A transition-based component (spaCy's ``ner``, ``parser``) decoded by a batched numpy loop instead of spaCy's C loop.

spaCy's greedy decoder (``Parser.greedy_parse`` → ``_parseC``) scores every unfinished state of a batch at each
step by summing its precomputed feature rows and multiplying by the output layer through thinc's ``CBlas``
function pointers: a few BLIS ``saxpy`` calls per state and step, and a small ``sgemm`` per step. On this project's
machine the bundled BLIS runs its *generic* kernels (``lang/gemm.py``), so those many tiny calls dominate: the
Romanian ner spent ~35 µs per token there (docs/scale.md). The same model also has a Python step model
(``ParserStepModel``, what spaCy trains and beam-decodes with): per step it gathers the feature rows of all states
with one numpy indexing, sums them, and runs the output layer as one matrix product through the model's ops (numpy's
BLAS after :func:`newsgraph.lang.gemm.numpy_gemm`). :class:`GreedyLoop` wraps a loaded component and decodes with that
step model and spaCy's own ``transition_states`` (the same validity check and arg-max as the C loop), so the
actions, and so the annotations, are the C loop's: the floats are added in another order, as with ``numpy_gemm``,
and the entities, heads, labels and sentence starts were identical on every checked corpus (docs/models.md,
"Cheaper ner decoding"; ``tests/unit/test_greedy.py``).

When: a step of the numpy loop costs far more than the C loop's work for one state, but about the same for 16 states
as for 2, so the loop pays off only for several documents at once (measured, ro, per sub-batch: ner 0.63x the C
loop's speed for one document, 1.2x for two, 1.6-2.2x for 6-16; parser 0.44-0.52x for one or two, 0.9x for 6 long
ones, 1.3x for 16, but 0.9-1.3x over a whole corpus, so it keeps the C loop): a sub-batch with fewer than
``min_docs`` documents (ner 2 in ``lang.GREEDY_LOOP``),
``__call__`` on one document included, goes through spaCy's C loop. ``pipe`` sorts each batch by length, as spaCy's
``Parser.pipe`` does, but decodes it in sub-batches of up to ``MAX_BYTES`` of precomputed features instead of
quarters of the batch (each document is decoded on its own either way, so the annotations do not depend on the
batching). Everything else (labels, moves, ``to_disk`` …) is
the wrapped component's (attribute access is forwarded), so only decoding changes. A component with a beam
(``beam_width > 1``) is left to spaCy.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import minibatch

FACTORY = "newsgraph_greedy_loop"
#: Bytes of precomputed features one loop may hold (the parser's: 8 x 128 x 2 floats a token, 8 kB; the ner's
#: 3 x 64 x 2, 1.5 kB): documents are decoded together up to this many tokens' worth.
MAX_BYTES = 48_000_000


class GreedyLoop:
    """Decode a loaded transition-based component ``inner`` with its Python step model (see the module doc) when a
    sub-batch holds at least ``min_docs`` documents; fewer go through spaCy's C loop."""

    def __init__(self, name: str):
        self.name = name
        self.inner = None
        self.min_docs = 2
        self.max_tokens = 4000
        self.c_loop = False  # True: spaCy's own decoding always (benchmarks/gemm_speed.py --loop compares the two)

    def __getattr__(self, attr):  # labels, moves, cfg, model, to_disk ...: the wrapped component's
        inner = self.__dict__.get("inner")
        if inner is None:
            raise AttributeError(attr)
        return getattr(inner, attr)

    def wrap(self, inner, min_docs: int) -> GreedyLoop:
        self.inner, self.min_docs = inner, min_docs
        lower = inner.model.get_ref("lower")
        per_token = 4 * lower.get_dim("nF") * lower.get_dim("nO") * lower.get_dim("nP")
        self.max_tokens = max(1, MAX_BYTES // per_token)
        return self

    def predict(self, docs):
        inner = self.inner
        if self.c_loop or len(docs) < self.min_docs:
            return inner.predict(docs)
        batch = inner.moves.init_batch(docs)
        if not any(len(doc) for doc in docs):
            return batch
        step_model = inner.model.predict(docs)
        states = [s for s in batch if not s.is_final()]
        while states:
            states = inner.transition_states(states, step_model.predict(states))
        step_model.clear_memory()
        return batch

    def __call__(self, doc):
        self.inner.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, stream, batch_size: int = 256):
        for batch in minibatch(stream, size=batch_size):
            in_order = list(batch)
            if self.c_loop:  # spaCy's Parser.pipe: sub-batches of a quarter, by length
                subs = minibatch(sorted(in_order, key=len), size=max(batch_size // 4, 2))
            else:
                subs = _by_tokens(sorted(in_order, key=len), self.max_tokens)
            for sub in subs:
                sub = list(sub)
                self.inner.set_annotations(sub, self.predict(sub))
            yield from in_order


def _by_tokens(docs: list, limit: int):
    sub, n = [], 0
    for doc in docs:
        if sub and n + len(doc) > limit:
            yield sub
            sub, n = [], 0
        sub.append(doc)
        n += len(doc)
    if sub:
        yield sub


@Language.factory(FACTORY)
def _make(nlp, name: str):
    return GreedyLoop(name)


def greedy_loop(nlp, names) -> list[str]:
    """Wrap each of ``nlp``'s components named in ``names`` (a dict: name -> the least number of documents decoded by
    the numpy loop, or a sequence: 2) that is a greedy spaCy transition-based component (ner, parser) in a
    :class:`GreedyLoop`, in place (disabled ones stay disabled); the names of those wrapped."""
    if not isinstance(names, dict):
        names = dict.fromkeys(names, 2)
    from spacy.pipeline.transition_parser import Parser

    done = []
    for name in names:
        if name not in nlp.component_names:
            continue
        inner = nlp.get_pipe(name)
        if not isinstance(inner, Parser) or inner.cfg.get("beam_width", 1) != 1:
            continue
        disabled = name in nlp.disabled
        nlp.replace_pipe(name, FACTORY).wrap(inner, names[name])
        if disabled:
            nlp.disable_pipe(name)
        done.append(name)
    return done

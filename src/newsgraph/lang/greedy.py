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

Batching: ``pipe`` sorts each batch by length, as spaCy's ``Parser.pipe`` does, but decodes it in sub-batches of up to
``MAX_TOKENS`` tokens instead of quarters of the batch (each document is decoded on its own either way, so the
annotations do not depend on the batching); ``__call__`` decodes one document. Everything else (labels, moves, ``to_disk`` …) is
the wrapped component's (attribute access is forwarded), so only decoding changes. A component with a beam
(``beam_width > 1``) is left to spaCy.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import minibatch

FACTORY = "newsgraph_greedy_loop"
#: Documents decoded in one loop hold at most this many tokens together (or are one document): a step of the loop
#: costs about the same for 4 states as for 16, so the loop takes far more documents at once than spaCy's quarter
#: batches; the bound keeps the precomputed features (the parser's: 8 x 128 x 2 floats a token, 8 kB) near 50 MB.
MAX_TOKENS = 6000


class GreedyLoop:
    """Decode a loaded transition-based component ``inner`` with its Python step model (see the module doc)."""

    def __init__(self, name: str):
        self.name = name
        self.inner = None
        self.c_loop = False  # True: spaCy's own decoding (benchmarks/gemm_speed.py --loop compares the two)
        self.max_tokens = MAX_TOKENS

    def __getattr__(self, attr):  # labels, moves, cfg, model, to_disk ...: the wrapped component's
        inner = self.__dict__.get("inner")
        if inner is None:
            raise AttributeError(attr)
        return getattr(inner, attr)

    def predict(self, docs):
        inner = self.inner
        if self.c_loop:
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
                for sub in minibatch(sorted(in_order, key=len), size=max(batch_size // 4, 2)):
                    sub = list(sub)
                    self.inner.set_annotations(sub, self.inner.predict(sub))
            else:
                for sub in _by_tokens(sorted(in_order, key=len), self.max_tokens):
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
    """Wrap each of ``nlp``'s components in ``names`` that is a greedy spaCy transition-based component (ner,
    parser) in a :class:`GreedyLoop`, in place (disabled ones stay disabled); the names of those wrapped."""
    from spacy.pipeline.transition_parser import Parser

    done = []
    for name in names:
        if name not in nlp.component_names:
            continue
        inner = nlp.get_pipe(name)
        if not isinstance(inner, Parser) or inner.cfg.get("beam_width", 1) != 1:
            continue
        disabled = name in nlp.disabled
        new = nlp.replace_pipe(name, FACTORY)
        new.inner = inner
        if disabled:
            nlp.disable_pipe(name)
        done.append(name)
    return done

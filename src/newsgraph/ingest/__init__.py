"""The outside world -> :class:`~newsgraph.document.Source` objects (raw payloads with provenance).

``iter_sources(inputs, config)`` yields, in input order, a ``Source`` for every article found, or an
:class:`~newsgraph.errors.InputError` for every input (or record) that could not be read: a batch never dies
on one bad document.
"""

from newsgraph.ingest.sources import iter_sources

__all__ = ["iter_sources"]

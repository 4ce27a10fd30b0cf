"""Thin adapters that map :meth:`newsgraph.pipeline.Pipeline.pipe` over an existing distributed engine.

Stages are plain picklable functions and a pickled pipeline rebuilds its models lazily on each worker, so an
adapter only has to split the inputs and collect JSON-ready records. Dask is the first engine
(``pip install 'newsgraph[dask]'``); the caller owns the cluster (a ``distributed.Client`` or Dask's default
scheduler)."""

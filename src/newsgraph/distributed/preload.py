"""``dask worker --preload newsgraph.distributed.preload``: load newsgraph's models when the worker starts.

The worker gets a :class:`~newsgraph.distributed.dask.PipelineCache` holding the default pipeline (every stage,
the default configuration), warmed before the worker joins the scheduler, so that the first partition of an
``ingest --engine dask`` with that configuration does not pay for loading models (about 10 CPU seconds for
all of newsgraph's languages). A command with another configuration (``--stages``, ``--knowledge``, ...)
loads its own pipeline when it registers it, as without the preload."""

from __future__ import annotations

PLUGIN_NAME = "newsgraph-preloaded"


async def dask_setup(worker) -> None:
    import asyncio

    from newsgraph.distributed.dask import PipelineCache, warm
    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline()
    await asyncio.to_thread(warm, pipeline)  # before the worker joins the scheduler: it joins ready
    cache = PipelineCache(pipeline, preload=False)
    await worker.plugin_add(cache, name=PLUGIN_NAME)

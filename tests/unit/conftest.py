"""Fixtures shared by the text-dump tests: the structure-only pipeline and the cue tables."""

import pytest

from newsgraph import Config, Pipeline
from newsgraph.lang.cues import load


@pytest.fixture(scope="module")
def structure():
    """The pipeline with the extraction stage alone (no models)."""
    return Pipeline(Config(), stages=("extract",))


@pytest.fixture(scope="module")
def cues():
    return load()

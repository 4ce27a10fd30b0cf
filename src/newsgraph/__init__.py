"""newsgraph: news articles in, structured provenance-carrying records out.

    >>> from newsgraph import analyze
    >>> [doc] = analyze("article.txt")
    >>> doc.title, doc.published, doc.body
"""

from newsgraph.config import Config
from newsgraph.document import Block, DateValue, Document, Figure, LanguageValue, Source
from newsgraph.errors import FetchError, InputError, ModelError, NewsgraphError, StoreError
from newsgraph.pipeline import Pipeline, analyze
from newsgraph.stories import list_stories, story_similarity

__version__ = "0.1.0"

__all__ = [
    "Block",
    "Config",
    "DateValue",
    "Document",
    "FetchError",
    "Figure",
    "InputError",
    "LanguageValue",
    "ModelError",
    "NewsgraphError",
    "Pipeline",
    "Source",
    "StoreError",
    "analyze",
    "list_stories",
    "story_similarity",
]

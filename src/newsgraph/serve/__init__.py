"""Web application and HTTP API over the store (the ``serve`` extra: fastapi, uvicorn, jinja2).

    >>> from newsgraph.serve import create_app
    >>> app = create_app("newsgraph.db")          # read-only; create_app(path, writable=True) to accept POSTs
"""

from newsgraph.serve.app import create_app

__all__ = ["create_app"]

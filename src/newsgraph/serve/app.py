"""The web application: ``create_app(db_path)`` -> an ASGI app (FastAPI) serving HTML pages and the same data
as JSON.

One data path: each route builds one dict from :mod:`newsgraph.serve.queries` (a thin layer over the store's read
queries, so SQLite and PostgreSQL serve the same pages); :func:`respond` renders it
with a template, or as JSON when the path ends in ``.json`` or the client sends ``Accept: application/json``.
Safety choices (see ``docs/serve.md``): read-only database connections unless ``writable``; Jinja2
autoescaping; a strict Content-Security-Policy (scripts only from this origin); no CORS headers; request body
and query-string size limits; every validation error is a 4xx with a message naming the parameter.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from markupsafe import Markup

from newsgraph.errors import StoreError

HERE = Path(__file__).parent
log = logging.getLogger("newsgraph.serve")

MAX_BODY = 2 * 2**20  # bytes accepted in a request body (only POST /api/articles reads one)
MAX_QUERY = 4096  # bytes of query string
NO_JSON_SUFFIX = ("/openapi.json", "/static/")
ATOM_PATHS = ("/search.atom", "/articles.atom")

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
     b" connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"vary", b"Accept"),
]


class GuardMiddleware:
    """Pure ASGI middleware: ``.json`` suffix -> JSON flag, ``.atom`` on searches -> feed flag, request size
    limits, security headers."""

    def __init__(self, app, max_body: int = MAX_BODY, max_query: int = MAX_QUERY):
        self.app, self.max_body, self.max_query = app, max_body, max_query

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope["path"]
        if path.endswith(".json") and not path.startswith(NO_JSON_SUFFIX) and path != "/openapi.json":
            path = path[: -len(".json")]
            path = "/" if path in ("", "/", "/index") else path
            scope = dict(scope, path=path, raw_path=path.encode(), **{"newsgraph.json": True})
        elif path in ATOM_PATHS:  # a search as an Atom feed (serve/feed.py)
            path = path[: -len(".atom")]
            scope = dict(scope, path=path, raw_path=path.encode(), **{"newsgraph.atom": True})
        if len(scope.get("query_string", b"")) > self.max_query:
            return await _plain(send, 414, f"query string longer than {self.max_query} bytes")
        headers = dict(scope.get("headers") or [])
        try:
            length = int(headers.get(b"content-length", b"0"))
        except ValueError:
            return await _plain(send, 400, "bad Content-Length")
        if length > self.max_body:
            return await _plain(send, 413, f"request body larger than {self.max_body} bytes")
        seen = 0
        started = False

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge()
            return message

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = dict(message, headers=list(message.get("headers", [])) + SECURITY_HEADERS)
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await _plain(send, 413, f"request body larger than {self.max_body} bytes")


class _TooLarge(Exception):
    pass


async def _plain(send, status: int, message: str) -> None:
    body = json.dumps({"error": message, "status": status}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


def wants_json(request) -> bool:
    if request.scope.get("newsgraph.json") or request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def to_json(value):
    """Drop HTML-only fields (keys ending in ``_html``) and make the rest JSON-ready."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items() if not str(k).endswith("_html")}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, Markup):
        return str(value)
    return value


def respond(request, template: str, data: dict, status: int = 200):
    from fastapi.responses import JSONResponse

    if wants_json(request):
        return JSONResponse(to_json(data), status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, template, {"data": data, "app_state": request.app.state},
                                      status_code=status)


def error_response(request, status: int, message: str, details: list | None = None):
    data = {"error": message, "status": status, "details": details or []}
    return respond(request, "error.html", data, status=status)


def http_url(url) -> str:
    """Only http(s) links leave this app (no ``javascript:`` or ``data:`` URLs from article records)."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else "#"


def create_app(db_path: str | Path, writable: bool = False, max_body: int = MAX_BODY, config=None):
    """The ASGI application over the database at ``db_path``: a SQLite file (which must exist) or a
    ``postgresql://`` URL. ``config`` (a
    :class:`~newsgraph.config.Config`, e.g. with the user's knowledge files) analyses ``POST /api/articles``."""
    try:
        from fastapi import Depends, FastAPI
        from fastapi.exceptions import RequestValidationError
        from fastapi.staticfiles import StaticFiles
        from fastapi.templating import Jinja2Templates
        from jinja2 import Environment, FileSystemLoader
        from starlette.exceptions import HTTPException as StarletteHTTPException
    except ImportError as e:  # the server is an extra
        raise ImportError(f"{e}; install the web server with: pip install 'newsgraph[serve]'") from None

    from newsgraph import __version__
    from newsgraph.serve.queries import Queries, QueryError
    from newsgraph.serve.routes import reject_unknown_parameters, router
    from newsgraph.serve.stories import router as stories_router
    from newsgraph.store import open_store
    from newsgraph.store.base import is_postgres

    location = str(db_path)
    if not is_postgres(location) and not Path(location).is_file():
        raise StoreError(f"{location}: no such database (create one with: newsgraph ingest INPUT --db {location})")
    store = open_store(location, readonly=not writable)  # checks the schema version; migrates if writable
    db_name = Path(location).name if not is_postgres(location) else store.path.rsplit("/", 1)[-1].split("?")[0]
    if not writable:
        store.close()
        store = None

    app = FastAPI(title="newsgraph", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="News articles, entities, quotes and events. Every HTML page is also JSON: append "
                              "`.json` to its path or send `Accept: application/json`.")
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["httpurl"] = http_url
    app.state.templates = Jinja2Templates(env=env)
    app.state.queries = Queries(location)
    app.state.store = store  # only when writable
    app.state.writable = writable
    app.state.config = config
    app.state.write_lock = threading.Lock()
    if writable:  # POST /api/articles: one pipeline per app (its models load on the first request), one lock
        from newsgraph.config import Config
        from newsgraph.pipeline import Pipeline

        app.state.pipeline = Pipeline(config or Config())
        app.state.analyze_lock = threading.Lock()
    app.state.db_name = db_name
    app.state.version = __version__

    @app.exception_handler(RequestValidationError)
    async def invalid(request, exc: RequestValidationError):
        details = [{"param": ".".join(str(x) for x in e.get("loc", ())[1:]) or "body", "location": (e.get("loc") or ["?"])[0],
                    "message": e.get("msg", "invalid value"), "input": _short(e.get("input"))} for e in exc.errors()]
        message = "; ".join(f"{d['param']}: {d['message']}" for d in details)
        return error_response(request, 422, f"invalid parameter: {message}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request, exc: StarletteHTTPException):
        response = error_response(request, exc.status_code, str(exc.detail))
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    @app.exception_handler(QueryError)
    async def query_error(request, exc: QueryError):
        return error_response(request, 400, str(exc))

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(router)
    app.include_router(stories_router, dependencies=[Depends(reject_unknown_parameters)])  # as routes.router
    app.add_middleware(GuardMiddleware, max_body=max_body)  # runs before routing: sees the .json suffix
    return app


def _short(value):
    if isinstance(value, str) and len(value) > 200:
        return value[:200] + "…"
    return value if isinstance(value, str | int | float | type(None)) else None

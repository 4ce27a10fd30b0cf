"""Routes: each validates its parameters, asks :mod:`queries` for one dict, and hands it to ``respond`` (HTML or
JSON from the same data). Handlers are plain ``def``: they run in the thread pool, one read-only store (SQLite
or PostgreSQL) per thread."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BeforeValidator, StringConstraints

from newsgraph.serve.annotate import annotate, event_label, spans_for
from newsgraph.serve.app import http_url, respond
from newsgraph.serve.queries import Filters
from newsgraph.serve.stories import latest_stories, same_story

#: Names users reach for that this API spells differently: an unknown parameter is an error, never ignored.
ALIASES = {"limit": "per_page", "offset": "page", "size": "per_page", "query": "q", "from": "since", "to": "until",
           "language": "lang", "start": "since", "end": "until"}


def _query_names(dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def reject_unknown_parameters(request: Request) -> None:
    """A query parameter the route does not take is a 400 naming it (``/search?limit=-5`` used to answer 200
    with ``limit`` silently ignored: a misspelt filter must not look like an empty or unfiltered answer)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    unknown = sorted({k for k in request.query_params if k not in known})
    if unknown:
        hints = [f"{k} (did you mean {ALIASES[k]}?)" if ALIASES.get(k) in known else k for k in unknown]
        raise HTTPException(400, f"unknown query parameter(s): {', '.join(hints)}; this page takes: "
                                 f"{', '.join(sorted(known)) or 'none'}")


router = APIRouter(dependencies=[Depends(reject_unknown_parameters)])

MAX_PAGE = 500  # deepest page served: paging further means a narrower query
MAX_PER_PAGE = 100


def _blank(v):
    """HTML forms send empty fields as ``name=``: treat them as absent."""
    return None if isinstance(v, str) and v.strip() == "" else v


def _str(pattern: str | None = None, max_length: int = 200):
    return Annotated[str, StringConstraints(strip_whitespace=True, max_length=max_length, pattern=pattern)]


Q = Annotated[_str(max_length=500) | None, BeforeValidator(_blank),
              Query(description='search words and "quoted phrases"; OR, NOT; word* for a prefix')]
Lang = Annotated[_str(r"^[a-z]{2,3}$", 3) | None, BeforeValidator(_blank), Query(description="ISO 639 code, e.g. ro")]
Site = Annotated[_str() | None, BeforeValidator(_blank), Query(description="site name, e.g. Digi24")]
Day = Annotated[date | None, BeforeValidator(_blank), Query(description="YYYY-MM-DD")]
EntityId = Annotated[_str() | None, BeforeValidator(_blank), Query(description="entity id")]
Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description=f"results per page (at most {MAX_PER_PAGE})")]
BOTH = {200: {"content": {"application/json": {}, "text/html": {}},
              "description": "HTML, or JSON with `.json` appended to the path or `Accept: application/json`"}}


def _dates(since: date | None, until: date | None) -> tuple[str | None, str | None]:
    if since and until and since > until:
        raise HTTPException(400, f"since ({since}) is after until ({until})")
    return (since.isoformat() if since else None, until.isoformat() if until else None)


def _paging(page: int, per_page: int, more: bool, count: int) -> dict:
    return {"page": page, "per_page": per_page, "count": count, "has_next": more and page < MAX_PAGE,
            "has_prev": page > 1}


@router.get("/", responses=BOTH, summary="Search form with filters")
def home(request: Request):
    qs = request.app.state.queries
    data = {"facets": qs.facets(), "top_entities": qs.entities(None, None, 20, 0)[0],
            "stories": latest_stories(request)}
    return respond(request, "home.html", data)


@router.get("/search", responses=BOTH, summary="Full-text search (or newest articles without q)")
def search(request: Request, q: Q = None, lang: Lang = None, site: Site = None, since: Day = None,
           until: Day = None, entity: EntityId = None, page: Page = 1, per_page: PerPage = 20):
    qs = request.app.state.queries
    s, u = _dates(since, until)
    f = Filters(q=q, lang=lang, site=site, since=s, until=u, entity=entity)
    feed = bool(request.scope.get("newsgraph.atom"))
    hits, more = qs.search(f, per_page, (page - 1) * per_page, added=feed)
    ent = qs.entity_brief(entity) if entity else None
    if feed:
        return _atom(request, f, ent, hits)
    data = {"query": {"q": q, "lang": lang, "site": site, "since": s, "until": u, "entity": entity},
            "entity": ent, "results": hits, "paging": _paging(page, per_page, more, len(hits)),
            "facets": qs.facets()}
    return respond(request, "search.html", data)


def _atom(request: Request, f: Filters, ent: dict | None, hits: list[dict]) -> Response:
    from newsgraph.serve.feed import MEDIA_TYPE, atom

    words = [f"“{f.q}”" if f.q else None, ent["name"] if ent else (f.entity or None), f.site, f.lang,
             f"since {f.since}" if f.since else None, f"until {f.until}" if f.until else None]
    title = "newsgraph: " + (", ".join(w for w in words if w) or "latest articles")
    query = request.url.query
    html_url = str(request.base_url) + request.url.path.lstrip("/") + (f"?{query}" if query else "")
    self_url = str(request.base_url) + request.url.path.lstrip("/") + ".atom" + (f"?{query}" if query else "")
    body = atom(title, self_url, html_url, str(request.base_url), hits, http_url)
    return Response(body, media_type=MEDIA_TYPE)


router.add_api_route("/articles", search, methods=["GET"], responses=BOTH, operation_id="list_articles",
                     summary="Articles, newest first (or best first with q): the same filters as search")


@router.get("/articles/{id}", responses=BOTH, summary="One article: text, annotations, figures, boilerplate")
def article(request: Request, id: Annotated[str, Path(pattern=r"^[0-9a-f]{4,16}$",
                                                      description="article id (or a unique prefix)")]):
    record = request.app.state.queries.article(id)
    if record is None:
        raise HTTPException(404, f"no article with id {id!r}")
    record["text_html"] = annotate(record.get("text") or "", spans_for(record))
    for e in record.get("events") or []:
        e["label"] = event_label(e)
    groups: dict[str, list] = {}
    for b in record.get("boilerplate") or []:
        groups.setdefault(b.get("kind") or "other", []).append(b)
    record["boilerplate_groups_html"] = groups
    record.pop("known_entities", None)
    record["same_story"] = same_story(request, record["id"])
    return respond(request, "article.html", {"article": record})


@router.get("/entities", responses=BOTH, summary="Entities, most mentioned first")
def entities(request: Request, name: Annotated[_str(max_length=100) | None, BeforeValidator(_blank),
                                               Query(description="part of a name or alias")] = None,
             type: Annotated[_str(r"^[A-Za-z_]{1,20}$", 20) | None, BeforeValidator(_blank),
                             Query(description="PERSON, ORG, GPE, LOC, ...")] = None,
             page: Page = 1, per_page: PerPage = 50):
    qs = request.app.state.queries
    rows, more = qs.entities(name, type, per_page, (page - 1) * per_page)
    data = {"query": {"name": name, "type": type}, "types": qs.entity_types(), "entities": rows,
            "paging": _paging(page, per_page, more, len(rows))}
    return respond(request, "entities.html", data)


@router.get("/entities/{id}", responses=BOTH, summary="One entity: names, timeline, quotes, events, network")
def entity(request: Request, id: Annotated[str, Path(max_length=200, description="entity id")]):
    ent = request.app.state.queries.entity(id)
    if ent is None:
        raise HTTPException(404, f"no entity with id {id!r}")
    return respond(request, "entity.html", {"entity": ent})


@router.get("/events", responses=BOTH, summary="Events: who did what to whom, filterable")
def events(request: Request, actor: Annotated[_str() | None, BeforeValidator(_blank),
                                              Query(description="entity id or actor name (source or target)")] = None,
           type: Annotated[_str(r"^[A-Za-z_ -]{1,40}$", 40) | None, BeforeValidator(_blank),
                           Query(description="PLOVER event type, e.g. CONSULT")] = None,
           since: Day = None, until: Day = None, page: Page = 1, per_page: PerPage = 50):
    qs = request.app.state.queries
    s, u = _dates(since, until)
    rows, more = qs.events(actor, type, s, u, per_page, (page - 1) * per_page)
    data = {"query": {"actor": actor, "type": type, "since": s, "until": u}, "types": qs.event_types(),
            "events": rows, "chart": qs.event_chart(actor, type, s, u),
            "paging": _paging(page, per_page, more, len(rows))}
    return respond(request, "events.html", data)


@router.get("/api/timeline", summary="Counts per day for a query and/or an entity")
def timeline(request: Request, q: Q = None, entity: EntityId = None, lang: Lang = None, site: Site = None,
             since: Day = None, until: Day = None):
    if not q and not entity:
        raise HTTPException(400, "give q (a search) or entity (an entity id)")
    s, u = _dates(since, until)
    f = Filters(q=q, lang=lang, site=site, since=s, until=u, entity=entity)
    days = request.app.state.queries.timeline(f)
    return JSONResponse({"query": {"q": q, "entity": entity, "lang": lang, "site": site, "since": s, "until": u},
                         "days": days})


@router.post("/api/articles", status_code=201, summary="Analyse and store one article (only with --writable)")
def add_article(request: Request, payload: Annotated[dict[str, Any], Body(
        examples=[{"text": "Headline\n\nFirst paragraph ...", "url": "https://example.org/a", "published": "2024-05-01"}])]):
    store = request.app.state.store
    if not request.app.state.writable or store is None:
        raise HTTPException(403, "this server is read-only; start it with --writable to add articles")
    text, html = payload.get("text"), payload.get("html")
    if not isinstance(text or html, str) or not (text or html).strip():
        raise HTTPException(422, "give 'text' (a text dump) or 'html' (a page) as a non-empty string")
    url, published = payload.get("url"), payload.get("published")
    if url is not None and not isinstance(url, str) or published is not None and not isinstance(published, str):
        raise HTTPException(422, "'url' and 'published' must be strings")
    from newsgraph.errors import InputError
    from newsgraph.extract.dates import parse_date
    from newsgraph.ingest.sources import source_from_text

    if published and parse_date(published) is None:
        raise HTTPException(422, f"'published' {published!r} is not a date (e.g. 2024-05-01)")
    # The body is a record, like a JSONL line: its date travels as a hint (used when the article has none), so
    # one pipeline (spaCy models, knowledge base) serves every request; one analysis at a time, because a spaCy
    # pipeline is not safe to share between threads (docs/serve.md, "Writes").
    hints = {"published": published} if published else None
    try:
        source = source_from_text(url or "api", text or html, "html" if html else "text", url=url, hints=hints)
        with request.app.state.analyze_lock:
            doc = request.app.state.pipeline(source)
    except InputError as e:
        raise HTTPException(422, str(e)) from None
    with request.app.state.write_lock:
        outcome = store.put(doc)
    return JSONResponse({"id": doc.id, "outcome": outcome, "url": f"/articles/{doc.id}"}, status_code=201)

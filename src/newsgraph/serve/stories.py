"""Story pages: the story list, one story (articles grouped by language and site, copies folded under their
original, the events as a timeline), its Atom feed, and the "same story elsewhere" box of article pages. Every
page is also JSON (``.json`` or ``Accept: application/json``), like the rest of the app.

Reads go through the store's story queries (:class:`newsgraph.store.stories_sql.StoriesMixin`, SQLite and
PostgreSQL alike) on the app's read-only, per-thread store."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response
from pydantic import BeforeValidator

from newsgraph.serve.app import http_url, respond

router = APIRouter()
StoryId = Annotated[str, Path(pattern=r"^[0-9a-f]{4,16}$", description="story id (its first article's id)")]
MAX_PER_PAGE = 100


def _blank(v):
    return None if isinstance(v, str) and v.strip() == "" else v


def reader(request: Request):
    """This thread's read-only store."""
    return request.app.state.queries.store


def latest_stories(request: Request, limit: int = 10) -> list[dict]:
    """The home page's list: latest stories of two or more articles."""
    return reader(request).stories(min_size=2, limit=limit)


def same_story(request: Request, article_id: str) -> dict | None:
    """For an article page: its story's id and title and the story's other articles."""
    r = reader(request)
    sid = r.story_of(article_id)
    if sid is None:
        return None
    others = r.same_story(article_id)
    if not others:
        return None
    story = r.story_brief(sid)
    return {"id": sid, "title": story["title"] if story else None, "articles": others}


@router.get("/stories", summary="Stories, latest first: articles about one event, across sites and languages")
def stories(request: Request,
            since: Annotated[date | None, BeforeValidator(_blank), Query(description="YYYY-MM-DD")] = None,
            entity: Annotated[str | None, BeforeValidator(_blank), Query(max_length=200, description="entity id")] = None,
            min_size: Annotated[int, Query(ge=1, le=1000, description="at least this many articles")] = 2,
            page: Annotated[int, Query(ge=1, le=500)] = 1,
            per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 20):
    rows = reader(request).stories(since=since.isoformat() if since else None, entity_id=entity, min_size=min_size,
                                   limit=per_page + 1, offset=(page - 1) * per_page)
    more = len(rows) > per_page
    rows = rows[:per_page]
    data = {"query": {"since": since.isoformat() if since else None, "entity": entity, "min_size": min_size},
            "stories": rows, "paging": {"page": page, "per_page": per_page, "count": len(rows), "has_next": more,
                                        "has_prev": page > 1}}
    return respond(request, "stories.html", data)


@router.get("/stories/{id}.atom", summary="A story as an Atom feed: its articles, latest first")
def story_feed(request: Request, id: StoryId):
    from newsgraph.serve.feed import MEDIA_TYPE, atom

    story = reader(request).story(id, events=False)
    if story is None:
        raise HTTPException(404, f"no story with id {id!r}")
    hits = [{"id": a["id"], "title": a["title"], "url": a["url"], "site": a["site"], "published": a["published"],
             "updated": a["published"], "snippet": f"copy of {a['copy_of']}" if a["copy_of"] else None}
            for a in sorted(story["articles"], key=lambda a: a["published"] or "", reverse=True)]
    base = str(request.base_url)
    body = atom(f"newsgraph story: {story['title'] or story['id']}", f"{base}stories/{story['id']}.atom",
                f"{base}stories/{story['id']}", base, hits, http_url)
    return Response(body, media_type=MEDIA_TYPE)


@router.get("/stories/{id}", summary="One story: its articles by language and site, copies folded, events")
def story(request: Request, id: StoryId):
    record = reader(request).story(id)
    if record is None:
        raise HTTPException(404, f"no story with id {id!r}")
    by_id = {a["id"]: dict(a) for a in record["articles"]}  # copies, so the JSON keeps the flat list
    groups: dict[str, dict[str, list]] = {}
    for a in by_id.values():
        if a["copy_of"] and a["copy_of"] in by_id:
            by_id[a["copy_of"]].setdefault("copies", []).append(a)
            continue
        groups.setdefault(a["language"] or "?", {}).setdefault(a["site"] or "?", []).append(a)
    record["groups_html"] = groups  # HTML only: the JSON keeps the flat list with copy_of
    return respond(request, "story.html", {"story": record})

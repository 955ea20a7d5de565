"""The JSON API: the same answers as the command line, for programs. Routes are thin; the domain
functions in ``qualgraph.frameworks`` and ``qualgraph.comparability`` do the work."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from ..comparability import UnknownLevel, comparable_levels
from ..frameworks import NotFound, framework_detail, framework_overview, level_detail
from ..ids import InvalidId
from ..store import GraphStore

router = APIRouter(prefix="/api", tags=["frameworks and comparability"])


def _store(request: Request) -> GraphStore:
    return request.app.state.store


def _not_found(error: NotFound | UnknownLevel) -> HTTPException:
    return HTTPException(404, {"error": str(error), "suggestions": error.suggestions[:10]})


@router.get("/frameworks", summary="All frameworks, with their levels count and referencing status")
def list_frameworks(request: Request) -> list[dict[str, Any]]:
    return [f.to_json() for f in framework_overview(_store(request))]


@router.get("/frameworks/{framework}", summary="One framework with its levels in rank order")
def get_framework(request: Request, framework: str) -> dict[str, Any]:
    try:
        return framework_detail(_store(request), framework)
    except NotFound as e:
        raise _not_found(e) from e


@router.get("/levels/{level}", summary="One level (written framework:notation, e.g. ie-nfq:8) and its decisions")
def get_level(request: Request, level: str) -> dict[str, Any]:
    try:
        return level_detail(_store(request), level)
    except InvalidId as e:
        raise HTTPException(400, {"error": str(e)}) from e
    except NotFound as e:
        raise _not_found(e) from e


@router.get("/equivalences", summary="Comparable levels of a level, with path, strength and sources")
def get_equivalences(
    request: Request,
    from_: Annotated[str, Query(alias="from", description="the level, e.g. ie-nfq:8")],
    to: Annotated[str | None, Query(description="only this framework, e.g. uk-scqf")] = None,
    include: Annotated[str | None, Query(description="also these statuses: draft,superseded,illustrative")] = None,
) -> list[dict[str, Any]]:
    statuses = [s.strip() for s in (include or "").split(",") if s.strip()]
    try:
        answers = comparable_levels(_store(request), from_, to=to, include=statuses)
    except InvalidId as e:
        raise HTTPException(400, {"error": str(e)}) from e
    except UnknownLevel as e:
        raise _not_found(e) from e
    except ValueError as e:
        raise HTTPException(400, {"error": str(e)}) from e
    return [a.to_json() for a in answers]

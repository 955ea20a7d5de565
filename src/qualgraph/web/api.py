"""The JSON API: the same answers as the command line, for programs. Routes are thin; the domain
functions in ``qualgraph.frameworks`` and ``qualgraph.comparability`` do the work."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query

from ..comparability import comparable_levels
from ..frameworks import framework_detail, framework_overview, level_detail
from ..ids import InvalidId, UnknownId
from ..store import GraphStore
from .deps import get_store

router = APIRouter(prefix="/api", tags=["frameworks and comparability"])


def _not_found(error: UnknownId) -> HTTPException:
    return HTTPException(404, {"error": str(error), "suggestions": error.suggestions[:10]})


@router.get("/frameworks", summary="All frameworks, with their levels count and referencing status")
def list_frameworks(store: GraphStore = Depends(get_store)) -> list[dict[str, Any]]:
    return [f.to_json() for f in framework_overview(store)]


@router.get("/frameworks/{framework}", summary="One framework with its levels in rank order")
def get_framework(framework: str, store: GraphStore = Depends(get_store)) -> dict[str, Any]:
    try:
        return framework_detail(store, framework)
    except UnknownId as e:
        raise _not_found(e) from e


@router.get("/levels/{level}", summary="One level (written framework:notation, e.g. ie-nfq:8) and its decisions")
def get_level(level: str, store: GraphStore = Depends(get_store)) -> dict[str, Any]:
    try:
        return level_detail(store, level)
    except InvalidId as e:
        raise HTTPException(400, {"error": str(e)}) from e
    except UnknownId as e:
        raise _not_found(e) from e


@router.get("/equivalences", summary="Comparable levels of a level, with path, strength and sources")
def get_equivalences(
    from_: Annotated[str, Query(alias="from", description="the level, e.g. ie-nfq:8")],
    to: Annotated[str | None, Query(description="only this framework, e.g. uk-scqf")] = None,
    include: Annotated[str | None, Query(description="also these statuses: draft,superseded,illustrative")] = None,
    store: GraphStore = Depends(get_store),
) -> list[dict[str, Any]]:
    statuses = [s.strip() for s in (include or "").split(",") if s.strip()]
    try:
        answers = comparable_levels(store, from_, to=to, include=statuses)
    except InvalidId as e:
        raise HTTPException(400, {"error": str(e)}) from e
    except UnknownId as e:
        raise _not_found(e) from e
    except ValueError as e:
        raise HTTPException(400, {"error": str(e)}) from e
    return [a.to_json() for a in answers]

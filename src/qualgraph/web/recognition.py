"""Recognition routes (issue 12): gap analysis, comparable qualifications and the recognition pathway, as JSON
(``/api/...``) and as pages for people (``/gaps``, ``/comparable``, ``/pathway``). Thin: each calls one function of
:mod:`qualgraph.recognition` (the same the command line calls) and turns its errors into statuses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ..ids import InvalidId, UnknownId
from ..recognition.comparable import comparable_qualifications
from ..recognition.gaps import gap_analysis
from ..recognition.pathway import recognition_pathway
from ..store import GraphStore
from .deps import get_store
from .templating import render

router = APIRouter(tags=["recognition"])
T = TypeVar("T")

Include = Annotated[str | None, Query(description="also these statuses: draft,superseded,illustrative")]
Store = Annotated[GraphStore, Depends(get_store)]
IncludeBoxes = Annotated[list[str], Query()]


def _statuses(include: str | None) -> list[str]:
    return [s.strip() for s in (include or "").split(",") if s.strip()]


def _answer(call: Callable[[], T]) -> T:
    """The feature's answer, or its error as 400 (a malformed id or status) or 404 (an id naming nothing)."""
    try:
        return call()
    except UnknownId as e:
        raise HTTPException(404, {"error": str(e), "suggestions": e.suggestions[:10]}) from e
    except (InvalidId, ValueError) as e:
        raise HTTPException(400, {"error": str(e)}) from e


@router.get("/api/gaps", summary="Gap analysis: how each unit of one competency standard is matched in another")
def get_gaps(
    from_: Annotated[str, Query(alias="from", description="the standard analysed, e.g. ph-tesda-masonry-nc2")],
    to: Annotated[str, Query(description="the standard compared with, e.g. au-cpc-training-package")],
    store: Store,
    include: Include = None,
) -> dict[str, Any]:
    return _answer(lambda: gap_analysis(store, from_, to, include=_statuses(include))).to_json()


@router.get("/api/qualifications/{qualification}/comparable",
            summary="Qualifications comparable to a qualification (FRAMEWORK:CODE), ranked, with reasons")
def get_comparable(
    qualification: str,
    store: Store,
    in_: Annotated[str | None, Query(alias="in", description="a framework (my-mqf) or a country (TH)")] = None,
    include: Include = None,
) -> dict[str, Any]:
    return _answer(lambda: comparable_qualifications(store, qualification, in_=in_,
                                                     include=_statuses(include))).to_json()


@router.get("/api/pathway", summary="The recognition pathway of a qualification to a destination country")
def get_pathway(
    qualification: Annotated[str, Query(description="FRAMEWORK:CODE, e.g. ph-pqf:warehousing-services-nc2")],
    to: Annotated[str, Query(description="the destination country, ISO 3166-1 alpha-2, e.g. TH")],
    store: Store,
    include: Include = None,
) -> dict[str, Any]:
    return _answer(lambda: recognition_pathway(store, qualification, to, include=_statuses(include))).to_json()


# -- pages ---------------------------------------------------------------------------------------------------------
def _page(template: str, call: Callable[[], Any] | None, **context: Any) -> HTMLResponse:
    """A page with the answer, or with the error and the closest ids (status 400 or 404)."""
    if call is None:
        return render(template, answer=None, **context)
    try:
        return render(template, answer=call(), **context)
    except UnknownId as e:
        return render(template, 404, answer=None, error=str(e), suggestions=e.suggestions[:8], **context)
    except (InvalidId, ValueError) as e:
        return render(template, 400, answer=None, error=str(e), suggestions=[], **context)


@router.get("/gaps", include_in_schema=False)
async def gaps_page(store: Store, from_: Annotated[str | None, Query(alias="from")] = None, to: str | None = None,
                    include: IncludeBoxes = []) -> HTMLResponse:  # noqa: B006 (FastAPI copies the default)
    call = (lambda: gap_analysis(store, from_, to, include=include)) if from_ and to else None  # type: ignore[arg-type]
    return await run_in_threadpool(_page, "recognition_gaps.html", call, from_=from_ or "", to=to or "",
                                   include=include)


@router.get("/comparable", include_in_schema=False)
async def comparable_page(store: Store, qualification: str | None = None,
                          in_: Annotated[str | None, Query(alias="in")] = None,
                          include: IncludeBoxes = []) -> HTMLResponse:  # noqa: B006 (FastAPI copies the default)
    call = (lambda: comparable_qualifications(store, qualification, in_=in_ or None, include=include)) \
        if qualification else None  # type: ignore[arg-type]
    return await run_in_threadpool(_page, "recognition_comparable.html", call, qualification=qualification or "",
                                   in_=in_ or "", include=include)


@router.get("/pathway", include_in_schema=False)
async def pathway_page(store: Store, qualification: str | None = None, to: str | None = None,
                       include: IncludeBoxes = []) -> HTMLResponse:  # noqa: B006 (FastAPI copies the default)
    call = (lambda: recognition_pathway(store, qualification, to, include=include)) if qualification and to else None  # type: ignore[arg-type]
    return await run_in_threadpool(_page, "recognition_pathway.html", call, qualification=qualification or "",
                                   to=to or "", include=include)

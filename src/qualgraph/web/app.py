"""The web application: :func:`create_app` builds it (:func:`qualgraph.web.server.serve` runs it with uvicorn).

The lifespan opens the store once (unless one is given), starts the SPARQL service (on the embedded store:
a warm pool of query worker processes) and closes both at shutdown. Run one server process per store: the
embedded store is locked by the process that writes it, so ``uvicorn --workers N`` cannot share it (the
query workers are how queries use several cores).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from .. import __version__
from ..config import Settings, get_settings
from ..sparql import TRUNCATED_HEADER, GraphStoreService, SparqlError, SparqlService, open_service
from ..store import GraphStore, open_store
from ..submissions import Submissions
from . import agency_pages, api, graph_store, pages, publishing, recognition, sparql, submissions
from .auth import TokenRegistry
from .caching import Revalidation, StoreClock
from .languages import LanguageChoice
from .sparql_lookups import SparqlLookups
from .sparql_protocol import error_response
from .templating import static_files


def create_app(settings: Settings | None = None, store: GraphStore | None = None,
               sparql_service: SparqlService | None = None) -> FastAPI:
    """The qualgraph web service on ``store`` (opened from ``settings`` at startup when not given), answering
    SPARQL with ``sparql_service`` (started on the store at startup when not given).

    A store or service passed in stays open after shutdown: whoever opened it closes it. ``qualgraph serve``
    starts the service's query workers before it imports this module, so that they open the store while the
    web app is imported.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = store if store is not None else await run_in_threadpool(open_store, settings)
        service = sparql_service or await run_in_threadpool(
            lambda: open_service(opened, settings, wait_for_workers=False))
        app.state.store = opened
        app.state.sparql = service
        app.state.graph_store = GraphStoreService(opened, getattr(service, "write_lock", None))
        app.state.submissions = Submissions(opened, lock=getattr(service, "write_lock", None))
        app.state.tokens = TokenRegistry.from_settings(settings)
        try:
            yield
        finally:
            if sparql_service is None:
                await run_in_threadpool(service.close)
            if store is None:
                opened.close()

    app = QualgraphApp(
        title="qualgraph",
        version=__version__,
        summary="Qualifications frameworks, their levels and the decisions that relate them, as a knowledge graph",
        lifespan=lifespan,
        docs_url=None,  # /docs is web/publishing.py's: Swagger UI served from the package, no CDN
        redoc_url=None,  # ReDoc would load its script from a CDN
    )
    app.state.settings = settings
    # Reads are public and usable from any web page; writes need a bearer token, never a cookie.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=[TRUNCATED_HEADER, "Server-Timing"],
        max_age=3600,
    )
    app.add_exception_handler(SparqlError, _sparql_error)
    app.add_exception_handler(StarletteHTTPException, publishing.not_found)  # HTML 404 page for browsers
    app.include_router(sparql.router)
    app.include_router(graph_store.router)
    app.include_router(api.router)
    app.include_router(recognition.router)
    app.include_router(submissions.router)
    app.include_router(publishing.router)
    app.include_router(agency_pages.router)
    app.include_router(pages.router)
    app.mount("/static", static_files(), name="static")  # our own stylesheet and script
    app.state.clock = StoreClock(settings.base_url or "")  # dates the store's content: Last-Modified, the dataset's dcterms:modified
    app.add_middleware(LanguageChoice)  # ?lang= and Accept-Language for the templates (web/languages.py)
    app.add_middleware(Revalidation, clock=app.state.clock)  # HEAD wherever GET; ETag and 304 (web/caching.py)
    return app


class QualgraphApp(FastAPI):
    """The FastAPI app, with plain ``/sparql`` queries answered before its layers (:mod:`.sparql_lookups`, made
    whole): FastAPI's own middleware (telemetry, body limit, errors), ours and the routing cost more CPU than a
    lookup, and ~0.5 ms of a worker's answer to the comparability query (issue 15)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lookups = SparqlLookups(super().__call__, self.state, whole=True)
        """Plain ``/sparql`` queries, answered before the app's layers (and, by the HTTP protocol, as they are read)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.lookups(scope, receive, send)


async def _sparql_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SparqlError)
    return error_response(exc)

"""What routes receive: settings, the store, the SPARQL, Graph Store and submission services.

The app's lifespan (:func:`qualgraph.web.app.create_app`) opens each of them once and puts it on
``app.state``; these functions are the one way routes get them: through ``Depends``, so tests can swap any of
them with ``app.dependency_overrides`` (the ``/sparql`` routes, which skip FastAPI's dependency resolution
for speed, call them directly). They are ``async`` on purpose: FastAPI runs a plain ``def`` dependency in
its thread pool, a thread hop per dependency and per request that cost more CPU than the query itself on
small queries (measured with cProfile).
"""

from __future__ import annotations

from fastapi import Request

from ..config import Settings
from ..sparql import GraphStoreService, SparqlService
from ..store import GraphStore
from ..submissions import Submissions


async def get_app_settings(request: Request) -> Settings:
    """The settings the running app was created with."""
    return request.app.state.settings


async def get_store(request: Request) -> GraphStore:
    """The store the app opened (or was given)."""
    return request.app.state.store


async def get_sparql(request: Request) -> SparqlService:
    """The SPARQL service (worker pool on the embedded store)."""
    return request.app.state.sparql


async def get_graph_store(request: Request) -> GraphStoreService:
    """The Graph Store Protocol operations on the app's store."""
    return request.app.state.graph_store


async def get_submissions(request: Request) -> Submissions:
    """The app's one :class:`~qualgraph.submissions.Submissions` on its store, sharing the SPARQL service's
    write lock."""
    return request.app.state.submissions

"""What routes receive through ``Depends``: settings, the store, the SPARQL and Graph Store services.

The app factory puts the objects it opened on ``app.state``; these functions hand them to routes, so routes
never import globals and tests can swap any of them with ``app.dependency_overrides``. They are ``async``
on purpose: FastAPI runs a plain ``def`` dependency in its thread pool, a thread hop per dependency and
per request that cost more CPU than the query itself on small queries (measured with cProfile).
"""

from __future__ import annotations

from functools import lru_cache

from fastapi import Request

from ..config import Settings
from ..sparql import GraphStoreService, SparqlService
from ..store import GraphStore


ServiceSettings = Settings
"""Kept as a name for code written before the service settings moved into :class:`qualgraph.config.Settings`."""


@lru_cache
def get_settings() -> Settings:
    """The settings from the environment, read once (tests pass their own to ``create_app`` instead)."""
    return ServiceSettings()


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

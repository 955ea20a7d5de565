"""Store access: one interface (:class:`GraphStore`), an embedded Oxigraph implementation on disk and
a remote SPARQL 1.1 implementation. Everything above this package talks to a ``GraphStore``, and only
:func:`open_store` chooses which one it gets."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .base import GraphStore, QueryResult, QuerySyntaxError, StoreError
from .embedded import EmbeddedStore

if TYPE_CHECKING:
    from ..config import Settings

__all__ = ["GraphStore", "QueryResult", "QuerySyntaxError", "StoreError", "EmbeddedStore", "memory_store",
           "open_store"]


def memory_store() -> GraphStore:
    """An empty store in memory (the embedded engine without a path): for indexes and checks without a store."""
    return EmbeddedStore(None)


def open_store(settings: "Settings | None" = None, *, path: Path | None = None, read_only: bool = False) -> GraphStore:
    """The store the settings point at: a remote SPARQL server if an endpoint is set, else Oxigraph on disk."""
    from ..config import get_settings

    settings = settings or get_settings()
    if path is None and (settings.sparql_endpoint or str(settings.store).startswith(("http://", "https://"))):
        from .remote import store_from_location

        return store_from_location(settings.sparql_endpoint or str(settings.store), settings)
    return EmbeddedStore(Path(path or settings.store).expanduser(), read_only=read_only)

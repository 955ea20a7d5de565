"""Store access: one interface (:class:`GraphStore`), an embedded Oxigraph implementation on disk and
a remote SPARQL 1.1 implementation. Everything above this package talks to a ``GraphStore``."""

from .base import GraphStore, QueryResult, QuerySyntaxError, StoreError, open_store
from .embedded import EmbeddedStore

__all__ = ["GraphStore", "QueryResult", "QuerySyntaxError", "StoreError", "EmbeddedStore", "open_store"]

"""Settings, read from the environment (``QUALGRAPH_*``) or given by the CLI."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The source checkout: ontology/, shapes/, queries/ and data/ live here."""


def default_store_dir() -> Path:
    """Per-user data directory (XDG), so two users or two checkouts never share a store by accident."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "qualgraph" / "store"


class Settings(BaseSettings):
    """Everything an operator can set; each field is also an environment variable ``QUALGRAPH_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="QUALGRAPH_")

    store: str = str(default_store_dir())
    """Directory of the embedded Oxigraph store, or the query URL (http:// or https://) of a SPARQL server."""
    sparql_endpoint: str | None = None
    """Use a remote SPARQL 1.1 server instead of the embedded store (query URL)."""
    sparql_update_endpoint: str | None = None
    """Update URL of the remote server (defaults to the query URL)."""
    sparql_graph_store_endpoint: str | None = None
    """Graph Store HTTP Protocol URL of the remote server (without it, graphs are written with SPARQL Update)."""
    sparql_user: str | None = None
    """User for the remote server's update / graph store endpoints."""
    sparql_password: SecretStr | None = None
    """Password for the remote server."""
    sparql_auth: str = "basic"
    """HTTP authentication scheme of the remote server: basic or digest (Virtuoso's /sparql-auth)."""
    admin_token: str | None = None
    """Bearer token that writes (SPARQL Update, Graph Store writes, submissions) must carry."""
    query_timeout: float = 30.0
    """Seconds after which a SPARQL query is stopped."""
    max_rows: int = 10000
    """Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) one query returns; 0 = no cap. A cut result says so
    in the ``X-SPARQL-MaxRows`` response header."""
    allow_service: str = ""
    """Endpoints that federated ``SERVICE`` (and ``LOAD``) may reach: IRI prefixes separated by spaces or
    commas, or ``*`` for any. Empty (the default): refused, so the endpoint cannot be used to reach other hosts."""
    tokens_file: Path | None = None
    """TOML or JSON file with the agencies' bearer tokens (see :mod:`qualgraph.web.auth`)."""
    query_workers: int | None = None
    """Worker processes answering SPARQL queries on the embedded store (default: twice the number of CPUs)."""
    query_replica_max_quads: int = 2_000_000
    """Each query worker copies a store of at most this many quads into memory and answers from the copy,
    2-3 times faster than from disk; the copy is remade after every write, and until it is ready the worker
    reads the disk. It costs each worker about 0.6 GB per million quads. 0: always read the disk."""
    max_submission_bytes: int = 32 * 1024 * 1024
    """Largest submission body, and largest unpacked size of a submitted zip."""
    max_submission_files: int = 100
    """Most files in one submission (zip entries included)."""
    shacl_engine: str = "fast"
    """SHACL engine for validation: fast (default) or pyshacl (the reference implementation)."""
    derived_max_age: float = 60.0
    """On an external SPARQL server: seconds for which derived comparability answers are reused before the
    server is read again (writes made through qualgraph are seen at once; writes made to the server directly,
    after at most this long). The embedded store has one writer, so there the answers last until a write."""
    base_url: str | None = None
    """Public base URL of the service, if it differs from the request's."""


@lru_cache
def get_settings() -> Settings:
    return Settings()


def resource_dir(name: str) -> Path:
    """ontology/, shapes/, queries/ or data/ of the checkout."""
    return PROJECT_ROOT / name

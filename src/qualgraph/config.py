"""Settings, read from the environment (``QUALGRAPH_*``) or given by the CLI."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, SecretStr

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The source checkout, for the tests, ``bench/`` and ``scripts/`` (meaningless in an installed package). The
package itself never reads it: it finds its ontology, shapes, queries and data through :mod:`qualgraph.resources`."""


DEFAULT_MEMORY_BUDGET = 1536 * 1024 * 1024
"""The service's memory budget unless ``QUALGRAPH_MEMORY_BUDGET`` says otherwise: 1.5 GiB."""


def default_store_dir() -> Path:
    """Per-user data directory (XDG), so two users or two checkouts never share a store by accident."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "qualgraph" / "store"


ENVIRONMENT_PREFIX = "QUALGRAPH_"


class Settings(BaseModel):
    """Everything an operator can set; each field is also an environment variable ``QUALGRAPH_<NAME>`` (any case).

    Values given to the constructor win over the environment's. A plain pydantic model, not pydantic-settings'
    ``BaseSettings``: that package cost 0.05-0.1 s of every start (issue 15 asks for an answer within a second of
    ``qualgraph serve``), and one flat model of scalars needs nothing of it but this environment lookup."""

    def __init__(self, **values: Any) -> None:
        super().__init__(**{**settings_from_environment(), **values})

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
    """Endpoints that federated ``SERVICE`` (and ``LOAD``) may reach: http(s) IRIs separated by spaces or
    commas, or ``*`` for any. An IRI allows the same scheme, host and port (``http://host:`` any port) and
    the paths under its path, compared after normalising (``/sparql/../admin`` is not under ``/sparql``);
    IRIs with userinfo are never allowed. Empty (the default): refused, and the SPARQL engine runs with no
    network access at all, so the endpoint cannot be used to reach other hosts."""
    tokens_file: Path | None = None
    """TOML or JSON file with the agencies' bearer tokens (see :mod:`qualgraph.web.auth`)."""
    memory_budget: int = DEFAULT_MEMORY_BUDGET
    """Bytes of resident memory the whole service may use on the embedded store: the server process (512 MiB of
    it), a spare query worker (96 MiB) and the query worker processes (the rest, shared among them; a query that
    makes its process grow past its share is stopped and answered 503). An in-memory copy of the store is made
    only when it fits in a worker's share with 256 MiB to spare, so the budget holds whatever the store's size:
    with the default 1.5 GiB and one worker process, a store of up to ~1.17M quads is copied, a larger one is
    read from disk."""
    sparql_inline_rows: int = 1000
    """A query whose cost is bounded by its rows (one triple pattern, no FILTER, ORDER BY, DISTINCT …: see
    ``qualgraph/sparql/inline.py``) is answered by the server itself, without the ~1 ms round trip to a query
    worker, when it has at most this many rows; a longer answer goes to a worker. 0: every query goes to a
    worker."""
    sparql_cache_bytes: int = 32 * 1024 * 1024
    """Bytes of ``/sparql`` answers the server keeps until the next write, so that a query asked again is answered
    without a worker (``qualgraph/sparql/result_cache.py``: never a query with ``SERVICE``, ``NOW()``, ``RAND()``
    and the like). Part of the server's 512 MiB share of ``memory_budget``. 0: none kept."""
    front_processes: int | None = None
    """Processes besides the server that serve its connections in turn with it (it hands them over) and answer
    ``/sparql`` lookups (the queries of ``sparql_inline_rows``) themselves from a read-only snapshot of the store,
    handing every other request to the server (``qualgraph/web/front.py``): lookups then use a second core.
    Default: one on a machine with two or more CPUs, else none; 0: none. Only ``qualgraph serve`` on the embedded
    store starts them."""
    query_workers: int | None = None
    """SPARQL queries the embedded store answers at once (lanes; default: twice the number of CPUs). The rest wait."""
    query_worker_processes: int | None = None
    """Worker processes the lanes are spread over. Default: one when the store fits an in-memory copy within
    the budget (one copy for all lanes), else one per CPU reading the disk (no copy to hold twice; the same
    throughput). More processes keep queries apart (a query stopped for its time or memory stops its process,
    and the other queries running there are sent again), each with its own copy and its share of the budget."""
    query_replica_max_quads: int = 2_000_000
    """The largest store a worker process copies into memory, whatever its memory share allows. A copy answers
    2-3 times faster than the disk and costs about 0.6 GB per million quads; it is remade once writes have paused
    for a second, and until it is ready the lanes read the disk. 0: always read the disk."""
    query_predicate_copy_max_quads: int = 100_000
    """A worker process reading a store from disk (too big for ``query_replica_max_quads``) copies into memory the
    quads of the predicates that queries read, each predicate whole and only while the copy stays within this many
    quads (and a quarter of what a whole copy could use of its memory), and answers a query that reads no other
    predicate from that copy: the same answer, 2-4x sooner (the comparability queries at 10M). A predicate too big
    for what is left is read from disk. 0: never."""
    query_worker_max_memory: int | None = None
    """Bytes of resident memory one query worker process may use, its in-memory copy included. Default: its share
    of ``memory_budget``."""
    client_max_queries: int | None = None
    """Most queries one client (IP address, ``request.client.host``) may have running or waiting at once; more
    are answered 429 with ``Retry-After``. Default: twice the number of query workers."""
    client_max_workers: int | None = None
    """Most lanes (``query_workers``) that run one client's queries at once; the client's other queries wait.
    Default: all but one, so one client's slow queries always leave a lane for everybody else."""
    max_submission_bytes: int = 32 * 1024 * 1024
    """Largest submission body, and largest unpacked size of a submitted zip."""
    max_submission_files: int = 100
    """Most files in one submission (zip entries included)."""
    max_nesting_depth: int = 100
    """Deepest nesting read in untrusted input: XML elements of RDF/XML, objects and arrays of JSON-LD, and
    brackets and operator chains of a SPARQL query or update (Oxigraph's parsers crash the process at a few
    thousand levels; see :mod:`qualgraph.input_limits`). Also applies to ``qualgraph load``."""
    max_entity_expansion_bytes: int = 4 * 1024 * 1024
    """Most text that DTD entity references (``&name;``) may add to an RDF/XML document once expanded: an OWL
    file's namespace abbreviations add a few bytes per use; a "billion laughs" file adds gigabytes. Counted on
    its own, not against ``max_submission_bytes``: 742 bytes expanding to 30 MB fit that budget."""
    max_query_bytes: int = 1024 * 1024
    """Largest SPARQL query or update in bytes (a ``POST /sparql`` body, form or direct, or ``?query=``); longer
    ones are answered 413 without being read further. Real queries are a few KB; bulk data goes to ``/store``."""
    max_graph_store_bytes: int = 32 * 1024 * 1024
    """Largest Graph Store Protocol body (``PUT``/``POST /store``), like ``max_submission_bytes``; longer ones
    are answered 413 without being read further."""
    derived_max_age: float = 60.0
    """On an external SPARQL server: seconds for which derived comparability answers are reused before the
    server is read again (writes made through qualgraph are seen at once; writes made to the server directly,
    after at most this long). The embedded store has one writer, so there the answers last until a write."""
    base_url: str | None = None
    """Public base URL of the service, if it differs from the request's."""
    max_ladder_frameworks: int = 6
    """Most frameworks one ladder (``/ladder``, ``/api/ladder``) compares; more are answered 400. Each adds a
    column and a derivation per level of the first framework."""
    max_search_chars: int = 200
    """Longest search text (``/search``, ``/api/search``); longer ones are answered 400 unread."""
    max_search_results: int = 50
    """Most results one search returns (``limit=`` may ask for fewer)."""
    max_label_iris: int = 500
    """Most IRIs one label lookup (``/api/labels``, what the query editor shows beside the IRIs of a result)
    names; more are answered 400."""
    max_label_request_bytes: int = 256 * 1024
    """Largest label lookup: a ``POST /api/labels`` body (longer ones are answered 413 unread), or the IRIs of a
    ``GET`` together (400)."""
    max_label_chars: int = 200
    """Longest label a lookup returns; longer ones are cut, ending with an ellipsis."""
    max_dump_quads: int = 2_000_000
    """Largest store the dumps (``/dumps/...``) are made for: a dump is written to a file graph by graph (holding
    one named graph in memory at a time) and streamed, but writing it takes time (seconds per million quads), so
    a larger store answers 503 and its graphs are read one by one from ``/store`` instead."""
    data: Path | None = None
    """Folder of the bundled data (RDF files and spreadsheet templates) that ``qualgraph serve`` loads into an
    empty store and ``qualgraph load`` loads when given no path. Default: the data shipped inside the package
    (a copy of the repository's ``data/``, ~0.3 MB), which in a checkout is its ``data/`` folder itself."""


def settings_from_environment(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The settings that ``QUALGRAPH_*`` variables give, by field name; variables naming no setting are ignored."""
    environ = os.environ if environ is None else environ
    prefix = len(ENVIRONMENT_PREFIX)
    return {name[prefix:].lower(): value for name, value in environ.items()
            if name.upper().startswith(ENVIRONMENT_PREFIX) and name[prefix:].lower() in Settings.model_fields}


@lru_cache
def get_settings() -> Settings:
    return Settings()

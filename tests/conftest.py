"""Shared fixtures: real on-disk stores in temporary folders, the fixture folder, and the bundled data.

The bundled data (``data/``, as ``qualgraph load data/`` loads it) is what most features are shown on:

* ``bundled_service`` — one real service (uvicorn on loopback, query workers on an on-disk store) holding
  ``data/`` and the illustrative AQRF example, started once for the whole run. For modules that only *read*:
  no test using it may write to it (a module that writes starts its own with :func:`agency_service`).
* ``bundled_store`` — that same on-disk store opened read-only, for the domain code beside the service.
* :func:`bundled_data_store` — a new writable store (in memory, or on disk at a path) with ``data/`` loaded,
  for a test that writes; :func:`agency_service` — the service on such a store with agencies' tokens.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qualgraph.store import EmbeddedStore

if TYPE_CHECKING:  # the web service is imported only by the tests that start it
    from service_support import RunningService

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).resolve().parents[1]
BUNDLED_DATA = PROJECT / "data"
ILLUSTRATIVE_AQRF = PROJECT / "examples" / "illustrative-aqrf"
ADMIN_TOKEN = "admin-token"


@pytest.fixture(autouse=True)
def urllib_default_opener() -> Iterator[None]:
    """Every test starts with urllib's default opener.

    For HTTP digest authentication (the remote store on Virtuoso's ``/sparql-auth``) SPARQLWrapper installs a
    urllib opener process-wide (``urllib.request.install_opener``). A later SPARQLWrapper client without
    credentials then goes through its digest handler, which raises ValueError on the service's ``Bearer``
    challenge instead of letting the 401 through.
    """
    urllib.request.install_opener(None)
    yield
    urllib.request.install_opener(None)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """An empty Oxigraph store on disk, as a new user has it."""
    s = EmbeddedStore(tmp_path / "store")
    yield s
    s.close()


def snapshot(store: EmbeddedStore) -> set[str]:
    """Every quad of the store as text, to prove a failed operation changed nothing."""
    return {str(q) for q in store.oxigraph}


# -- the bundled data ----------------------------------------------------------------------------------------------
def bundled_data_store(path: Path | None = None, *, illustrative: bool = False) -> EmbeddedStore:
    """A new store (in memory, or on disk at ``path``) with ``data/`` loaded as ``qualgraph load data/`` does,
    and the illustrative AQRF example too if asked. The caller owns it: it may write, and closes it."""
    from qualgraph.loading import load_paths

    store = EmbeddedStore(path)
    load_paths(store, [BUNDLED_DATA, ILLUSTRATIVE_AQRF] if illustrative else [BUNDLED_DATA], root=PROJECT)
    return store


@pytest.fixture(scope="session")
def bundled_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store with ``data/`` and the illustrative AQRF example, as the README shows; closed again."""
    path = tmp_path_factory.mktemp("bundled") / "store"
    bundled_data_store(path, illustrative=True).close()
    return path


@pytest.fixture(scope="session")
def bundled_service(bundled_store_path: Path) -> Iterator["RunningService"]:
    """The real service on the bundled store, started once per run. Read only: a test must not write to it."""
    from service_support import running_service

    with running_service(bundled_store_path) as running:
        yield running


@pytest.fixture(scope="session")
def bundled_store(bundled_store_path: Path) -> Iterator[EmbeddedStore]:
    """The bundled store opened read-only, beside the service if it runs (as its query workers do)."""
    store = EmbeddedStore(bundled_store_path, read_only=True)
    yield store
    store.close()


@contextmanager
def agency_service(tokens: str, folder: Path, store: EmbeddedStore | None = None) -> Iterator["RunningService"]:
    """The service on ``store`` (default: a new in-memory one with ``data/``), with the agencies' ``tokens``
    (a tokens file's TOML) and the administrator's token :data:`ADMIN_TOKEN`; queries run in the server's own
    process. ``service.store`` is the store, ``service.client`` an httpx client on the service's URL."""
    import httpx

    from service_support import running_service

    store = store if store is not None else bundled_data_store()
    tokens_file = folder / "tokens.toml"
    tokens_file.write_text(tokens, encoding="utf-8")
    with running_service(store=store, admin_token=ADMIN_TOKEN, tokens_file=tokens_file, query_workers=0) as running:
        running.store = store
        with httpx.Client(base_url=running.url, timeout=60) as client:
            running.client = client
            yield running


@pytest.fixture
def submissions():
    """:class:`qualgraph.submissions.Submissions` on a new in-memory store with ``data/``: the workflow the
    service runs, without HTTP, for a test of what is stored, its versions, provenance and report."""
    from qualgraph.submissions import Submissions

    store = bundled_data_store()
    yield Submissions(store)
    store.close()

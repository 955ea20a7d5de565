"""Shared fixtures: real on-disk stores in temporary folders, the fixture folder, and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
import urllib.request
from pathlib import Path

import pytest

from qualgraph.store import EmbeddedStore

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).resolve().parents[1]


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

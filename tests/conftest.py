"""Shared fixtures: real on-disk stores in temporary folders, the fixture folder, and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qualgraph.store import EmbeddedStore

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).resolve().parents[1]


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

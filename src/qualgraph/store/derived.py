"""Values derived from a store and kept in memory (the comparability, benchmarking and search indexes): one
per store, built on first use and again once it says it is no longer current, one build at a time."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from .base import GraphStore


class Derived(Protocol):
    def is_current(self, store: GraphStore) -> bool:
        """False once the store has changed in a way that changes this value (or it is too old)."""
        ...


D = TypeVar("D", bound=Derived)


class PerStore(Generic[D]):
    """``build(store)``, kept per store (weakly: a closed store's value goes with it) while it is current."""

    def __init__(self, build: Callable[[GraphStore], D]) -> None:
        self._build = build
        self._values: weakref.WeakKeyDictionary[GraphStore, D] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, store: GraphStore) -> D:
        """The store's current value: the kept one if current, else a new one (callers wait for one build)."""
        value = self._values.get(store)
        if value is not None and value.is_current(store):
            return value
        with self._lock:
            value = self._values.get(store)
            if value is None or not value.is_current(store):
                value = self._values[store] = self._build(store)
        return value

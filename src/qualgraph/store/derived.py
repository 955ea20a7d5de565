"""Values derived from a store and kept in memory (the comparability, benchmarking and search indexes): one
per store, built on first use and again once it says it is no longer current, one build at a time. A value that
can bring itself up to date from the writes since (``updated``) is asked to first: the comparability and
benchmarking indexes read again only what the written graphs changed."""

from __future__ import annotations

import gc
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from .base import GraphStore

log = logging.getLogger(__name__)


def settle_long_lived() -> None:
    """Move what is alive now (the index just made, the app) out of the garbage collector's way.

    An index holds tens of thousands of container objects for as long as the store does not change, and each full
    collection walked them all, in the middle of whichever answer triggered it: 20-40 ms at issue 12's bench size
    even after the index kept its edges as untracked tuples, which made the 95th percentile of "comparable
    everywhere" 57-69 ms against a median of 22-24 ms. Frozen (``gc.freeze``), they are skipped: 31-39 ms at the
    95th percentile (``bench/bench_recognition.py``, three alternating pairs: ``bench/README.md``). The previous freeze is undone and a collection run
    first, so the index this one replaces, and any cyclic garbage frozen with it, is reclaimed now: what is frozen
    is at most what was alive at the last build."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Derived(Protocol):
    def is_current(self, store: GraphStore) -> bool:
        """False once the store has changed in a way that changes this value (or it is too old)."""
        ...


D = TypeVar("D", bound=Derived)


class PerStore(Generic[D]):
    """``build(store)``, kept per store (weakly: a closed store's value goes with it) while it is current.

    When the kept value is not current and has an ``updated(store)`` method, that is tried first: it returns the
    value for the store as it is now (itself, when the writes since changed nothing it reads, or a new value made
    from it), or None to have it built again. If it fails, the value is built again."""

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
                fresh = self._updated(value, store) if value is not None else None
                made = fresh if fresh is not None else self._build(store)
                replaced = made is not value
                value = self._values[store] = made  # the old value is no longer held here...
                if replaced:
                    settle_long_lived()  # ...so it is collected now, cycles included
        return value

    @staticmethod
    def _updated(value: D, store: GraphStore) -> D | None:
        update = getattr(value, "updated", None)
        if update is None:
            return None
        try:
            return update(store)
        except Exception:  # never an answer from a half-updated value: build it again
            log.exception("bringing %s up to date failed; building it again", type(value).__name__)
            return None

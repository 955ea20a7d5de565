"""An index replaced after a write is freed, even one whose objects refer to each other.

As the operator of a service that agencies write to every day, I want each write's new index to take the old one's
place in memory, not to pile up. Indexes are frozen out of the garbage collector's way once built
(``qualgraph.store.derived.settle_long_lived``: a full collection walking them made the slowest answers twice the
median); the next build undoes that freeze and collects first, so the index it replaces goes, cycles included.
"""

from __future__ import annotations

import gc
import weakref

from qualgraph.store import EmbeddedStore
from qualgraph.store.derived import PerStore


class CyclicIndex:
    """An index of the store's generation whose parts refer back to it (as parents and children often do)."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.generation = store.generation
        self.parts = [{"index": self} for _ in range(100)]

    def is_current(self, store: EmbeddedStore) -> bool:
        return store.generation == self.generation


def test_the_index_a_write_replaces_is_freed_cycles_included() -> None:
    store = EmbeddedStore(None)
    indexes: PerStore[CyclicIndex] = PerStore(CyclicIndex)
    try:
        first = indexes.get(store)
        assert gc.get_freeze_count() > 0  # built, then frozen out of the collector's way
        gone = weakref.ref(first)
        del first
        store.mark_changed(["urn:x-test:g"])
        second = indexes.get(store)
        assert second.generation == store.generation
        assert gone() is None, "the replaced index is still alive"
        assert indexes.get(store) is second  # current: kept, not built again
    finally:
        gc.unfreeze()
        store.close()

"""Probe: does pyoxigraph release the GIL while it evaluates a query and serialises its results?

For the heavy query (``comparable-levels`` bound to xx-nqf:5) and a cheap one (one qualification's
``?p ?o``), on the in-memory store (a copy) and on the on-disk store opened read-only, runs the
worker's path ``store.query(q, use_default_graph_as_union=True).serialize(format=JSON)`` for
``--seconds`` in 1 thread, then in 2 threads of one process, and prints queries/s and process
CPU / wall. If the GIL is released, 2 threads reach cpu/wall ~2 (on 2 idle cores) and ~2x the queries/s;
if it is held, cpu/wall stays ~1 and queries/s does not grow. Also splits the two steps: ``query()``
alone (does it evaluate eagerly?) and ``serialize()`` of an already-started result.

The cleaner test on a shared machine: a pure-Python "canary" thread counting in a loop, alone and then next
to a thread running queries. If pyoxigraph held the GIL while it evaluates and serialises, the canary would
only run between queries (its rate would fall by about the share of time spent in pyoxigraph); if it releases
it, the canary keeps its rate (2 cores).

    python bench/probe_gil.py --store bench/out/store-1000000 [--seconds 4] [--no-memory]
"""
from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
import pyoxigraph as ox

from qualgraph import ids
from qualgraph.queries import load_query, with_values

CHEAP_IRI = "https://w3id.org/qualgraph/id/qualification/xx-nqf/Q0000000"
HEAVY = with_values(load_query("comparable-levels"), "level", [ids.LevelId.parse("xx-nqf:5").iri])
CHEAP = f"SELECT ?p ?o WHERE {{ <{CHEAP_IRI}> ?p ?o }}"
JSON = ox.QueryResultsFormat.JSON


def full(store, q):
    return store.query(q, use_default_graph_as_union=True).serialize(format=JSON)


def run(store, q, threads: int, seconds: float, step=full) -> tuple[float, float]:
    counts = [0] * threads
    stop_at = time.monotonic() + seconds

    def loop(i: int) -> None:
        while time.monotonic() < stop_at:
            step(store, q)
            counts[i] += 1

    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    w0, c0 = time.monotonic(), time.process_time()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    wall, cpu = time.monotonic() - w0, time.process_time() - c0
    return sum(counts) / wall, cpu / wall


def canary(store, q, seconds: float) -> tuple[float, float, float]:
    """(canary counts/s alone, canary counts/s next to a query thread, that thread's queries/s)."""
    def count(stop_at: float) -> int:
        n = 0
        while time.monotonic() < stop_at:
            for _ in range(1000):
                n += 1
        return n

    alone = count(time.monotonic() + seconds) / seconds
    done = [0]
    stop_at = time.monotonic() + seconds

    def queries() -> None:
        while time.monotonic() < stop_at:
            full(store, q)
            done[0] += 1

    t = threading.Thread(target=queries)
    t.start()
    beside = count(stop_at) / seconds
    t.join()
    return alone, beside, done[0] / seconds


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--seconds", type=float, default=4)
    p.add_argument("--no-memory", action="store_true")
    a = p.parse_args()
    disk = ox.Store.read_only(str(a.store))
    stores = [("disk", disk)]
    if not a.no_memory:
        t = time.monotonic()
        mem = ox.Store()
        mem.bulk_extend(disk.quads_for_pattern(None, None, None, None))
        print(f"in-memory copy in {time.monotonic() - t:.1f} s")
        stores.insert(0, ("memory", mem))
    print(f"cheap answer: {len(full(disk, CHEAP))} bytes, heavy answer: {len(full(disk, HEAVY))} bytes")
    for qname, q in (("heavy", HEAVY), ("cheap", CHEAP)):
        for sname, store in stores:
            for _ in range(20):
                full(store, q)  # warm
            one_qps, one_cpu = run(store, q, 1, a.seconds)
            two_qps, two_cpu = run(store, q, 2, a.seconds)
            print(f"{qname:5} {sname:6} 1 thread {one_qps:8.1f} q/s cpu/wall {one_cpu:.2f} | 2 threads "
                  f"{two_qps:8.1f} q/s cpu/wall {two_cpu:.2f} | speed-up {two_qps / one_qps:.2f}", flush=True)
    for qname, q in (("heavy", HEAVY), ("cheap", CHEAP)):
        for sname, store in stores:
            alone, beside, qps = canary(store, q, a.seconds)
            print(f"canary {qname:5} {sname:6}: canary {alone / 1e6:.2f} M/s alone, {beside / 1e6:.2f} M/s next to "
                  f"{qps:.0f} queries/s ({beside / alone:.2f})", flush=True)
    # step split on the heavy query from disk: is query() eager? how long does serialize() take?
    store = stores[-1][1]
    for label, step in (("query() only", lambda s, q: s.query(q, use_default_graph_as_union=True)),
                        ("query()+serialize()", full)):
        n, t = 0, time.perf_counter()
        while time.perf_counter() - t < 2:
            step(store, HEAVY)
            n += 1
        print(f"heavy disk, {label}: {(time.perf_counter() - t) / n * 1000:.2f} ms each")


if __name__ == "__main__":
    main()

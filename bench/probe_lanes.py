"""Probe: do two lanes (threads) of one query worker answer twice as many queries as one?

A worker process answers one query per lane, and lanes share the process's store and its in-memory copy
(``qualgraph.sparql.worker``). For the heavy query (``comparable-levels`` bound to xx-nqf:5), on the store
opened read-only as a worker opens it, runs for ``--seconds`` in 1 and then 2 threads, in interleaved rounds:

* the worker's own path, ``run_query`` (the depth and federation checks, and the row cap, which has pyoxigraph
  write the result as TSV into a Python object that counts its lines, then re-serialises the kept rows);
* ``serialize(format=JSON)`` to bytes, which is what pyoxigraph offers without a Python object in the way.

If pyoxigraph evaluates while it holds the GIL, two threads answer about as many queries as one. The figure
decides how many worker processes the pool starts (``qualgraph.sparql.pool.processes_for``). On a busy machine
(fewer free cores than threads) two threads cannot beat one either way: run it with the machine quiet.

    python bench/probe_lanes.py --store bench/out/store-10000000 [--seconds 2] [--rounds 3]
"""
from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
import pyoxigraph as ox  # noqa: E402

from qualgraph import ids  # noqa: E402
from qualgraph.queries import load_query, with_values  # noqa: E402
from qualgraph.sparql.execution import QueryLimits, QueryRequest, run_query  # noqa: E402

HEAVY = with_values(load_query("comparable-levels"), "level", [ids.LevelId.parse("xx-nqf:5").iri])


def rate(step, threads: int, seconds: float) -> float:
    """Queries per second over ``threads`` threads running ``step`` for ``seconds``."""
    counts = [0] * threads
    stop_at = time.monotonic() + seconds

    def loop(i: int) -> None:
        while time.monotonic() < stop_at:
            step()
            counts[i] += 1

    started = time.monotonic()
    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return sum(counts) / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    store = ox.Store.read_only(str(args.store))
    limits = QueryLimits()
    request = QueryRequest(HEAVY, accept="application/sparql-results+json")
    steps = {
        "run_query (row cap, Python sink)": lambda: run_query(store, request, limits),
        "serialize to bytes": lambda: store.query(HEAVY, use_default_graph_as_union=True).serialize(
            format=ox.QueryResultsFormat.JSON),
    }
    figures: dict[str, dict[int, list[float]]] = {name: {1: [], 2: []} for name in steps}
    for _ in range(args.rounds):
        for name, step in steps.items():
            step()
            for threads in (1, 2):
                figures[name][threads].append(rate(step, threads, args.seconds))
    out = []
    for name, by_threads in figures.items():
        one, two = (sorted(by_threads[n])[len(by_threads[n]) // 2] for n in (1, 2))
        print(f"{name:34s} 1 thread {one:7.1f} q/s   2 threads {two:7.1f} q/s   speed-up {two / one:.2f}")
        out.append({"path": name, "one_thread": round(one, 1), "two_threads": round(two, 1),
                    "speed_up": round(two / one, 2)})
    target = ROOT / "bench" / "out" / f"probe-lanes-{args.store.name}.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(out, indent=2))
    print(f"written {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

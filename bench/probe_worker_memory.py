"""Probe: resident memory of one process reading the store from disk (``Store.read_only``), as a query worker.

In a fresh interpreter: VmRSS / RssAnon / RssFile after importing pyoxigraph, after opening the store read-only,
after N heavy queries (comparable-levels, xx-nqf:5), after N cheap lookups of *different* qualifications (so
more of the store's blocks are read), and after a full scan (every quad), i.e. how far RocksDB's block cache
and table readers grow. pyoxigraph 0.5.13 exposes no open options (``Store(path=None)``,
``Store.read_only(path)``), so the cache cannot be bounded from Python; this shows whether it needs to be.

    python bench/probe_worker_memory.py --store bench/out/store-1000000 [--queries 200]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def mem() -> dict:
    status = Path("/proc/self/status").read_text().splitlines()
    get = {line.split(":")[0]: int(line.split()[1]) // 1024 for line in status
           if line.startswith(("VmRSS", "RssAnon", "RssFile", "VmSize", "VmData"))}
    return get


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--no-scan", action="store_true")
    a = p.parse_args()
    steps = []

    def step(label: str, t0: float) -> None:
        steps.append({"step": label, "seconds": round(time.monotonic() - t0, 2), **mem()})
        print(f"{label:44} {steps[-1]}", flush=True)

    t = time.monotonic()
    import pyoxigraph as ox

    from qualgraph import ids
    from qualgraph.queries import load_query, with_values
    step("imported", t)
    t = time.monotonic()
    store = ox.Store.read_only(str(a.store))
    step("opened read-only", t)
    heavy = with_values(load_query("comparable-levels"), "level", [ids.LevelId.parse("xx-nqf:5").iri])
    fmt = ox.QueryResultsFormat.JSON
    t = time.monotonic()
    for _ in range(a.queries):
        store.query(heavy, use_default_graph_as_union=True).serialize(format=fmt)
    step(f"after {a.queries} heavy queries", t)
    # qualification IRIs spread over the store: xx-nqf/Q0000000 ... ; codes rotate, so ask for them by a scan
    iris = [q.subject for q, _ in zip(store.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("https://w3id.org/qualgraph/ontology#Qualification")), range(1_000_000))]
    step(f"listed {len(iris)} qualifications", t)
    t = time.monotonic()
    stride = max(1, len(iris) // (10 * a.queries))
    for iri in iris[::stride][: 10 * a.queries]:
        store.query(f"SELECT ?p ?o WHERE {{ {iri} ?p ?o }}", use_default_graph_as_union=True).serialize(format=fmt)
    step(f"after {10 * a.queries} cheap lookups, spread", t)
    if not a.no_scan:
        t = time.monotonic()
        n = sum(1 for _ in store.quads_for_pattern(None, None, None, None))
        step(f"after a full scan ({n} quads)", t)
    out = ROOT / "bench" / "out" / f"probe-worker-memory-{a.store.name}.json"
    out.write_text(json.dumps(steps, indent=2) + "\n")


if __name__ == "__main__":
    main()

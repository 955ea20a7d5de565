"""Probe: where ``qualgraph serve``'s start-up time goes on a large store, and what an emptiness check costs.

On a copy of the store (a read-write open, as the server does): seconds to import the web app, to open the
store (``open_store``), ``len(store)`` (pyoxigraph counts every quad), ``store.is_empty()`` and the raw
"first quad" check it stands for, ``Store.read_only`` (what each query worker does), the query worker pool's
start (``open_service``: 4 worker processes, each importing qualgraph and opening the store; with the
default in-memory copy setting and with 0), and the whole lifespan (create_app + startup) under cProfile
(top cumulative entries).

    python bench/probe_startup.py --store bench/out/store-10000000
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def timed(label: str, fn, out: dict):
    t = time.perf_counter()
    value = fn()
    out[label] = round(time.perf_counter() - t, 4)
    print(f"{label:58} {out[label]:8.3f} s  {'' if value is None else repr(value)[:60]}", flush=True)
    return value


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--store", type=Path, required=True)
    a = p.parse_args()
    out: dict = {"store": str(a.store)}
    with tempfile.TemporaryDirectory(prefix="probe-startup-") as tmp:
        path = Path(tmp) / "store"
        shutil.copytree(a.store, path)
        timed("import qualgraph.web.app", lambda: __import__("qualgraph.web.app"), out)
        import pyoxigraph as ox

        from qualgraph.config import Settings
        from qualgraph.sparql import open_service
        from qualgraph.store import open_store

        settings = Settings(store=str(path))
        store = timed("open_store (read-write)", lambda: open_store(settings), out)
        timed("len(store)  [counts every quad]", lambda: len(store), out)
        timed("store.is_empty()", store.is_empty, out)
        raw = store._store
        timed("raw: next(iter(quads_for_pattern(None,None,None,None)))",
              lambda: next(iter(raw.quads_for_pattern(None, None, None, None)), None) is None, out)
        timed("raw: ASK { GRAPH ?g { ?s ?p ?o } }", lambda: bool(raw.query("ASK { GRAPH ?g { ?s ?p ?o } }")), out)
        timed("raw: named_graphs() first", lambda: next(iter(raw.named_graphs()), None) is not None, out)
        timed("Store.read_only (another handle, as a worker)", lambda: ox.Store.read_only(str(path)) and None, out)
        for replica in (0, settings.query_replica_max_quads):
            s = Settings(store=str(path), query_replica_max_quads=replica)
            service = timed(f"open_service: pool of workers ready (replica cap {replica})",
                            lambda s=s: open_service(store, s), out)
            timed("  close the pool", service.close, out)
        raw = None  # the handle must go before the store can be opened again
        store.close()
        # the whole start-up, as uvicorn's lifespan runs it
        import asyncio

        from qualgraph.web.app import create_app

        async def startup() -> None:
            app = create_app(Settings(store=str(path)))
            async with app.router.lifespan_context(app):
                pass

        profile = cProfile.Profile()
        t = time.perf_counter()
        profile.runcall(asyncio.run, startup())
        out["lifespan start+stop (default settings)"] = round(time.perf_counter() - t, 3)
        print(f"lifespan start+stop (default settings): {out['lifespan start+stop (default settings)']:.3f} s")
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(18)
        print("\n".join(line for line in text.getvalue().splitlines() if line.strip())[:4000])
    name = a.store.name
    (ROOT / "bench" / "out" / f"probe-startup-{name}.json").write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()

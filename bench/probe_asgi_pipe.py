"""Probe: where the ~1 ms of a cheap ``/sparql`` request goes, and the cheapest Python request path.

Four servers on copies of one store, all reading the disk (read-only RocksDB), measured in interleaved
rounds with wrk (4 connections) on the heavy and the cheap query, as bench_http.py does:

* ``oxigraph serve`` (the baseline);
* ``qualgraph /sparql`` — the current app (FastAPI, uvicorn), ``QUALGRAPH_QUERY_REPLICA_MAX_QUADS=0``;
* ``raw ASGI + pool`` — a raw ASGI app (no FastAPI/Starlette) under uvicorn (uvloop, httptools) calling the same
  :class:`qualgraph.sparql.pool.WorkerPool` (4 workers, same pipe round trip, timeout, row cap, client shares);
* ``raw ASGI + threads`` — the same app answering in-process from a read-only store in a thread pool
  (``asyncio.to_thread``; pyoxigraph releases the GIL, but such a query cannot be stopped).

With ``--profile SECONDS`` also records the current app's server process with py-spy during a cheap-query
load (``PYSPY`` = path of the py-spy binary) and prints the top own-time functions.

    python bench/probe_asgi_pipe.py --store bench/out/store-1000000 [--seconds 6 --rounds 2 --profile 8]
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_http import (
    CHEAP_QUERY,
    asgi_body,
    print_rounds,
    Request,
    cpu_seconds,
    free_port,
    process_memory,
    run_wrk,
    start_oxigraph,
    start_qualgraph,
    stop,
    wait_for,
)

from qualgraph import ids
from qualgraph.queries import load_query, with_values

HEAVY = with_values(load_query("comparable-levels"), "level", [ids.LevelId.parse("xx-nqf:5").iri])
HEADERS = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


def serve(port: int, store: str, mode: str) -> None:
    """The raw ASGI app: ``mode`` "pool" (WorkerPool, 4 workers) or "threads" (in-process, read-only store)."""
    import uvicorn

    from qualgraph.sparql.execution import QueryLimits, QueryRequest, run_query
    from qualgraph.sparql.pool import QUERY_CLIENT, WorkerPool

    limits = QueryLimits()
    state: dict = {}

    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    if mode == "pool":
                        state["pool"] = WorkerPool(Path(store), size=4, limits=limits, replica_max_quads=0)
                        await asyncio.to_thread(state["pool"].start)
                    else:
                        import pyoxigraph as ox
                        state["store"] = ox.Store.read_only(store)
                    await send({"type": "lifespan.startup.complete"})
                else:
                    if "pool" in state:
                        state["pool"].close()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = await asgi_body(receive)
        accept = next((v.decode() for k, v in scope["headers"] if k == b"accept"), None)
        if not body:  # GET ?query= (the readiness check)
            from urllib.parse import parse_qs
            body = parse_qs(scope["query_string"].decode()).get("query", [""])[0].encode()
        request = QueryRequest(body.decode(), accept, (), (), f"http://127.0.0.1:{port}/sparql")
        if mode == "pool":
            QUERY_CLIENT.set(scope["client"][0] if scope.get("client") else None)
            answer = await state["pool"].arun(request, 30.0)
        else:
            answer = await asyncio.to_thread(run_query, state["store"], request, limits)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", answer.media_type.encode())]})
        await send({"type": "http.response.body", "body": answer.body})

    uvicorn.run(app, host="127.0.0.1", port=port, loop="uvloop", http="httptools", access_log=False,
                log_level="warning")


def profile(pid: int, seconds: float, req: Request, work: Path) -> list[tuple[str, float]]:
    """py-spy's own-time share per function of ``pid`` during a wrk load of ``req``."""
    pyspy = os.environ.get("PYSPY", "py-spy")
    out = work / "profile.txt"
    spy = subprocess.Popen([pyspy, "record", "--pid", str(pid), "--duration", str(int(seconds)), "--rate", "250",
                            "--format", "raw", "--output", str(out), "--nonblocking"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    run_wrk(req, seconds, work)
    spy.wait(timeout=60)
    own: collections.Counter[str] = collections.Counter()
    incl: collections.Counter[str] = collections.Counter()
    total = 0
    for line in out.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        frames = stack.split(";")
        total += int(n)
        own[frames[-1]] += int(n)
        for f in set(frames):
            incl[f] += int(n)
    return ([(f, round(c / total * 100, 1)) for f, c in own.most_common(25)],
            [(f, round(c / total * 100, 1)) for f, c in incl.most_common(60)])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--store", type=Path)
    p.add_argument("--seconds", type=float, default=6)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--profile", type=float, default=0)
    p.add_argument("--serve", nargs=3)
    a = p.parse_args()
    if a.serve:
        return serve(int(a.serve[0]), a.serve[1], a.serve[2])
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="probe-asgi-") as tmp:
        work = Path(tmp)
        stores = {}
        for name in ("ox", "qg", "pool", "threads"):
            stores[name] = work / name
            shutil.copytree(a.store, stores[name])
        ports = {name: free_port() for name in stores}
        procs = {"ox": start_oxigraph(stores["ox"], ports["ox"]),
                 "qg": start_qualgraph(stores["qg"], ports["qg"], replica=False)}
        for mode in ("pool", "threads"):
            procs[mode] = subprocess.Popen([sys.executable, __file__, "--serve", str(ports[mode]), str(stores[mode]),
                                            mode])
        try:
            wait_for(f"http://127.0.0.1:{ports['ox']}/query?query=ASK%7B%7D", procs["ox"])
            for name in ("qg", "pool", "threads"):
                wait_for(f"http://127.0.0.1:{ports[name]}/sparql?query=ASK%7B%7D", procs[name])
            names = {"ox": "oxigraph serve", "qg": "qualgraph /sparql (disk)", "pool": "raw ASGI + pool",
                     "threads": "raw ASGI + threads"}
            targets = [(f"{names[n]} {kind}", Request(f"http://127.0.0.1:{ports[n]}/{'query' if n == 'ox' else 'sparql'}",
                                                      "POST", q, HEADERS), procs[n].pid)
                       for kind, q in (("heavy", HEAVY), ("cheap", CHEAP_QUERY)) for n in names]
            rows: dict[str, list] = {name: [] for name, _, _ in targets}
            for rnd in range(a.rounds):
                for name, req, pid in targets:
                    run_wrk(req, 1, work)
                    before = cpu_seconds(pid)
                    count, errors, elapsed, p50, p99 = run_wrk(req, a.seconds, work)
                    cpu = cpu_seconds(pid) - before
                    rows[name].append({"rps": round(count / elapsed, 1), "p50_ms": p50, "p99_ms": p99,
                                       "cpu_ms_per_req": round(cpu / max(count, 1) * 1000, 3), "errors": errors})
                print(f"round {rnd + 1}: " + ", ".join(f"{n} {v[-1]['rps']:.0f}" for n, v in rows.items()), flush=True)
            results["rounds"] = rows
            results["memory_mib"] = {names[n]: process_memory(procs[n].pid) for n in names}
            if a.profile:
                req = Request(f"http://127.0.0.1:{ports['qg']}/sparql", "POST", CHEAP_QUERY, HEADERS)
                own, incl = profile(procs["qg"].pid, a.profile, req, work)
                results["profile_own_pct"] = own
                results["profile_inclusive_pct"] = incl
                print("py-spy, qualgraph server process under the cheap load, own time %:")
                for f, pct in own[:25]:
                    print(f"  {pct:5.1f}  {f[:140]}")
                print("inclusive %:")
                for f, pct in incl[:60]:
                    print(f"  {pct:5.1f}  {f[:140]}")
        finally:
            for proc in procs.values():
                stop(proc)
    print_rounds(rows, lambda name: f"oxigraph serve {name.split()[-1]}")
    out = ROOT / "bench" / "out" / f"probe-asgi-pipe-{a.store.name}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print("written", out)


if __name__ == "__main__":
    main()

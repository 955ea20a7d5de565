"""Probe: what a cheap ``/sparql`` lookup costs when the server answers it itself, without a worker.

Issue 15 asks for cheap lookups at >= 0.5x ``oxigraph serve``; the pipe to a query worker and the web stack cost
~1 ms of CPU per request. Here the cheap query (one qualification's record) is answered in the server process,
on the event loop, from the store opened read-only, serialised by pyoxigraph, through:

* ``raw ASGI`` — an ASGI function under uvicorn (uvloop, httptools), nothing else;
* ``FastAPI route`` — the same work in a FastAPI route with CORS middleware;
* ``qualgraph /sparql`` — the real service with default settings: the server and its front process (issue 15,
  ``qualgraph/web/front.py``) each answer the lookups of the connections the kernel gives them
  (``qualgraph.sparql.inline``: the server
  answers a query bounded by its rows itself, with every check of ``/sparql``);

against ``oxigraph serve`` on a copy of the same store, in interleaved rounds (wrk, 4 connections), with CPU per
request of each server process.

    python bench/probe_fast_path.py --store bench/out/store-1000000 [--seconds 6 --rounds 2]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_http import (  # noqa: E402
    CHEAP_QUERY, Request, cpu_seconds, free_port, run_wrk, start_oxigraph, start_qualgraph, stop, wait_for,
    asgi_body, print_rounds, process_memory, wait_until_idle,
)

HEADERS = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


def query_text(body: bytes, query_string: str) -> str:
    """The posted query, else the one in ``?query=``."""
    return body.decode() if body else parse_qs(query_string).get("query", [""])[0]


def answer(db: ox.Store, text: str) -> bytes:
    """The lookup's answer as SPARQL JSON, straight from the read-only store: all a bare server does."""
    return db.query(text, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)


def serve(port: int, store: str, mode: str) -> None:
    import uvicorn

    db = ox.Store.read_only(store)

    if mode == "raw":
        async def app(scope, receive, send):
            if scope["type"] != "http":
                return
            data = answer(db, query_text(await asgi_body(receive), scope["query_string"].decode()))
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/sparql-results+json")]})
            await send({"type": "http.response.body", "body": data})
    else:
        from fastapi import FastAPI, Request as FRequest
        from fastapi.middleware.cors import CORSMiddleware
        from fastapi.responses import Response

        app = FastAPI()
        app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"])

        @app.get("/sparql")
        async def get(request: FRequest) -> Response:
            return Response(answer(db, request.query_params["query"]), media_type="application/sparql-results+json")

        @app.post("/sparql")
        async def post(request: FRequest) -> Response:
            return Response(answer(db, (await request.body()).decode()),
                            media_type="application/sparql-results+json")

    uvicorn.run(app, host="127.0.0.1", port=port, loop="uvloop", http="httptools", access_log=False,
                log_level="warning")


async def rsgi_app(scope, protocol) -> None:
    """The raw function again, for granian's RSGI interface (HTTP in Rust, the least Python per request there is);
    each granian process opens the store read-only on its first request."""
    global _RSGI_STORE
    if _RSGI_STORE is None:
        _RSGI_STORE = ox.Store.read_only(os.environ["PROBE_STORE"])
    data = answer(_RSGI_STORE, query_text(await protocol(), scope.query_string))
    protocol.response_bytes(200, [("content-type", "application/sparql-results+json")], data)


_RSGI_STORE = None


def start_granian(port: int, store: Path, processes: int) -> subprocess.Popen:
    """``granian`` (a Rust HTTP server for Python apps), ``processes`` of it sharing the port."""
    env = dict(os.environ, PROBE_STORE=str(store), PYTHONPATH=str(ROOT / "bench"))
    return subprocess.Popen([sys.executable, "-m", "granian", "--interface", "rsgi", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(processes), "--runtime-mode", "st",
                             "--log-level", "warning", "probe_fast_path:rsgi_app"], env=env)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--store", type=Path)
    p.add_argument("--seconds", type=float, default=6)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--connections", type=int, default=4,
                   help="wrk's connections (4, as in every bench here); the kernel spreads them over qualgraph's "
                        "server and front process by a hash of their addresses, so with 4 one process often gets 3")
    p.add_argument("--fronts", type=int, nargs="+", default=[None],
                   help="qualgraph's front processes (QUALGRAPH_FRONT_PROCESSES), one service per number, each on a "
                        "copy of its own (default: the setting's default)")
    p.add_argument("--only-qualgraph", action="store_true", help="leave out the bare servers (raw, granian, FastAPI)")
    p.add_argument("--serve", nargs=3)
    a = p.parse_args()
    if a.serve:
        return serve(int(a.serve[0]), a.serve[1], a.serve[2])
    rows: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="probe-fast-", dir=ROOT / "bench" / "out") as tmp:
        work = Path(tmp)
        copy = work / "store"
        shutil.copytree(a.store, copy)
        granian = importlib.util.find_spec("granian") is not None  # not a dependency: installed by hand for this probe
        modes = [] if a.only_qualgraph else ["raw", *(["granian", "granian2"] if granian else []), "fastapi"]
        services = {f"qg{fronts if fronts is not None else ''}": fronts for fronts in a.fronts}
        ports = {name: free_port() for name in ("ox", *modes, *services)}
        procs = {"ox": start_oxigraph(copy, ports["ox"])}
        wait_for(f"http://127.0.0.1:{ports['ox']}/query?query=ASK%7B%7D", procs["ox"])
        for key, fronts in services.items():
            qg_copy = work / f"store-{key}"  # qualgraph opens its store read-write: a copy of its own
            shutil.copytree(a.store, qg_copy)
            procs[key] = start_qualgraph(qg_copy, ports[key], front_processes=fronts)
        for mode in modes:
            if mode.startswith("granian"):
                procs[mode] = start_granian(ports[mode], copy, 2 if mode == "granian2" else 1)
            else:
                procs[mode] = subprocess.Popen([sys.executable, __file__, "--serve", str(ports[mode]), str(copy), mode])
        try:
            for mode in (*modes, *services):
                wait_for(f"http://127.0.0.1:{ports[mode]}/sparql?query=ASK%7B%7D", procs[mode])
            for key in services:
                wait_until_idle(procs[key].pid)  # its worker copies the store into memory after start-up
            names = {"ox": "oxigraph serve", "raw": "raw ASGI, in process", "granian": "raw RSGI, granian",
                     "granian2": "raw RSGI, granian x2 processes", "fastapi": "FastAPI route, in process"}
            names = {key: name for key, name in names.items() if key == "ox" or key in modes}
            names.update({key: "qualgraph /sparql" + (f", {n} front" if n is not None else "")
                          for key, n in services.items()})
            for rnd in range(a.rounds):
                for key, name in names.items():
                    path = "query" if key == "ox" else "sparql"
                    req = Request(f"http://127.0.0.1:{ports[key]}/{path}", "POST", CHEAP_QUERY, HEADERS)
                    run_wrk(req, 1, work, a.connections)
                    before = cpu_seconds(procs[key].pid)
                    count, errors, elapsed, p50, p99 = run_wrk(req, a.seconds, work, a.connections)
                    cpu = cpu_seconds(procs[key].pid) - before
                    rows.setdefault(name, []).append({"rps": round(count / elapsed, 1), "p50_ms": p50, "p99_ms": p99,
                                                      "cpu_ms_per_req": round(cpu / max(count, 1) * 1000, 3),
                                                      "errors": errors})
                print(f"round {rnd + 1}: " + ", ".join(f"{n} {v[-1]['rps']:.0f}" for n, v in rows.items()), flush=True)
            for key in services:
                print(f"{names[key]}: processes (RSS MiB): " + ", ".join(f"{p['process']} {p['rss_mib']}"
                                                                      for p in process_memory(procs[key].pid)))
        finally:
            for proc in procs.values():
                stop(proc)
    print_rounds(rows, lambda name: "oxigraph serve", width=34)
    out = ROOT / "bench" / "out" / f"probe-fast-path-{a.store.name}-c{a.connections}.json"
    out.write_text(json.dumps(rows, indent=2) + "\n")
    print("written", out)


if __name__ == "__main__":
    main()

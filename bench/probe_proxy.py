"""Probe: ``oxigraph serve`` as the query engine behind a thin Python proxy, on loopback.

Measures, in interleaved rounds (wrk, 4 connections, like bench_http.py), requests/s and CPU per request
(the proxy and oxigraph together) of the heavy query (comparable-levels, xx-nqf:5) and the cheap one (one
qualification's record) sent:

* to ``oxigraph serve --union-default-graph --timeout-s 30`` directly;
* through a raw ASGI app (no FastAPI) under uvicorn (uvloop, httptools) forwarding with ``httpx.AsyncClient``;
* through a plain-asyncio (uvloop) HTTP/1.1 proxy with a pool of keep-alive upstream connections, passing the
  answer through byte for byte (Content-Length or chunked).

Also: whether ``--timeout-s`` stops a runaway query (and the CPU it burns after), and whether
``oxigraph serve-read-only`` sees a write another process commits afterwards.

    python bench/probe_proxy.py --store bench/out/store-1000000 [--seconds 6 --rounds 2]
"""
from __future__ import annotations

import argparse
import asyncio
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

import httpx
from bench_http import (
    CHEAP_QUERY,
    asgi_body,
    print_rounds,
    Request,
    cpu_seconds,
    free_port,
    process_memory,
    run_wrk,
    stop,
    wait_for,
)

from qualgraph import ids
from qualgraph.queries import load_query, with_values

HEAVY = with_values(load_query("comparable-levels"), "level", [ids.LevelId.parse("xx-nqf:5").iri])
OXIGRAPH = str(Path(sys.executable).parent / "oxigraph")
HEADERS = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}


# -- the two proxies, run as `python probe_proxy.py --serve-asgi|--serve-raw PORT UPSTREAM_PORT` ----------
def serve_asgi(port: int, upstream: int) -> None:
    import uvicorn

    client: httpx.AsyncClient | None = None

    async def app(scope, receive, send):
        nonlocal client
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    client = httpx.AsyncClient(base_url=f"http://127.0.0.1:{upstream}",
                                               limits=httpx.Limits(max_keepalive_connections=32), timeout=60)
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = await asgi_body(receive)
        headers = {k.decode(): v.decode() for k, v in scope["headers"] if k in (b"content-type", b"accept")}
        r = await client.post("/query", content=body, headers=headers)
        await send({"type": "http.response.start", "status": r.status_code,
                    "headers": [(b"content-type", r.headers.get("content-type", "").encode())]})
        await send({"type": "http.response.body", "body": r.content})

    uvicorn.run(app, host="127.0.0.1", port=port, loop="uvloop", http="httptools", access_log=False,
                log_level="warning")


def serve_raw(port: int, upstream: int) -> None:
    import uvloop

    pool: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def read_message(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
        """(head, body) of one HTTP/1.1 message; the body as sent (Content-Length or chunked, raw)."""
        head = await reader.readuntil(b"\r\n\r\n")
        lower = head.lower()
        if b"transfer-encoding: chunked" in lower:
            parts = []
            while True:
                line = await reader.readuntil(b"\r\n")
                size = int(line.split(b";")[0], 16)
                parts.append(line)
                parts.append(await reader.readexactly(size + 2))
                if size == 0:
                    break
            return head, b"".join(parts)
        i = lower.find(b"content-length:")
        if i < 0:
            return head, b""
        n = int(lower[i + 15:lower.index(b"\r\n", i)])
        return head, await reader.readexactly(n)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head, body = await read_message(reader)
                lines = head.split(b"\r\n")
                keep = [h for h in lines[1:] if h.lower().startswith((b"content-type", b"accept:", b"content-length"))]
                request = b"\r\n".join([b"POST /query HTTP/1.1", b"host: 127.0.0.1", *keep, b"", b""]) + body
                up = pool.pop() if pool else await asyncio.open_connection("127.0.0.1", upstream)
                up[1].write(request)
                rhead, rbody = await read_message(up[0])
                pool.append(up)
                writer.write(rhead + rbody)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port)
        async with server:
            await server.serve_forever()

    uvloop.run(main())


# -- measuring ------------------------------------------------------------------------------------------
def timeout_check(port: int) -> dict:
    """A runaway query (a cross product, sorted) against a server with --timeout-s 2."""
    runaway = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
    t0 = time.monotonic()
    try:
        r = httpx.post(f"http://127.0.0.1:{port}/query", content=runaway, headers=HEADERS, timeout=60)
        status, text = r.status_code, r.text[:200]
    except httpx.HTTPError as e:
        status, text = None, repr(e)
    return {"status": status, "seconds": round(time.monotonic() - t0, 2), "body": text}


def read_only_sees_writes(store: Path) -> dict:
    """A write committed by another process after ``serve-read-only`` opened: visible or not?"""
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s"
        rw = ox.Store(str(path))
        g = ox.NamedNode("https://example.org/g")
        rw.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"), ox.Literal("1"), g))
        rw.flush()
        port = free_port()
        ro = subprocess.Popen([OXIGRAPH, "serve-read-only", "--location", str(path), "--bind", f"127.0.0.1:{port}",
                               "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", ro)
            count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

            def n() -> str:
                r = httpx.post(f"http://127.0.0.1:{port}/query", content=count, headers=HEADERS, timeout=10)
                return r.json()["results"]["bindings"][0]["n"]["value"]

            before = n()
            rw.add(ox.Quad(ox.NamedNode("https://example.org/b"), ox.NamedNode("https://example.org/p"),
                           ox.Literal("2"), g))
            rw.flush()
            time.sleep(1)
            after = n()
        finally:
            stop(ro)
        del rw
    return {"before": before, "after_write_and_flush": after}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--store", type=Path)
    p.add_argument("--seconds", type=float, default=6)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--serve-asgi", nargs=2, type=int)
    p.add_argument("--serve-raw", nargs=2, type=int)
    a = p.parse_args()
    if a.serve_asgi:
        return serve_asgi(*a.serve_asgi)
    if a.serve_raw:
        return serve_raw(*a.serve_raw)
    results: dict = {"read_only_sees_writes": read_only_sees_writes(a.store)}
    print("serve-read-only and a later write by another process:", results["read_only_sees_writes"], flush=True)
    with tempfile.TemporaryDirectory(prefix="probe-proxy-") as tmp:
        store = Path(tmp) / "store"
        shutil.copytree(a.store, store)
        ox_port, asgi_port, raw_port, slow_port = free_port(), free_port(), free_port(), free_port()
        ox = subprocess.Popen([OXIGRAPH, "serve", "--location", str(store), "--bind", f"127.0.0.1:{ox_port}",
                               "--union-default-graph"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        me = [sys.executable, __file__]
        asgi = subprocess.Popen([*me, "--serve-asgi", str(asgi_port), str(ox_port)])
        raw = subprocess.Popen([*me, "--serve-raw", str(raw_port), str(ox_port)])
        procs = [ox, asgi, raw]
        try:
            for port, proc in ((ox_port, ox), (asgi_port, asgi), (raw_port, raw)):
                wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", proc) if proc is ox else time.sleep(0)
            time.sleep(2)
            for port in (asgi_port, raw_port):
                r = httpx.post(f"http://127.0.0.1:{port}/sparql", content=CHEAP_QUERY, headers=HEADERS, timeout=30)
                assert r.status_code == 200 and len(r.json()["results"]["bindings"]) > 0, r.text[:300]
            targets = [(f"{via} {kind}", Request(f"http://127.0.0.1:{port}/{path}", "POST", q, HEADERS), pids)
                       for kind, q in (("heavy", HEAVY), ("cheap", CHEAP_QUERY))
                       for via, port, path, pids in (("oxigraph serve", ox_port, "query", [ox.pid]),
                                                     ("ASGI+httpx proxy", asgi_port, "sparql", [asgi.pid, ox.pid]),
                                                     ("asyncio proxy", raw_port, "sparql", [raw.pid, ox.pid]))]
            rows: dict[str, list] = {name: [] for name, _, _ in targets}
            work = Path(tmp)
            for rnd in range(a.rounds):
                for name, req, pids in targets:
                    run_wrk(req, 1, work)
                    before = sum(cpu_seconds(x) for x in pids)
                    count, errors, elapsed, p50, p99 = run_wrk(req, a.seconds, work)
                    cpu = sum(cpu_seconds(x) for x in pids) - before
                    rows[name].append({"rps": round(count / elapsed, 1), "p50_ms": p50, "p99_ms": p99,
                                       "cpu_ms_per_req": round(cpu / max(count, 1) * 1000, 3), "errors": errors})
                print(f"round {rnd + 1}: " + ", ".join(f"{n} {v[-1]['rps']:.0f}" for n, v in rows.items()), flush=True)
            results["rounds"] = rows
            results["memory_mib"] = {"oxigraph": process_memory(ox.pid), "asgi proxy": process_memory(asgi.pid),
                                     "asyncio proxy": process_memory(raw.pid)}
        finally:
            for proc in procs:
                stop(proc)
        # --timeout-s: a server of its own with 2 s
        slow = subprocess.Popen([OXIGRAPH, "serve", "--location", str(store), "--bind", f"127.0.0.1:{slow_port}",
                                 "--union-default-graph", "--timeout-s", "2"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(f"http://127.0.0.1:{slow_port}/query?query=ASK%7B%7D", slow)
            c0 = cpu_seconds(slow.pid)
            results["timeout_2s"] = timeout_check(slow_port)
            time.sleep(3)
            results["timeout_2s"]["server_cpu_s_during_and_3s_after"] = round(cpu_seconds(slow.pid) - c0, 2)
            results["timeout_2s"]["rss_mib_after"] = process_memory(slow.pid)[0]["rss_mib"]
            print("oxigraph serve --timeout-s 2, runaway query:", results["timeout_2s"], flush=True)
            # one timer thread per query, living for the whole timeout: threads under the cheap load
            req = Request(f"http://127.0.0.1:{slow_port}/query", "POST", CHEAP_QUERY, HEADERS)
            import threading
            peak = [0]

            def sample() -> None:
                for _ in range(40):
                    try:
                        peak[0] = max(peak[0], len(os.listdir(f"/proc/{slow.pid}/task")))
                    except OSError:
                        return
                    time.sleep(0.1)

            sampler = threading.Thread(target=sample)
            sampler.start()
            count, errors, elapsed, _, _ = run_wrk(req, 3, Path(tmp))
            sampler.join()
            results["timeout_threads"] = {"rps": round(count / elapsed), "errors": errors, "peak_threads": peak[0],
                                          "alive_after": slow.poll() is None}
            print("oxigraph serve --timeout-s 2 under the cheap load (3 s):", results["timeout_threads"], flush=True)
        finally:
            stop(slow)
    print_rounds(rows, lambda name: f"oxigraph serve {name.split()[-1]}")
    out = ROOT / "bench" / "out" / f"probe-proxy-{a.store.name}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print("written", out)


if __name__ == "__main__":
    main()

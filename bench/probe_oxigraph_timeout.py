"""Probe: does ``oxigraph serve --timeout-s 2`` stop a runaway query? Three shapes, on a copy of the 1M store.

For each: a fresh ``oxigraph serve --timeout-s 2``, the query streamed by a client that gives up after 25 s;
prints how it ended, the server's CPU seconds and resident memory. Measured 2026-12-07: the COUNT of a cross
product is stopped at ~2.7 s; the streamed cross product is not (475 MB in 22.8 s); the ORDER BY is not
(nothing sent in 25 s, 27 s of CPU, 1.1 GB resident and growing).

    python bench/probe_oxigraph_timeout.py
"""
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench")); sys.path.insert(0, str(ROOT / "src"))
import httpx
from bench_http import cpu_seconds, free_port, process_memory, stop, wait_for

H = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
queries = {
    "count of a cross product": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
    "cross product, streamed": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }",
    "cross product, ORDER BY": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
}
with tempfile.TemporaryDirectory() as tmp:
    store = Path(tmp) / "s"; shutil.copytree(ROOT / "bench" / "out" / "store-1000000", store)
    for name, q in queries.items():
        port = free_port()
        p = subprocess.Popen([str(Path(sys.executable).parent / "oxigraph"), "serve", "--location", str(store), "--bind",
                              f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", "2"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", p)
            t0 = time.monotonic(); c0 = cpu_seconds(p.pid); got = 0; status = None
            try:
                with httpx.stream("POST", f"http://127.0.0.1:{port}/query", content=q, headers=H, timeout=25) as r:
                    status = r.status_code
                    for chunk in r.iter_bytes():
                        got += len(chunk)
                        if time.monotonic() - t0 > 25:
                            break
                end = f"ended: status {status}, {got} bytes"
            except httpx.HTTPError as e:
                end = f"client gave up: {type(e).__name__}, status {status}, {got} bytes"
            t1 = time.monotonic() - t0
            time.sleep(2)
            print(f"{name:28} {end} after {t1:.1f} s; server CPU {cpu_seconds(p.pid) - c0:.1f} s, "
                  f"RSS {process_memory(p.pid)[0]['rss_mib']:.0f} MiB, busy 2 s later: "
                  f"{cpu_seconds(p.pid) - c0 - 0:.1f}", flush=True)
        finally:
            stop(p)

"""Benchmark: how fast the pages people open are, at the bundled size and at the 1M-triple synthetic graph.

Issue 13 asks that pages stay fast as they gain ladders, search and languages: the median and 99th percentile of
the home page, a framework page, a level page and a ladder page (target: a ladder page under 100 ms at 1M
triples), with the ladder's JSON and a search beside them.

For each size the service runs as ``qualgraph serve`` in its own process (so the client's Python does not share
the server's GIL), on a fresh copy of the store:

* ``bundled``: ``qualgraph load`` of the bundled data (``data/``) into a new store;
* ``1000000`` (or ``--triples``): a copy of ``bench/out/store-N`` (made by ``bench_http.py`` from
  ``generate.py``'s graph, or here if missing) — copied, never written into.

Each page is asked once cold (the first answer after start builds the comparability and search indexes), then
``--warmup`` times, then ``--calls`` times one after another with a fresh connection pool per page; the times are
wall-clock round trips measured by httpx on loopback. Figures go to ``bench/out/pages-YYYYMMDD-HHMMSS.json``.

    .venv/bin/python bench/bench_pages.py                 # bundled and 1M, 200 calls per page
    .venv/bin/python bench/bench_pages.py --sizes bundled --calls 50
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))

PAGES: dict[str, dict[str, str]] = {
    "bundled": {
        "home": "/",
        "framework": "/id/framework/ie-nfq",
        "level": "/id/framework/ie-nfq/level/8",
        "ladder": "/ladder?frameworks=ie-nfq,uk-scqf",
        "ladder 3": "/ladder?frameworks=ie-nfq,uk-scqf,nz-nzqcf",
        "api ladder": "/api/ladder?frameworks=ie-nfq,uk-scqf",
        "search": "/search?q=NFQ+8",
    },
    "synthetic": {
        "home": "/",
        "framework": "/id/framework/xx-nqf",
        "level": "/id/framework/xx-nqf/level/5",
        "ladder": "/ladder?frameworks=xx-nqf,xa-nqf",
        "ladder 3": "/ladder?frameworks=xx-nqf,xa-nqf,xb-nqf",
        "api ladder": "/api/ladder?frameworks=xx-nqf,xa-nqf",
        "search": "/search?q=synthetic+5",
    },
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _store_for(size: str, work: Path) -> tuple[Path, str]:
    """A fresh store for ``size`` (``bundled`` or a number of triples) and the pages to ask."""
    target = work / f"store-{size}"
    if size == "bundled":
        done = subprocess.run([sys.executable, "-m", "qualgraph.cli", "--store", str(target), "load"],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"qualgraph load failed: {done.stderr[-2000:]}")
        return target, "bundled"
    from bench_http import pristine_store  # makes bench/out/store-N once if missing

    shutil.copytree(pristine_store(int(size)), target)
    return target, "synthetic"


def _serve(store: Path, port: int) -> subprocess.Popen[bytes]:
    env = os.environ | {"QUALGRAPH_QUERY_WORKERS": "0"}  # pages read the store in the server process
    server = subprocess.Popen([sys.executable, "-m", "qualgraph.cli", "--store", str(store), "serve",
                               "--host", "127.0.0.1", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/context.jsonld", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read().decode()[-2000:] if server.stderr else ''}")
        time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not answer within 300 s")


def measure(base: str, pages: dict[str, str], calls: int, warmup: int) -> dict[str, dict[str, float]]:
    """Cold, median, p99 and max of each page, in milliseconds."""
    results: dict[str, dict[str, float]] = {}
    for name, path in pages.items():
        with httpx.Client(base_url=base, timeout=120, headers={"Accept": "text/html"}) as client:
            started = time.perf_counter()
            first = client.get(path)
            cold = (time.perf_counter() - started) * 1000
            if first.status_code != 200:
                raise SystemExit(f"{path}: {first.status_code} {first.text[:500]}")
            for _ in range(warmup):
                client.get(path)
            times = []
            for _ in range(calls):
                started = time.perf_counter()
                answer = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                assert answer.status_code == 200
        results[name] = {"path": path, "cold_ms": round(cold, 1), "median_ms": round(statistics.median(times), 2),
                         "p99_ms": round(_quantile(times, 0.99), 2), "max_ms": round(max(times), 2),
                         "bytes": len(first.content), "calls": calls}
        print(f"  {name:<11} median {results[name]['median_ms']:8.2f} ms   p99 {results[name]['p99_ms']:8.2f} ms"
              f"   cold {cold:8.1f} ms   {len(first.content):>7} bytes", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="bundled,1000000", help="bundled and/or numbers of triples")
    parser.add_argument("--calls", type=int, default=200, help="timed calls per page (default 200)")
    parser.add_argument("--warmup", type=int, default=10, help="untimed calls per page first (default 10)")
    parser.add_argument("--workdir", default=None, help="where the store copies go (default: $TMPDIR)")
    args = parser.parse_args(argv)
    report: dict[str, object] = {"started": datetime.now().isoformat(timespec="seconds"), "calls": args.calls,
                                 "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                             "load_average": os.getloadavg()}, "sizes": {}}
    with tempfile.TemporaryDirectory(dir=args.workdir, prefix="bench-pages-") as tmp:
        for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            store, kind = _store_for(size, Path(tmp))
            port = _free_port()
            print(f"{size}: serving {store} on port {port}", flush=True)
            server = _serve(store, port)
            try:
                report["sizes"][size] = measure(f"http://127.0.0.1:{port}", PAGES[kind],  # type: ignore[index]
                                                args.calls, args.warmup)
            finally:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
            shutil.rmtree(store, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"pages-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"figures: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

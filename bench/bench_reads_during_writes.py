"""Read latency while a writer trickles small writes in: quiet vs. during writes, in the same run.

One ``qualgraph serve`` (a subprocess, default settings but the admin token) on a generated store of
``--triples`` triples. Two client threads send a small lookup query (``SELECT ?p ?o { <s_i> ?p ?o }``) back to
back; first for ``--seconds`` with no writes (the quiet baseline, once every worker answers from its in-memory
copy), then for ``--seconds`` while one writer replaces a small graph (Graph Store ``PUT``, 20 triples) every
``--interval`` seconds. Prints median, p99 and max latency of each phase, their ratios to the quiet phase,
how many answers came from memory or disk (``Server-Timing``), and the server's CPU use.

    python bench/bench_reads_during_writes.py                       # 100k triples, 10 s per phase
    python bench/bench_reads_during_writes.py --triples 20000 --seconds 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_http import ROOT, cpu_seconds, free_port, stop, wait_for, wait_for_memory_copies  # noqa: E402

ADMIN = "bench-admin"
EX = "urn:x-bench:"
ACCEPT = {"Accept": "application/sparql-results+json"}


def generate(store_dir: Path, triples: int) -> None:
    """``triples`` triples about ``triples // 10`` subjects, in 10 named graphs."""
    import pyoxigraph as ox

    store = ox.Store(str(store_dir))
    p = [ox.NamedNode(f"{EX}p{i}") for i in range(10)]
    store.bulk_extend(ox.Quad(ox.NamedNode(f"{EX}s{n // 10}"), p[n % 10], ox.Literal(f"value {n}"),
                              ox.NamedNode(f"{EX}g{n % 10}")) for n in range(triples))
    store.flush()
    del store


def start(store_dir: Path, port: int) -> subprocess.Popen[bytes]:
    """``qualgraph serve`` with default settings and an administrator's token, so the writer can write."""
    code = ("import sys\nfrom qualgraph.config import Settings\nfrom qualgraph.web.server import serve\n"
            "serve(Settings(store=sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), access_log=False)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QUALGRAPH_ADMIN_TOKEN=ADMIN)
    return subprocess.Popen([sys.executable, "-c", code, str(store_dir), str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def read_loop(url: str, subjects: int, stop_at: float, latencies: list[float], sources: list[str]) -> None:
    """Lookups back to back until ``stop_at``; latencies in ms, and where each answer came from."""
    with httpx.Client(timeout=60) as client:
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            query = f"SELECT ?p ?o WHERE {{ <{EX}s{(n * 7919) % subjects}> ?p ?o }}"
            started = time.perf_counter()
            answer = client.get(url, params={"query": query}, headers=ACCEPT)
            latencies.append((time.perf_counter() - started) * 1000)
            answer.raise_for_status()
            timing = answer.headers.get("server-timing", "")
            sources.append("server" if timing.startswith("inline") else "memory" if 'desc="memory"' in timing
                           else "disk")  # a lookup is answered by the server itself (qualgraph.sparql.inline)


def write_loop(store_url: str, interval: float, stop_at: float, done: list[float]) -> None:
    """Replace a small graph every ``interval`` seconds until ``stop_at``."""
    with httpx.Client(timeout=60, headers={"Authorization": f"Bearer {ADMIN}"}) as client:
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            body = "".join(f"<{EX}w{i}> <{EX}rev> {n} .\n" for i in range(20))
            started = time.perf_counter()
            client.put(store_url, params={"graph": f"{EX}trickle"}, content=body,
                       headers={"Content-Type": "text/turtle"}).raise_for_status()
            done.append((time.perf_counter() - started) * 1000)
            time.sleep(max(0.0, interval - (time.perf_counter() - started)))


def phase(url: str, store_url: str | None, *, seconds: float, subjects: int, interval: float,
          readers: int, pid: int) -> dict[str, float]:
    latencies: list[float] = []
    sources: list[str] = []
    writes: list[float] = []
    stop_at = time.monotonic() + seconds
    cpu = cpu_seconds(pid)
    threads = [threading.Thread(target=read_loop, args=(url, subjects, stop_at, latencies, sources))
               for _ in range(readers)]
    if store_url:
        threads.append(threading.Thread(target=write_loop, args=(store_url, interval, stop_at, writes)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    return {
        "reads": len(latencies),
        "median": statistics.median(latencies),
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "max": latencies[-1],
        "memory": sources.count("memory") / max(1, len(sources)),
        "writes": len(writes),
        "cpu": (cpu_seconds(pid) - cpu) / seconds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each phase")
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between writes")
    parser.add_argument("--readers", type=int, default=2, help="client threads reading back to back")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="qualgraph-bench-rw-") as work:
        store_dir = Path(work) / "store"
        generate(store_dir, args.triples)
        port = free_port()
        server = start(store_dir, port)
        try:
            url = f"http://127.0.0.1:{port}/sparql"
            wait_for(url + "?query=ASK%7B%7D", server)
            workers = 2 * (os.cpu_count() or 1)
            wait_for_memory_copies(url, "ASK {}", {"Content-Type": "application/sparql-query"}, workers)
            common = dict(seconds=args.seconds, subjects=args.triples // 10, interval=args.interval,
                          readers=args.readers, pid=server.pid)
            quiet = phase(url, None, **common)
            busy = phase(url, f"http://127.0.0.1:{port}/store", **common)
        finally:
            stop(server)
    print(f"{args.triples:,} triples, {args.readers} readers, a 20-triple graph replaced every {args.interval:g} s")
    print(f"{'phase':<16}{'reads':>7}{'median ms':>11}{'p99 ms':>9}{'max ms':>9}{'memory':>8}{'writes':>8}"
          f"{'cpu/s':>7}")
    for name, r in (("quiet", quiet), ("during writes", busy)):
        print(f"{name:<16}{r['reads']:>7}{r['median']:>11.1f}{r['p99']:>9.1f}{r['max']:>9.1f}"
              f"{r['memory']:>8.0%}{r['writes']:>8}{r['cpu']:>7.2f}")
    print(f"during writes / quiet: median x{busy['median'] / quiet['median']:.1f}, "
          f"p99 x{busy['p99'] / quiet['p99']:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

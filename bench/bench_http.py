"""The equivalence question over HTTP: qualgraph's ``/sparql`` and ``/api/equivalences`` against ``oxigraph serve``.

One run, one machine, the same on-disk data (copies of one Oxigraph store, so no server locks another out),
4 concurrent clients on loopback, one target after the other, in rounds (each round measures every target
once; the machine's speed drifts, so ratios are taken within a round):

* ``oxigraph serve``  — ``POST /query`` of ``queries/comparable-levels.rq`` bound to one level (its VALUES lines);
* ``qualgraph /sparql`` — the same request to qualgraph's SPARQL endpoint with default settings (worker
  processes answering from their in-memory copies of the store, timeout, row cap); measured once every
  worker answers from its copy (the ``Server-Timing`` header says which);
* ``qualgraph /sparql, disk only`` — the same with ``QUALGRAPH_QUERY_REPLICA_MAX_QUADS=0``: the workers read
  the on-disk store (read-only RocksDB), as ``oxigraph serve`` does;
* ``qualgraph /api/equivalences`` — ``GET /api/equivalences?from=LEVEL``: the same query plus the domain code
  (strength, evidence and labels: two more queries) and JSON, i.e. what a portal calls.

For each: requests per second, p50 and p99 latency, and server CPU per request — utime + stime of the server
process and its children (qualgraph's query workers) from ``/proc/<pid>/stat`` before and after — and the ratio
to ``oxigraph serve``. The load generator is ``wrk`` when installed (Debian package ``wrk``; it costs little CPU,
which matters on a 2-core machine), else 4 threads of httpx.

    python bench/bench_http.py                 # ~1M triples (generated once into bench/out/)
    python bench/bench_http.py --triples 100000 --seconds 5 --rounds 2

Prints a table and writes ``bench/out/http-<triples>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
import pyoxigraph as ox  # noqa: E402

from qualgraph import ids  # noqa: E402
from qualgraph.queries import load_query, with_values  # noqa: E402

LEVEL = "xx-nqf:5"
CLIENTS = 4
CLK_TCK = os.sysconf("SC_CLK_TCK")
OUT = ROOT / "bench" / "out"


@dataclass
class Result:
    target: str
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_ms_per_request: float
    client: str


# -- servers ------------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {url}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server did not answer in {timeout} s: {url}")


def start_qualgraph(store: Path, port: int, *, replica: bool = True) -> subprocess.Popen:
    """``qualgraph serve`` with default settings; ``replica=False``: the query workers read the disk only."""
    code = ("import sys\nfrom qualgraph.config import Settings\nfrom qualgraph.web.app import serve\n"
            "serve(Settings(store=sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), access_log=False)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    if not replica:
        env["QUALGRAPH_QUERY_REPLICA_MAX_QUADS"] = "0"
    return subprocess.Popen([sys.executable, "-c", code, str(store), str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for_memory_copies(url: str, query: str, headers: dict[str, str], workers: int,
                           timeout: float = 600) -> float:
    """Seconds until ``workers`` answers in a row came from the workers' in-memory copies (``Server-Timing``)."""
    started = time.monotonic()
    in_a_row = 0
    with httpx.Client(timeout=120) as client:
        while time.monotonic() - started < timeout:
            timing = client.post(url, content=query, headers=headers).headers.get("server-timing", "")
            in_a_row = in_a_row + 1 if 'desc="memory"' in timing else 0
            if in_a_row >= 4 * workers:
                return time.monotonic() - started
            time.sleep(0.05 if in_a_row else 0.5)
    raise RuntimeError(f"the query workers did not answer from memory within {timeout:.0f} s")


def start_oxigraph(store: Path, port: int) -> subprocess.Popen:
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        binary = Path(shutil.which("oxigraph") or "oxigraph")
    return subprocess.Popen([str(binary), "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph", "--timeout-s", "30"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, utime + stime in clock ticks) of a process, None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), int(fields[11]) + int(fields[12])


def process_tree(root: int) -> set[int]:
    """A process and all its descendants (qualgraph's query workers are child processes)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            found = _stat(int(entry))
            if found:
                parents[int(entry)] = found[0]
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return tree


def cpu_seconds(root: int) -> float:
    """CPU time of a process and all its descendants."""
    return sum(found[1] for pid in process_tree(root) if (found := _stat(pid))) / CLK_TCK


def resident_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, in MiB (VmRSS; shared pages counted in each)."""
    total = 0
    for pid in process_tree(root):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")), 0)
    return total / 1024


# -- load generators ----------------------------------------------------------------------------------------
@dataclass
class Request:
    url: str
    method: str = "GET"
    body: str | None = None
    headers: dict[str, str] | None = None


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)", text)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[m.group(2)]


def run_wrk(req: Request, seconds: float, work: Path) -> tuple[int, int, float, float, float]:
    """(requests, errors, elapsed, p50 ms, p99 ms) from wrk with 4 connections on 4 threads."""
    script = work / "request.lua"
    lines = [f'wrk.method = "{req.method}"']
    if req.body is not None:
        lines.append(f"wrk.body = [==[{req.body}]==]")
    for name, value in (req.headers or {}).items():
        lines.append(f'wrk.headers["{name}"] = "{value}"')
    script.write_text("\n".join(lines) + "\n")
    out = subprocess.run(["wrk", "-t", str(CLIENTS), "-c", str(CLIENTS), "-d", f"{int(seconds)}s", "--latency",
                          "-s", str(script), req.url], capture_output=True, text=True, check=True).stdout
    count = re.search(r"(\d+) requests in ([\d.]+\w+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    socket_errors = re.search(r"Socket errors: .*?timeout (\d+)", out)
    if socket_errors:
        errors += int(socket_errors.group(1))
    assert count and p50 and p99, out
    return int(count.group(1)), errors, _ms(count.group(2)) / 1000, _ms(p50.group(1)), _ms(p99.group(1))


def run_httpx(req: Request, seconds: float, work: Path) -> tuple[int, int, float, float, float]:
    """The same with 4 threads, each with its own keep-alive httpx client."""
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    errors = [0] * CLIENTS
    stop_at = time.monotonic() + seconds

    def client(i: int) -> None:
        with httpx.Client(timeout=60) as c:
            while time.monotonic() < stop_at:
                t0 = time.perf_counter()
                r = c.request(req.method, req.url, content=req.body, headers=req.headers)
                latencies[i].append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    errors[i] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    flat = sorted(x for lat in latencies for x in lat)
    q = statistics.quantiles(flat, n=100)
    return len(flat), sum(errors), elapsed, q[49], q[98]


def measure(name: str, req: Request, pid: int, seconds: float, warmup: float, client: str, work: Path) -> Result:
    run = run_wrk if client == "wrk" else run_httpx
    run(req, warmup, work)
    before = cpu_seconds(pid)
    count, errors, elapsed, p50, p99 = run(req, seconds, work)
    cpu = cpu_seconds(pid) - before
    return Result(name, count, errors, round(elapsed, 2), round(count / elapsed, 1), round(p50, 2), round(p99, 2),
                  round(cpu / max(count, 1) * 1000, 3), client)


# -- data ---------------------------------------------------------------------------------------------------
def prepare(triples: int, work: Path) -> tuple[Path, Path, Path]:
    """Three identical on-disk stores of the synthetic graph (one named graph, as qualgraph loads it)."""
    from generate import generate

    data = OUT / f"synthetic-{triples}.nt"
    if not data.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        generate(data, triples)
    first = work / "qualgraph-store"
    store = ox.Store(str(first))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES,
                    to_graph=ox.NamedNode(str(ids.graph_iri("bench/synthetic.nt"))))
    store.flush()
    del store
    second = work / "oxigraph-store"
    shutil.copytree(first, second)
    third = work / "qualgraph-disk-store"
    shutil.copytree(first, third)
    return first, second, third


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph (default 1M)")
    parser.add_argument("--seconds", type=float, default=8, help="measured seconds per target and round (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; each measures every target once (default 3)")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up per target and round (default 2)")
    parser.add_argument("--client", choices=("wrk", "httpx"), default="wrk" if shutil.which("wrk") else "httpx")
    parser.add_argument("--level", default=LEVEL, help=f"the level asked about (default {LEVEL})")
    args = parser.parse_args(argv)

    query = with_values(load_query("comparable-levels"), "level", [ids.LevelId.parse(args.level).iri])
    sparql_headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
    rounds: list[list[Result]] = []
    with tempfile.TemporaryDirectory(prefix="qualgraph-bench-http-") as tmp:
        work = Path(tmp)
        t0 = time.monotonic()
        qg_store, ox_store, disk_store = prepare(args.triples, work)
        print(f"data ready in {time.monotonic() - t0:.1f} s ({args.triples} triples); client: {args.client}")
        ox_port, qg_port, disk_port = free_port(), free_port(), free_port()
        oxigraph = start_oxigraph(ox_store, ox_port)
        qualgraph = start_qualgraph(qg_store, qg_port)
        qualgraph_disk = start_qualgraph(disk_store, disk_port, replica=False)
        try:
            wait_for(f"http://127.0.0.1:{ox_port}/query?query=ASK%7B%7D", oxigraph)
            wait_for(f"http://127.0.0.1:{qg_port}/sparql?query=ASK%7B%7D", qualgraph)
            wait_for(f"http://127.0.0.1:{disk_port}/sparql?query=ASK%7B%7D", qualgraph_disk)
            copied = wait_for_memory_copies(f"http://127.0.0.1:{qg_port}/sparql", query, sparql_headers,
                                            workers=2 * (os.cpu_count() or 1))
            print(f"qualgraph's query workers answer from their in-memory copies ({copied:.0f} s after start)")
            api = f"http://127.0.0.1:{qg_port}/api/equivalences?from={args.level}"
            answers = httpx.get(api, timeout=60).json()
            rows = httpx.post(f"http://127.0.0.1:{ox_port}/query", content=query, headers=sparql_headers,
                              timeout=60).json()["results"]["bindings"]
            print(f"{args.level}: {len(rows)} paths from SPARQL, {len(answers)} answers from the API")
            targets = [
                ("oxigraph serve /query", Request(f"http://127.0.0.1:{ox_port}/query", "POST", query, sparql_headers),
                 oxigraph.pid),
                ("qualgraph /sparql", Request(f"http://127.0.0.1:{qg_port}/sparql", "POST", query, sparql_headers),
                 qualgraph.pid),
                ("qualgraph /sparql, disk only", Request(f"http://127.0.0.1:{disk_port}/sparql", "POST", query,
                                                         sparql_headers), qualgraph_disk.pid),
                ("qualgraph /api/equivalences", Request(api, "GET", None, {"Accept": "application/json"}),
                 qualgraph.pid),
            ]
            for number in range(1, args.rounds + 1):
                rounds.append([measure(name, req, pid, args.seconds, args.warmup, args.client, work)
                               for name, req, pid in targets])
                print(f"  round {number}: " + ", ".join(f"{r.target} {r.rps:.0f} req/s" for r in rounds[-1]),
                      flush=True)
            memory = {name: round(resident_mb(pid)) for name, pid in
                      (("oxigraph serve", oxigraph.pid), ("qualgraph", qualgraph.pid),
                       ("qualgraph, disk only", qualgraph_disk.pid))}
        finally:
            for process in (qualgraph, qualgraph_disk, oxigraph):
                stop(process)

    # Per target, the median over the rounds; ratios to oxigraph serve are taken within each round first.
    summary = []
    for i, first in enumerate(rounds[0]):
        mine = [r[i] for r in rounds]
        base = [r[0] for r in rounds]
        summary.append({
            "target": first.target,
            "rps": statistics.median(r.rps for r in mine),
            "p50_ms": statistics.median(r.p50_ms for r in mine),
            "p99_ms": statistics.median(r.p99_ms for r in mine),
            "cpu_ms_per_request": statistics.median(r.cpu_ms_per_request for r in mine),
            "rps_ratio_to_oxigraph": round(statistics.median(m.rps / b.rps for m, b in zip(mine, base)), 3),
            "cpu_ratio_to_oxigraph": round(statistics.median(m.cpu_ms_per_request / b.cpu_ms_per_request
                                                             for m, b in zip(mine, base)), 3),
            "errors": sum(r.errors for r in mine),
        })
    print(f"\nmedians of {args.rounds} rounds; ratios: median of the ratios within each round")
    print(f"{'target':30} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>11} {'req/s ratio':>12} "
          f"{'CPU ratio':>10} {'errors':>7}")
    for row in summary:
        print(f"{row['target']:30} {row['rps']:8.1f} {row['p50_ms']:8.2f} {row['p99_ms']:8.2f} "
              f"{row['cpu_ms_per_request']:11.3f} {row['rps_ratio_to_oxigraph']:12.2f} "
              f"{row['cpu_ratio_to_oxigraph']:10.2f} {row['errors']:7d}")
    print("resident memory after the runs (MiB, the server and its workers): "
          + ", ".join(f"{name} {mb}" for name, mb in memory.items()))
    OUT.mkdir(parents=True, exist_ok=True)
    report = {
        "triples": args.triples, "level": args.level, "clients": CLIENTS, "seconds": args.seconds,
        "rounds": args.rounds,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "summary": summary,
        "resident_mb": memory,
        "runs": [[asdict(r) for r in one] for one in rounds],
    }
    path = OUT / f"http-{args.triples}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

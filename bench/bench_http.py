"""The equivalence question over HTTP: qualgraph's ``/sparql`` and ``/api/equivalences`` against ``oxigraph serve``.

One run, one machine, the same on-disk data (copies of one Oxigraph store, so no server locks another out),
4 concurrent clients on loopback, one target after the other, in rounds (each round measures every target
once; the machine's speed drifts, so ratios are taken within a round):

* ``oxigraph serve``  — ``POST /query`` of ``queries/comparable-levels.rq`` bound to one level (its VALUES lines);
* ``qualgraph /sparql`` — the same request to qualgraph's SPARQL endpoint with default settings (worker
  processes answering from their in-memory copies of the store, timeout, row cap); measured once every
  worker answers from its copy (the ``Server-Timing`` header says which);
* ``qualgraph /sparql, disk only`` — the same with ``QUALGRAPH_QUERY_REPLICA_MAX_QUADS=0`` and
  ``QUALGRAPH_QUERY_PREDICATE_COPY_MAX_QUADS=0``: the workers read the on-disk store (read-only RocksDB) for
  every query, as ``oxigraph serve`` does (with the defaults, a store too big to copy whole is still read from
  disk, but the heavy query reads only small predicates and is answered from the workers' copy of them);
* ``qualgraph /api/equivalences`` — ``GET /api/equivalences?from=LEVEL``: the same query plus the domain code
  (strength, evidence and labels: two more queries) and JSON, i.e. what a portal calls;
* the *cheap* query, the same for the three SPARQL targets: one qualification's record by its IRI
  (``SELECT ?p ?o { <iri> ?p ?o }``, 17 rows), where HTTP and the hand-off cost more than the engine;
* *each text new*: the heavy query with a numbered SPARQL comment after it (:func:`numbered`), so that no request
  repeats an earlier text. qualgraph keeps the answers of its workers until the next write (setting
  ``sparql_cache_bytes``), so the plain heavy targets, the same text again and again, measure its kept answers
  after the first request; these measure the engine's path (for the disk-only server: the disk's, even where the
  default settings answer from a copy of the small predicates). The writes phase numbers its heavy probes too.

After the rounds, for each server: resident memory of every process (the server and its children, VmRSS),
and a "writes" phase: two sequential probe clients, each a process of its own (one heavy, one cheap query at a
time), measure quiet latency, then latency while a writer replaces a 20-triple graph every 0.5 s through the
server's own Graph Store endpoint (``PUT /store?graph=``; qualgraph's with the admin token), then the time from
the last write until the median of every second of answers of each query is back within 1.5x its quiet median.
Latency during the writes is compared with quiet latency percentile for percentile (p50 with p50, p99 with p99),
and the p99 during the writes also with the quiet p50, as before; for qualgraph, what answered each probe
(``Server-Timing``: the front process, the server itself, a kept answer, a worker).
Start-up: seconds from launching each server until it answers ``ASK {}``.

For each: requests per second, p50 and p99 latency, and server CPU per request — utime + stime of the server
process and its children (qualgraph's query workers) from ``/proc/<pid>/stat`` before and after — and the ratio
to ``oxigraph serve``. The load generator is ``wrk`` when installed (Debian package ``wrk``; it costs little CPU,
which matters on a 2-core machine), else 4 threads of httpx.

    python bench/bench_http.py                 # ~1M triples (generated once into bench/out/)
    python bench/bench_http.py --triples 100000 --seconds 5 --rounds 2
    python bench/bench_http.py --triples 10000000 --rounds 1  # ~9 min of data preparation the first time

The generated N-Triples and the bulk-loaded store are kept in ``bench/out/`` (``synthetic-N.nt``,
``store-N/``) and copied for each run (each server gets its own copy, and the writes change them).

Prints a table and writes ``bench/out/http-<triples>.json``.
"""

from __future__ import annotations

import argparse
import http.client
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
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import httpx
import pyoxigraph as ox

from qualgraph import ids
from qualgraph.queries import load_query, with_values

LEVEL = "xx-nqf:5"
CLIENTS = 4
WRK_THREADS = CLIENTS
"""wrk's threads (``--wrk-threads``, default one per connection, as in every figure so far): on two cores they share
the CPU with the servers measured. At 1M, 2 threads gave the same cheap ratio as 4 (0.43x; bench/README.md, tenth
session of 2026-12-07)."""
ADMIN_TOKEN = "bench-http-admin"
CHEAP_IRI = "https://w3id.org/qualgraph/id/qualification/xx-nqf/Q0000000"
"""The first qualification ``generate.py`` writes: the cheap query asks for its record (17 rows)."""
CHEAP_QUERY = f"SELECT ?p ?o WHERE {{ <{CHEAP_IRI}> ?p ?o }}"
TRICKLE_GRAPH = "https://example.org/bench/trickle"
WRITE_EVERY = 0.5
WRITE_TRIPLES = 20
BACK_TO_NORMAL = 1.5
"""Latency is back to normal when the median of every second of answers is within this of the quiet median."""
RECOVERY_WINDOW = 1.0
"""Seconds of answers whose median is compared with the quiet median (see ``recovered_at``)."""
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


def wait_for(url: str, process: subprocess.Popen, timeout: float = 120) -> float:
    """Seconds from now until ``url`` answers (the server started just before: its start-up time).

    Polled every 10 ms with the standard library's plain HTTP client: an ``httpx.get`` per try builds a client
    and its TLS context (~10 ms of CPU), which a server starting on two cores would feel."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    started = time.monotonic()
    deadline = started + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {url}")
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        try:
            connection.request("GET", target)
            if connection.getresponse().status < 500:
                return time.monotonic() - started
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.01)
    raise RuntimeError(f"server did not answer in {timeout} s: {url}")


def start_qualgraph(store: Path, port: int, *, replica: bool = True, replica_cap: int | None = None,
                    front_processes: int | None = None) -> subprocess.Popen:
    """``qualgraph serve`` with default settings; ``replica=False``: the query workers read the disk only (no copy
    of the store, nor of its small predicates); ``front_processes``: that many front processes instead of the
    default."""
    code = ("import sys\nfrom qualgraph.config import Settings\nfrom qualgraph.web.server import serve\n"
            "serve(Settings(store=sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), access_log=False)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), QUALGRAPH_ADMIN_TOKEN=ADMIN_TOKEN)
    if not replica:
        env["QUALGRAPH_QUERY_REPLICA_MAX_QUADS"] = "0"
        env["QUALGRAPH_QUERY_PREDICATE_COPY_MAX_QUADS"] = "0"
    elif replica_cap is not None:
        env["QUALGRAPH_QUERY_REPLICA_MAX_QUADS"] = str(replica_cap)
    if front_processes is not None:
        env["QUALGRAPH_FRONT_PROCESSES"] = str(front_processes)
    return subprocess.Popen([sys.executable, "-c", code, str(store), str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for_memory_copies(url: str, query: str, headers: dict[str, str], workers: int,
                           timeout: float = 600) -> float:
    """Seconds until ``workers`` answers in a row came from the workers' in-memory copies (``Server-Timing``)."""
    started = time.monotonic()
    in_a_row = 0
    with httpx.Client(timeout=120) as client:
        while time.monotonic() - started < timeout:
            text = numbered(query, 0, int((time.monotonic() - started) * 1000))  # a worker's answer, not a kept one
            timing = client.post(url, content=text, headers=headers).headers.get("server-timing", "")
            in_a_row = in_a_row + 1 if 'desc="memory"' in timing else 0
            if in_a_row >= 4 * workers:
                return time.monotonic() - started
            time.sleep(0.05 if in_a_row else 0.5)
    raise RuntimeError(f"the query workers did not answer from memory within {timeout:.0f} s")


def wait_until_idle(root: int, timeout: float = 300, window: float = 2.0, busy: float = 0.05) -> tuple[float, float]:
    """(seconds until a server and its children use less than ``busy`` of a core over ``window`` seconds, the
    highest total resident MiB seen meanwhile): qualgraph's workers copy the store after start-up (and at 10M
    throw the copies away at the cap)."""
    started = time.monotonic()
    peak = resident_mb(root)
    while time.monotonic() - started < timeout:
        before = cpu_seconds(root)
        for _ in range(int(window / 0.25)):
            time.sleep(0.25)
            peak = max(peak, resident_mb(root))
        if cpu_seconds(root) - before < busy * window:
            return time.monotonic() - started, peak
    return float("nan"), peak


def replica_cap() -> int:
    """The largest store qualgraph's workers copy into memory with default settings (``Settings``)."""
    from qualgraph.config import Settings

    return int(Settings(store=str(OUT)).query_replica_max_quads or 0)


def start_oxigraph(store: Path, port: int, timeout_s: int = 0) -> subprocess.Popen:
    """``oxigraph serve`` on ``store``; its stderr goes to ``bench/out/oxigraph-serve.log``.

    No ``--timeout-s`` by default: oxigraph serve 0.5.13 starts one thread per query that lives for the whole
    timeout, so at ~6,000 cheap queries/s with ``--timeout-s 30`` it holds ~30,000 threads within seconds and
    aborts ("failed to set up alternative stack guard page", SIGABRT; vm.max_map_count 65530 here).
    """
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        binary = Path(shutil.which("oxigraph") or "oxigraph")
    OUT.mkdir(parents=True, exist_ok=True)
    log = open(OUT / "oxigraph-serve.log", "wb")  # noqa: SIM115 - kept open for the server's life
    timeout = ["--timeout-s", str(timeout_s)] if timeout_s else []
    return subprocess.Popen([str(binary), "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph", *timeout], stdout=subprocess.DEVNULL, stderr=log)


def check_alive(processes: list[subprocess.Popen]) -> None:
    """Stop the run when a server has exited (a figure against a dead server means nothing)."""
    for process in processes:
        if process.poll() is not None:
            raise RuntimeError(f"server {process.args[:3]} exited with {process.returncode}")


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


def process_memory(root: int) -> list[dict]:
    """Every process of a server (itself and its descendants): pid, command (short) and VmRSS in MiB."""
    found = []
    for pid in sorted(process_tree(root)):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")), 0)
        kind = ("query worker" if "qualgraph.sparql.worker" in cmd else "front" if "qualgraph.web.front" in cmd
                else "oxigraph" if "oxigraph" in cmd else "server" if pid == root else cmd[:60])
        found.append({"pid": pid, "process": kind, "rss_mib": round(rss / 1024, 1)})
    return found


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


# -- shared by the probes ----------------------------------------------------------------------------------
async def asgi_body(receive) -> bytes:  # noqa: ANN001 - an ASGI receive callable
    """The whole body of an ASGI HTTP request (the probes' bare ASGI servers)."""
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            return body


def print_rounds(rows: dict[str, list[dict]], baseline_of, width: int = 34) -> None:  # noqa: ANN001
    """One line per target: its req/s in each round, the ratio to its baseline (``baseline_of(name)``, a key of
    ``rows``) within each round, and the CPU ms per request and p50 of the last round."""
    print(f"{'target':{width}} {'req/s (per round)':>20} {'ratio to baseline':>20} {'CPU ms/req':>11} {'p50 ms':>7}")
    for name, runs in rows.items():
        base = rows[baseline_of(name)]
        rps = " ".join(f"{r['rps']:.0f}" for r in runs)
        ratios = " ".join(f"{r['rps'] / b['rps']:.2f}" for r, b in zip(runs, base))
        print(f"{name:{width}} {rps:>20} {ratios:>20} {runs[-1]['cpu_ms_per_req']:11.3f} {runs[-1]['p50_ms']:7.2f}")


# -- load generators ----------------------------------------------------------------------------------------
@dataclass
class Request:
    url: str
    method: str = "GET"
    body: str | None = None
    headers: dict[str, str] | None = None
    distinct: bool = False
    """Every request's body a query text never sent before (the body with a numbered comment after it), so that
    no answer kept by a server (qualgraph's result cache) can serve it: what the engine path costs."""


def numbered(body: str, client: int, number: int) -> str:
    """``body`` with a SPARQL comment naming the client and the request: the same query, a text of its own."""
    return f"{body}\n# request {client}-{number}\n"


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)", text)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[m.group(2)]


def run_wrk(req: Request, seconds: float, work: Path,
            connections: int = CLIENTS) -> tuple[int, int, float, float, float]:
    """(requests, errors, elapsed, p50 ms, p99 ms) from wrk with ``connections`` connections (4) on 4 threads."""
    script = work / "request.lua"
    lines = [f'wrk.method = "{req.method}"']
    if req.body is not None:
        lines.append(f"wrk.body = [==[{req.body}]==]")
    for name, value in (req.headers or {}).items():
        lines.append(f'wrk.headers["{name}"] = "{value}"')
    if req.distinct:  # numbered() in Lua: each wrk thread has its own Lua state, so the thread's number goes first
        lines += ['local threads = 0',
                  'function setup(thread) threads = threads + 1; thread:set("client", threads) end',
                  'local count = 0',
                  'function request()',
                  '  count = count + 1',
                  '  return wrk.format(nil, nil, nil, wrk.body .. "\\n# request " .. client .. "-" .. count .. "\\n")',
                  'end']
    script.write_text("\n".join(lines) + "\n")
    out = subprocess.run(["wrk", "-t", str(min(WRK_THREADS, connections)), "-c", str(connections), "-d", f"{int(seconds)}s", "--latency",
                          "-s", str(script), req.url], capture_output=True, text=True, check=True).stdout
    count = re.search(r"(\d+) requests in ([\d.]+\w+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE)
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
                body = numbered(req.body, i, len(latencies[i])) if req.distinct and req.body else req.body
                t0 = time.perf_counter()
                r = c.request(req.method, req.url, content=body, headers=req.headers)
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


# -- writes: latency during a trickle of small writes, and back to normal after ----------------------------
@dataclass
class Server:
    name: str
    process: subprocess.Popen
    base: str  # http://127.0.0.1:PORT
    query_path: str  # /query or /sparql
    write_headers: dict[str, str]


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def _probe_process(url: str, query: str, numbered_texts: bool, stop, out) -> None:  # noqa: ANN001 - mp objects
    """One probe client, in a process of its own: one query at a time on one kept-alive connection (http.client,
    the lightest client in the standard library), each answer sent back as (time, ms, status, how answered)."""
    split = urlsplit(url)
    connection = http.client.HTTPConnection(split.hostname, split.port, timeout=60)
    headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
    number = 0
    while not stop.is_set():
        # each heavy query a text of its own: the latency of the engine's path, not of a kept answer
        text = numbered(query, 0, number) if numbered_texts else query
        t0 = time.perf_counter()
        connection.request("POST", split.path, text.encode("utf-8"), headers)
        answer = connection.getresponse()
        answer.read()
        t1 = time.perf_counter()
        # qualgraph's Server-Timing names what answered: front, inline (the server), cache, query (a worker)
        how = (answer.getheader("server-timing") or "").split(";")[0]
        out.send((time.monotonic(), (t1 - t0) * 1000, answer.status, how))
        number += 1
        time.sleep(0.01)  # a light load: latency, not throughput
    out.close()


def writes_phase(server: Server, heavy: str, quiet_seconds: float, write_seconds: float,
                 recover_max: float) -> dict:
    """Quiet latency, latency during writes, and seconds from the last write until latency is back to normal.

    Two probe clients, each in a process of its own and sending one query at a time (one the heavy query, one the
    cheap), record (time, latency); a writer replaces a graph of WRITE_TRIPLES triples every WRITE_EVERY seconds
    for ``write_seconds`` through the server's Graph Store endpoint. After the last write the probes go on until
    both queries are back to normal for 3 s (or ``recover_max`` seconds): the median of every second of
    answers within 1.5x the quiet median.

    Processes, not threads: as two threads of this process (httpx), the probes and the writer shared one GIL, and a
    lookup's latency included waiting for the other probe's JSON (a quiet cheap p50 of 2.1 ms, 1.3-1.6 ms now).
    """
    import multiprocessing

    url = server.base + server.query_path
    samples: dict[str, list[tuple[float, float]]] = {"heavy": [], "cheap": []}
    answered_by: dict[str, dict[str, int]] = {"heavy": {}, "cheap": {}}
    errors = {"heavy": 0, "cheap": 0, "write": 0}
    context = multiprocessing.get_context("fork")  # the probes need nothing of this process but their arguments
    stop = context.Event()
    probes, readers = [], []

    def collect(kind: str, conn) -> None:  # noqa: ANN001 - a multiprocessing Connection
        while True:
            try:
                t, ms, status, how = conn.recv()
            except (EOFError, OSError):
                return
            if status != 200:
                errors[kind] += 1
            answered_by[kind][how or "-"] = answered_by[kind].get(how or "-", 0) + 1
            samples[kind].append((t, ms))

    for kind, query in (("heavy", heavy), ("cheap", CHEAP_QUERY)):
        ours, theirs = context.Pipe(duplex=False)
        probe = context.Process(target=_probe_process, args=(url, query, kind == "heavy", stop, theirs), daemon=True)
        probe.start()
        theirs.close()
        probes.append(probe)
        readers.append(threading.Thread(target=collect, args=(kind, ours), daemon=True))
        readers[-1].start()
    started = time.monotonic()
    time.sleep(quiet_seconds)
    writes_from = time.monotonic()
    write_ms: list[float] = []
    put = f"{server.base}/store?graph={TRICKLE_GRAPH}"
    with httpx.Client(timeout=60) as client:
        n = 0
        while time.monotonic() - writes_from < write_seconds:
            due = writes_from + n * WRITE_EVERY
            time.sleep(max(0.0, due - time.monotonic()))
            body = "".join(f"<{TRICKLE_GRAPH}/s{n}> <{TRICKLE_GRAPH}/p{i}> \"write {n} triple {i}\" .\n"
                           for i in range(WRITE_TRIPLES))
            t0 = time.perf_counter()
            r = client.put(put, content=body, headers={"Content-Type": "application/n-triples",
                                                        **server.write_headers})
            write_ms.append((time.perf_counter() - t0) * 1000)
            if r.status_code not in (200, 201, 204):
                errors["write"] += 1
            n += 1
    last_write = time.monotonic()

    def quiet(kind: str) -> list[float]:
        return [ms for t, ms in samples[kind] if started + 1 <= t < writes_from]  # 1 s of warm-up left out

    normal = {k: statistics.median(quiet(k) or [float("nan")]) * BACK_TO_NORMAL for k in samples}

    def recovered_at(kind: str) -> float | None:
        """Seconds after the last write from which the median of every second of answers is within normal (None:
        not yet). A second, not 5 answers: on two cores a lookup answered in the process that also hands the
        heavy query on has 3 slow answers in 5 now and then whether or not anything was written (10 of 303
        quiet windows in one run), so a 5-answer window never came back and measured that noise, not a write."""
        after = [(t, ms) for t, ms in list(samples[kind]) if t >= last_write]
        if not after or after[-1][0] - last_write < RECOVERY_WINDOW:
            return None
        worst_end = last_write
        start = 0
        for end, (t, _) in enumerate(after):
            while after[start][0] < t - RECOVERY_WINDOW:
                start += 1
            if t - last_write >= RECOVERY_WINDOW and statistics.median(ms for _, ms in after[start:end + 1]) > normal[kind]:
                worst_end = t
        if time.monotonic() - worst_end < 3:  # must have stayed normal for 3 s
            return None
        return worst_end - last_write  # the end of the last slow second: an upper bound

    while time.monotonic() - last_write < recover_max:
        time.sleep(0.5)
        if all(recovered_at(k) is not None for k in samples):
            break
    stop.set()
    for probe in probes:
        probe.join(timeout=70)
    for reader in readers:
        reader.join(timeout=5)
    out: dict = {"server": server.name, "writes": len(write_ms), "write_errors": errors["write"],
                 "write_p50_ms": round(_quantile(write_ms, 0.5), 2), "write_max_ms": round(max(write_ms), 2)}
    for kind in ("heavy", "cheap"):
        during = [ms for t, ms in samples[kind] if writes_from <= t < last_write]
        q = quiet(kind)
        back = recovered_at(kind)
        out[kind] = {
            "quiet_p50_ms": round(_quantile(q, 0.5), 2), "quiet_p99_ms": round(_quantile(q, 0.99), 2),
            "writes_p50_ms": round(_quantile(during, 0.5), 2), "writes_p99_ms": round(_quantile(during, 0.99), 2),
            "writes_max_ms": round(max(during or [float("nan")]), 2),
            "writes_p50_vs_quiet": round(_quantile(during, 0.5) / _quantile(q, 0.5), 2),
            "writes_p99_vs_quiet_p99": round(_quantile(during, 0.99) / _quantile(q, 0.99), 2),
            "writes_p99_vs_quiet_p50": round(_quantile(during, 0.99) / _quantile(q, 0.5), 2),
            "quiet_p99_vs_quiet_p50": round(_quantile(q, 0.99) / _quantile(q, 0.5), 2),
            "answered_by": dict(sorted(answered_by[kind].items())),
            "back_to_normal_s": None if back is None else round(back, 2),  # None: not within recover_max
            "answers": len(samples[kind]), "errors": errors[kind],
        }
    return out


# -- data ---------------------------------------------------------------------------------------------------
def pristine_store(triples: int) -> Path:
    """``bench/out/store-N``: the synthetic graph bulk-loaded once (one named graph, as qualgraph loads it)."""
    from generate import generate

    store_dir = OUT / f"store-{triples}"
    if store_dir.exists():
        return store_dir
    data = OUT / f"synthetic-{triples}.nt"
    if not data.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        generate(data, triples)
    partial = store_dir.with_name(store_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    store = ox.Store(str(partial))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES,
                    to_graph=ox.NamedNode(str(ids.graph_iri("bench/synthetic.nt"))))
    store.flush()
    store.optimize()
    del store
    partial.rename(store_dir)
    return store_dir


def prepare(triples: int, work: Path) -> tuple[Path, Path, Path]:
    """Three identical on-disk stores of the synthetic graph, copies of :func:`pristine_store`."""
    source = pristine_store(triples)
    copies = []
    for name in ("qualgraph-store", "oxigraph-store", "qualgraph-disk-store"):
        shutil.copytree(source, work / name)
        copies.append(work / name)
    return copies[0], copies[1], copies[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph (default 1M)")
    parser.add_argument("--seconds", type=float, default=8, help="measured seconds per target and round (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; each measures every target once (default 3)")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up per target and round (default 2)")
    parser.add_argument("--client", choices=("wrk", "httpx"), default="wrk" if shutil.which("wrk") else "httpx")
    parser.add_argument("--level", default=LEVEL, help=f"the level asked about (default {LEVEL})")
    parser.add_argument("--write-seconds", type=float, default=10,
                        help="seconds of the write trickle per server (default 10; 0: no writes phase)")
    parser.add_argument("--quiet-seconds", type=float, default=6, help="quiet latency before the writes (default 6)")
    parser.add_argument("--recover-max", type=float, default=90,
                        help="seconds to wait after the last write for normal latency (default 90)")
    parser.add_argument("--copy-timeout", type=float, default=900,
                        help="seconds to wait for the in-memory copies before measuring (default 900)")
    parser.add_argument("--oxigraph-timeout", type=int, default=0,
                        help="oxigraph serve --timeout-s (default none: with it, it aborts under the cheap load)")
    parser.add_argument("--replica-cap", type=int, default=None,
                        help="QUALGRAPH_QUERY_REPLICA_MAX_QUADS of the 'default' qualgraph (default: qualgraph's own); "
                             "at 10M, 0 keeps its workers' copy attempts from taking CPU from every other target")
    parser.add_argument("--wrk-threads", type=int, default=CLIENTS,
                        help=f"wrk's threads for the {CLIENTS} connections (default {CLIENTS}; see WRK_THREADS)")
    args = parser.parse_args(argv)
    global WRK_THREADS
    WRK_THREADS = max(1, min(CLIENTS, args.wrk_threads))

    query = with_values(load_query("comparable-levels"), "level", [ids.LevelId.parse(args.level).iri])
    sparql_headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
    workers = 2 * (os.cpu_count() or 1)
    rounds: list[list[Result]] = []
    writes: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="qualgraph-bench-http-", dir=os.environ.get("BENCH_TMP")) as tmp:
        work = Path(tmp)
        t0 = time.monotonic()
        qg_store, ox_store, disk_store = prepare(args.triples, work)
        print(f"data ready in {time.monotonic() - t0:.1f} s ({args.triples} triples); client: {args.client}",
              flush=True)
        ox_port, qg_port, disk_port = free_port(), free_port(), free_port()
        # One at a time, so each start-up time is its own (and not slowed by the others).
        startup: dict[str, float] = {}
        oxigraph = start_oxigraph(ox_store, ox_port, args.oxigraph_timeout)
        processes = [oxigraph]
        try:
            startup["oxigraph serve"] = wait_for(f"http://127.0.0.1:{ox_port}/query?query=ASK%7B%7D", oxigraph)
            # the disk-only one first: the default one's workers start copying the store as soon as they open it
            qualgraph_disk = start_qualgraph(disk_store, disk_port, replica=False)
            processes.append(qualgraph_disk)
            startup["qualgraph, disk only"] = wait_for(f"http://127.0.0.1:{disk_port}/sparql?query=ASK%7B%7D",
                                                       qualgraph_disk)
            qualgraph = start_qualgraph(qg_store, qg_port, replica_cap=args.replica_cap)
            processes.append(qualgraph)
            startup["qualgraph"] = wait_for(f"http://127.0.0.1:{qg_port}/sparql?query=ASK%7B%7D", qualgraph)
            print("start-up (s until ASK {} is answered): "
                  + ", ".join(f"{k} {v:.2f}" for k, v in startup.items()), flush=True)
            idle_memory = {name: process_memory(p.pid) for name, p in
                           (("oxigraph serve", oxigraph), ("qualgraph", qualgraph),
                            ("qualgraph, disk only", qualgraph_disk))}
            try:
                if args.triples > (replica_cap() if args.replica_cap is None else args.replica_cap):
                    raise RuntimeError("over the cap")
                copied = wait_for_memory_copies(f"http://127.0.0.1:{qg_port}/sparql", query, sparql_headers,
                                                workers=workers, timeout=args.copy_timeout)
                print(f"qualgraph's query workers answer from their in-memory copies ({copied:.0f} s after start)")
                memory_copies = True
            except RuntimeError:
                print("qualgraph's query workers do not answer from in-memory copies (store over the cap?): "
                      "its default target reads the disk")
                memory_copies = False
            settle: dict[str, dict] = {}
            for name, process in (("qualgraph", qualgraph), ("qualgraph, disk only", qualgraph_disk)):
                seconds, peak = wait_until_idle(process.pid)
                settle[name] = {"idle_after_s": round(seconds, 1), "peak_resident_mib": round(peak),
                                "resident_mib": round(resident_mb(process.pid))}
                print(f"{name}: idle {seconds:.0f} s later; resident {settle[name]['resident_mib']} MiB, "
                      f"highest meanwhile {peak:.0f} MiB", flush=True)
            api = f"http://127.0.0.1:{qg_port}/api/equivalences?from={args.level}"
            answers = httpx.get(api, timeout=120).json()
            rows = httpx.post(f"http://127.0.0.1:{ox_port}/query", content=query, headers=sparql_headers,
                              timeout=120).json()["results"]["bindings"]
            record = httpx.post(f"http://127.0.0.1:{ox_port}/query", content=CHEAP_QUERY, headers=sparql_headers,
                                timeout=60).json()["results"]["bindings"]
            print(f"{args.level}: {len(rows)} paths from SPARQL, {len(answers)} answers from the API; "
                  f"cheap query: {len(record)} rows", flush=True)

            def sparql(port: int, path: str, body: str, distinct: bool = False) -> Request:
                return Request(f"http://127.0.0.1:{port}{path}", "POST", body, sparql_headers, distinct)

            # (name, request, pid, index of the oxigraph target its ratios are taken against)
            targets = [
                ("oxigraph serve /query", sparql(ox_port, "/query", query), oxigraph.pid, 0),
                ("qualgraph /sparql", sparql(qg_port, "/sparql", query), qualgraph.pid, 0),
                ("qualgraph /sparql, disk only", sparql(disk_port, "/sparql", query), qualgraph_disk.pid, 0),
                ("qualgraph /api/equivalences", Request(api, "GET", None, {"Accept": "application/json"}),
                 qualgraph.pid, 0),
                ("oxigraph serve /query, cheap", sparql(ox_port, "/query", CHEAP_QUERY), oxigraph.pid, 4),
                ("qualgraph /sparql, cheap", sparql(qg_port, "/sparql", CHEAP_QUERY), qualgraph.pid, 4),
                ("qualgraph /sparql, disk only, cheap", sparql(disk_port, "/sparql", CHEAP_QUERY),
                 qualgraph_disk.pid, 4),
                ("oxigraph serve /query, each text new", sparql(ox_port, "/query", query, True), oxigraph.pid, 7),
                ("qualgraph /sparql, each text new", sparql(qg_port, "/sparql", query, True), qualgraph.pid, 7),
                ("qualgraph /sparql, disk only, each text new", sparql(disk_port, "/sparql", query, True),
                 qualgraph_disk.pid, 7),
            ]
            for number in range(1, args.rounds + 1):
                rounds.append([])
                for name, req, pid, _ in targets:
                    check_alive(processes)
                    rounds[-1].append(measure(name, req, pid, args.seconds, args.warmup, args.client, work))
                check_alive(processes)
                print(f"  round {number}: " + ", ".join(f"{r.target} {r.rps:.0f} req/s" for r in rounds[-1]),
                      flush=True)
            memory = {name: process_memory(p.pid) for name, p in
                      (("oxigraph serve", oxigraph), ("qualgraph", qualgraph),
                       ("qualgraph, disk only", qualgraph_disk))}
            if args.write_seconds > 0:
                servers = [
                    Server("oxigraph serve", oxigraph, f"http://127.0.0.1:{ox_port}", "/query", {}),
                    Server("qualgraph", qualgraph, f"http://127.0.0.1:{qg_port}", "/sparql",
                           {"Authorization": f"Bearer {ADMIN_TOKEN}"}),
                    Server("qualgraph, disk only", qualgraph_disk, f"http://127.0.0.1:{disk_port}", "/sparql",
                           {"Authorization": f"Bearer {ADMIN_TOKEN}"}),
                ]
                for server in servers:
                    writes.append(writes_phase(server, query, args.quiet_seconds, args.write_seconds,
                                               args.recover_max))
                    w = writes[-1]
                    print(f"  writes, {server.name}: heavy {w['heavy']['quiet_p50_ms']} -> "
                          f"{w['heavy']['writes_p50_ms']} ms p50, back in {w['heavy']['back_to_normal_s']} s; "
                          f"cheap {w['cheap']['quiet_p50_ms']} -> {w['cheap']['writes_p50_ms']} ms p50, back in "
                          f"{w['cheap']['back_to_normal_s']} s; PUT p50 {w['write_p50_ms']} ms", flush=True)
                after_writes = {name: process_memory(p.pid) for name, p in
                                (("oxigraph serve", oxigraph), ("qualgraph", qualgraph),
                                 ("qualgraph, disk only", qualgraph_disk))}
            else:
                after_writes = {}
        finally:
            for process in reversed(processes):
                stop(process)

    # Per target, the median over the rounds; ratios to oxigraph serve (same query) are taken within each round.
    summary = []
    for i, (name, _, _, base_index) in enumerate(targets):
        mine = [r[i] for r in rounds]
        base = [r[base_index] for r in rounds]
        summary.append({
            "target": name,
            "rps": statistics.median(r.rps for r in mine),
            "p50_ms": statistics.median(r.p50_ms for r in mine),
            "p99_ms": statistics.median(r.p99_ms for r in mine),
            "cpu_ms_per_request": statistics.median(r.cpu_ms_per_request for r in mine),
            "rps_ratio_to_oxigraph": round(statistics.median(m.rps / b.rps for m, b in zip(mine, base)), 3),
            "cpu_ratio_to_oxigraph": round(statistics.median(m.cpu_ms_per_request / b.cpu_ms_per_request
                                                             for m, b in zip(mine, base)), 3),
            "errors": sum(r.errors for r in mine),
            "per_round_rps": [r.rps for r in mine],
        })
    total = {name: round(sum(p["rss_mib"] for p in procs)) for name, procs in memory.items()}
    print(f"\n{args.triples} triples; medians of {args.rounds} rounds; ratios: median of the ratios within each "
          f"round, against oxigraph serve on the same query; qualgraph default from "
          f"{'its in-memory copies' if memory_copies else 'disk (no copies)'}")
    print(f"{'target':36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>11} {'req/s ratio':>12} "
          f"{'CPU ratio':>10} {'errors':>7}")
    for row in summary:
        print(f"{row['target']:36} {row['rps']:8.1f} {row['p50_ms']:8.2f} {row['p99_ms']:8.2f} "
              f"{row['cpu_ms_per_request']:11.3f} {row['rps_ratio_to_oxigraph']:12.2f} "
              f"{row['cpu_ratio_to_oxigraph']:10.2f} {row['errors']:7d}")
    print("\nresident memory (MiB, VmRSS of each process: idle after start / after the rounds / after the writes)")
    for name, procs in memory.items():
        idle = {p["pid"]: p["rss_mib"] for p in idle_memory.get(name, [])}
        later = {p["pid"]: p["rss_mib"] for p in after_writes.get(name, [])}
        print(f"  {name}: total {sum(idle.values()):.0f} / {total[name]} / "
              f"{sum(later.values()) if later else float('nan'):.0f}; start-up {startup[name]:.2f} s")
        for p in procs:
            print(f"    {p['process']:14} pid {p['pid']:>7}  {idle.get(p['pid'], float('nan')):8.1f} "
                  f"{p['rss_mib']:8.1f} {later.get(p['pid'], float('nan')):8.1f}")
    if writes:
        print(f"\nwrites: one PUT of {WRITE_TRIPLES} triples every {WRITE_EVERY} s for {args.write_seconds:g} s; "
              f"two probe clients (one query at a time); 'back' = s from the last write until every 1-second "
              f"median is within {BACK_TO_NORMAL}x quiet")
        print("p50 x: p50 during the writes / quiet p50; p99 x: p99 during / quiet p99 (like for like); p99/q50: p99 "
              "during / quiet p50; quiet p99/p50: the spread without writes")
        print(f"{'server':22} {'query':6} {'quiet p50':>10} {'quiet p99':>10} {'writes p50':>11} {'p99':>8} {'max':>8} "
              f"{'p50 x':>6} {'p99 x':>6} {'p99/q50':>8} {'quiet p99/p50':>14} {'back s':>7} {'PUT p50':>8}  answered by")
        for w in writes:
            for kind in ("heavy", "cheap"):
                k = w[kind]
                back = f">{args.recover_max:g}" if k["back_to_normal_s"] is None else f"{k['back_to_normal_s']:.1f}"
                by = ", ".join(f"{how} {n}" for how, n in k["answered_by"].items())
                print(f"{w['server']:22} {kind:6} {k['quiet_p50_ms']:10.2f} {k['quiet_p99_ms']:10.2f} "
                      f"{k['writes_p50_ms']:11.2f} {k['writes_p99_ms']:8.2f} {k['writes_max_ms']:8.1f} "
                      f"{k['writes_p50_vs_quiet']:6.2f} {k['writes_p99_vs_quiet_p99']:6.2f} "
                      f"{k['writes_p99_vs_quiet_p50']:8.2f} {k['quiet_p99_vs_quiet_p50']:14.2f} {back:>7} "
                      f"{w['write_p50_ms']:8.1f}  {by}")
    OUT.mkdir(parents=True, exist_ok=True)
    report = {
        "triples": args.triples, "level": args.level, "clients": CLIENTS, "wrk_threads": WRK_THREADS, "seconds": args.seconds,
        "rounds": args.rounds, "cheap_query": CHEAP_QUERY, "oxigraph_timeout_s": args.oxigraph_timeout,
        "replica_cap": args.replica_cap, "qualgraph_default_from_memory": memory_copies,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "loadavg_at_end": os.getloadavg()},
        "summary": summary,
        "startup_s": {k: round(v, 3) for k, v in startup.items()},
        "settling": settle,
        "resident_mb": total,
        "processes": {"idle": idle_memory, "after_rounds": memory, "after_writes": after_writes},
        "writes": writes,
        "runs": [[asdict(r) for r in one] for one in rounds],
    }
    path = OUT / f"http-{args.triples}{'' if args.replica_cap is None else f'-cap{args.replica_cap}'}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
